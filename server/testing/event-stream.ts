import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
import { createSseParser, type ServerSentEvent } from '../../lib/sync/sse';

/** Reads a server-sent event stream in a test and waits for events by predicate. */
export async function openEventStream(fetchEvents: (init: RequestInit) => Response | Promise<Response>, token: string) {
  const response = await fetchEvents({
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
  });
  const events: ServerSentEvent[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  const parser = createSseParser(
    (event) => {
      events.push(event);
      notify();
    },
    (comment) => {
      comments.push(comment);
      notify();
    },
  );
  const reader = response.body?.getReader();
  let ended = false;
  const pump = (async () => {
    if (!reader) return;
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // Cancelled by close().
    } finally {
      ended = true;
      notify();
    }
  })();
  return {
    response,
    events,
    comments,
    get ended() {
      return ended;
    },
    async waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting; events so far: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            resolve();
          };
          waiters.add(wake);
          setTimeout(wake, 50);
        });
      }
    },
    async close() {
      await reader?.cancel().catch(() => undefined);
      await pump;
    },
  };
}
