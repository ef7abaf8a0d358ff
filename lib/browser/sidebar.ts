import type { Browser } from 'wxt/browser';
import type { UiIntent } from '../messaging/protocol';

/** The browser APIs this module needs; the real `browser` in the extension, a fake in tests. */
export interface SidebarApi {
  sidePanel?: { open(options: { windowId: number }): Promise<void>; setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void> };
  sidebarAction?: { open(): Promise<void> };
  storage: { session: Pick<Browser.storage.StorageArea, 'set'> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
}

export const PENDING_INTENT_KEY = 'pendingUiIntent';

/** Chrome opens the side panel from the toolbar button; Firefox's sidebar has its own toggle. */
export async function enableToolbarOpensSidebar(api: SidebarApi): Promise<void> {
  await api.sidePanel?.setPanelBehavior({ openPanelOnActionClick: true });
}

/**
 * Opens the sidebar and hands it an intent. Must be called synchronously inside the user
 * gesture (a command, menu click or notification click): both browsers refuse to open the
 * panel after an await.
 */
export function openSidebarWithIntent(api: SidebarApi, windowId: number | undefined, intent: UiIntent | null): Promise<void> {
  const opening = api.sidePanel && windowId !== undefined ? api.sidePanel.open({ windowId }) : api.sidebarAction ? api.sidebarAction.open() : Promise.resolve();
  if (!intent) return opening.catch(() => {});
  // A sidebar that is already open hears the message; one that is opening reads the stored intent.
  const stored = api.storage.session.set({ [PENDING_INTENT_KEY]: { intent, at: Date.now() } });
  return Promise.all([opening.catch(() => {}), stored])
    .then(() => api.runtime.sendMessage({ type: 'ui/intent', intent }))
    .then(
      () => undefined,
      () => undefined,
    );
}
