import { describe, expect, it } from 'vitest';
import type { Message } from '../messaging/protocol';
import { openSidebarForTab, openSidebarInWindow, PENDING_INTENT_KEY, type SidebarApi } from './sidebar';

/** Records every call in order; `open` fails like a browser whose gesture has passed when asked to. */
function recordingApi(options: { openFails?: boolean; nobodyListens?: boolean; firefox?: boolean } = {}) {
  const calls: string[] = [];
  const stored: Record<string, unknown> = {};
  const open = async (what: string) => {
    calls.push(`open ${what}`);
    if (options.openFails) throw new Error('may only be called in response to a user gesture');
  };
  const api: SidebarApi = {
    ...(options.firefox
      ? { sidebarAction: { open: () => open('sidebar') } }
      : {
          sidePanel: {
            open: (target) => open('tabId' in target ? `tab ${target.tabId}` : `window ${target.windowId}`),
            setPanelBehavior: async () => {},
          },
        }),
    storage: {
      session: {
        set: async (items) => {
          calls.push(`store ${Object.keys(items).join()}`);
          Object.assign(stored, items);
        },
      },
    },
    runtime: {
      sendMessage: async (message: Message) => {
        calls.push(`send ${message.type}`);
        if (options.nobodyListens) throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    },
  };
  return { api, calls, stored };
}

describe('opening the sidebar from a gesture', () => {
  it('calls open before anything else, synchronously, so the gesture is still valid', () => {
    const { api, calls } = recordingApi();
    void openSidebarForTab(api, { id: 4, windowId: 1 }, { kind: 'search' });
    expect(calls[0]).toBe('open tab 4');
  });

  it('opens for the tab, then has an open sidebar read it and act on the intent', async () => {
    const { api, calls, stored } = recordingApi();
    await openSidebarForTab(api, { id: 4, windowId: 1 }, { kind: 'log-call', phone: '+86 21 5555 0188' });
    expect(calls).toEqual(['open tab 4', `store ${PENDING_INTENT_KEY}`, 'send page/granted', 'send ui/intent']);
    expect(stored[PENDING_INTENT_KEY]).toMatchObject({ intent: { kind: 'log-call', phone: '+86 21 5555 0188' } });
  });

  it('opens in the window when the gesture names no tab', async () => {
    const { api, calls } = recordingApi();
    await openSidebarForTab(api, { windowId: 3 }, null);
    expect(calls).toEqual(['open window 3']);
  });

  it('opens Firefox’s sidebar with sidebarAction.open, never a toggle', async () => {
    const { api, calls } = recordingApi({ firefox: true });
    await openSidebarForTab(api, { id: 9, windowId: 1 }, null);
    expect(calls).toEqual(['open sidebar', 'send page/granted']);
  });

  it('keeps the intent for the sidebar when opening fails, and does not reject when no sidebar listens', async () => {
    const { api, stored } = recordingApi({ openFails: true, nobodyListens: true });
    await expect(openSidebarInWindow(api, 2, { kind: 'search' })).resolves.toBeUndefined();
    expect(stored[PENDING_INTENT_KEY]).toMatchObject({ intent: { kind: 'search' } });
  });
});
