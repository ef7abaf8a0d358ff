import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JSDOM } from 'jsdom';
import { messageSchema, type Message } from '@/lib/messaging/protocol';
import { FIXTURE_PAGES, loadFixturePage } from '@/test/fixtures/pages/load';
import { startPageReader, type PageReaderListener, type PageReaderRuntime } from './reader';

/** An in-memory runtime: records what the reader sends and lets the test deliver messages. */
function createRuntime() {
  const sent: Message[] = [];
  const listeners = new Set<PageReaderListener>();
  const runtime: PageReaderRuntime = {
    sendMessage: async (message) => {
      sent.push(messageSchema.parse(message));
      return undefined;
    },
    onMessage: { addListener: (listener) => listeners.add(listener), removeListener: (listener) => listeners.delete(listener) },
  };
  const deliver = (message: unknown) => {
    let response: unknown;
    for (const listener of listeners) listener(message, {}, (value) => (response = value));
    return response;
  };
  return { runtime, sent, listeners, deliver };
}

function openFixture(name: string) {
  const { html, url } = loadFixturePage(name);
  return new JSDOM(html, { url }).window as unknown as Window & typeof globalThis;
}

describe('startPageReader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers page/read with the context on screen and ignores messages it does not understand', () => {
    const win = openFixture(FIXTURE_PAGES.gmailConversation);
    const { runtime, deliver } = createRuntime();
    const reader = startPageReader({ window: win, runtime });
    const context = deliver({ type: 'page/read' }) as { webmail: { subject: string } };
    expect(context.webmail.subject).toBe('Re: Pilot pricing for Q3');
    expect(deliver({ type: 'page/hack', payload: '<img onerror>' })).toBeUndefined();
    reader.stop();
  });

  it('announces the page once it settles, and again only when the open thread changes', async () => {
    const win = openFixture(FIXTURE_PAGES.gmailConversation);
    const { runtime, sent } = createRuntime();
    const reader = startPageReader({ window: win, runtime, debounceMs: 100, maxWaitMs: 1000 });
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'page/changed', context: { webmail: { threadId: 'thread-f:1790422511230011111' } } });

    // Churn that changes nothing the sidebar shows: no new message.
    win.document.body.appendChild(win.document.createElement('div'));
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toHaveLength(1);

    // Another thread opens (Gmail swaps the conversation in place).
    const subject = win.document.querySelector('h2.hP')!;
    subject.textContent = 'Contract signed';
    subject.setAttribute('data-thread-perm-id', 'thread-f:1');
    subject.parentElement!.appendChild(win.document.createElement('span'));
    await vi.advanceTimersByTimeAsync(150);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ context: { webmail: { subject: 'Contract signed', threadId: 'thread-f:1' } } });
    reader.stop();
  });

  it('still announces a change the sidebar already read with page/read', async () => {
    const win = openFixture(FIXTURE_PAGES.companyCnContact);
    const { runtime, sent, deliver } = createRuntime();
    const reader = startPageReader({ window: win, runtime, debounceMs: 50, maxWaitMs: 500 });
    await vi.advanceTimersByTimeAsync(60);
    win.history.pushState({}, '', '/products/mes.html');
    win.document.body.appendChild(win.document.createElement('main'));
    expect(deliver({ type: 'page/read' })).toMatchObject({ url: 'http://www.huaxin-tech.com.cn/products/mes.html' });
    await vi.advanceTimersByTimeAsync(60);
    expect(sent.at(-1)).toMatchObject({ context: { url: 'http://www.huaxin-tech.com.cn/products/mes.html' } });
    reader.stop();
  });

  it('re-reads at least every maxWait while a page keeps mutating', async () => {
    const win = openFixture(FIXTURE_PAGES.companyCnContact);
    const { runtime, sent } = createRuntime();
    const reader = startPageReader({ window: win, runtime, debounceMs: 100, maxWaitMs: 500 });
    for (let i = 0; i < 8; i++) {
      const node = win.document.createElement('p');
      node.textContent = i === 7 ? 'new@huaxin-tech.com.cn' : 'tick';
      win.document.body.appendChild(node);
      await vi.advanceTimersByTimeAsync(60);
    }
    // 480 ms of constant churn: the debounce alone would never have fired.
    await vi.advanceTimersByTimeAsync(40);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    reader.stop();
  });

  it('announces a selection change and an SPA navigation', async () => {
    const win = openFixture(FIXTURE_PAGES.companyCnContact);
    const { runtime, sent } = createRuntime();
    const reader = startPageReader({ window: win, runtime, debounceMs: 50, maxWaitMs: 500 });
    await vi.advanceTimersByTimeAsync(60);
    const range = win.document.createRange();
    range.selectNodeContents(win.document.querySelector('h1')!);
    win.getSelection()!.addRange(range);
    win.document.dispatchEvent(new win.Event('selectionchange'));
    await vi.advanceTimersByTimeAsync(60);
    expect(sent.at(-1)).toMatchObject({ context: { selection: '联系我们' } });

    win.history.pushState({}, '', '/products/mes.html');
    win.document.body.appendChild(win.document.createElement('main'));
    await vi.advanceTimersByTimeAsync(60);
    expect(sent.at(-1)).toMatchObject({ context: { url: 'http://www.huaxin-tech.com.cn/products/mes.html' } });
    reader.stop();
  });

  it('replaces an earlier copy when injected twice, so the page is read and announced once', async () => {
    const win = openFixture(FIXTURE_PAGES.companyCnContact);
    const first = createRuntime();
    const second = createRuntime();
    startPageReader({ window: win, runtime: first.runtime, debounceMs: 50 });
    const reader = startPageReader({ window: win, runtime: second.runtime, debounceMs: 50 });
    expect(first.listeners.size).toBe(0);
    expect(second.listeners.size).toBe(1);
    await vi.advanceTimersByTimeAsync(60);
    expect(first.sent).toHaveLength(0);
    expect(second.sent).toHaveLength(1);
    reader.stop();
  });

  it('stops listening and observing when its context is invalidated', async () => {
    const win = openFixture(FIXTURE_PAGES.companyCnContact);
    const { runtime, sent, listeners } = createRuntime();
    const controller = new AbortController();
    startPageReader({ window: win, runtime, signal: controller.signal, debounceMs: 50 });
    controller.abort();
    win.document.body.appendChild(win.document.createElement('div'));
    await vi.advanceTimersByTimeAsync(100);
    expect(sent).toHaveLength(0);
    expect(listeners.size).toBe(0);
  });

  it('survives a closed sidebar: a send that finds no receiver is not an error', async () => {
    const win = openFixture(FIXTURE_PAGES.companyCnContact);
    const runtime: PageReaderRuntime = {
      sendMessage: () => Promise.reject(new Error('Could not establish connection. Receiving end does not exist.')),
      onMessage: { addListener: () => undefined, removeListener: () => undefined },
    };
    const reader = startPageReader({ window: win, runtime, debounceMs: 10 });
    await vi.advanceTimersByTimeAsync(20);
    reader.stop();
  });
});
