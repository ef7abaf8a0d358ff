import { useCallback, useEffect, useRef, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';
import type { PageAccess } from '@/components/ContextBar';
import { loadExtract, loadProtocol } from '../lazy';
import type { PageContext } from '@/lib/schemas';

export interface PageState {
  tabId: number | null;
  context: PageContext | null;
  access: PageAccess;
}

const PAGE_READER_FILE = '/content-scripts/page-reader.js';

/** Asks the tab's reader, injects it when allowed, else falls back to what the tabs API tells. */
async function readTab(tab: Browser.tabs.Tab): Promise<PageState> {
  const tabId = tab.id ?? null;
  if (tabId === null || !tab.url || !/^https?:/i.test(tab.url)) return { tabId, context: null, access: 'none' };
  const { parsePageContextResponse } = await loadProtocol();
  try {
    const context = parsePageContextResponse(await browser.tabs.sendMessage(tabId, { type: 'page/read' }));
    if (context) return { tabId, context, access: 'full' };
  } catch {
    // No reader in the page yet: inject one below.
  }
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_READER_FILE] });
    const context = parsePageContextResponse(injection?.result);
    if (context) return { tabId, context, access: 'full' };
  } catch {
    // No activeTab grant and no host permission for this site.
  }
  const { minimalPageContext } = await loadExtract();
  return { tabId, context: minimalPageContext(tab.url, tab.title ?? ''), access: 'url-only' };
}

/**
 * Follows the rep: the active tab of this window, re-read on tab switches, navigations
 * (including single-page apps, which the reader reports) and title changes.
 */
export function usePageContext(): PageState & { refresh: () => void } {
  const [state, setState] = useState<PageState>({ tabId: null, context: null, access: 'none' });
  const windowId = useRef<number | null>(null);
  const activeTabId = useRef<number | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (tab: Browser.tabs.Tab | undefined) => {
    const ticket = ++generation.current;
    activeTabId.current = tab?.id ?? null;
    if (!tab) {
      setState({ tabId: null, context: null, access: 'none' });
      return;
    }
    const next = await readTab(tab);
    // A slower read for a tab the rep already left must not overwrite the newer one.
    if (ticket === generation.current) setState(next);
  }, []);

  const refresh = useCallback(() => {
    if (activeTabId.current !== null) void browser.tabs.get(activeTabId.current).then(load, () => load(undefined));
  }, [load]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const current = await browser.windows.getCurrent();
      windowId.current = current.id ?? null;
      const [tab] = await browser.tabs.query({ active: true, windowId: current.id });
      if (live) await load(tab);
    })();

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (info.windowId !== windowId.current) return;
      void browser.tabs.get(info.tabId).then(load);
    };
    const onUpdated = (tabId: number, change: { url?: string; title?: string; status?: string }, tab: Browser.tabs.Tab) => {
      if (tabId !== activeTabId.current) return;
      if (change.url || change.title || change.status === 'complete') void load(tab);
    };
    const onMessage = (raw: unknown, sender: Browser.runtime.MessageSender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined || tabId !== activeTabId.current) return;
      const ticket = ++generation.current;
      void loadProtocol().then(({ parseMessage }) => {
        const message = parseMessage(raw);
        if (message?.type !== 'page/changed' || ticket !== generation.current) return;
        setState({ tabId, context: message.context, access: 'full' });
      });
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      live = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [load]);

  return { ...state, refresh };
}
