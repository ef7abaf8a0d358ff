import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRecord } from '../../lib/db/write';
import { SERVER_PROBE_FAST_MS } from '../../lib/sync/backoff';
import { createSyncController } from '../../lib/sync/controller';
import { subscribeToTeamChanges, type LiveState } from '../../lib/sync/live';
import { readSyncStatus } from '../../lib/sync/status';
import type { FetchLike } from '../../lib/sync/transport';
import { noteFields } from '../../server/testing/fixtures';
import { BASE_URL, createHarness, seedClients, type Harness } from './harness';

/**
 * Recovery after an outage: the backoff a dead server earned does not keep writes waiting
 * once it answers again. A health probe (sidebar closed) or the live stream's reconnect
 * (sidebar open) ends it. Time is a fake clock and fake timers, so nothing here waits out a
 * real backoff and nothing asserts a duration.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('pglite', { events: { heartbeatMs: 100, maxLifetimeMs: 60_000 } });
});
afterAll(async () => harness.close());

/** The harness app, or no answer at all (connection refused) while `down` is set. */
function switchableFetch() {
  const state = { down: false, requests: [] as string[] };
  const fetch: FetchLike = async (input, init) => {
    state.requests.push(new URL(input).pathname);
    if (state.down) throw new TypeError('fetch failed: connect ECONNREFUSED');
    return harness.fetch(input, init);
  };
  return { state, fetch };
}

async function waitUntil(predicate: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('recovery after an outage', () => {
  it('a health probe ends minutes of backoff as soon as the server answers again', async () => {
    const { reps, clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const { state, fetch } = switchableFetch();
    let clock = Date.now();
    const timers: Array<{ ms: number; fire: () => void }> = [];
    const sync = createSyncController({
      db: li!.db,
      loadSettings: async () => ({ url: BASE_URL, token: reps[0]!.token }),
      fetch,
      now: () => clock,
      random: () => 0.5,
      setTimer: (ms, fire) => {
        const timer = { ms, fire };
        timers.push(timer);
        return () => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
        };
      },
    });

    state.down = true;
    const noteId = crypto.randomUUID();
    await writeRecord(li!.db, { entity: 'activity', recordId: noteId, patch: noteFields({ body: 'Written during the outage.' }) });
    // Eight failed attempts: the backoff is now minutes long.
    for (let attempt = 0; attempt < 8; attempt++) expect((await sync.trigger('manual')).result).toMatchObject({ outcome: 'failed', error: { code: 'unreachable' } });
    const backingOff = await readSyncStatus(li!.db);
    expect(backingOff.nextRetryAt! - clock).toBeGreaterThan(5 * 60_000);
    expect((await sync.trigger('alarm')).decision).toMatchObject({ action: 'wait', why: 'backoff' });

    // The probe is a short timer, not the backoff's; while the server is down it keeps asking.
    const probe = () => timers.find((timer) => timer.ms <= SERVER_PROBE_FAST_MS)!;
    expect(probe()).toBeDefined();
    const requestsBefore = state.requests.length;
    const first = probe();
    timers.splice(timers.indexOf(first), 1);
    first.fire();
    await waitUntil(() => state.requests.length > requestsBefore && probe() !== undefined);
    expect(state.requests.slice(requestsBefore)).toEqual(['/healthz']);
    expect(await li!.db.outbox.count()).toBe(1);

    // The server is back: the next probe answers, and the pending note goes out at once,
    // long before the backoff would have let it (the fake clock never moved).
    state.down = false;
    const second = probe();
    timers.splice(timers.indexOf(second), 1);
    second.fire();
    await waitUntil(async () => (await li!.db.outbox.count()) === 0 && (await readSyncStatus(li!.db)).state === 'idle');
    expect(clock).toBeLessThan(backingOff.nextRetryAt!);
    expect(await readSyncStatus(li!.db)).toMatchObject({ state: 'idle', consecutiveFailures: 0 });
    await ana!.sync();
    expect((await ana!.db.activities.get(noteId))?.body).toBe('Written during the outage.');
    // Once synced, nothing probes any more.
    expect(timers.filter((timer) => timer.ms <= SERVER_PROBE_FAST_MS)).toHaveLength(0);
    clock += 1;
    sync.dispose();
  });

  it('does not probe a server that answers with errors: its backoff stands', async () => {
    const { reps, clients: [li] } = await seedClients(harness, ['Li Wei']);
    const failing: FetchLike = async (input) => (new URL(input).pathname === '/healthz' ? Response.json({ ok: true }) : Response.json({ error: { code: 'internal', message: 'boom', where: null, fix: 'later' } }, { status: 500 }));
    const timers: Array<{ ms: number; fire: () => void }> = [];
    const sync = createSyncController({
      db: li!.db,
      loadSettings: async () => ({ url: BASE_URL, token: reps[0]!.token }),
      fetch: failing,
      random: () => 0.5,
      setTimer: (ms, fire) => {
        timers.push({ ms, fire });
        return () => undefined;
      },
    });
    await writeRecord(li!.db, { entity: 'activity', recordId: crypto.randomUUID(), patch: noteFields() });
    expect((await sync.trigger('manual')).result).toMatchObject({ outcome: 'failed', error: { code: 'server_error' } });
    expect((await sync.trigger('server_back')).decision).toMatchObject({ action: 'wait', why: 'backoff' });
    expect(timers.filter((timer) => timer.ms <= SERVER_PROBE_FAST_MS)).toHaveLength(0);
    sync.dispose();
  });

  it('the live stream retries a silent server every 1–2 s, and its reconnect ends the sync backoff', async () => {
    const { reps, clients: [li] } = await seedClients(harness, ['Li Wei']);
    const { state, fetch } = switchableFetch();
    const sync = createSyncController({ db: li!.db, loadSettings: async () => ({ url: BASE_URL, token: reps[0]!.token }), fetch, random: () => 0 });
    const states: LiveState[] = [];
    const readies: number[] = [];
    const stop = new AbortController();
    state.down = true;
    await writeRecord(li!.db, { entity: 'activity', recordId: crypto.randomUUID(), patch: noteFields({ body: 'Pending until the stream is back.' }) });
    for (let attempt = 0; attempt < 8; attempt++) await sync.trigger('manual');
    expect((await readSyncStatus(li!.db)).nextRetryAt! - Date.now()).toBeGreaterThan(5 * 60_000);
    const done = subscribeToTeamChanges({
      baseUrl: BASE_URL,
      token: reps[0]!.token,
      fetch,
      signal: stop.signal,
      random: () => 0,
      onState: (next) => states.push(next),
      // The sidebar's wiring (entrypoints/sidepanel/hooks/use-sync.ts): a `ready` says the server answers again.
      onChange: (change) => {
        if (change.kind === 'ready') readies.push(change.seq);
        void sync.trigger(change.kind === 'ready' ? 'server_back' : 'live_change');
      },
    });
    await waitUntil(() => states.filter((next) => next.state === 'reconnecting').length >= 4, 20_000);
    // A growing backoff would wait 4 s before the fourth retry and up to a minute later on.
    for (const next of states) if (next.state === 'reconnecting') expect(next.retryInMs).toBeLessThanOrEqual(SERVER_PROBE_FAST_MS);
    state.down = false;
    await waitUntil(() => readies.length > 0, 10_000);
    await waitUntil(async () => (await li!.db.outbox.count()) === 0 && (await readSyncStatus(li!.db)).consecutiveFailures === 0, 10_000);
    stop.abort();
    await done;
    sync.dispose();
  });
});
