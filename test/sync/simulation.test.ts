import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
import { SidenoteDb, TABLE_OF_ENTITY } from '../../lib/db/database';
import { fromRow } from '../../lib/db/derived';
import { writeRecord } from '../../lib/db/write';
import { runSync } from '../../lib/sync/engine';
import type { StoredRecord } from '../../lib/sync/merge';
import { createTransport, type FetchLike } from '../../lib/sync/transport';
import { queryRows } from '../../server/db/connect';
import { DAY_MS, compact } from '../../server/sync/compact';
import { scaledTimeout } from '../support/timeouts';
import { accountFields, contactFields, dealFields, noteFields, seedTeam } from '../../server/testing/fixtures';
import { TEST_DRIVERS } from '../../server/testing/test-database';
import { BASE_URL, createHarness, uniqueDbName, type Harness } from './harness';

/**
 * A seeded, randomized simulation of a team: five browsers (three reps, two of them on two
 * browsers each) write offline through lib/db/write.ts and sync through a network that
 * drops answers, refuses requests, duplicates pushes and replays old ones out of order,
 * while the server restarts. Afterwards every browser must hold exactly the server's data
 * it may see, every acknowledged write must stand or have lost to a newer one, every
 * mutation must have been applied exactly once, and no note may exist twice.
 *
 * Retention is part of it: the server compacts (every applied id and tombstone so far counts
 * as past the 180-day horizon) at random moments and once at the end, while one browser is
 * away from some point on: it keeps writing, never syncs, misses a teammate's deletion that
 * compaction then removes, and comes back past the horizon. It must be told to re-sync, keep
 * and send its pending writes, and end up holding exactly the team's records: no deleted
 * record back, no write lost (a write to a purged record loses to its deletion) or doubled.
 *
 * Reproduce a failure with the printed seed: SIM_SEED=<seed> SIM_PATH=<path> npx vitest run --project server test/sync/simulation.test.ts
 * Search deeper with SIM_RUNS=300 (8 runs by default, so `npm test` stays cheap on 2 busy cores).
 */

const RUNS = Number(process.env.SIM_RUNS ?? 8);
const SEED = process.env.SIM_SEED === undefined ? Date.now() ^ (Math.random() * 2 ** 31) : Number(process.env.SIM_SEED);
const PATH = process.env.SIM_PATH;

const CLIENT_REPS = [0, 0, 1, 1, 2];
const MINUTE_MS = 60_000;

type Fault = 'ok' | 'refuse' | 'drop_response' | 'duplicate' | 'abort';

type Action =
  | { kind: 'create_account'; client: number }
  | { kind: 'edit_account'; client: number; pick: number; edit: number }
  | { kind: 'delete_account'; client: number; pick: number; undo: boolean }
  | { kind: 'create_contact'; client: number; pick: number }
  | { kind: 'create_deal'; client: number; pick: number }
  | { kind: 'edit_deal'; client: number; pick: number; amount: number }
  | { kind: 'create_note'; client: number; pick: number; private: boolean }
  | { kind: 'edit_note'; client: number; pick: number }
  | { kind: 'toggle_note_visibility'; client: number; pick: number }
  | { kind: 'sync'; client: number; faults: Fault[] }
  | { kind: 'sync_together'; clients: number[] }
  /** The rep keeps typing while a sync is on its way: writes race the push and the pull. */
  | { kind: 'sync_while_writing'; client: number; faults: Fault[]; writes: Action[] }
  | { kind: 'replay_push'; client: number; pick: number }
  | { kind: 'restart_server' }
  /** The compaction job, with every applied id and tombstone so far past the horizon. */
  | { kind: 'compact' };

