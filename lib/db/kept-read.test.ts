import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/support/db';
import { DAY_MS } from '../funnel/time';
import { createAccount } from './accounts';
import { logActivity } from './activities';
import type { SidenoteDb } from './database';
import { createDeal } from './deals';
import { loadStageMedians, loadSuccessCasePool, moveToStage, readStageMedians } from './funnel-queries';

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

/** Dexie tells its listeners of a commit just after it; a test waits for that turn. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

async function stayedDeals(count: number, days: number, from: number) {
  const account = await createAccount(db, { name: `Team ${from}`, stage: 'qualified' }, { repId: null, now: from });
  for (let i = 0; i < count; i++) {
    const deal = await createDeal(db, { accountId: account.id, name: `Deal ${i}`, stage: 'qualified' }, { repId: null, now: from });
    await moveToStage(db, { type: 'deal', id: deal.id }, 'proposal', { repId: null, now: from + i });
    await moveToStage(db, { type: 'deal', id: deal.id }, 'negotiation', { repId: null, now: from + i + days * DAY_MS });
  }
}

describe('reads kept until a write touches them', () => {
  it('keeps the stage medians across card opens, and reads them again once a stage change is written', async () => {
    db = createTestDb();
    await stayedDeals(5, 10, NOW - 100 * DAY_MS);
    const first = await loadStageMedians(db);
    expect(first.proposal).toEqual({ medianDays: 10, sample: 5 });
    // A note is not a stage change: the kept medians stand.
    const [account] = await db.accounts.toArray();
    await logActivity(db, { type: 'note', accountId: account!.id, body: 'Called', occurredAt: NOW }, { repId: null, now: NOW });
    await settled();
    expect(await loadStageMedians(db)).toBe(first);

    await stayedDeals(6, 30, NOW - 50 * DAY_MS);
    await settled();
    const after = await loadStageMedians(db);
    expect(after).toEqual(await readStageMedians(db));
    expect(after.proposal).toEqual({ medianDays: 30, sample: 11 });
  });

  it('keeps an industry\'s success-case pool until a deal is written', async () => {
    db = createTestDb();
    const at = { repId: null, now: NOW - 90 * DAY_MS };
    const peer = await createAccount(db, { name: 'Peer', industry: 'Retail', sizeTier: 'growth', stage: 'negotiation' }, at);
    const first = await createDeal(db, { accountId: peer.id, name: 'First win', stage: 'negotiation' }, at);
    await moveToStage(db, { type: 'deal', id: first.id }, 'won', { repId: null, now: NOW - 60 * DAY_MS });
    const me = await createAccount(db, { name: 'Me', industry: 'Retail', sizeTier: 'growth' }, { repId: null, now: NOW });
    const pool = await loadSuccessCasePool(db, me);
    expect(pool.deals.map((deal) => deal.id)).toEqual([first.id]);
    await settled();
    expect(await loadSuccessCasePool(db, me)).toBe(pool);

    // A card closed before its pool arrived drops the read; the next card reads it again.
    const closed = new AbortController();
    closed.abort();
    const other = await createAccount(db, { name: 'Other', industry: 'Retail', sizeTier: 'growth' }, { repId: null, now: NOW });
    await expect(loadSuccessCasePool(db, other, closed.signal)).rejects.toThrow();
    expect((await loadSuccessCasePool(db, other)).deals.map((deal) => deal.id)).toEqual([first.id]);

    const second = await createDeal(db, { accountId: peer.id, name: 'Second win', stage: 'negotiation' }, at);
    await moveToStage(db, { type: 'deal', id: second.id }, 'won', { repId: null, now: NOW - 10 * DAY_MS });
    await settled();
    expect((await loadSuccessCasePool(db, me)).deals.map((deal) => deal.id)).toEqual([second.id, first.id]);
  });
});
