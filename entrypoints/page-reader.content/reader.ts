/**
 * The page reader's behaviour, apart from WXT so it runs in tests on a jsdom window: answer
 * 'page/read' with what is on screen, and announce 'page/changed' when the URL, the open
 * thread or the selection changes. It only reads the page and sends typed messages.
 */
import { extractPageContext } from '@/lib/context/extract';
import { parseMessage, type Message } from '@/lib/messaging/protocol';
import type { PageContext } from '@/lib/schemas';

export interface PageReaderRuntime {
  sendMessage(message: Message): Promise<unknown>;
  onMessage: {
    addListener(listener: PageReaderListener): void;
    removeListener(listener: PageReaderListener): void;
  };
}
export type PageReaderListener = (message: unknown, sender: unknown, sendResponse: (response: unknown) => void) => boolean | undefined;

export interface PageReaderOptions {
  window: Window;
  runtime: PageReaderRuntime;
  /** Aborted when WXT invalidates this copy (extension reloaded, injected again). */
  signal?: AbortSignal;
  /** Quiet time after the last DOM or selection change before re-reading. */
  debounceMs?: number;
  /** Gmail and Outlook mutate all the time; re-read at least this often while they do. */
  maxWaitMs?: number;
}

export interface PageReader {
  readNow(): PageContext;
  stop(): void;
}

export const READ_DEBOUNCE_MS = 400;
export const READ_MAX_WAIT_MS = 2000;

/** One reader per page and world: a second injection replaces the first instead of doubling it. */
const ACTIVE_READER = Symbol.for('sidenote.pageReader');
type ReaderHost = Window & typeof globalThis & { [ACTIVE_READER]?: PageReader };

/** Text selected in the page, or in a focused text field (which `getSelection` does not report in Chrome). */
function selectedText(win: Window): string | null {
  const active = win.document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (active && (active.tagName === 'TEXTAREA' || (active.tagName === 'INPUT' && /^(text|search|email|url|tel)?$/i.test(active.type ?? '')))) {
    const { selectionStart, selectionEnd, value } = active;
    if (selectionStart !== null && selectionEnd !== null && selectionEnd > selectionStart) return value.slice(selectionStart, selectionEnd);
  }
  return win.getSelection()?.toString() || null;
}

export function startPageReader(options: PageReaderOptions): PageReader {
  const win = options.window as ReaderHost;
  const debounceMs = options.debounceMs ?? READ_DEBOUNCE_MS;
  const maxWaitMs = options.maxWaitMs ?? READ_MAX_WAIT_MS;
  win[ACTIVE_READER]?.stop();

  const readNow = () => extractPageContext(win.document, win.location.href, selectedText(win));
  let lastSent: string | null = null;
  let debounceTimer: ReturnType<typeof setTimeout> | null = null;
  let maxWaitTimer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const clearTimers = () => {
    if (debounceTimer) clearTimeout(debounceTimer);
    if (maxWaitTimer) clearTimeout(maxWaitTimer);
    debounceTimer = null;
    maxWaitTimer = null;
  };

  const announce = () => {
    clearTimers();
    if (stopped || win.document.visibilityState === 'hidden') return;
    const context = readNow();
    const digest = JSON.stringify(context);
    if (digest === lastSent) return;
    lastSent = digest;
    // Nobody listening (sidebar closed) is normal: the sidebar reads the page when it opens.
    options.runtime.sendMessage({ type: 'page/changed', context }).catch(() => undefined);
  };

  /** Work per mutation is one timer check; the read happens once the page settles. */
  const schedule = () => {
    if (stopped) return;
    if (debounceTimer) clearTimeout(debounceTimer);
    debounceTimer = setTimeout(announce, debounceMs);
    maxWaitTimer ??= setTimeout(announce, maxWaitMs);
  };

  const listener: PageReaderListener = (raw, _sender, sendResponse) => {
    const message = parseMessage(raw);
    if (message?.type !== 'page/read') return undefined;
    // Answering does not count as announcing: a sidebar that read the page first must not
    // swallow the page/changed that other listeners (the background, a second window) wait for.
    sendResponse(readNow());
    return undefined;
  };
  options.runtime.onMessage.addListener(listener);

  // Child-list changes only: attribute and text churn (timestamps, typing) would wake the
  // observer constantly, while opening a thread or navigating always swaps elements.
  const observer = new win.MutationObserver(schedule);
  observer.observe(win.document.documentElement, { childList: true, subtree: true });
  const events: Array<[EventTarget, string]> = [
    [win.document, 'selectionchange'],
    [win.document, 'visibilitychange'],
    [win, 'hashchange'],
    [win, 'popstate'],
  ];
  for (const [target, type] of events) target.addEventListener(type, schedule);

  const reader: PageReader = {
    readNow,
    stop() {
      if (stopped) return;
      stopped = true;
      clearTimers();
      observer.disconnect();
      for (const [target, type] of events) target.removeEventListener(type, schedule);
      options.runtime.onMessage.removeListener(listener);
      if (win[ACTIVE_READER] === reader) delete win[ACTIVE_READER];
    },
  };
  win[ACTIVE_READER] = reader;
  options.signal?.addEventListener('abort', () => reader.stop(), { once: true });
  schedule();
  return reader;
}
