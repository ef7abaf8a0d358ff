import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLookupChanges } from '../../lib/db/lookup';
import { writeRecord, writeRecords } from '../../lib/db/write';
import { SYNC_CURSOR_KEY, runSync } from '../../lib/sync/engine';
import { readSyncOverview, readSyncStatus } from '../../lib/sync/status';
import { createTransport, type FetchLike } from '../../lib/sync/transport';
import { queryRows } from '../../server/db/connect';
import { accountFields, contactFields, noteFields } from '../../server/testing/fixtures';
import { BASE_URL, createClient, createHarness, seedClients, type Harness } from './harness';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(async () => harness.close());

const MINUTE_MS = 60_000;

async function newAccount(db: Parameters<typeof writeRecord>[0], overrides: Record<string, unknown> = {}, now = Date.now()) {
  const id = crypto.randomUUID();
  await writeRecord(db, { entity: 'account', recordId: id, patch: accountFields(overrides) }, { now });
  return id;
}

/** A fetch that forwards to the app but can lose answers or fail requests by path. */
function faultyFetch(inner: FetchLike, fault: (path: string, call: number) => 'ok' | 'drop_response' | 'refuse') {
  const calls = new Map<string, number>();
  return async (input: string, init?: RequestInit) => {
    const path = new URL(input).pathname;
    const call = (calls.get(path) ?? 0) + 1;
    calls.set(path, call);
    const mode = fault(path, call);
    if (mode === 'refuse') throw new TypeError('fetch failed');
    const response = await inner(input, init);
    if (mode === 'drop_response') throw new TypeError('network connection lost');
    return response;
  };
}

