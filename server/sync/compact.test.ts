import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SidenoteApp } from '../app';
import { runCli } from '../cli';
import { queryRows } from '../db/connect';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { accountFields, mutation, noteFields, seedTeam, stampsFor } from '../testing/fixtures';
import { TEST_DRIVERS, migratedPgliteDataDir, openTestDatabase, type TestDatabase } from '../testing/test-database';
import { DAY_MS, compact } from './compact';

/**
 * Retention: compaction drops applied mutation ids and tombstones older than the horizon;
 * a browser whose cursor is below a purged deletion is told to start over (410); a late write
 * to a purged record loses to the deletion; a retry whose id was pruned changes no data.
 */
describe.each(TEST_DRIVERS)('compaction on %s', (driver) => {
  let database: TestDatabase;
  let app: SidenoteApp;
  beforeAll(async () => {
    database = await openTestDatabase(driver);
    app = createApp({ db: database, log: silentLogger, rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  /** Everything written so far is older than the horizon: compaction with a clock 200 days ahead. */
  const compactAll = () => compact(database, { retentionDays: 180, nowMs: Date.now() + 200 * DAY_MS });

  async function teamWithHistory() {
    const { team, reps } = await seedTeam(database.db, ['Li Wei', 'Ana Souza']);
    const li = apiClient(app, reps[0]!.token, 'client0abcd');
    const stamp = stampsFor('client0abcd');
    const kept = mutation('account', crypto.randomUUID(), accountFields({ name: 'Kept Co' }), stamp());
    const doomed = mutation('account', crypto.randomUUID(), accountFields({ name: 'Doomed Co' }), stamp());
    expect((await li.push([kept, doomed])).status).toBe(200);
    const stale = await li.pull();
    const staleCursor = stale.body.cursor as string;
    const deletion = mutation('account', doomed.recordId, { deletedAt: Date.now() }, stamp());
    expect((await li.push([deletion])).status).toBe(200);
    return { team, reps, li, stamp, kept, doomed, deletion, staleCursor };
  }

  it('drops old applied ids and tombstones, keeps live records, and remembers the purged ids', async () => {
    const { team, kept, doomed } = await teamWithHistory();
    const report = await compactAll();
    expect(report.tombstonesPurged).toBeGreaterThanOrEqual(1);
    expect(report.mutationIdsDeleted).toBeGreaterThanOrEqual(3);
    const rows = await queryRows<{ id: string }>(database.db, sql`select id from records where team_id = ${team.id}`);
    expect(rows.map((row) => row.id)).toEqual([kept.recordId]);
    const purged = await queryRows<{ id: string }>(database.db, sql`select id from purged_records where team_id = ${team.id}`);
    expect(purged.map((row) => row.id)).toEqual([doomed.recordId]);
    expect(await queryRows(database.db, sql`select 1 from applied_mutations where team_id = ${team.id}`)).toHaveLength(0);
    // A recent tombstone is kept: the horizon counts from the server's last change.
    const again = await compact(database, { retentionDays: 180 });
    expect(again.tombstonesPurged).toBe(0);
  });

  it('tells a browser whose cursor is below a purged deletion to pull from the start (410 resync_required)', async () => {
    const { li, staleCursor } = await teamWithHistory();
    const current = (await li.pull()).body.cursor as string;
    await compactAll();
    const stale = await li.pull(staleCursor);
    expect(stale.status).toBe(410);
    expect(stale.body.error).toMatchObject({ code: 'resync_required', where: 'body.cursor' });
    expect((await li.pull('')).status).toBe(200);
    // A browser that saw the deletion before it was purged carries on.
    expect((await li.pull(current)).status).toBe(200);
  });

  it('lets a pull from the start page through after a compaction, and sends back one that a compaction overtook', async () => {
    const { li, stamp, kept } = await teamWithHistory();
    const more = [1, 2, 3].map((n) => mutation('account', crypto.randomUUID(), accountFields({ name: `More ${n}` }), stamp()));
    expect((await li.push(more)).status).toBe(200);
    await compactAll();
    const first = await li.pull('', 1);
    expect(first.status).toBe(200);
    const second = await li.pull(first.body.cursor, 1);
    expect(second.status).toBe(200);
    expect(second.body.hasMore).toBe(true);
    // The browser now holds `kept`; the team deletes it, and compaction removes the tombstone.
    expect((await li.push([mutation('account', kept.recordId, { deletedAt: Date.now() }, stamp())])).status).toBe(200);
    await compactAll();
    expect((await li.pull(second.body.cursor, 1)).status).toBe(410);
  });

  it('answers a late write to a purged record as lost to the deletion, and never recreates it', async () => {
    const { team, reps, doomed } = await teamWithHistory();
    await compactAll();
    // A browser offline since before the deletion edits the record, and another re-sends its create.
    const ana = apiClient(app, reps[1]!.token, 'client1abcd');
    const anaStamp = stampsFor('client1abcd', Date.now() - 1000);
    const edit = mutation('account', doomed.recordId, { name: 'Renamed while away' }, anaStamp());
    const recreate = mutation('account', doomed.recordId, accountFields({ name: 'Doomed Co' }), anaStamp());
    const answer = await ana.push([edit, recreate]);
    expect(answer.status).toBe(200);
    expect(answer.body.results).toEqual([
      { mutationId: edit.id, status: 'applied', lostFields: ['name'], lostTo: null },
      { mutationId: recreate.id, status: 'applied', lostFields: expect.arrayContaining(['name', 'deletedAt']), lostTo: null },
    ]);
    expect(await queryRows(database.db, sql`select 1 from records where id = ${doomed.recordId}`)).toHaveLength(0);
    // Sent again: a duplicate, as any retry.
    expect((await ana.push([edit])).body.results[0].status).toBe('duplicate');
    // Another team writing to that id is refused like any id of another team.
    const other = await seedTeam(database.db, ['Bob Stone'], 'Globex');
    const bob = apiClient(app, other.reps[0]!.token, 'client2abcd');
    const refused = await bob.push([mutation('account', doomed.recordId, accountFields(), stampsFor('client2abcd')())]);
    expect(refused.status).toBe(422);
    expect(refused.body.error.rejected[0].code).toBe('not_found');
    expect(team.id).not.toBe(other.team.id);
  });

  it('re-applies a retry whose id was pruned without changing any data', async () => {
    const { li, kept } = await teamWithHistory();
    const note = mutation('activity', crypto.randomUUID(), noteFields({ accountId: kept.recordId }), stampsFor('client0abcd', Date.now() - 30_000)());
    expect((await li.push([note])).status).toBe(200);
    const before = await queryRows<{ seq: string; data: string }>(database.db, sql`select seq, data::text as data from records where id = ${note.recordId}`);
    await compactAll();
    const retried = await li.push([note]);
    expect(retried.body.results).toEqual([{ mutationId: note.id, status: 'applied', lostFields: [], lostTo: null }]);
    const after = await queryRows<{ seq: string; data: string }>(database.db, sql`select seq, data::text as data from records where id = ${note.recordId}`);
    expect(after).toEqual(before);
  });
});

describe('sidenote-server compact', () => {
  it('runs with a retention from the flag, and refuses a retention under a day', async () => {
    const { rmSync } = await import('node:fs');
    const dataDir = await migratedPgliteDataDir('sidenote-compact-');
    try {
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
      expect(await runCli(['compact', '--retention-days', '30', '--data-dir', dataDir, '--json'], {}, io)).toBe(0);
      expect(JSON.parse(out[0]!)).toMatchObject({ retentionDays: 30, mutationIdsDeleted: 0, tombstonesPurged: 0 });
      expect(await runCli(['compact', '--retention-days', '0', '--data-dir', dataDir], {}, io)).toBe(1);
      expect(err.join('\n')).toContain('at least 1');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
