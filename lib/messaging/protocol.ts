import * as z from 'zod';
import { pageContextSchema } from '../schemas';

/**
 * The one message protocol between content scripts, the background and the sidebar.
 * Every receiver parses with `parseMessage` and ignores what does not parse: a page can
 * post anything, and a stale sidebar may talk to a newer background.
 */

/** What the sidebar should do when it opens or is already open (from a shortcut, menu or notification). */
export const uiIntentSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('focus-composer'), prefill: z.string().max(65_536).nullable() }),
  z.strictObject({ kind: z.literal('log-call'), phone: z.string().max(60).nullable() }),
  z.strictObject({ kind: z.literal('search') }),
  z.strictObject({ kind: z.literal('open-account'), accountId: z.uuid() }),
  z.strictObject({ kind: z.literal('add-contact'), email: z.string().max(320), name: z.string().max(300).nullable() }),
]);
export type UiIntent = z.infer<typeof uiIntentSchema>;

/** The triggers lib/sync/scheduler.ts decides on; the UI sends the ones it sees. */
export const syncReasonSchema = z.enum(['write', 'online', 'alarm', 'sidebar_open', 'live_change', 'manual', 'settings_changed', 'server_back']);
export type SyncReason = z.infer<typeof syncReasonSchema>;

export const messageSchema = z.discriminatedUnion('type', [
  /** Sidebar → content script in a tab: answer with the page's context (a `PageContext`). */
  z.strictObject({ type: z.literal('page/read') }),
  /** Content script → everyone: the page's context changed (SPA navigation, another thread opened). */
  z.strictObject({ type: z.literal('page/changed'), context: pageContextSchema }),
  /** Any UI → background: run a sync soon. */
  z.strictObject({ type: z.literal('sync/request'), reason: syncReasonSchema }),
  /**
   * Background → sidebar: the rep invoked Sidenote on this tab (toolbar click, shortcut, menu
   * item), so the browser granted access to it: an open sidebar showing it reads it again.
   */
  z.strictObject({ type: z.literal('page/granted'), tabId: z.number().int().nonnegative() }),
  /** Background → sidebar: act on a shortcut, a menu click or a notification. */
  z.strictObject({ type: z.literal('ui/intent'), intent: uiIntentSchema }),
  /** Any UI → background: tasks changed, recompute reminder alarms. */
  z.strictObject({ type: z.literal('reminders/refresh') }),
]);
export type Message = z.infer<typeof messageSchema>;
export type MessageOf<T extends Message['type']> = Extract<Message, { type: T }>;

export function parseMessage(raw: unknown): Message | null {
  const result = messageSchema.safeParse(raw);
  return result.success ? result.data : null;
}

export function parsePageContextResponse(raw: unknown) {
  const result = pageContextSchema.safeParse(raw);
  return result.success ? result.data : null;
}

/** Anything that can post to the extension's pages: `browser` itself, or a fake in tests. */
export interface ExtensionMessageSender {
  runtime: { sendMessage(message: Message): Promise<unknown> };
}

/**
 * Posts a typed message to the extension's own pages (the sidebar, the options page). No page
 * being open to hear it is normal (the browser rejects with "Receiving end does not exist"),
 * so it resolves either way.
 */
export async function sendExtensionMessage(api: ExtensionMessageSender, message: Message): Promise<void> {
  try {
    await api.runtime.sendMessage(message);
  } catch {
    // Nobody listening: the sidebar reads what it needs when it opens.
  }
}
