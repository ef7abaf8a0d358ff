import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { PENDING_INTENT_KEY } from '@/lib/browser/intent-key';
import type { UiIntent } from '@/lib/messaging/protocol';
import { loadProtocol } from '../lazy';

const INTENT_FRESH_MS = 15_000;

/**
 * Acts on shortcuts, menu clicks and notification clicks: from a message when the sidebar
 * is open, or from session storage when the same gesture is what opened it.
 */
export function useIntents(onIntent: (intent: UiIntent) => void): void {
  useEffect(() => {
    const consumePending = async () => {
      const stored = (await browser.storage.session.get(PENDING_INTENT_KEY))[PENDING_INTENT_KEY] as { intent: unknown; at: number } | undefined;
      if (!stored) return;
      await browser.storage.session.remove(PENDING_INTENT_KEY);
      const { uiIntentSchema } = await loadProtocol();
      const parsed = uiIntentSchema.safeParse(stored.intent);
      if (parsed.success && Date.now() - stored.at < INTENT_FRESH_MS) onIntent(parsed.data);
    };
    void consumePending().catch(() => {});
    const onMessage = (raw: unknown) => {
      void loadProtocol().then(({ parseMessage }) => {
        const message = parseMessage(raw);
        if (message?.type !== 'ui/intent') return;
        void browser.storage.session.remove(PENDING_INTENT_KEY).catch(() => {});
        onIntent(message.intent);
      });
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
    // The handler reads the latest state through refs in the caller.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
