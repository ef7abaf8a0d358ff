import { useCallback, useEffect, useRef, useState } from 'react';
import { browser, type Browser } from 'wxt/browser';
import type { PageAccess } from '@/components/ContextBar';
import type { HostAccessApi, SiteScope } from '@/lib/browser/host-access';
import type { PageContext } from '@/lib/schemas';
import { loadHostAccess, loadProtocol } from '../lazy';

export interface PageState {
  tabId: number | null;
  context: PageContext | null;
  access: PageAccess;
  /** What "allow on this site" would ask for; null when a grant cannot help. */
  requestPattern: string | null;
  /** The same, as the rep reads it on the button. */
  requestScope: SiteScope | null;
}

const hostApi = browser as unknown as HostAccessApi;
const EMPTY: PageState = { tabId: null, context: null, access: 'none', requestPattern: null, requestScope: null };

async function readTab(tab: Browser.tabs.Tab): Promise<PageState> {
  const { readTabContext, siteScopeOf } = await loadHostAccess();
  const read = await readTabContext(hostApi, { id: tab.id, url: tab.url, title: tab.title });
  const tabId = tab.id ?? null;
  if (read.source !== 'tab') return { tabId, context: read.context, access: 'full', requestPattern: null, requestScope: null };
  if (read.reason === 'restricted-page') return { tabId, context: /^https?:/i.test(tab.url ?? '') ? read.context : null, access: 'none', requestPattern: null, requestScope: null };
  const requestScope = read.requestPattern ? siteScopeOf(read.requestPattern) : null;
  return { tabId, context: read.context, access: 'url-only', requestPattern: read.requestPattern, requestScope };
}

/**
 * Follows the rep: the active tab of this window, re-read on tab switches, navigations
 * (including single-page apps, which the reader reports) and title changes.
 */
export function usePageContext(): PageState & { refresh: () => void } {
  const [state, setState] = useState<PageState>(EMPTY);
  const windowId = useRef<number | null>(null);
  const activeTabId = useRef<number | null>(null);
  const generation = useRef(0);

  const load = useCallback(async (tab: Browser.tabs.Tab | undefined) => {
    const ticket = ++generation.current;
    activeTabId.current = tab?.id ?? null;
    if (!tab) {
      setState(EMPTY);
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
      if (tabId === undefined) {
        // From the background: a toolbar click, shortcut or menu item on a tab granted access to
        // it. A sidebar that was already open (the click did not open it) reads the tab again.
        void loadProtocol().then(({ parseMessage }) => {
          const message = parseMessage(raw);
          if (message?.type === 'page/granted' && message.tabId === activeTabId.current) refresh();
        });
        return;
      }
      if (tabId !== activeTabId.current) return;
      const ticket = ++generation.current;
      void loadProtocol().then(({ parseMessage }) => {
        const message = parseMessage(raw);
        if (message?.type !== 'page/changed' || ticket !== generation.current) return;
        setState({ tabId, context: message.context, access: 'full', requestPattern: null, requestScope: null });
      });
    };
    // A grant from the sidebar, the options page or the browser's own settings: read again.
    const onPermissionsChanged = () => refresh();
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.runtime.onMessage.addListener(onMessage);
    browser.permissions.onAdded.addListener(onPermissionsChanged);
    return () => {
      live = false;
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.runtime.onMessage.removeListener(onMessage);
      browser.permissions.onAdded.removeListener(onPermissionsChanged);
    };
  }, [load, refresh]);

  return { ...state, refresh };
}
