/**
 * The background: builds its services when the browser starts it (never at import, so a test
 * can start it on a fake browser) and registers every listener in one synchronous pass, so a
 * worker woken by an event hears the event that woke it.
 */
import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { intentForCommand } from '@/lib/browser/commands';
import { createContextMenus, intentForMenuClick, type MenuApi } from '@/lib/browser/context-menu';
import { syncPageReaderRegistration, type HostAccessApi } from '@/lib/browser/host-access';
import { openSidebarForTab, openSidebarInWindow, routeToolbarClickToBackground, type GestureTab, type SidebarApi } from '@/lib/browser/sidebar';
import { clearRepliedNoReplyTasks, loadReminderTask, loadReminderTasks } from '@/lib/db/funnel-queries';
import type { SidenoteDb } from '@/lib/db/database';
import { getDb } from '@/lib/db/instance';
import { resolveLocale } from '@/lib/i18n/core';
import { parseMessage, type UiIntent } from '@/lib/messaging/protocol';
import { createReminderService, type ReminderBrowser, type ReminderService } from '@/lib/reminders/browser';
import { accountIdFromNotificationId } from '@/lib/reminders/schedule';
import { identityItem, serverSettingsItem } from '@/lib/settings/items';
import { readLanguage, readServerSettings } from '@/lib/settings/schemas';
import { createSyncController } from '@/lib/sync/controller';
import type { SyncRunResult } from '@/lib/sync/engine';
import { SYNC_ALARM_PERIOD_MINUTES, type SyncReason } from '@/lib/sync/scheduler';

const SYNC_ALARM = 'sidenote-sync';

/** Firefox's MV2 names, which Chrome's types do not declare: the toolbar button and the sidebar. */
interface FirefoxActions {
  browserAction?: { onClicked: { addListener(listener: (tab: GestureTab) => void): void } };
  sidebarAction?: { open(): Promise<void> };
}

function sidebarApiOf(api: typeof browser): SidebarApi {
  const firefox = api as unknown as FirefoxActions;
  return {
    sidePanel: api.sidePanel as SidebarApi['sidePanel'],
    sidebarAction: firefox.sidebarAction,
    storage: api.storage,
    runtime: api.runtime,
  };
}

/** The toolbar button: `action` in Chrome (MV3), `browserAction` in Firefox (MV2). */
function toolbarButtonOf(api: typeof browser): { onClicked: { addListener(listener: (tab: GestureTab) => void): void } } | null {
  return (api.action as unknown as FirefoxActions['browserAction']) ?? (api as unknown as FirefoxActions).browserAction ?? null;
}

function logFailure(what: string): (error: unknown) => void {
  return (error) => console.error(what, error);
}

/**
 * The toolbar click, its shortcut, the other commands and the context menu. Each opens the
 * sidebar first thing in its listener: that keeps the gesture (and the activeTab grant that
 * comes with it) valid for the open call.
 */
function setUpSidebarGestures(sidebar: SidebarApi): void {
  void routeToolbarClickToBackground(sidebar).catch(logFailure('Could not route the toolbar click'));
  toolbarButtonOf(browser)?.onClicked.addListener((tab) => {
    void openSidebarForTab(sidebar, tab, null);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    const intent = intentForCommand(command);
    if (intent) void openSidebarForTab(sidebar, tab, intent);
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    const intent = intentForMenuClick({ menuItemId: info.menuItemId, selectionText: info.selectionText, linkUrl: info.linkUrl });
    if (intent) void openSidebarForTab(sidebar, tab, intent);
  });
}

/** The registered page reader follows the sites the rep allowed, wherever a grant changes. */
function setUpHostAccess(): void {
  const hostApi = browser as unknown as HostAccessApi;
  const syncReader = () => void syncPageReaderRegistration(hostApi).catch(logFailure('Could not register the page reader'));
  browser.runtime.onInstalled.addListener(syncReader);
  browser.runtime.onStartup.addListener(syncReader);
  // Site access can change in the sidebar, the options page or the browser's own settings.
  browser.permissions.onAdded.addListener(syncReader);
  browser.permissions.onRemoved.addListener(syncReader);
}

function setUpContextMenus(): void {
  browser.runtime.onInstalled.addListener(() => void createContextMenus(browser as unknown as MenuApi).catch(logFailure('Could not create the context menus')));
}

function setUpReminders(db: SidenoteDb, sidebar: SidebarApi): ReminderService {
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

  /** The window a notification click should open the sidebar in; kept in memory, refreshed on focus. */
  let lastFocusedWindowId: number | undefined;
  browser.windows.onFocusChanged.addListener((windowId) => {
    if (windowId !== browser.windows.WINDOW_ID_NONE) lastFocusedWindowId = windowId;
  });
  browser.notifications.onClicked.addListener((notificationId) => {
    const accountId = accountIdFromNotificationId(notificationId);
    if (!accountId) return;
    const intent: UiIntent = { kind: 'open-account', accountId };
    if (lastFocusedWindowId !== undefined) {
      void openSidebarInWindow(sidebar, lastFocusedWindowId, intent);
    } else {
      // A worker woken by the click does not know the window yet; the intent waits for the sidebar.
      void browser.windows.getLastFocused().then((window) => openSidebarInWindow(sidebar, window.id, intent));
    }
    void browser.notifications.clear(notificationId);
  });
  return reminders;
}

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

function setUpSync(db: SidenoteDb, syncReminders: () => void): (reason: SyncReason) => void {
  const sync = createSyncController({
    db,
    loadSettings: readServerSettings,
    fetch: (input, init) => fetch(input, init),
    onResult: (result) => {
      void rememberScope(result);
      // Pulled tasks (or tasks completed elsewhere) change which reminders should exist; a run
      // whose push failed still pulled.
      if ((result.outcome === 'synced' || result.outcome === 'failed') && result.pulled > 0) syncReminders();
    },
  });
  const triggerSync = (reason: SyncReason) => void sync.trigger(reason).catch(logFailure('Sync trigger failed'));
  // The periodic alarm catches whatever the other triggers missed, and survives a killed worker.
  void browser.alarms.get(SYNC_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_ALARM_PERIOD_MINUTES, delayInMinutes: 1 });
  });
  globalThis.addEventListener('online', () => triggerSync('online'));
  serverSettingsItem.watch(() => triggerSync('settings_changed'));
  return triggerSync;
}

function main(): void {
  const db = getDb();
  const sidebar = sidebarApiOf(browser);
  setUpSidebarGestures(sidebar);
  setUpHostAccess();
  setUpContextMenus();
  const reminders = setUpReminders(db, sidebar);
  const syncReminders = () => void reminders.sync().catch(logFailure('Could not schedule reminders'));
  const triggerSync = setUpSync(db, syncReminders);

  browser.alarms.onAlarm.addListener((alarm: Browser.alarms.Alarm) => {
    if (alarm.name === SYNC_ALARM) triggerSync('alarm');
    else void reminders.handleAlarm(alarm);
  });
  browser.runtime.onMessage.addListener((raw: unknown) => {
    const message = parseMessage(raw);
    if (message?.type === 'reminders/refresh') syncReminders();
    if (message?.type === 'sync/request') triggerSync(message.reason);
  });

  syncReminders();
  // A worker woken for any reason resumes what a killed one left: the outbox is durable.
  triggerSync('alarm');
}

export default defineBackground(main);
