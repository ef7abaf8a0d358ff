import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { teamChangeEventSchema } from '../../lib/schemas';
import { createApp, type SidenoteApp } from '../app';
import { silentLogger } from '../http/request-log';
import { DEFAULT_EVENT_STREAM_CONFIG } from './events';
import { apiClient } from '../testing/api-client';
import { openEventStream } from '../testing/event-stream';
import { accountFields, mutation, seedTeam, stampsFor } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';

describe.each(TEST_DRIVERS)('GET /v1/events on %s', (driver) => {
  let database: TestDatabase;
  let app: SidenoteApp;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    app = createApp({ db: database, log: silentLogger, rateLimit: false, events: { heartbeatMs: 100, maxLifetimeMs: 60_000 } });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  const events = (init: RequestInit) => app.request('/v1/events', init);

  it('sends ready with the current sequence, then a change event when a teammate pushes', async () => {
    const { reps } = await seedTeam(database.db);
    const li = apiClient(app, reps[0]!.token, 'client0abcd');
    const stamp = stampsFor('client0abcd');
    await li.push([mutation('account', uuidv7(), accountFields(), stamp())]);
    const stream = await openEventStream(events, reps[1]!.token);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get('content-type')).toContain('text/event-stream');
    await stream.waitFor(() => stream.events.length >= 1);
    expect(stream.events[0]).toMatchObject({ event: 'ready' });
    expect(teamChangeEventSchema.parse(JSON.parse(stream.events[0]!.data))).toEqual({ seq: 1 });
    await li.push([mutation('account', uuidv7(), accountFields(), stamp()), mutation('account', uuidv7(), accountFields(), stamp())]);
    await stream.waitFor(() => stream.events.length >= 2);
    expect(stream.events[1]).toMatchObject({ event: 'change', id: '3' });
    expect(JSON.parse(stream.events[1]!.data)).toEqual({ seq: 3 });
    await stream.close();
  });

  it('sends heartbeats while idle', async () => {
    const { reps } = await seedTeam(database.db);
    const stream = await openEventStream(events, reps[0]!.token);
    await stream.waitFor(() => stream.comments.filter((comment) => comment === 'heartbeat').length >= 2);
    await stream.close();
  });

  it('never tells one team about another team\'s changes', async () => {
    const acme = await seedTeam(database.db);
    const globex = await seedTeam(database.db, ['Bob Stone'], 'Globex');
    const stream = await openEventStream(events, globex.reps[0]!.token);
    await stream.waitFor(() => stream.events.length >= 1);
    await apiClient(app, acme.reps[0]!.token, 'client0abcd').push([mutation('account', uuidv7(), accountFields(), stampsFor('client0abcd')())]);
    await apiClient(app, globex.reps[0]!.token, 'client9abcd').push([mutation('account', uuidv7(), accountFields(), stampsFor('client9abcd')())]);
    await stream.waitFor(() => stream.events.length >= 2);
    expect(stream.events.map((event) => [event.event, JSON.parse(event.data).seq])).toEqual([
      ['ready', 0],
      ['change', 1],
    ]);
    await stream.close();
  });

  it('needs a valid token and the protocol header', async () => {
    expect((await app.request('/v1/events')).status).toBe(401);
    const { reps } = await seedTeam(database.db);
    const response = await app.request('/v1/events', { headers: { authorization: `Bearer ${reps[0]!.token}` } });
    expect(response.status).toBe(400);
  });

  it('ends streams when their lifetime is up, so tokens are checked again on reconnect', async () => {
    const shortLived = createApp({ db: database, log: silentLogger, rateLimit: false, events: { heartbeatMs: 1000, maxLifetimeMs: 200 } });
    const { reps } = await seedTeam(database.db);
    const stream = await openEventStream((init) => shortLived.request('/v1/events', init), reps[0]!.token);
    await stream.waitFor(() => stream.ended, 3000);
    await shortLived.close();
  });

  it('bounds the streams one token may hold open, answering 429 with Retry-After beyond, and frees a place when one closes', async () => {
    const bounded = createApp({ db: database, log: silentLogger, rateLimit: false, events: { heartbeatMs: 1000, maxLifetimeMs: 60_000, maxStreamsPerToken: 3 } });
    const { reps } = await seedTeam(database.db);
    const open = (token: string) => openEventStream((init) => bounded.request('/v1/events', init), token);
    const streams = [await open(reps[0]!.token), await open(reps[0]!.token), await open(reps[0]!.token)];
    for (const stream of streams) await stream.waitFor(() => stream.events.length >= 1);
    const refused = await apiClient(bounded, reps[0]!.token).get('/v1/events');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(refused.body.error).toMatchObject({ code: 'rate_limited', message: expect.stringContaining('at most 3') });
    // Another rep's token has its own places.
    const teammate = await open(reps[1]!.token);
    expect(teammate.response.status).toBe(200);
    await streams[0]!.close();
    await vi.waitFor(async () => {
      const again = await open(reps[0]!.token);
      expect(again.response.status).toBe(200);
      streams.push(again);
    });
    for (const stream of [...streams.slice(1), teammate]) await stream.close();
    await bounded.close();
  });

  it('allows 20 streams per token by default', () => {
    expect(DEFAULT_EVENT_STREAM_CONFIG.maxStreamsPerToken).toBe(20);
  });
});
