import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { MENU_IDS } from '@/lib/browser/context-menu';
import { getDb } from '@/lib/db/instance';
import { notificationIdFor } from '@/lib/reminders/schedule';
import { readSyncStatus } from '@/lib/sync/status';
import { PENDING_INTENT_KEY } from '@/lib/browser/sidebar';
import { parseMessage, type Message } from '@/lib/messaging/protocol';
import { serverSettingsItem } from '@/lib/settings/items';

/**
 * The background's wiring (entrypoints/background.ts; kept here because WXT would take a
 * test file beside it for a second entrypoint), started on WXT's in-memory fakeBrowser. fakeBrowser has no
 * sidePanel, sidebarAction, commands, contextMenus, permissions or scripting, so those are
 * added here with the one browser rule this file is about: the sidebar opens only while the
 * browser is still handling the rep's gesture, which ends when the listener first awaits.
 */

type Listener = (...args: never[]) => unknown;
function fakeEvent<L extends Listener>() {
  const listeners: L[] = [];
  return {
    addListener: (listener: L) => void listeners.push(listener),
    removeListener: (listener: L) => void listeners.splice(listeners.indexOf(listener), 1),
    hasListener: (listener: L) => listeners.includes(listener),
    hasListeners: () => listeners.length > 0,
    /** Calls the listeners synchronously, as the browser dispatches an event. */
    trigger: (...args: Parameters<L>) => listeners.forEach((listener) => listener(...args)),
  };
}

interface OpenCall {
  how: string;
  /** Whether the browser was still handling the gesture when the open call came. */
  inGesture: boolean;
}

let handlingGesture = false;
let opened: OpenCall[];
let panelBehaviors: Array<{ openPanelOnActionClick: boolean }>;
let menus: string[];
let sent: Message[];
/** Messages a test posts as if from a page; the check that the background sends only typed messages skips them. */
let injected: Set<unknown>;
let fetched: string[];

/** Runs `fire` as the browser runs a listener for a click, a key or a menu item: the gesture lasts while it runs synchronously. */
function userGesture(fire: () => void): void {
  handlingGesture = true;
  try {
    fire();
  } finally {
    handlingGesture = false;
  }
}

function openCall(how: string): Promise<void> {
  opened.push({ how, inGesture: handlingGesture });
  return handlingGesture ? Promise.resolve() : Promise.reject(new Error('`sidePanel.open()` may only be called in response to a user gesture.'));
}

const chromeExtras = () => ({
  sidePanel: {
    open: (options: { tabId?: number; windowId?: number }) => openCall(options.tabId !== undefined ? `tab ${options.tabId}` : `window ${options.windowId}`),
    setPanelBehavior: async (behavior: { openPanelOnActionClick: boolean }) => void panelBehaviors.push(behavior),
  },
  commands: { onCommand: fakeEvent<(command: string, tab?: { id?: number; windowId?: number }) => void>(), getAll: async () => [] },
  contextMenus: {
    onClicked: fakeEvent<(info: { menuItemId: string | number; selectionText?: string; linkUrl?: string }, tab?: { id?: number; windowId?: number }) => void>(),
    removeAll: async () => void menus.splice(0),
    create: (properties: { id: string }) => menus.push(properties.id),
  },
  permissions: { onAdded: fakeEvent(), onRemoved: fakeEvent(), getAll: async () => ({ origins: [] }) },
  i18n: { getMessage: (name: string) => name },
  scripting: { getRegisteredContentScripts: async () => [], unregisterContentScripts: async () => {}, registerContentScripts: async () => {}, updateContentScripts: async () => {} },
});

type PatchedBrowser = typeof fakeBrowser & ReturnType<typeof chromeExtras> & Record<string, unknown>;
const fake = fakeBrowser as PatchedBrowser;
const originalAction = fakeBrowser.action;

async function startBackground(): Promise<void> {
  const { default: background } = await import('@/entrypoints/background');
  background.main();
}