const client = fc.integer({ min: 0, max: CLIENT_REPS.length - 1 });
const pick = fc.nat({ max: 1000 });
const fault = fc.constantFrom<Fault>('ok', 'ok', 'ok', 'refuse', 'drop_response', 'duplicate', 'abort');
const writeAction = (forClient: number): fc.Arbitrary<Action> =>
  fc.oneof(
    fc.record({ kind: fc.constant('create_account' as const), client: fc.constant(forClient) }),
    fc.record({ kind: fc.constant('edit_account' as const), client: fc.constant(forClient), pick, edit: fc.nat({ max: 5 }) }),
    fc.record({ kind: fc.constant('create_note' as const), client: fc.constant(forClient), pick, private: fc.boolean() }),
    fc.record({ kind: fc.constant('edit_note' as const), client: fc.constant(forClient), pick }),
  );
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create_account' as const), client }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('edit_account' as const), client, pick, edit: fc.nat({ max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete_account' as const), client, pick, undo: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create_contact' as const), client, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create_deal' as const), client, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit_deal' as const), client, pick, amount: fc.nat({ max: 1_000_000 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create_note' as const), client, pick, private: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit_note' as const), client, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('toggle_note_visibility' as const), client, pick }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), client, faults: fc.array(fault, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync_together' as const), clients: fc.uniqueArray(client, { minLength: 2, maxLength: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay_push' as const), client, pick }) },
  {
    weight: 3,
    arbitrary: client.chain((index) =>
      fc.record({
        kind: fc.constant('sync_while_writing' as const),
        client: fc.constant(index),
        faults: fc.array(fault, { maxLength: 3 }),
        writes: fc.array(writeAction(index), { minLength: 1, maxLength: 4 }),
      }),
    ),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart_server' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) },
);
const scenario = fc.record({
  actions: fc.array(action, { minLength: 30, maxLength: 60 }),
  /** Device clocks off by up to five minutes either way (the server allows ten ahead). */
  clockOffsetsMs: fc.array(fc.integer({ min: -5 * MINUTE_MS, max: 5 * MINUTE_MS }), { minLength: CLIENT_REPS.length, maxLength: CLIENT_REPS.length }),
  /** The browser that goes away past the horizon, and after which share of the actions. */
  away: fc.record({ client, from: fc.double({ min: 0, max: 0.9, noNaN: true }) }),
});

/** Re-syncs the away browser was told to do, over all runs: the test proves the path was taken. */
let resyncsSeen = 0;

interface LoggedWrite {
  mutationId: string;
  client: number;
  rep: number;
  entity: string;
  recordId: string;
  patch: Record<string, unknown>;
  hlc: string;
}

interface SimClient {
  index: number;
  rep: number;
  db: SidenoteDb;
  token: string;
  clockOffsetMs: number;
  faults: Fault[];
  abort: AbortController | null;
  sentPushes: string[];
  /** Pulls answered 410 resync_required. */
  resyncRequests: number;
}

interface SimState {
  counter: number;
  notes: Set<string>;
  /** The browser that is away: it writes, but none of its syncs happen. */
  away: number | null;
  /** Applied mutation ids compaction removed (they were applied once, before). */
  pruned: Set<string>;
  teamId: string;
}

/** The harness of the driver being simulated (PGlite, then PostgreSQL when DATABASE_URL is set). */
let harness: Harness;

/** The network between one browser and the server, misbehaving as the current sync was told to. */
function networkOf(sim: SimClient): FetchLike {
  return async (input, init) => {
    const path = new URL(input).pathname;
    const fault = sim.faults.shift() ?? 'ok';
    if (path === '/v1/push' && typeof init?.body === 'string') sim.sentPushes.push(init.body);
    if (fault === 'refuse') throw new TypeError('fetch failed: connection refused');
    if (fault === 'abort') {
      sim.abort?.abort();
      throw new DOMException('The operation was aborted.', 'AbortError');
    }
    if (fault === 'duplicate') await harness.fetch(input, init);
    const response = await harness.fetch(input, init);
    if (fault === 'drop_response') throw new TypeError('network connection lost');
    if (path === '/v1/pull' && response.status === 410) sim.resyncRequests++;
    return response;
  };
}

/** Read your writes: every write still waiting in the outbox shows in the browser's own copy. */
async function expectPendingWritesVisible(sim: SimClient) {
  for (const entry of await sim.db.outbox.where('status').equals('pending').toArray()) {
    const row = (await sim.db.table(TABLE_OF_ENTITY[entry.entity]).get(entry.recordId)) as StoredRecord | undefined;
    if (!row) {
      // Only a teammate's note that became private may vanish with an edit of ours pending (the server will refuse it).
      expect(entry.entity, `pending write ${entry.id} lost its ${entry.entity} ${entry.recordId}`).toBe('activity');
      continue;
    }
    for (const [key] of writtenKeys(entry.patch)) {
      expect((row.clock[key] ?? '') >= entry.hlc, `pending write ${entry.id} to ${key} of ${entry.recordId} is hidden locally`).toBe(true);
    }
  }
}

async function syncClient(sim: SimClient, faults: Fault[] = []) {
  sim.faults = [...faults];
  sim.abort = new AbortController();
  const result = await runSync(sim.db, createTransport({ baseUrl: BASE_URL, token: sim.token, fetch: networkOf(sim) }), {
    signal: sim.abort.signal,
    now: () => Date.now() + sim.clockOffsetMs,
    pullPageSize: 7,
    pushBatchSize: 5,
  });
  sim.faults = [];
  await expectPendingWritesVisible(sim);
  return result;
}

async function logNewWrites(sim: SimClient, log: Map<string, LoggedWrite>) {
  for (const entry of await sim.db.outbox.toArray()) {
    if (!log.has(entry.id)) {
      log.set(entry.id, { mutationId: entry.id, client: sim.index, rep: sim.rep, entity: entry.entity, recordId: entry.recordId, patch: entry.patch, hlc: entry.hlc });
    }
  }
}

function pickFrom<T>(items: readonly T[], index: number): T | undefined {
  return items.length ? items[index % items.length] : undefined;
}

const ACCOUNT_EDITS: Array<(n: number) => Record<string, unknown>> = [
  (n) => ({ name: `Account renamed ${n}` }),
  (n) => ({ industry: n % 2 ? 'Retail' : 'Logistics' }),
  (n) => ({ stage: ['lead', 'qualified', 'proposal', 'negotiation'][n % 4] }),
  (n) => ({ sizeTier: ['strategic', 'growth', 'smb'][n % 3] }),
  (n) => ({ 'facts.budget': { value: `${n}k`, confirmed: n % 2 === 0 } }),
  (n) => ({ 'facts.champion': n % 3 ? { value: `Champion ${n}`, confirmed: true } : null }),
];

/** Compaction as the job runs it, 200 days later: everything so far is past the 180-day horizon. */
async function compactNow(state: SimState) {
  const before = await queryRows<{ mutation_id: string }>(harness.database.db, sql`select mutation_id from applied_mutations where team_id = ${state.teamId}`);
  await compact(harness.database, { retentionDays: 180, nowMs: Date.now() + 200 * DAY_MS, batchRows: 7 });
  const after = new Set((await queryRows<{ mutation_id: string }>(harness.database.db, sql`select mutation_id from applied_mutations where team_id = ${state.teamId}`)).map((row) => row.mutation_id));
  for (const row of before) if (!after.has(row.mutation_id)) state.pruned.add(row.mutation_id);
}

async function perform(step: Action, sims: SimClient[], state: SimState, log: Map<string, LoggedWrite>) {
  const n = state.counter++;
  const present = (index: number) => index !== state.away;
  if (step.kind === 'restart_server') return harness.restart();
  if (step.kind === 'compact') return compactNow(state);
  if (step.kind === 'sync') return void (present(step.client) && (await syncClient(sims[step.client]!, step.faults)));
  if (step.kind === 'sync_together') return void (await Promise.all(step.clients.filter(present).map((index) => syncClient(sims[index]!))));
  if (step.kind === 'sync_while_writing') {
    const writing = (async () => {
      for (const write of step.writes) await perform(write, sims, state, log);
    })();
    await Promise.all([present(step.client) ? syncClient(sims[step.client]!, step.faults) : Promise.resolve(), writing]);
    return;
  }
  const sim = sims[step.client]!;
  if (step.kind === 'replay_push') {
    // A stale copy of an earlier push arrives late: the network reordered and duplicated it.
    const body = pickFrom(sim.sentPushes, step.pick);
    if (!body) return;
    await harness.fetch(`${BASE_URL}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sim.token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body,
    });
    return;
  }
  const now = Date.now() + sim.clockOffsetMs;
  const write = (entity: Parameters<typeof writeRecord>[1]['entity'], recordId: string, patch: Record<string, unknown>) =>
    writeRecord(sim.db, { entity, recordId, patch }, { now });
  const live = <T extends { deletedAt: number | null }>(rows: T[]) => rows.filter((row) => row.deletedAt === null);
  switch (step.kind) {
    case 'create_account':
      await write('account', crypto.randomUUID(), accountFields({ name: `Account ${n}`, domains: [] }));
      break;
    case 'edit_account': {
      const account = pickFrom(await sim.db.accounts.toArray(), step.pick);
      if (account) await write('account', account.id, ACCOUNT_EDITS[step.edit % ACCOUNT_EDITS.length]!(n));
      break;
    }
    case 'delete_account': {
      const account = pickFrom(await sim.db.accounts.toArray(), step.pick);
      if (account) await write('account', account.id, { deletedAt: step.undo ? null : now });
      break;
    }
    case 'create_contact': {
      const account = pickFrom(live(await sim.db.accounts.toArray()), step.pick);
      await write('contact', crypto.randomUUID(), contactFields({ name: `Contact ${n}`, accountId: account?.id ?? null }));
      break;
    }
    case 'create_deal': {
      const account = pickFrom(live(await sim.db.accounts.toArray()), step.pick);
      if (account) await write('deal', crypto.randomUUID(), dealFields(account.id, { name: `Deal ${n}` }));
      break;
    }
    case 'edit_deal': {
      const deal = pickFrom(await sim.db.deals.toArray(), step.pick);
      if (deal) await write('deal', deal.id, { amount: step.amount, stage: ['lead', 'qualified', 'proposal'][step.amount % 3] });
      break;
    }
    case 'create_note': {
      const account = pickFrom(live(await sim.db.accounts.toArray()), step.pick);
      const tag = `note-${n}`;
      state.notes.add(tag);
      await write('activity', crypto.randomUUID(), noteFields({ body: tag, accountId: account?.id ?? null, visibility: step.private ? 'private' : 'team', occurredAt: now }));
      break;
    }
    case 'edit_note': {
      // Any note this browser can see, the rep's own or a teammate's: the server refuses the latter.
      const note = pickFrom(await sim.db.activities.toArray(), step.pick);
      if (note) await write('activity', note.id, { body: `${note.body.split(' ')[0]} edited ${n}`, nextStep: `follow up ${n}` });
      break;
    }
    case 'toggle_note_visibility': {
      const note = pickFrom(await sim.db.activities.toArray(), step.pick);
      if (note) await write('activity', note.id, { visibility: note.visibility === 'team' ? 'private' : 'team' });
      break;
    }
  }
  await logNewWrites(sim, log);
}

interface ServerRow {
  id: string;
  entity: string;
  data: StoredRecord;
  private_to: string | null;
  author_id: string | null;
}

function clockedValue(record: StoredRecord, key: string): unknown {
  const dot = key.indexOf('.');
  if (dot < 0) return record[key];
  return (record[key.slice(0, dot)] as Record<string, unknown> | undefined)?.[key.slice(dot + 1)];
}

function writtenKeys(patch: Record<string, unknown>): Array<[string, unknown]> {
  const keys: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'facts' && value && typeof value === 'object') for (const [mapKey, mapValue] of Object.entries(value)) keys.push([`facts.${mapKey}`, mapValue]);
    else keys.push([key, value]);
  }
  return keys;
}

async function runScenario(input: { actions: Action[]; clockOffsetsMs: number[]; away: { client: number; from: number } }) {
  const { team, reps } = await seedTeam(harness.database.db, ['Li Wei', 'Ana Souza', 'Chen Jie']);
  const sims: SimClient[] = CLIENT_REPS.map((rep, index) => ({
    index,
    rep,
    db: new SidenoteDb(uniqueDbName(`sim${index}`)),
    token: reps[rep]!.token,
    clockOffsetMs: input.clockOffsetsMs[index]!,
    faults: [],
    abort: null,
    sentPushes: [],
    resyncRequests: 0,
  }));
  const log = new Map<string, LoggedWrite>();
  const state: SimState = { counter: 0, notes: new Set<string>(), away: null, pruned: new Set(), teamId: team.id };
  const awayIndex = input.away.client;
  const awaySim = sims[awayIndex]!;
  // A teammate on another rep, so the away browser can see (and edit) what it deletes.
  const teammate = sims.find((sim) => sim.rep !== awaySim.rep)!;
  const sharedAccountId = crypto.randomUUID();
  try {
    const awayFrom = Math.floor(input.actions.length * input.away.from);
    for (const [index, step] of input.actions.entries()) {
      if (index === awayFrom) {
        // Before leaving, the away browser syncs once, so it has a cursor and the shared account.
        await writeRecord(teammate.db, { entity: 'account', recordId: sharedAccountId, patch: accountFields({ name: 'Shared before leaving', domains: [] }) }, { now: Date.now() + teammate.clockOffsetMs });
        await logNewWrites(teammate, log);
        await syncClient(teammate);
        await syncClient(awaySim);
        state.away = awayIndex;
      }
      await perform(step, sims, state, log);
    }
    // While it is away, the team deletes the account; the away browser edits it offline.
    // The teammate pulls first, so its deletion is stamped after every write the server holds:
    // otherwise an undo of an earlier deletion, stamped by a browser whose clock runs ahead, wins
    // the `deletedAt` field, the account stays live, nothing is purged and no re-sync is due.
    // The account may already be gone from the teammate's browser (deleted during the run,
    // compacted, and swept by a re-sync): then that purged deletion is the one the away browser missed.
    await syncClient(teammate);
    if (await teammate.db.accounts.get(sharedAccountId)) {
      await writeRecord(teammate.db, { entity: 'account', recordId: sharedAccountId, patch: { deletedAt: Date.now() } }, { now: Date.now() + teammate.clockOffsetMs });
      await logNewWrites(teammate, log);
    }
    const deleted = await syncClient(teammate);
    if (deleted.outcome !== 'synced') throw new Error(`The teammate's deletion did not sync: ${JSON.stringify(deleted)}`);
    if (await awaySim.db.accounts.get(sharedAccountId)) {
      await writeRecord(awaySim.db, { entity: 'account', recordId: sharedAccountId, patch: { name: 'Renamed while away' } }, { now: Date.now() + awaySim.clockOffsetMs });
      await logNewWrites(awaySim, log);
    }
    // The horizon passes; the job compacts; the away browser comes back.
    await compactNow(state);
    state.away = null;
    const back = await syncClient(awaySim);
    if (back.outcome !== 'synced') throw new Error(`The browser back from far away did not sync: ${JSON.stringify(back)}`);
    expect(awaySim.resyncRequests, 'the browser back from past the horizon was told to re-sync').toBeGreaterThan(0);
    resyncsSeen += awaySim.resyncRequests;

    // Quiesce: the network heals and every browser syncs until a full round changes nothing.
    for (let round = 0; ; round++) {
      if (round > 6) throw new Error('The team did not settle after 6 quiet rounds');
      let moved = 0;
      for (const sim of sims) {
        const result = await syncClient(sim);
        if (result.outcome !== 'synced') throw new Error(`A quiet sync failed: ${JSON.stringify(result)}`);
        moved += result.pushed + result.pulled + result.parked;
      }
      if (moved === 0 && round > 0) break;
    }

    const serverRows = await queryRows<ServerRow>(harness.database.db, sql`select id, entity, data, private_to, author_id from records where team_id = ${team.id}`);
    const server = new Map(serverRows.map((row) => [row.id, row]));
    const purged = new Set((await queryRows<{ id: string }>(harness.database.db, sql`select id from purged_records where team_id = ${team.id}`)).map((row) => row.id));
    expect(purged.has(sharedAccountId), 'the deletion made while the browser was away was compacted').toBe(true);
    // The away browser holds no trace of the account deleted while it was away.
    expect(await awaySim.db.accounts.get(sharedAccountId)).toBeUndefined();

    // 1. Nothing is left to send; what was set aside is only teammates' notes the rep tried to edit.
    for (const sim of sims) {
      expect(await sim.db.outbox.where('status').equals('pending').count()).toBe(0);
      for (const parked of await sim.db.outbox.where('status').equals('parked').toArray()) {
        expect(parked.entity).toBe('activity');
        const row = server.get(parked.recordId);
        expect(row, `a parked change to ${parked.recordId} whose record the server never got`).toBeDefined();
        expect(row!.author_id).not.toBe(reps[sim.rep]!.id);
      }
    }

    // 2. Every browser holds exactly the server's records its rep may see.
    for (const sim of sims) {
      const repId = reps[sim.rep]!.id;
      const expected = new Map(serverRows.filter((row) => row.private_to === null || row.private_to === repId).map((row) => [row.id, row.data]));
      const local = new Map<string, StoredRecord>();
      for (const table of Object.values(TABLE_OF_ENTITY)) {
        for (const row of (await sim.db.table(table).toArray()) as StoredRecord[]) {
          // A tombstone this browser pulled before compaction removed it stays here, hidden:
          // it saw the deletion, so nothing tells it to re-sync. Anything else must match.
          if (purged.has(row.id) && row.deletedAt !== null && row.deletedAt !== undefined) continue;
          local.set(row.id, fromRow(row));
        }
      }
      expect([...local.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [id, record] of expected) expect(local.get(id)).toEqual(record);
    }

    // 3. No acknowledged write is lost: each stands on the server, or a newer write to the same field does.
    const parkedIds = new Set<string>();
    for (const sim of sims) for (const entry of await sim.db.outbox.toArray()) parkedIds.add(entry.id);
    for (const write of log.values()) {
      if (parkedIds.has(write.mutationId)) continue;
      const row = server.get(write.recordId);
      // The team deleted it and compaction removed the tombstone: the write lost to the deletion.
      if (!row && purged.has(write.recordId)) continue;
      expect(row, `write ${write.mutationId} to ${write.entity} ${write.recordId} is missing on the server`).toBeDefined();
      for (const [key, value] of writtenKeys(write.patch)) {
        const standing = row!.data.clock[key]!;
        expect(standing >= write.hlc, `${key} of ${write.recordId}: stamp ${standing} is older than the acknowledged ${write.hlc}`).toBe(true);
        if (standing === write.hlc) expect(clockedValue(row!.data, key)).toEqual(value);
      }
    }

    // 4. Exactly once: every acknowledged mutation id was applied (ids compaction pruned were
    // applied before it), and nothing else was.
    const applied = await queryRows<{ mutation_id: string }>(harness.database.db, sql`select mutation_id from applied_mutations where team_id = ${team.id}`);
    const appliedIds = new Set(applied.map((row) => row.mutation_id));
    const expectedApplied = [...log.keys()].filter((id) => !parkedIds.has(id));
    for (const id of appliedIds) expect(expectedApplied, `mutation ${id} was applied but never acknowledged`).toContain(id);
    for (const id of expectedApplied) expect(appliedIds.has(id) || state.pruned.has(id), `mutation ${id} was never applied`).toBe(true);

    // 5. No note appears twice, anywhere.
    const tags = serverRows.filter((row) => row.entity === 'activity').map((row) => String(row.data.body).split(' ')[0]);
    expect(tags.sort()).toEqual([...state.notes].sort());
    for (const sim of sims) {
      const localTags = (await sim.db.activities.toArray()).map((note) => note.body.split(' ')[0]);
      expect(new Set(localTags).size).toBe(localTags.length);
    }

    if (process.env.SIM_STATS) {
      const parkedCount = parkedIds.size;
      const conflicts = (await Promise.all(sims.map((sim) => sim.db.conflicts.count()))).reduce((a, b) => a + b, 0);
      const kinds = input.actions.reduce<Record<string, number>>((acc, step) => ((acc[step.kind] = (acc[step.kind] ?? 0) + 1), acc), {});
      console.log(JSON.stringify({ writes: log.size, records: serverRows.length, parked: parkedCount, conflicts, applied: applied.length, kinds }));
    }

    // 6. Conflict notices name writes that really lost.
    for (const sim of sims) {
      for (const notice of await sim.db.conflicts.toArray()) {
        const write = log.get(notice.id)!;
        if (!server.has(write.recordId) && purged.has(write.recordId)) continue;
        for (const field of notice.fields) expect(server.get(write.recordId)!.data.clock[field]! > write.hlc).toBe(true);
      }
    }
  } finally {
    await Promise.all(sims.map((sim) => sim.db.delete()));
  }
}

describe.each(TEST_DRIVERS)('a team syncing through faults on %s', (driver) => {
  beforeAll(async () => {
    harness = await createHarness(driver);
  });
  afterAll(async () => harness.close());

  it(`converges with no lost or doubled write (${RUNS} seeded runs)`, async () => {
    try {
      await fc.assert(fc.asyncProperty(scenario, runScenario), { numRuns: RUNS, seed: SEED, ...(PATH ? { path: PATH } : {}), endOnFailure: true });
      expect(resyncsSeen, 'the browser back from past the horizon re-synced').toBeGreaterThan(0);
    } catch (error) {
      const path = /path: "([^"]+)"/.exec(String(error))?.[1];
      console.error(`\nSimulation failed. Reproduce with: SIM_SEED=${SEED}${path ? ` SIM_PATH=${path}` : ''} npx vitest run --project server test/sync/simulation.test.ts\n`);
      throw error;
    }
  }, scaledTimeout(30_000 + RUNS * 6_000));
});
