import { createServer } from 'node:net';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRecord } from '../../lib/db/write';
import { describeConnectionVerdict, testConnection } from '../../lib/sync/connection';
import { createSyncController } from '../../lib/sync/controller';
import { subscribeToTeamChanges, type LiveState, type TeamChange } from '../../lib/sync/live';
import { readSyncStatus } from '../../lib/sync/status';
import type { FetchLike } from '../../lib/sync/transport';
import { revokeToken } from '../../server/admin/admin';
import { accountFields } from '../../server/testing/fixtures';
import { BASE_URL, createHarness, seedClients, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('pglite', { events: { heartbeatMs: 100, maxLifetimeMs: 60_000 } });
});
afterAll(async () => harness.close());

async function freePortThatRefuses(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Another web app at the address: the rep typed the company website instead of the sync server. */
const websiteFetch: FetchLike = async (input, init) => new Hono().get('*', (c) => c.html('<h1>Acme</h1>', 404)).request(input, init);

describe('testConnection', () => {
  it('names the team and the rep when everything is right', async () => {
    const { reps } = await seedClients(harness, ['Li Wei']);
    const verdict = await testConnection({ url: `${BASE_URL}/`, token: reps[0]!.token }, harness.fetch);
    expect(verdict).toMatchObject({ ok: true, code: 'ok', team: { name: 'Acme Sales' }, rep: { name: 'Li Wei' }, baseUrl: BASE_URL });
    expect(describeConnectionVerdict(verdict)).toBe('Connected to team "Acme Sales" as Li Wei.');
  });

  it('says the token is bad when it is unknown, revoked, missing or malformed', async () => {
    const { reps } = await seedClients(harness, ['Li Wei']);
    await revokeToken(harness.database.db, reps[0]!.tokenId);
    for (const token of [reps[0]!.token, '', 'my-password', 'snt_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const verdict = await testConnection({ url: BASE_URL, token }, harness.fetch);
      expect(verdict.code).toBe('bad_token');
    }
  });

  it('says the address is bad when it is not one, or when something else answers there', async () => {
    const { reps } = await seedClients(harness, ['Li Wei']);
    expect(await testConnection({ url: 'ftp://acme', token: reps[0]!.token }, harness.fetch)).toMatchObject({ code: 'bad_address' });
    const website = await testConnection({ url: 'https://www.acme.example', token: reps[0]!.token }, websiteFetch);
    expect(website).toMatchObject({ code: 'bad_address' });
    expect(describeConnectionVerdict(website)).toContain('does not work');
  });

  it('says the server is unreachable when nothing listens', async () => {
    const { reps } = await seedClients(harness, ['Li Wei']);
    const port = await freePortThatRefuses();
    const verdict = await testConnection({ url: `http://127.0.0.1:${port}`, token: reps[0]!.token }, fetch);
    expect(verdict).toMatchObject({ ok: false, code: 'unreachable' });
    expect(describeConnectionVerdict(verdict)).toContain('does not answer');
  });

  it('says the versions differ when a server of another protocol answers', async () => {
    const { reps } = await seedClients(harness, ['Li Wei']);
    const future: FetchLike = async (input, init) => {
      const response = await harness.fetch(input, init);
      const hello = (await response.json()) as Record<string, unknown>;
      return Response.json({ ...hello, protocolVersion: 2 });
    };
    expect(await testConnection({ url: BASE_URL, token: reps[0]!.token }, future)).toMatchObject({ code: 'incompatible_version' });
  });

  it('reports a server error when the server fails', async () => {
    const broken = await createHarness('pglite');
    const { reps } = await seedClients(broken, ['Li Wei']);
    await broken.database.close();
    expect(await testConnection({ url: BASE_URL, token: reps[0]!.token }, broken.fetch)).toMatchObject({ code: 'server_error' });
    await broken.app.close();
  });
});

describe('subscribeToTeamChanges', () => {
  it('hears a teammate\'s push, and the sync it triggers brings the record into this browser', async () => {
    const { reps, clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const changes: TeamChange[] = [];
    const states: LiveState['state'][] = [];
    const controller = new AbortController();
    const sync = createSyncController({ db: ana!.db, loadSettings: async () => ({ url: BASE_URL, token: reps[1]!.token }), fetch: harness.fetch });
    const done = subscribeToTeamChanges({
      baseUrl: BASE_URL,
      token: reps[1]!.token,
      fetch: harness.fetch,
      signal: controller.signal,
      onState: (state) => states.push(state.state),
      onChange: (change) => {
        changes.push(change);
        void sync.trigger('live_change');
      },
    });
    await waitUntil(() => changes.length === 1);
    expect(changes[0]).toEqual({ seq: 0, kind: 'ready' });
    const accountId = crypto.randomUUID();
    await writeRecord(li!.db, { entity: 'account', recordId: accountId, patch: accountFields({ name: 'Live Co' }) });
    await li!.sync();
    await waitUntil(() => changes.some((change) => change.kind === 'change'));
    await waitUntil(async () => (await ana!.db.accounts.get(accountId)) !== undefined);
    controller.abort();
    await done;
    sync.dispose();
    expect(states).toEqual(['connecting', 'connected', 'stopped']);
  });

  it('reconnects when the server ends the stream, and announces a fresh ready', async () => {
    const shortLived = await createHarness('pglite', { events: { heartbeatMs: 1000, maxLifetimeMs: 150 } });
    const { reps } = await seedClients(shortLived, ['Li Wei']);
    const changes: TeamChange[] = [];
    const controller = new AbortController();
    const done = subscribeToTeamChanges({
      baseUrl: BASE_URL,
      token: reps[0]!.token,
      fetch: shortLived.fetch,
      signal: controller.signal,
      onChange: (change) => changes.push(change),
      backoff: { baseMs: 20, maxMs: 50 },
    });
    await waitUntil(() => changes.filter((change) => change.kind === 'ready').length >= 2, 5000);
    controller.abort();
    await done;
    await shortLived.close();
  });

  it('treats a silent stream as dead and reconnects', async () => {
    const silent = await createHarness('pglite', { events: { heartbeatMs: 60_000, maxLifetimeMs: 60_000 } });
    const { reps } = await seedClients(silent, ['Li Wei']);
    const states: LiveState[] = [];
    const controller = new AbortController();
    const done = subscribeToTeamChanges({
      baseUrl: BASE_URL,
      token: reps[0]!.token,
      fetch: silent.fetch,
      signal: controller.signal,
      onChange: () => undefined,
      onState: (state) => states.push(state),
      silenceTimeoutMs: 200,
      backoff: { baseMs: 20, maxMs: 50 },
    });
    await waitUntil(() => states.some((state) => state.state === 'reconnecting' && state.reason.includes('no heartbeat')), 5000);
    controller.abort();
    await done;
    await silent.close();
  });

  it('stops, without retrying, when the token is refused', async () => {
    const states: LiveState[] = [];
    await subscribeToTeamChanges({
      baseUrl: BASE_URL,
      token: 'snt_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      fetch: harness.fetch,
      signal: new AbortController().signal,
      onChange: () => undefined,
      onState: (state) => states.push(state),
    });
    expect(states.at(-1)).toMatchObject({ state: 'stopped', reason: 'bad_token' });
  });
});

describe('createSyncController', () => {
  it('debounces writes into one run, runs "sync now" at once, and waits out a failure', async () => {
    const { reps, clients: [li] } = await seedClients(harness, ['Li Wei']);
    let clock = Date.now();
    const timers: Array<{ at: number; fire: () => void }> = [];
    let fetchWorks = true;
    const fetch: FetchLike = async (input, init) => {
      if (!fetchWorks) throw new TypeError('offline');
      return harness.fetch(input, init);
    };
    const sync = createSyncController({
      db: li!.db,
      loadSettings: async () => ({ url: BASE_URL, token: reps[0]!.token }),
      fetch,
      now: () => clock,
      random: () => 0.5,
      setTimer: (ms, fire) => {
        const timer = { at: clock + ms, fire };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer), 1);
      },
    });
    await writeRecord(li!.db, { entity: 'account', recordId: crypto.randomUUID(), patch: accountFields() });
    expect((await sync.trigger('write')).decision).toMatchObject({ action: 'wait', why: 'debounce' });
    expect((await sync.trigger('write')).decision).toMatchObject({ action: 'wait', why: 'debounce' });
    expect(timers).toHaveLength(1);
    clock = timers[0]!.at;
    const fired = timers.shift()!;
    fired.fire();
    await waitUntil(async () => (await li!.db.outbox.count()) === 0 && (await readSyncStatus(li!.db)).state === 'idle');

    fetchWorks = false;
    const failed = await sync.trigger('manual');
    expect(failed.result).toMatchObject({ outcome: 'failed', error: { code: 'unreachable' } });
    expect((await sync.trigger('alarm')).decision).toMatchObject({ action: 'wait', why: 'backoff' });
    fetchWorks = true;
    expect((await sync.trigger('online')).result).toMatchObject({ outcome: 'synced' });
    expect(await readSyncStatus(li!.db)).toMatchObject({ state: 'idle', consecutiveFailures: 0 });
    sync.dispose();
  });

  it('skips when no server is configured', async () => {
    const { clients: [li] } = await seedClients(harness, ['Li Wei']);
    const sync = createSyncController({ db: li!.db, loadSettings: async () => ({ url: '', token: '' }), fetch: harness.fetch });
    expect((await sync.trigger('alarm')).decision).toEqual({ action: 'skip', why: 'not_configured' });
  });
});

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