beforeEach(() => {
  vi.resetModules();
  fakeBrowser.reset();
  opened = [];
  panelBehaviors = [];
  menus = [];
  sent = [];
  injected = new Set();
  fetched = [];
  Object.assign(fakeBrowser, chromeExtras(), { action: originalAction, browserAction: undefined, sidebarAction: undefined });
  // The worker's global scope, where `online` fires.
  const workerScope = new EventTarget();
  vi.stubGlobal('addEventListener', workerScope.addEventListener.bind(workerScope));
  vi.stubGlobal('dispatchEvent', workerScope.dispatchEvent.bind(workerScope));
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    fetched.push(String(input instanceof Request ? input.url : input));
    return new Response('{}', { status: 503 });
  });
  // What the sidebar would hear: every message the background posts to the extension's pages.
  fakeBrowser.runtime.onMessage.addListener((raw: unknown) => {
    if (injected.has(raw)) return;
    const message = parseMessage(raw);
    if (!message) throw new Error(`The background sent an untyped message: ${JSON.stringify(raw)}`);
    sent.push(message);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('background wiring', () => {
  it('builds nothing and listens to nothing when merely imported', async () => {
    // Building the reminder service asks for the notification icon's address: a sign of services built at import.
    const getURL = vi.spyOn(fakeBrowser.runtime, 'getURL');
    const { default: background } = await import('@/entrypoints/background');
    expect(getURL).not.toHaveBeenCalled();
    expect(typeof background.main).toBe('function');
    expect(fakeBrowser.action.onClicked.hasListeners()).toBe(false);
    expect(fake.commands.onCommand.hasListeners()).toBe(false);
    expect(fakeBrowser.alarms.onAlarm.hasListeners()).toBe(false);
    expect(panelBehaviors).toEqual([]);
  });

  it('registers every listener before main() returns, so a worker woken by an event hears it', async () => {
    const { default: background } = await import('@/entrypoints/background');
    background.main();
    // Checked synchronously: nothing awaited between main() and here.
    expect({
      toolbar: fakeBrowser.action.onClicked.hasListeners(),
      commands: fake.commands.onCommand.hasListeners(),
      menus: fake.contextMenus.onClicked.hasListeners(),
      messages: fakeBrowser.runtime.onMessage.hasListeners(),
      alarms: fakeBrowser.alarms.onAlarm.hasListeners(),
      notifications: fakeBrowser.notifications.onClicked.hasListeners(),
      installed: fakeBrowser.runtime.onInstalled.hasListeners(),
      startup: fakeBrowser.runtime.onStartup.hasListeners(),
      grants: fake.permissions.onAdded.hasListeners() && fake.permissions.onRemoved.hasListeners(),
      focus: fakeBrowser.windows.onFocusChanged.hasListeners(),
    }).toEqual({ toolbar: true, commands: true, menus: true, messages: true, alarms: true, notifications: true, installed: true, startup: true, grants: true, focus: true });
  });

  it('turns off Chrome opening the panel by itself, on every start, so the toolbar click reaches the background', async () => {
    await startBackground();
    await vi.waitFor(() => expect(panelBehaviors).toEqual([{ openPanelOnActionClick: false }]));
  });

  it('a toolbar click opens the panel for that tab while the click is still being handled, and tells an open panel to read the tab', async () => {
    await startBackground();
    userGesture(() => fakeBrowser.action.onClicked.trigger(tab(7, 2)));
    expect(opened).toEqual([{ how: 'tab 7', inGesture: true }]);
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'page/granted', tabId: 7 }]));
  });

  it('a second click on an open panel opens it again (which keeps it open) and has it read the page again', async () => {
    await startBackground();
    userGesture(() => fakeBrowser.action.onClicked.trigger(tab(7, 2)));
    userGesture(() => fakeBrowser.action.onClicked.trigger(tab(7, 2)));
    expect(opened.map((call) => call.inGesture)).toEqual([true, true]);
    await vi.waitFor(() => expect(sent.filter((message) => message.type === 'page/granted')).toHaveLength(2));
  });

  it.each([
    ['focus-composer', { kind: 'focus-composer', prefill: null }],
    ['log-call', { kind: 'log-call', phone: null }],
    ['search-accounts', { kind: 'search' }],
  ])('the %s command opens the panel for its tab inside the key press and hands over %j', async (command, intent) => {
    await startBackground();
    userGesture(() => fake.commands.onCommand.trigger(command, tab(3, 1)));
    expect(opened).toEqual([{ how: 'tab 3', inGesture: true }]);
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'page/granted', tabId: 3 }, { type: 'ui/intent', intent }]));
    // A panel that was still loading reads the intent from session storage instead.
    expect((await fakeBrowser.storage.session.get(PENDING_INTENT_KEY))[PENDING_INTENT_KEY]).toMatchObject({ intent });
  });

  it.each(['toString', '__proto__', 'constructor', 'unknown-command'])('ignores a command it does not declare (%s)', async (command) => {
    await startBackground();
    userGesture(() => fake.commands.onCommand.trigger(command, tab(3, 1)));
    expect(opened).toEqual([]);
  });

  it('a context-menu item opens the panel for its tab inside the click, with the quoted selection', async () => {
    await startBackground();
    userGesture(() => fake.contextMenus.onClicked.trigger({ menuItemId: MENU_IDS.logSelection, selectionText: 'Budget approved' }, tab(5, 1)));
    expect(opened).toEqual([{ how: 'tab 5', inGesture: true }]);
    await vi.waitFor(() =>
      expect(sent).toEqual([
        { type: 'page/granted', tabId: 5 },
        { type: 'ui/intent', intent: { kind: 'focus-composer', prefill: '> Budget approved' } },
      ]),
    );
  });

  it('creates the context menus on install', async () => {
    await startBackground();
    fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    await vi.waitFor(() => expect(menus).toEqual([MENU_IDS.logSelection, MENU_IDS.logCall, MENU_IDS.addContact]));
  });

  it('a reminder notification click opens the panel in the focused window with the account, and grants no tab', async () => {
    await startBackground();
    fakeBrowser.windows.onFocusChanged.trigger(4);
    const accountId = '0191c7a0-0000-7000-8000-0000000000aa';
    const notificationId = notificationIdFor({ id: '0191c7a0-0000-7000-8000-0000000000bb', accountId });
    userGesture(() => fakeBrowser.notifications.onClicked.trigger(notificationId));
    expect(opened).toEqual([{ how: 'window 4', inGesture: true }]);
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'ui/intent', intent: { kind: 'open-account', accountId } }]));
  });

  it('in Firefox, the toolbar button opens the sidebar (never toggles it) inside the click and asks it to read the tab', async () => {
    Object.assign(fakeBrowser, { action: undefined, sidePanel: undefined, browserAction: { onClicked: fakeEvent<(tab: { id?: number }) => void>() }, sidebarAction: { open: () => openCall('sidebar') } });
    await startBackground();
    userGesture(() => (fake.browserAction as unknown as { onClicked: { trigger(tab: object): void } }).onClicked.trigger(tab(9, 1)));
    expect(opened).toEqual([{ how: 'sidebar', inGesture: true }]);
    await vi.waitFor(() => expect(sent).toEqual([{ type: 'page/granted', tabId: 9 }]));
  });

  it('parses every message: a typed sync request syncs, and anything malformed is ignored', async () => {
    await serverSettingsItem.setValue({ url: 'https://sync.example.test', token: 'sn_test_token' });
    await startBackground();
    // The start-up sync (a woken worker resumes the outbox) fails against the 503 server and backs off.
    await vi.waitFor(async () => expect((await readSyncStatus(getDb())).consecutiveFailures).toBeGreaterThan(0));
    expect(fetched.length).toBeGreaterThan(0);
    fetched = [];
    const post = (raw: unknown) => {
      injected.add(raw);
      return fakeBrowser.runtime.sendMessage(raw);
    };
    for (const raw of [{ type: 'sync/request', reason: 'because' }, { type: 'sync/request' }, { type: 'sync/request', reason: 'manual', extra: 1 }, { type: 'Sync/Request', reason: 'manual' }]) {
      await post(raw);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetched).toEqual([]);
    await post({ type: 'sync/request', reason: 'manual' });
    await vi.waitFor(() => expect(fetched.some((url) => url.startsWith('https://sync.example.test/'))).toBe(true));
  });
});

/** The fields of `tabs.Tab` the background reads. */
function tab(id: number, windowId: number): Browser.tabs.Tab {
  return { id, windowId, index: 0, active: true } as Browser.tabs.Tab;
}
