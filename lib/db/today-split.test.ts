import { afterEach, describe, expect, it } from 'vitest';
import { createRandom, DATASET_NOW_MS, DatasetGenerator, planDataset } from '../../bench/browser/generate';
import { createTestDb } from '../../test/support/db';
import { loadTodayInputReference } from '../../test/support/today-reference';
import { PRE_SALE_STAGES, LIVE_CUSTOMER_STAGES } from '../funnel/stages';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import type { StoredRecord } from '../sync/merge';
import { buildToday, type TodayInput } from '../today/build';
import { TODAY_LEFT_OUT, withNextPage, type TodayLimits } from '../today/left-out';
import type { SidenoteDb } from './database';
import { toRow } from './derived';
import { countTodayLeftOut, loadTodayFirstPage, loadTodayInput, TODAY_FIRST_PAGE } from './today';

/**
 * The split read (the first page, then its counts) against the read before the split
 * (test/support/today-reference.ts) on generated books: same list, same counts, for several reps
 * and limits small enough that every kind runs past them.
 */

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const NOW = DATASET_NOW_MS;
const OWNERS = ['rep-1', 'rep-1', 'rep-1', 'rep-2', null] as const;
const STAGES = [...PRE_SALE_STAGES, ...LIVE_CUSTOMER_STAGES, 'churned'] as const;
const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'won', 'lost'] as const;
const TYPES = ['note', 'call', 'email', 'meeting', 'task', 'task'] as const;

/** A small book in which every kind Today reads runs past small limits: quiet accounts, promises kept and not, renewals, wins, stale deals, tasks. */
async function seedBook(seed: number, accounts: number): Promise<void> {
  const generator = new DatasetGenerator(planDataset({ accounts, contacts: 0, activities: 0, bigAccounts: 0, bigAccountActivities: 0 }), seed);
  const r = createRandom(seed);
  const rows = { accounts: [] as StoredRecord[], deals: [] as StoredRecord[], activities: [] as StoredRecord[] };
  for (let i = 0; i < accounts; i++) {
    const account = generator.account(i).record;
    const createdAt = NOW - r.int(5, 200) * DAY_MS;
    Object.assign(account, {
      createdAt,
      ownerId: r.pick(OWNERS),
      stage: r.pick(STAGES),
      renewalDate: r.chance(0.4) ? new Date(NOW + r.int(-40, 120) * DAY_MS).toISOString().slice(0, 10) : null,
      deletedAt: r.chance(0.05) ? NOW - DAY_MS : null,
    });
    rows.accounts.push(account);
    for (let d = r.int(0, 2); d > 0; d--) {
      const deal = generator.deal(i);
      const stage = r.pick(DEAL_STAGES);
      Object.assign(deal, { ownerId: r.pick(OWNERS), stage, createdAt: NOW - r.int(5, 150) * DAY_MS, closedAt: stage === 'won' || stage === 'lost' ? NOW - r.int(0, 120) * DAY_MS : null });
      rows.deals.push(deal);
    }
    // A few long histories: a promise older than the latest 20 activities is not in what the read brings.
    for (let a = r.chance(0.15) ? r.int(22, 34) : r.int(0, 10); a > 0; a--) {
      const occurredAt = NOW - r.int(0, 150) * DAY_MS - r.int(0, 23) * HOUR_MS;
      const activity = generator.activity(i, occurredAt);
      const type = r.pick(TYPES);
      const task = type === 'task';
      Object.assign(activity, {
        type,
        authorId: r.pick(OWNERS),
        followUpAt: !task && r.chance(0.5) ? occurredAt + r.int(0, 30) * DAY_MS + r.int(0, 23) * HOUR_MS : null,
        dueAt: task ? NOW + r.int(-60, 60) * DAY_MS : null,
        completedAt: task && r.chance(0.2) ? NOW - DAY_MS : null,
        deletedAt: r.chance(0.05) ? NOW - DAY_MS : null,
      });
      rows.activities.push(activity);
    }
  }
  await db.transaction('rw', [db.accounts, db.deals, db.activities], async () => {
    await db.accounts.bulkPut(rows.accounts.map((row) => toRow('account', row)) as never[]);
    await db.deals.bulkPut(rows.deals.map((row) => toRow('deal', row)) as never[]);
    await db.activities.bulkPut(rows.activities.map((row) => toRow('activity', row)) as never[]);
  });
}

const LIMITS: Record<string, TodayLimits> = {
  'the first page': TODAY_FIRST_PAGE,
  'one of each': Object.fromEntries(TODAY_LEFT_OUT.map((key) => [key, 1])) as TodayLimits,
  'two of each, promises paged on': withNextPage(Object.fromEntries(TODAY_LEFT_OUT.map((key) => [key, 2])) as TodayLimits, 'moreOverduePromises', 3),
};

/** What the list shows from an input: items in order, hidden items, left-out counts, and the accounts read (with or without history). */
function shown(input: TodayInput) {
  const result = buildToday(input, NOW);
  return {
    result,
    accounts: input.accounts.map((entry) => `${entry.account.id}${entry.tasksOnly ? ' tasks only' : ''}`).sort(),
  };
}

describe('loadTodayFirstPage + countTodayLeftOut (fake-indexeddb)', () => {
  it.each([11, 23])('agrees with the read before the split on a generated book (seed %i)', async (seed) => {
    db = createTestDb();
    await seedBook(seed, 90);
    let listed = 0;
    for (const repId of ['rep-1', 'rep-2', null]) {
      for (const [name, limits] of Object.entries(LIMITS)) {
        const options = { repId, timeZone: 'Asia/Shanghai', limits };
        const before = shown(await loadTodayInputReference(db, NOW, options));
        expect(shown(await loadTodayInput(db, NOW, options)), `${String(repId)}, ${name}`).toEqual(before);
        listed += before.result.groups.overdue.length;
      }
    }
    // The book is not empty for the reps (the comparison is not of two empty lists).
    expect(listed).toBeGreaterThan(20);
  });

  it('shows the first page before counting: the same list, every count 0, the counts from the second step', async () => {
    db = createTestDb();
    await seedBook(11, 90);
    const options = { repId: 'rep-1', timeZone: 'Asia/Shanghai', limits: LIMITS['one of each'] };
    const page = await loadTodayFirstPage(db, NOW, options);
    const full = buildToday(await loadTodayInput(db, NOW, options), NOW);
    const first = buildToday(page.input, NOW);
    expect(first.groups).toEqual(full.groups);
    for (const key of TODAY_LEFT_OUT) expect(first[key], key).toBe(0);
    const counts = await countTodayLeftOut(db, page.tally);
    expect(counts).toEqual(Object.fromEntries(TODAY_LEFT_OUT.map((key) => [key, full[key]])));
    // Every kind runs past one, so each count is said.
    expect(TODAY_LEFT_OUT.filter((key) => counts[key] === 0)).toEqual([]);
  });
});