describe('runSync', () => {
  it('pushes local writes, deletes them from the outbox once acknowledged, and pulls the server copy back', async () => {
    const { reps, clients: [li] } = await seedClients(harness, ['Li Wei']);
    const accountId = await newAccount(li!.db, { name: 'Northwind' });
    const result = await li!.sync();
    expect(result).toMatchObject({ outcome: 'synced', pushed: 1, pulled: 1, parked: 0 });
    expect(await li!.db.outbox.count()).toBe(0);
    const local = (await li!.records('accounts')).get(accountId);
    expect(local).toMatchObject({ name: 'Northwind', updatedBy: reps[0]!.id });
    const row = await li!.db.accounts.get(accountId);
    expect(row?.nameKey).toBe('northwind');
    const status = await readSyncOverview(li!.db);
    expect(status).toMatchObject({ state: 'idle', lastError: null, consecutiveFailures: 0, pending: 0, parked: 0 });
    expect(status.lastSyncedAt).not.toBeNull();
  });

  it('brings a teammate\'s records to a fresh browser with their lookup fields', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const accountId = await newAccount(li!.db, { name: 'Contoso Logistics', domains: ['contoso.example'] });
    await li!.sync();
    expect((await ana!.sync()).outcome).toBe('synced');
    const row = await ana!.db.accounts.get(accountId);
    expect(row).toMatchObject({ name: 'Contoso Logistics', domains: ['contoso.example'] });
    expect(await ana!.db.accounts.where('nameKey').startsWith('contoso').primaryKeys()).toEqual([accountId]);
    // The pulled page is in the change log the side panel's lookup index catches up from.
    const logged = await readLookupChanges(ana!.db, 0);
    expect(logged.changes).toEqual([expect.objectContaining({ kind: 'account', id: accountId, doc: expect.objectContaining({ name: 'Contoso Logistics' }) })]);
  });

  it('keeps both reps\' edits to different fields and tells the loser of a same-field edit', async () => {
    const { reps, clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const start = Date.now() - 10 * MINUTE_MS;
    const accountId = await newAccount(li!.db, { name: 'Acme' }, start);
    await li!.sync();
    await ana!.sync();
    // Both offline; Li edits first (older stamps), Ana later.
    await writeRecord(li!.db, { entity: 'account', recordId: accountId, patch: { industry: 'Logistics', stage: 'proposal' } }, { now: start + MINUTE_MS });
    await writeRecord(ana!.db, { entity: 'account', recordId: accountId, patch: { sizeTier: 'growth', stage: 'qualified' } }, { now: start + 2 * MINUTE_MS });
    await ana!.sync();
    const result = await li!.sync();
    expect(result).toMatchObject({ outcome: 'synced', conflicts: 1 });
    const [notice] = await li!.db.conflicts.toArray();
    expect(notice).toMatchObject({ entity: 'account', recordId: accountId, fields: ['stage'], lostTo: reps[1]!.id, seenAt: null });
    await ana!.sync();
    for (const client of [li!, ana!]) {
      expect((await client.records('accounts')).get(accountId)).toMatchObject({ industry: 'Logistics', sizeTier: 'growth', stage: 'qualified' });
    }
  });

  it('lets the server name the author of a note written before any server was set up', async () => {
    const { reps, clients: [li] } = await seedClients(harness, ['Li Wei']);
    const noteId = crypto.randomUUID();
    await writeRecord(li!.db, { entity: 'activity', recordId: noteId, patch: noteFields(), localOnCreate: { authorId: null } });
    expect((await li!.db.activities.get(noteId))?.authorId).toBeNull();
    await li!.sync();
    expect((await li!.db.activities.get(noteId))?.authorId).toBe(reps[0]!.id);
  });

  it('parks a change the server refuses for good, sends the rest, and shows the team\'s version again', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const noteId = crypto.randomUUID();
    await writeRecord(li!.db, { entity: 'activity', recordId: noteId, patch: noteFields({ body: 'Li\'s note' }) });
    await li!.sync();
    await ana!.sync();
    const accountId = crypto.randomUUID();
    await writeRecords(ana!.db, [
      { entity: 'activity', recordId: noteId, patch: { body: 'Ana rewrote Li\'s note' } },
      { entity: 'account', recordId: accountId, patch: accountFields({ name: 'Fine' }) },
    ]);
    const result = await ana!.sync();
    expect(result).toMatchObject({ outcome: 'synced', parked: 1, pushed: 1 });
    const parked = await ana!.db.outbox.where('status').equals('parked').toArray();
    expect(parked).toHaveLength(1);
    expect(parked[0]).toMatchObject({ recordId: noteId, attempts: 1, parkedReason: expect.stringContaining('only they can change it') });
    expect((await ana!.db.activities.get(noteId))?.body).toBe('Li\'s note');
    expect((await ana!.db.accounts.get(accountId))?.name).toBe('Fine');
    expect(await readSyncOverview(ana!.db)).toMatchObject({ state: 'idle', pending: 0, parked: 1 });
    // Parked changes are not sent again.
    expect(await ana!.sync()).toMatchObject({ outcome: 'synced', pushed: 0, parked: 0 });
  });

  it('still falls back to the team\'s version when the sync dies right after parking', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const noteId = crypto.randomUUID();
    await writeRecord(li!.db, { entity: 'activity', recordId: noteId, patch: noteFields({ body: 'Li\'s note' }) });
    await li!.sync();
    await ana!.sync();
    await writeRecord(ana!.db, { entity: 'activity', recordId: noteId, patch: { body: 'Ana rewrote it' } });
    const diesAfterParking = faultyFetch(harness.fetch, (path) => (path === '/v1/records' ? 'refuse' : 'ok'));
    expect((await ana!.sync({ fetch: diesAfterParking })).outcome).toBe('failed');
    expect(await ana!.db.outbox.where('status').equals('parked').count()).toBe(1);
    expect((await ana!.db.activities.get(noteId))?.body).toBe('Ana rewrote it');
    await ana!.sync();
    expect((await ana!.db.activities.get(noteId))?.body).toBe('Li\'s note');
  });

  it('holds back a change refused for now (clock far ahead) and syncs everything else', async () => {
    const { clients: [li] } = await seedClients(harness, ['Li Wei']);
    const early = await newAccount(li!.db, { name: 'Before the clock jumped' });
    const future = await newAccount(li!.db, { name: 'From the future' }, Date.now() + 30 * MINUTE_MS);
    const result = await li!.sync();
    expect(result).toMatchObject({ outcome: 'synced', pushed: 1 });
    expect(await li!.db.outbox.where('status').equals('pending').count()).toBe(1);
    expect((await li!.db.outbox.toArray())[0]).toMatchObject({ recordId: future, lastError: expect.stringContaining('clock_skew') });
    const status = await readSyncStatus(li!.db);
    expect(status).toMatchObject({ state: 'error', consecutiveFailures: 1, lastError: { code: 'changes_held', message: expect.stringContaining('clock'), params: expect.objectContaining({ reasonCode: 'clock_skew' }) } });
    expect(status.nextRetryAt).toBeGreaterThan(Date.now());
    expect((await li!.records('accounts')).has(early)).toBe(true);
  });

  it('has no second effect when a push answer is lost and the push is sent again', async () => {
    const { team, clients: [li] } = await seedClients(harness, ['Li Wei']);
    for (let i = 0; i < 3; i++) await newAccount(li!.db, { name: `Account ${i}` });
    const lost = faultyFetch(harness.fetch, (path) => (path === '/v1/push' ? 'drop_response' : 'ok'));
    const failed = await li!.sync({ fetch: lost });
    expect(failed).toMatchObject({ outcome: 'failed', error: { code: 'unreachable' } });
    expect(await li!.db.outbox.count()).toBe(3);
    expect(await readSyncStatus(li!.db)).toMatchObject({ state: 'offline', consecutiveFailures: 1, lastError: { code: 'unreachable', action: expect.stringContaining('Nothing is lost') } });
    expect(await li!.sync()).toMatchObject({ outcome: 'synced', pushed: 3 });
    const [applied] = await queryRows<{ n: number }>(harness.database.db, sql`select count(*)::int as n from applied_mutations where team_id = ${team.id}`);
    expect(applied!.n).toBe(3);
    expect(await li!.db.outbox.count()).toBe(0);
    expect(await readSyncStatus(li!.db)).toMatchObject({ state: 'idle', consecutiveFailures: 0, lastError: null });
  });

  it('commits each pulled page with its cursor, so a sync cut off mid-pull resumes where it stopped', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push(await newAccount(li!.db, { name: `Account ${i}` }));
    await li!.sync();
    const cutOff = faultyFetch(harness.fetch, (path, call) => (path === '/v1/pull' && call === 3 ? 'refuse' : 'ok'));
    expect((await ana!.sync({ fetch: cutOff, pullPageSize: 10 })).outcome).toBe('failed');
    expect(await ana!.db.accounts.count()).toBe(20);
    const cursor = (await ana!.db.meta.get(SYNC_CURSOR_KEY))?.value as { cursor: string };
    expect(cursor.cursor).not.toBe('');
    const pulls: string[] = [];
    const counting: FetchLike = async (input, init) => {
      if (input.includes('/v1/pull')) pulls.push((JSON.parse(String(init?.body)) as { cursor: string }).cursor);
      return harness.fetch(input, init);
    };
    expect(await ana!.sync({ fetch: counting, pullPageSize: 10 })).toMatchObject({ outcome: 'synced', pulled: 5 });
    expect(pulls[0]).toBe(cursor.cursor);
    expect([...(await ana!.records('accounts')).keys()].sort()).toEqual([...ids].sort());
  });

  it('pulls every page from one address with the cursor in the body, so one CORS preflight serves the whole sync', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    for (let i = 0; i < 25; i++) await newAccount(li!.db, { name: `Account ${i}` });
    await li!.sync();
    const pulls: Array<{ url: string; method: string; body: unknown }> = [];
    const recording: FetchLike = async (input, init) => {
      if (new URL(input).pathname === '/v1/pull') pulls.push({ url: input, method: init?.method ?? 'GET', body: JSON.parse(String(init?.body)) });
      return harness.fetch(input, init);
    };
    expect(await ana!.sync({ fetch: recording, pullPageSize: 10 })).toMatchObject({ outcome: 'synced', pulled: 25 });
    expect(pulls).toHaveLength(3);
    expect(new Set(pulls.map((pull) => `${pull.method} ${pull.url}`))).toEqual(new Set([`POST ${BASE_URL}/v1/pull`]));
    expect(pulls.map((pull) => pull.body)).toEqual([
      { cursor: '', limit: 10 },
      { cursor: expect.stringMatching(/^\d+(\.\d+)?$/), limit: 10 },
      { cursor: expect.stringMatching(/^\d+(\.\d+)?$/), limit: 10 },
    ]);
    expect(await ana!.db.accounts.count()).toBe(25);
  });

  it('makes the first page usable before the rest arrives', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const writes = Array.from({ length: 1200 }, (_, i) => ({ entity: 'account' as const, recordId: crypto.randomUUID(), patch: accountFields({ name: `Account ${i}` }) }));
    await writeRecords(li!.db, writes);
    const pushes: number[] = [];
    const counting: FetchLike = async (input, init) => {
      if (input.endsWith('/v1/push')) pushes.push((JSON.parse(String(init?.body)) as { mutations: unknown[] }).mutations.length);
      return harness.fetch(input, init);
    };
    await li!.sync({ fetch: counting });
    expect(pushes).toEqual([500, 500, 200]);
    const seenAfterEachPage: number[] = [];
    let checks = Promise.resolve();
    await ana!.sync({
      pullPageSize: 500,
      onProgress: (progress) => {
        if (progress.phase === 'pull') checks = checks.then(async () => void seenAfterEachPage.push(await ana!.db.accounts.count()));
      },
    });
    await checks;
    expect(seenAfterEachPage[0]).toBeGreaterThanOrEqual(500);
    expect(seenAfterEachPage.at(-1)).toBe(1200);
  });

  it('keeps unsent local edits visible when teammates\' changes to the same record arrive', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const start = Date.now() - 10 * MINUTE_MS;
    const accountId = await newAccount(li!.db, { name: 'Acme' }, start);
    await li!.sync();
    await ana!.sync();
    await writeRecord(ana!.db, { entity: 'account', recordId: accountId, patch: { industry: 'Retail' } }, { now: start + MINUTE_MS });
    await ana!.sync();
    // Li edits another field while the pull is on its way, so the edit is still unsent when the page lands.
    const editDuringPull: FetchLike = async (input, init) => {
      if (input.includes('/v1/pull')) {
        await writeRecord(li!.db, { entity: 'account', recordId: accountId, patch: { stage: 'negotiation' } }, { now: start + 2 * MINUTE_MS });
      }
      return harness.fetch(input, init);
    };
    await li!.sync({ fetch: editDuringPull, maxRounds: 1 });
    expect(await li!.db.outbox.where('status').equals('pending').count()).toBe(1);
    expect((await li!.records('accounts')).get(accountId)).toMatchObject({ industry: 'Retail', stage: 'negotiation' });
  });

  it('removes a note from teammates\' browsers when its author makes it private', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const noteId = crypto.randomUUID();
    await writeRecord(li!.db, { entity: 'activity', recordId: noteId, patch: noteFields() });
    await li!.sync();
    await ana!.sync();
    expect(await ana!.db.activities.get(noteId)).toBeDefined();
    await writeRecord(li!.db, { entity: 'activity', recordId: noteId, patch: { visibility: 'private' } });
    await li!.sync();
    await ana!.sync();
    expect(await ana!.db.activities.get(noteId)).toBeUndefined();
    expect((await li!.db.activities.get(noteId))?.visibility).toBe('private');
  });

  it('starts the history over when the server no longer knows the cursor', async () => {
    const { clients: [li] } = await seedClients(harness, ['Li Wei']);
    await newAccount(li!.db);
    await li!.sync();
    const stored = (await li!.db.meta.get(SYNC_CURSOR_KEY))!.value as Record<string, unknown>;
    await li!.db.meta.put({ key: SYNC_CURSOR_KEY, value: { ...stored, cursor: '99999999' } });
    expect(await li!.sync()).toMatchObject({ outcome: 'synced', pulled: 1 });
  });

  it('reports a bad token in words and keeps the changes', async () => {
    const { clients: [li] } = await seedClients(harness, ['Li Wei']);
    await newAccount(li!.db);
    const wrongToken = createClient(harness, { token: 'snt_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', id: 'x' });
    await newAccount(wrongToken.db);
    const result = await wrongToken.sync();
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'bad_token', action: expect.stringContaining('new token') } });
    expect(await readSyncStatus(wrongToken.db)).toMatchObject({ state: 'error', consecutiveFailures: 1 });
    expect(await wrongToken.db.outbox.count()).toBe(1);
  });

  it('waits out a short rate limit within the run', async () => {
    const limited = await createHarness('pglite', { rateLimit: { requestsPerMinute: 240, burst: 1 } });
    try {
      const { clients: [li] } = await seedClients(limited, ['Li Wei']);
      await newAccount(li!.db);
      expect(await li!.sync()).toMatchObject({ outcome: 'synced', pushed: 1 });
    } finally {
      await limited.close();
    }
  });

  it('backs off with the server\'s Retry-After when rate limited for long', async () => {
    const limited = await createHarness('pglite', { rateLimit: { requestsPerMinute: 3, burst: 1 } });
    try {
      const { clients: [li] } = await seedClients(limited, ['Li Wei']);
      const now = Date.now();
      const result = await li!.sync({ now: () => now });
      expect(result).toMatchObject({ outcome: 'failed', error: { code: 'rate_limited' } });
      expect((await readSyncStatus(li!.db)).nextRetryAt).toBeGreaterThanOrEqual(now + 19_000);
    } finally {
      await limited.close();
    }
  });

  it('runs one sync at a time per database', async () => {
    const { clients: [li] } = await seedClients(harness, ['Li Wei']);
    await newAccount(li!.db);
    const results = await Promise.all([li!.sync(), li!.sync()]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['busy', 'synced']);
  });

  it('refuses to sync a database with another team than its own: records never mix (switching is switch-team.ts)', async () => {
    const acme = await seedClients(harness, ['Li Wei']);
    await newAccount(acme.clients[0]!.db, { name: 'Acme account' });
    await acme.clients[0]!.sync();
    await newAccount(acme.clients[0]!.db, { name: 'Acme, not sent yet' });
    const globex = await seedClients(harness, ['Bob Stone']);
    await newAccount(globex.clients[0]!.db, { name: 'Globex account' });
    await globex.clients[0]!.sync();
    // Same browser database, new token of another team.
    const switched = await runSync(acme.clients[0]!.db, createTransport({ baseUrl: BASE_URL, token: globex.reps[0]!.token, fetch: harness.fetch }));
    expect(switched).toMatchObject({ outcome: 'failed', error: { code: 'other_team' }, pushed: 0, pulled: 0 });
    const names = (await acme.clients[0]!.db.accounts.toArray()).map((account) => account.name).sort();
    expect(names).toEqual(['Acme account', 'Acme, not sent yet']);
    await globex.clients[0]!.sync();
    expect((await globex.clients[0]!.db.accounts.toArray()).map((account) => account.name)).toEqual(['Globex account']);
  });

  it('links records across entities in one batch', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const accountId = crypto.randomUUID();
    const contactId = crypto.randomUUID();
    await writeRecords(li!.db, [
      { entity: 'account', recordId: accountId, patch: accountFields() },
      { entity: 'contact', recordId: contactId, patch: contactFields({ accountId }) },
    ]);
    await li!.sync();
    await ana!.sync();
    expect(await ana!.db.contacts.where('accountId').equals(accountId).count()).toBe(1);
  });
});
