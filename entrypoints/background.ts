import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { enableToolbarOpensSidebar, openSidebarWithIntent, type SidebarApi } from '@/lib/browser/sidebar';
import type { UiIntent } from '@/lib/messaging/protocol';

const sidebarApi = browser as unknown as SidebarApi;

const COMMAND_INTENTS: Record<string, UiIntent> = {
  'focus-composer': { kind: 'focus-composer', prefill: null },
  'log-call': { kind: 'log-call', phone: null },
  'search-accounts': { kind: 'search' },
};

export default defineBackground(() => {
  // Listeners are registered synchronously at start-up so a woken service worker hears the event that woke it.
  browser.runtime.onInstalled.addListener(() => void enableToolbarOpensSidebar(sidebarApi));
  browser.runtime.onStartup.addListener(() => void enableToolbarOpensSidebar(sidebarApi));

  browser.commands.onCommand.addListener((command, tab) => {
    const intent = COMMAND_INTENTS[command];
    if (intent) void openSidebarWithIntent(sidebarApi, tab?.windowId, intent);
  });
});
