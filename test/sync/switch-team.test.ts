import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRecord } from '../../lib/db/write';
import { readTeamBinding, runSync } from '../../lib/sync/engine';
import { planTeamSwitch, switchTeam } from '../../lib/sync/switch-team';
import { createTransport, type FetchLike } from '../../lib/sync/transport';
import { accountFields, noteFields, seedTeam } from '../../server/testing/fixtures';
import { BASE_URL, createClient, createHarness, type Harness } from './harness';

/**
 * Switching a browser from team A to team B on one real server (PGlite): the engine refuses
 * to sync A's database with B, and the switch sends A's waiting changes to A, removes A's
 * records from the browser, and only then lets B's settings apply. B never receives any of A.
 */

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness('pglite');
});
afterAll(async () => harness.close());

const down: FetchLike = async () => {
  throw new TypeError('fetch failed');
};

async function serverIdsOf(token: string): Promise<string[]> {
  const transport = createTransport({ baseUrl: BASE_URL, token, fetch: harness.fetch });
  const ids: string[] = [];
  let cursor = '';
  for (;;) {
    const page = await transport.pull(cursor, 1000);
    ids.push(...page.changes.map((change) => change.id));
    cursor = page.cursor;
    if (!page.hasMore) return ids;
  }
}

describe('switching a browser to another team', () => {
  it('never sends team A\'s records to team B, and sends A\'s waiting changes to A first', async () => {
    const teamA = await seedTeam(harness.database.db, ['Li Wei'], 'Team A');
    const teamB = await seedTeam(harness.database.db, ['Li Wei at B', 'Ana at B'], 'Team B');
    const li = createClient(harness, teamA.reps[0]!, 'switcher');
    const accountId = crypto.randomUUID();
    await writeRecord(li.db, { entity: 'account', recordId: accountId, patch: accountFields({ name: 'A only Co' }) });
    expect((await li.sync()).outcome).toBe('synced');
    // Written for team A, not sent yet.
    const waitingId = crypto.randomUUID();
    await writeRecord(li.db, { entity: 'activity', recordId: waitingId, patch: noteFields({ accountId, body: 'For team A only.' }) });
    // B already has a record of its own.
    const bAccount = crypto.randomUUID();
    const ana = createClient(harness, teamB.reps[1]!, 'ana');
    await writeRecord(ana.db, { entity: 'account', recordId: bAccount, patch: accountFields({ name: 'B Co' }) });
    await ana.sync();

    // The settings now point at team B (however they got there): the engine refuses, sending nothing.
    const toB = createTransport({ baseUrl: BASE_URL, token: teamB.reps[0]!.token, fetch: harness.fetch });
    const refused = await runSync(li.db, toB);
    expect(refused).toMatchObject({ outcome: 'failed', error: { code: 'other_team' } });
    expect(await serverIdsOf(teamB.reps[0]!.token)).toEqual([bAccount]);
    expect(await li.db.outbox.count()).toBe(1);

    // The options page asks first: it knows what would go.
    const plan = await planTeamSwitch(li.db, { teamId: teamB.team.id, teamName: 'Team B', baseUrl: BASE_URL });
    expect(plan).toMatchObject({ from: { teamId: teamA.team.id }, pending: 1, needsConfirmation: true });

    // A's server is down: nothing is removed, nothing is switched.
    let settings = 'A';
    const failed = await switchTeam(li.db, {
      oldTransport: createTransport({ baseUrl: BASE_URL, token: teamA.reps[0]!.token, fetch: down }),
      discardUnsent: false,
      applySettings: async () => void (settings = 'B'),
    });
    expect(failed).toMatchObject({ ok: false, pending: 1 });
    expect(settings).toBe('A');
    expect(await li.db.accounts.get(accountId)).toBeDefined();

    // A answers: its waiting note goes to A, then A's records leave this browser, then B applies.
    const switched = await switchTeam(li.db, {
      oldTransport: createTransport({ baseUrl: BASE_URL, token: teamA.reps[0]!.token, fetch: harness.fetch }),
      discardUnsent: false,
      applySettings: async () => void (settings = 'B'),
    });
    expect(switched).toMatchObject({ ok: true, discardedChanges: 0 });
    expect(settings).toBe('B');
    expect(await serverIdsOf(teamA.reps[0]!.token)).toEqual(expect.arrayContaining([accountId, waitingId]));
    expect(await li.db.accounts.count()).toBe(0);
    expect(await li.db.activities.count()).toBe(0);
    expect(await readTeamBinding(li.db)).toBeNull();

    const first = await runSync(li.db, toB);
    expect(first.outcome).toBe('synced');
    expect(await serverIdsOf(teamB.reps[0]!.token)).toEqual([bAccount]);
    expect([...(await li.records('accounts')).keys()]).toEqual([bAccount]);
    expect(await readTeamBinding(li.db)).toMatchObject({ teamId: teamB.team.id });
  });

  it('drops unsent changes only when the rep says so, and they reach neither team', async () => {
    const teamA = await seedTeam(harness.database.db, ['Li Wei'], 'Team A2');
    const teamB = await seedTeam(harness.database.db, ['Li Wei at B'], 'Team B2');
    const li = createClient(harness, teamA.reps[0]!, 'discarder');
    await writeRecord(li.db, { entity: 'account', recordId: crypto.randomUUID(), patch: accountFields() });
    await li.sync();
    const lostId = crypto.randomUUID();
    await writeRecord(li.db, { entity: 'activity', recordId: lostId, patch: noteFields({ body: 'Never sent.' }) });
    const result = await switchTeam(li.db, { oldTransport: null, discardUnsent: true, applySettings: async () => undefined });
    expect(result).toMatchObject({ ok: true, discardedChanges: 1 });
    expect(await li.db.outbox.count()).toBe(0);
    await runSync(li.db, createTransport({ baseUrl: BASE_URL, token: teamB.reps[0]!.token, fetch: harness.fetch }));
    expect(await serverIdsOf(teamB.reps[0]!.token)).not.toContain(lostId);
    expect(await serverIdsOf(teamA.reps[0]!.token)).not.toContain(lostId);
  });

  it('a first connection binds the browser without asking: notes written before any server go to that team', async () => {
    const team = await seedTeam(harness.database.db, ['Solo'], 'Team C');
    const solo = createClient(harness, team.reps[0]!, 'solo');
    const noteId = crypto.randomUUID();
    await writeRecord(solo.db, { entity: 'activity', recordId: noteId, patch: noteFields() });
    expect((await planTeamSwitch(solo.db, { teamId: team.team.id, teamName: 'Team C', baseUrl: BASE_URL })).needsConfirmation).toBe(false);
    expect((await solo.sync()).outcome).toBe('synced');
    expect(await serverIdsOf(team.reps[0]!.token)).toContain(noteId);
    expect((await planTeamSwitch(solo.db, { teamId: team.team.id, teamName: 'Team C', baseUrl: BASE_URL })).needsConfirmation).toBe(false);
  });
});
