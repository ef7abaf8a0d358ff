import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { TeamChangeEvent } from '../../lib/schemas';
import type { Database } from '../db/connect';
import type { ChangeHub } from '../events/change-hub';
import type { AppEnv } from '../http/auth';
import { ApiFailure } from '../http/errors';
import { readTeamSeq } from '../sync/read-changes';

export interface EventStreamConfig {
  /** A comment line this often keeps proxies from closing an idle stream and lets clients notice a dead one. */
  heartbeatMs: number;
  /** Streams end after this long so the client reconnects and its token is checked again. */
  maxLifetimeMs: number;
  /**
   * Open streams one token may hold in this process; more are refused (429). A rep needs one
   * per open sidebar: a flood of streams would otherwise hold sockets and memory without end.
   */
  maxStreamsPerToken: number;
}

export const DEFAULT_EVENT_STREAM_CONFIG: EventStreamConfig = { heartbeatMs: 15_000, maxLifetimeMs: 10 * 60_000, maxStreamsPerToken: 20 };
/** When a token has all its streams open, try again after this long (an old one may have closed). */
const STREAMS_BUSY_RETRY_SECONDS = 30;

/**
 * Server-sent events for the rep's team: `ready` with the current sequence on connect, then
 * `change` whenever the sequence advances (in any server process). The stream carries no
 * record data: a client that hears of a change pulls, so visibility rules live in one place.
 */
export function eventRoutes(db: Database, hub: ChangeHub, config: EventStreamConfig, streams: Set<() => void>) {
  const openPerToken = new Map<string, number>();
  return new Hono<AppEnv>().get('/events', async (c) => {
    const { team, tokenId } = c.get('auth');
    const open = openPerToken.get(tokenId) ?? 0;
    if (open >= config.maxStreamsPerToken) {
      throw new ApiFailure(429, 'rate_limited', `This token already has ${open} live update streams open; at most ${config.maxStreamsPerToken} are allowed at once.`, {
        retryAfterSeconds: STREAMS_BUSY_RETRY_SECONDS,
        fix: 'Close sidebars or browsers you do not use, or wait for the Retry-After time.',
      });
    }
    // Counted before the stream starts, so streams opened at the same moment cannot all slip past.
    openPerToken.set(tokenId, open + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const left = (openPerToken.get(tokenId) ?? 1) - 1;
      if (left > 0) openPerToken.set(tokenId, left);
      else openPerToken.delete(tokenId);
    };
    // Proxies such as nginx buffer responses by default, which would hold events back.
    c.header('X-Accel-Buffering', 'no');
    try {
      return streamSSE(c, async (stream) => {
        let lastSent = -1;
        let closing: () => void = () => undefined;
        const closed = new Promise<void>((resolve) => (closing = resolve));
        streams.add(closing);
        let unsubscribe: () => void = () => undefined;
        let heartbeat: ReturnType<typeof setInterval> | undefined;
        let lifetime: ReturnType<typeof setTimeout> | undefined;
        try {
          const sendChange = (seq: number) => {
            if (seq <= lastSent) return;
            lastSent = seq;
            const data: TeamChangeEvent = { seq };
            stream.writeSSE({ event: 'change', data: JSON.stringify(data), id: String(seq) }).catch(closing);
          };
          unsubscribe = await hub.subscribe(team.id, sendChange);
          heartbeat = setInterval(() => stream.write(': heartbeat\n\n').catch(closing), config.heartbeatMs);
          lifetime = setTimeout(closing, config.maxLifetimeMs);
          stream.onAbort(closing);
          // Subscribed before reading the sequence, so no change can fall between the two.
          const seq = await readTeamSeq(db, team.id);
          lastSent = Math.max(lastSent, seq);
          await stream.writeSSE({ event: 'ready', data: JSON.stringify({ seq } satisfies TeamChangeEvent), retry: 1000 });
          await closed;
        } finally {
          clearInterval(heartbeat);
          clearTimeout(lifetime);
          unsubscribe();
          streams.delete(closing);
          release();
        }
      });
    } catch (error) {
      release();
      throw error;
    }
  });
}
