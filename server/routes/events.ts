import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { TeamChangeEvent } from '../../lib/schemas';
import type { Database } from '../db/connect';
import type { ChangeHub } from '../events/change-hub';
import type { AppEnv } from '../http/auth';
import { readTeamSeq } from '../sync/read-changes';

export interface EventStreamConfig {
  /** A comment line this often keeps proxies from closing an idle stream and lets clients notice a dead one. */
  heartbeatMs: number;
  /** Streams end after this long so the client reconnects and its token is checked again. */
  maxLifetimeMs: number;
}

export const DEFAULT_EVENT_STREAM_CONFIG: EventStreamConfig = { heartbeatMs: 15_000, maxLifetimeMs: 10 * 60_000 };

/**
 * Server-sent events for the rep's team: `ready` with the current sequence on connect, then
 * `change` whenever the sequence advances (in any server process). The stream carries no
 * record data: a client that hears of a change pulls, so visibility rules live in one place.
 */
export function eventRoutes(db: Database, hub: ChangeHub, config: EventStreamConfig, streams: Set<() => void>) {
  return new Hono<AppEnv>().get('/events', async (c) => {
    const { team } = c.get('auth');
    // Proxies such as nginx buffer responses by default, which would hold events back.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let lastSent = -1;
      let closing: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => (closing = resolve));
      streams.add(closing);
      const sendChange = (seq: number) => {
        if (seq <= lastSent) return;
        lastSent = seq;
        const data: TeamChangeEvent = { seq };
        stream.writeSSE({ event: 'change', data: JSON.stringify(data), id: String(seq) }).catch(closing);
      };
      const unsubscribe = await hub.subscribe(team.id, sendChange);
      const heartbeat = setInterval(() => stream.write(': heartbeat\n\n').catch(closing), config.heartbeatMs);
      const lifetime = setTimeout(closing, config.maxLifetimeMs);
      stream.onAbort(closing);
      try {
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
      }
    });
  });
}
