import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { syncPageReaderRegistration, type HostAccessApi } from '@/lib/browser/host-access';
import { createContextMenus, intentForMenuClick, type MenuApi } from '@/lib/browser/context-menu';
import { enableToolbarOpensSidebar, openSidebarWithIntent, type SidebarApi } from '@/lib/browser/sidebar';
import { clearRepliedNoReplyTasks, loadReminderTask, loadReminderTasks } from '@/lib/db/funnel-queries';
import { getDb } from '@/lib/db/instance';
import { resolveLocale } from '@/lib/i18n/core';
import { parseMessage, type UiIntent } from '@/lib/messaging/protocol';
import { createReminderService, type ReminderBrowser } from '@/lib/reminders/browser';
import { accountIdFromNotificationId } from '@/lib/reminders/schedule';
import { identityItem, serverSettingsItem } from '@/lib/settings/items';
import { readLanguage, readServerSettings } from '@/lib/settings/schemas';
import { createSyncController } from '@/lib/sync/controller';
import type { SyncRunResult } from '@/lib/sync/engine';
import { SYNC_ALARM_PERIOD_MINUTES, type SyncReason } from '@/lib/sync/scheduler';

const sidebarApi = browser as unknown as SidebarApi;
const hostApi = browser as unknown as HostAccessApi;

function syncReader(): void {
  syncPageReaderRegistration(hostApi).catch((error: unknown) => console.error('Could not register the page reader', error));
}

const db = getDb();
const reminders = createReminderService({
  browser: browser as unknown as ReminderBrowser,
  loadTasks: () => loadReminderTasks(db),
  loadTask: async (taskId) => {
    // A reply logged on the thread since the reminder was set stops a "no reply" reminder.
    await clearRepliedNoReplyTasks(db, { repId: null });
    return loadReminderTask(db, taskId, { repId: null });
  },
  locale: async () => resolveLocale(await readLanguage(), navigator.languages),
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  iconUrl: browser.runtime.getURL('/icon/128.png'),
});

function syncReminders(): void {
  reminders.sync().catch((error: unknown) => console.error('Could not schedule reminders', error));
}

const SYNC_ALARM = 'sidenote-sync';

/** Who this browser syncs as, refreshed from every successful sync (teammates join, names change). */
async function rememberScope(result: SyncRunResult): Promise<void> {
  if (result.outcome !== 'synced') return;
  const { scope } = result;
  await identityItem.setValue({
    repId: scope.rep.id,
    repName: scope.rep.name,
    repEmail: scope.rep.email,
    teamId: scope.team.id,
    teamName: scope.team.name,
    serverUrl: scope.baseUrl,
    reps: scope.reps.map((rep) => ({ id: rep.id, name: rep.name })),
  });
}

const sync = createSyncController({
  db,
  loadSettings: readServerSettings,
  fetch: (input, init) => fetch(input, init),
  onResult: (result) => {
    void rememberScope(result);
    // Pulled tasks (or tasks completed elsewhere) change which reminders should exist.
    if (result.outcome === 'synced' && result.pulled > 0) syncReminders();
  },
});

function triggerSync(reason: SyncReason): void {
  sync.trigger(reason).catch((error: unknown) => console.error('Sync trigger failed', error));
}

/** The window a notification click should open the sidebar in; kept in memory, refreshed on focus. */
let lastFocusedWindowId: number | undefined;

const COMMAND_INTENTS: Record<string, UiIntent> = {
  'focus-composer': { kind: 'focus-composer', prefill: null },
  'log-call': { kind: 'log-call', phone: null },
  'search-accounts': { kind: 'search' },
};

export default defineBackground(() => {
  // Every start, not only on install: the behaviour must hold before the first toolbar click.
  void enableToolbarOpensSidebar(sidebarApi);
  syncReminders();
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

  browser.runtime.onMessage.addListener((raw) => {
    const message = parseMessage(raw);
    if (message?.type === 'reminders/refresh') syncReminders();
    if (message?.type === 'sync/request') triggerSync(message.reason);
  });
  // The periodic alarm catches whatever the other triggers missed, and survives a killed worker.
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_PERIOD_MINUTES, delayInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) triggerSync('alarm');
    else void reminders.handleAlarm(alarm);
  });
  globalThis.addEventListener('online', () => triggerSync('online'));
  serverSettingsItem.watch(() => triggerSync('settings_changed'));
  // A worker woken for any reason resumes what a killed one left: the outbox is durable.
  triggerSync('alarm');
  browser.windows.onFocusChanged.addListener((windowId) => {
    if (windowId !== browser.windows.WINDOW_ID_NONE) lastFocusedWindowId = windowId;
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    const accountId = accountIdFromNotificationId(notificationId);
    if (!accountId) return;
    void browser.notifications.clear(notificationId);
    const intent: UiIntent = { kind: 'open-account', accountId };
    if (lastFocusedWindowId !== undefined) {
      void openSidebarWithIntent(sidebarApi, lastFocusedWindowId, intent);
    } else {
      // A worker woken by the click does not know the window yet; the intent waits for the sidebar.
      void browser.windows.getLastFocused().then((window) => openSidebarWithIntent(sidebarApi, window.id, intent));
    }
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
