import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { syncPageReaderRegistration, type HostAccessApi } from '@/lib/browser/host-access';
import { createContextMenus, intentForMenuClick, type MenuApi } from '@/lib/browser/context-menu';
import { enableToolbarOpensSidebar, openSidebarWithIntent, type SidebarApi } from '@/lib/browser/sidebar';
import type { UiIntent } from '@/lib/messaging/protocol';

const sidebarApi = browser as unknown as SidebarApi;
const hostApi = browser as unknown as HostAccessApi;

function syncReader(): void {
  syncPageReaderRegistration(hostApi).catch((error: unknown) => console.error('Could not register the page reader', error));
}

const COMMAND_INTENTS: Record<string, UiIntent> = {
  'focus-composer': { kind: 'focus-composer', prefill: null },
  'log-call': { kind: 'log-call', phone: null },
  'search-accounts': { kind: 'search' },
};

export default defineBackground(() => {
  // Every start, not only on install: the behaviour must hold before the first toolbar click.
  void enableToolbarOpensSidebar(sidebarApi);
  // Listeners are registered synchronously at start-up so a woken service worker hears the event that woke it.
  browser.runtime.onInstalled.addListener(() => {
    void enableToolbarOpensSidebar(sidebarApi);
    void createContextMenus(browser as unknown as MenuApi);
    syncReader();
  });
  browser.runtime.onStartup.addListener(() => {
    void enableToolbarOpensSidebar(sidebarApi);
    syncReader();
  });
  // Site access can change in the sidebar, the options page or the browser's own settings.
  browser.permissions.onAdded.addListener(syncReader);
  browser.permissions.onRemoved.addListener(syncReader);

  browser.contextMenus.onClicked.addListener((info, tab) => {
    const intent = intentForMenuClick({ menuItemId: info.menuItemId, selectionText: info.selectionText, linkUrl: info.linkUrl });
    if (intent) void openSidebarWithIntent(sidebarApi, tab?.windowId, intent);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    const intent = COMMAND_INTENTS[command];
    if (intent) void openSidebarWithIntent(sidebarApi, tab?.windowId, intent);
  });
});
