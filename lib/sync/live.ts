import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, teamChangeEventSchema } from '../schemas';
import { computeBackoffMs, computeServerProbeDelayMs } from './backoff';
import { createSseParser } from './sse';
import { normalizeBaseUrl, type FetchLike } from './transport';

/**
 * Live updates: a server-sent event stream read over fetch (EventSource can send no
 * Authorization header and does not exist in a service worker). Each event only says the
 * team's sequence moved; the caller then syncs, so a pull stays the one way data arrives.
 * The stream reconnects with backoff, and a silent stream (no heartbeat) counts as dead.
 * While nothing answers at all (connection refused, a proxy's 502–504) a reconnect costs the
 * server nothing, so it is tried every 1–2 s (slower after ten minutes): its `ready` is how the
 * sidebar learns, within seconds, that the server is back. A server that answers with an
 * error gets the growing backoff.
 */

export type LiveState =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; retryInMs: number; reason: string }
  /** Will not retry by itself: the token or protocol is wrong, or the address is bad. */
  | { state: 'stopped'; reason: 'bad_token' | 'incompatible_version' | 'bad_address' | 'aborted'; message: string };

export interface TeamChange {
  seq: number;
  /** `ready` on every (re)connect: changes may have been missed while disconnected. */
  kind: 'ready' | 'change';
}

export interface SubscribeOptions {
  baseUrl: string;
  token: string;
  fetch: FetchLike;
  onChange: (change: TeamChange) => void;
  onState?: (state: LiveState) => void;
  signal: AbortSignal;
  /** No byte for this long means the connection is dead; the server sends a heartbeat every 15 s. */
  silenceTimeoutMs?: number;
  random?: () => number;
  backoff?: { baseMs?: number; maxMs?: number };
}

export const LIVE_SILENCE_TIMEOUT_MS = 45_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when the subscription ends: `signal` aborted, or a failure retrying cannot fix. */
export async function subscribeToTeamChanges(options: SubscribeOptions): Promise<void> {
  const { signal, onChange } = options;
  const onState = options.onState ?? (() => undefined);
  const silenceTimeoutMs = options.silenceTimeoutMs ?? LIVE_SILENCE_TIMEOUT_MS;
  const normalized = normalizeBaseUrl(options.baseUrl);
  if (!normalized.ok) {
    onState({ state: 'stopped', reason: 'bad_address', message: normalized.reason });
    return;
  }
  let failures = 0;
  /** Since when nothing has answered; null while the server answers (even with an error). */
  let silentSince: number | null = null;
  while (!signal.aborted) {
    if (failures === 0) onState({ state: 'connecting' });
    const attempt = new AbortController();
    let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
    // Cancelling the reader too: not every fetch ties an open body to its signal.
    const abortAttempt = () => {
      attempt.abort();
      reader?.cancel().catch(() => undefined);
    };
    signal.addEventListener('abort', abortAttempt, { once: true });
    let silenceTimer: ReturnType<typeof setTimeout> | undefined;
    let silenced = false;
    const armSilenceTimer = () => {
      clearTimeout(silenceTimer);
      silenceTimer = setTimeout(() => {
        silenced = true;
        abortAttempt();
      }, silenceTimeoutMs);
    };
    let reason = 'the stream ended';
    let answered = false;
    try {
      armSilenceTimer();
      const response = await options.fetch(`${normalized.url}/v1/events`, {
        headers: {
          authorization: `Bearer ${options.token.trim()}`,
          accept: 'text/event-stream',
          [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
        },
        signal: attempt.signal,
      });
      answered = response.status < 502 || response.status > 504;
      if (response.status === 401 || response.status === 400 || response.status === 404) {
        const text = await response.text().catch(() => '');
        const stopReason = response.status === 401 ? 'bad_token' : response.status === 404 ? 'bad_address' : 'incompatible_version';
        onState({ state: 'stopped', reason: stopReason, message: text.slice(0, 500) });
        return;
      }
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      reader = response.body.getReader();
      if (attempt.signal.aborted) await reader.cancel();
      const decoder = new TextDecoder();
      let connected = false;
      const parser = createSseParser((event) => {
        if (event.event !== 'ready' && event.event !== 'change') return;
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        const parsed = teamChangeEventSchema.safeParse(data);
        if (!parsed.success) return;
        if (event.event === 'ready' && !connected) {
          connected = true;
          failures = 0;
          onState({ state: 'connected' });
        }
        onChange({ seq: parsed.data.seq, kind: event.event });
      });
      for (;;) {
        const { done, value } = await reader.read();
        if (done || attempt.signal.aborted) break;
        armSilenceTimer();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } catch (error) {
      reason = error instanceof Error ? error.message : String(error);
    } finally {
      if (silenced) reason = `no heartbeat for ${Math.round(silenceTimeoutMs / 1000)} s`;
      clearTimeout(silenceTimer);
      signal.removeEventListener('abort', abortAttempt);
      attempt.abort();
    }
    if (signal.aborted) break;
    failures++;
    let retryInMs: number;
    if (answered || silenced) {
      silentSince = null;
      retryInMs = computeBackoffMs(failures, options.random, { baseMs: options.backoff?.baseMs ?? 1_000, maxMs: options.backoff?.maxMs ?? 60_000 });
    } else {
      silentSince ??= Date.now();
      retryInMs = computeServerProbeDelayMs(Date.now() - silentSince, options.random);
    }
    onState({ state: 'reconnecting', retryInMs, reason });
    await sleep(retryInMs, signal);
  }
  onState({ state: 'stopped', reason: 'aborted', message: 'Live updates were turned off.' });
}
