import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRecord } from '../../lib/db/write';
import { MAX_PUSH_FAILURES } from '../../lib/sync/engine';
import { readSyncOverview } from '../../lib/sync/status';
import type { FetchLike } from '../../lib/sync/transport';
import { accountFields, noteFields } from '../../server/testing/fixtures';
import { TEST_DRIVERS } from '../../server/testing/test-database';
import { createHarness, seedClients, type Harness } from './harness';

/**
 * A change the server keeps failing on (here: a value the database refuses, the way a NUL
 * once was) against the real app. The browser must not retry that one batch forever while
 * nothing else syncs: teammates' changes still arrive, the rest of the outbox still goes
 * out, and after MAX_PUSH_FAILURES tries the change is parked with the reason.
 */

const POISON = 'the-server-cannot-store-this';

describe.each(TEST_DRIVERS)('a push the server keeps failing, on %s', (driver) => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await createHarness(driver);
    await harness.database.db.execute(sql.raw(`alter table records add constraint poison check (data::text not like '%${POISON}%')`));
  });
  afterAll(async () => harness.close());

  async function newAccount(db: Parameters<typeof writeRecord>[0], name: string) {
    const id = crypto.randomUUID();
    await writeRecord(db, { entity: 'account', recordId: id, patch: accountFields({ name }) });
    return id;
  }

  it(`parks the failing change after ${MAX_PUSH_FAILURES} tries with the reason, while everything else syncs both ways from the first try`, async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const before = await newAccount(li!.db, 'Written before');
    const poisoned = await writeRecord(li!.db, { entity: 'activity', recordId: crypto.randomUUID(), patch: noteFields({ body: `Call notes ${POISON}` }) });
    const after = await newAccount(li!.db, 'Written after');
    const teammates = await newAccount(ana!.db, 'A teammate\'s account');
    await ana!.sync();

    const results = [];
    for (let run = 1; run <= MAX_PUSH_FAILURES; run++) {
      const result = await li!.sync();
      results.push(result);
      // The teammate's change arrives on the very first run, though the push before it failed.
      expect((await li!.records('accounts')).has(teammates)).toBe(true);
      if (run < MAX_PUSH_FAILURES) {
        // A 500 is never a success: the change is still waiting, and the run says it failed.
        expect(result).toMatchObject({ outcome: 'failed', error: { code: 'server_error' } });
        expect(await li!.db.outbox.where('recordId').equals(poisoned.id).first()).toMatchObject({ status: 'pending', pushFailures: run });
        expect(await readSyncOverview(li!.db)).toMatchObject({ state: 'error', pending: run === 1 ? 3 : 1, parked: 0, lastError: { code: 'server_error' } });
      }
    }
    // The first run sent all three together and could not tell which failed; the second sent each alone.
    expect(results[1]).toMatchObject({ pushed: 2 });
    expect(results.at(-1)).toMatchObject({ outcome: 'synced', parked: 1 });
    const [parked] = await li!.db.outbox.toArray();
    expect(parked).toMatchObject({ recordId: poisoned.id, status: 'parked', parkedReason: expect.stringContaining(`failed ${MAX_PUSH_FAILURES} times`) });
    expect(await readSyncOverview(li!.db)).toMatchObject({ state: 'idle', pending: 0, parked: 1 });
    // The note stays in Li's browser beside its parked change; nothing typed is lost.
    expect((await li!.records('activities')).get(poisoned.id)).toMatchObject({ body: `Call notes ${POISON}` });

    await ana!.sync();
    const seen = await ana!.records('accounts');
    expect(seen.has(before) && seen.has(after)).toBe(true);
    expect((await ana!.records('activities')).size).toBe(0);
  });

  it('parks nothing when the server fails every push: that is the server, not a change', async () => {
    const { clients: [li, ana] } = await seedClients(harness, ['Li Wei', 'Ana Souza']);
    const ids = [await newAccount(li!.db, 'One'), await newAccount(li!.db, 'Two'), await newAccount(li!.db, 'Three')];
    const teammates = await newAccount(ana!.db, 'Pulled anyway');
    await ana!.sync();
    const failEveryPush: FetchLike = async (input, init) => {
      if (new URL(input).pathname === '/v1/push') {
        return new Response(JSON.stringify({ error: { code: 'internal', message: 'The server failed while handling this request; nothing was half-saved.' } }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
      return harness.fetch(input, init);
    };
    for (let run = 0; run < MAX_PUSH_FAILURES + 2; run++) {
      expect(await li!.sync({ fetch: failEveryPush })).toMatchObject({ outcome: 'failed', pushed: 0, error: { code: 'server_error' } });
    }
    expect((await li!.records('accounts')).has(teammates)).toBe(true);
    const entries = await li!.db.outbox.toArray();
    expect(entries.map((entry) => entry.status)).toEqual(['pending', 'pending', 'pending']);
    expect(Math.max(...entries.map((entry) => entry.pushFailures ?? 0))).toBeLessThan(MAX_PUSH_FAILURES);
    expect(await li!.sync()).toMatchObject({ outcome: 'synced', pushed: 3, parked: 0 });
    await ana!.sync();
    for (const id of ids) expect((await ana!.records('accounts')).has(id)).toBe(true);
  });

  it('never takes a 500 for an answer, even one whose body looks like a push result', async () => {
    const { clients: [li] } = await seedClients(harness, ['Li Wei']);
    const id = await newAccount(li!.db, 'Kept');
    const [entry] = await li!.db.outbox.toArray();
    const lying: FetchLike = async (input, init) => {
      if (new URL(input).pathname === '/v1/push') {
        return new Response(JSON.stringify({ results: [{ mutationId: entry!.id, status: 'applied', lostFields: [], lostTo: null }] }), { status: 500, headers: { 'content-type': 'application/json' } });
      }
      return harness.fetch(input, init);
    };
    expect(await li!.sync({ fetch: lying })).toMatchObject({ outcome: 'failed', pushed: 0, error: { code: 'server_error' } });
    expect(await li!.db.outbox.get(entry!.id)).toMatchObject({ status: 'pending' });
    expect(await li!.db.conflicts.count()).toBe(0);
    expect(await li!.sync()).toMatchObject({ outcome: 'synced', pushed: 1 });
    expect((await li!.records('accounts')).get(id)).toMatchObject({ name: 'Kept', updatedBy: li!.repId });
  });
});
