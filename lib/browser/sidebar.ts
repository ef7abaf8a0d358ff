/**
 * Opening the sidebar (Chrome's side panel, Firefox's sidebar) from the rep's gestures.
 *
 * Chrome grants `activeTab` (the right to read the page once) only when the extension itself
 * is invoked: its own `action.onClicked`, a command, a context-menu item. Letting Chrome open
 * the panel by itself (`openPanelOnActionClick`) skips the extension and so grants nothing;
 * the panel then sees only the tab's title and address. So the toolbar click comes here, and
 * every open call is made synchronously inside the gesture's listener: both browsers refuse
 * to open the sidebar once the gesture has passed (after an `await`).
 */
import { sendExtensionMessage, type Message, type UiIntent } from '../messaging/protocol';
import { PENDING_INTENT_KEY } from './intent-key';

/** The browser APIs this module needs; the real `browser` in the extension, a fake in tests. */
export interface SidebarApi {
  /** Chrome. */
  sidePanel?: {
    open(options: { tabId: number } | { windowId: number }): Promise<void>;
    setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
  };
  /** Firefox. */
  sidebarAction?: { open(): Promise<void> };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
  runtime: { sendMessage(message: Message): Promise<unknown> };
}

export { PENDING_INTENT_KEY };

/** The tab a gesture happened on, as `tabs.Tab` gives it. */
export interface GestureTab {
  id?: number;
  windowId?: number;
}

/**
 * Sends the toolbar click to `action.onClicked`. An earlier version let Chrome open the panel
 * by itself, and Chrome keeps that setting across updates and restarts, so it is turned off
 * on every start, not only on install.
 */
export async function routeToolbarClickToBackground(api: Pick<SidebarApi, 'sidePanel'>): Promise<void> {
  await api.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false });
}

/** The open call itself; never awaits and never throws, so it can run first in any listener. */
function startOpening(api: SidebarApi, target: { tabId?: number; windowId?: number }): Promise<void> {
  try {
    if (api.sidePanel) {
      if (target.tabId !== undefined) return api.sidePanel.open({ tabId: target.tabId });
      if (target.windowId !== undefined) return api.sidePanel.open({ windowId: target.windowId });
      return Promise.reject(new Error('No tab or window to open the side panel in'));
    }
    if (api.sidebarAction) return api.sidebarAction.open();
    return Promise.reject(new Error('This browser has neither sidePanel nor sidebarAction'));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

/** After the sidebar opened: the messages an open sidebar acts on, and the intent one that is still loading reads. */
async function deliver(api: SidebarApi, opening: Promise<void>, tabId: number | undefined, intent: UiIntent | null): Promise<void> {
  // A sidebar that is still loading reads the stored intent; one that is open hears the message.
  const stored = intent ? api.storage.session.set({ [PENDING_INTENT_KEY]: { intent, at: Date.now() } }).catch(() => {}) : Promise.resolve();
  try {
    await opening;
  } catch (error) {
    console.warn('Could not open the sidebar', error);
  }
  await stored;
  // An open sidebar re-reads the tab: the gesture just gave it the right to.
  if (tabId !== undefined) await sendExtensionMessage(api, { type: 'page/granted', tabId });
  if (intent) await sendExtensionMessage(api, { type: 'ui/intent', intent });
}

/**
 * For a gesture that invokes Sidenote on a tab (a toolbar click, its shortcut, a command, a
 * context-menu item): opens the sidebar for that tab, which never closes an open one, and
 * tells an open sidebar it may read the tab now and what the gesture asked for.
 */
export function openSidebarForTab(api: SidebarApi, tab: GestureTab | undefined, intent: UiIntent | null): Promise<void> {
  const opening = startOpening(api, { tabId: tab?.id, windowId: tab?.windowId });
  return deliver(api, opening, tab?.id, intent);
}

/** For a gesture with no tab and no grant (a notification click): opens the sidebar in a window with an intent. */
export function openSidebarInWindow(api: SidebarApi, windowId: number | undefined, intent: UiIntent | null): Promise<void> {
  const opening = startOpening(api, { windowId });
  return deliver(api, opening, undefined, intent);
}
