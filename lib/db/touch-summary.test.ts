import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { computeSuggestions } from '../funnel/suggest';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import { buildToday, flattenToday } from '../today/build';
import { createAccount, updateAccount } from './accounts';
import { logActivity, updateActivity } from './activities';
import type { SidenoteDb } from './database';
import { fromRow, toRow } from './derived';
import { exportBackup, restoreBackup } from './import-export';
import { createDealInStage, loadSuggestionInput, moveToStage } from './funnel-queries';
import { deleteRecord, restoreRecord } from './records';
import { loadTodayInput, TODAY_STALE_LIMIT } from './today';
import { readAheadForTouch } from './touch-summary';
import { newRecordId, writeRecords, type RecordWrite } from './write';
import { newActivityFields } from '../schemas';

let db: SidenoteDb;
const others: SidenoteDb[] = [];
afterEach(async () => {
  await db?.delete();
  for (const other of others.splice(0)) await other.delete();
});

const me = { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS };

async function summary(accountId: string) {
  const row = await db.accounts.get(accountId);
  return { lastTouchAt: row?.lastTouchAt, silentSince: row?.silentSince };
}

/** The silence Today reads for an open deal (v16: its entry on its account's row), undefined when none. */
async function dealSilence(dealId: string): Promise<number | undefined> {
  const deal = await db.deals.get(dealId);
  const account = deal && (await db.accounts.get(deal.accountId));
  return account?.dealSilence?.find((entry) => entry[3] === dealId)?.[2];
}

function call(accountId: string, occurredAt: number) {
  return logActivity(db, { type: 'call', accountId, body: 'Talked', callOutcome: 'connected', occurredAt }, me);
}

describe('each account\'s last touch on its row (v9)', () => {
  it('follows local writes: touches move it, tasks and older touches do not, edits of the account keep it', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    expect(await summary(account.id)).toEqual({ lastTouchAt: null, silentSince: me.now });

    const { activity: first } = await call(account.id, FIXED_NOW - 20 * DAY_MS);
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 20 * DAY_MS, silentSince: FIXED_NOW - 20 * DAY_MS });
    await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: 'Quote', dueAt: FIXED_NOW, occurredAt: FIXED_NOW - DAY_MS }, me);
    await logActivity(db, { type: 'note', accountId: account.id, body: 'Old news', occurredAt: FIXED_NOW - 30 * DAY_MS }, me);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 20 * DAY_MS);

    // The last touch moved back in time: the one before it is the last now.
    await updateActivity(db, first.id, { occurredAt: FIXED_NOW - 40 * DAY_MS }, me);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 30 * DAY_MS);
    await updateActivity(db, first.id, { occurredAt: FIXED_NOW - 2 * DAY_MS }, me);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 2 * DAY_MS);

    // Account writes carry no summary of their own (it is local) and must not lose it.
    await updateAccount(db, account.id, { name: 'Acme Robotics' }, me);
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 2 * DAY_MS, silentSince: FIXED_NOW - 2 * DAY_MS });
    // Won is no stage for staleness: out of the quiet index, the last touch kept.
    await moveToStage(db, { type: 'account', id: account.id }, 'won', me);
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 2 * DAY_MS, silentSince: undefined });
    // Never synced: the summary is not part of the record.
    expect(fromRow((await db.accounts.get(account.id))!)).not.toHaveProperty('lastTouchAt');
  });

  it('follows deletes, undo and hard removals', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'adoption' }, me);
    await call(account.id, FIXED_NOW - 50 * DAY_MS);
    const { activity: last } = await call(account.id, FIXED_NOW - 10 * DAY_MS);

    await deleteRecord(db, 'activity', last.id, me);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 50 * DAY_MS);
    await restoreRecord(db, 'activity', last.id, me);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 10 * DAY_MS);

    // A pulled deletion or a never-synced record's removal deletes the row itself.
    await db.activities.delete(last.id);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 50 * DAY_MS);
    await db.activities.clear();
    expect(await summary(account.id)).toEqual({ lastTouchAt: null, silentSince: me.now });

    await deleteRecord(db, 'account', account.id, me);
    expect((await summary(account.id)).silentSince).toBeUndefined();
  });

  it('is derived for pulled pages in either order, as the sync engine stores them', async () => {
    db = createTestDb();
    const source = createTestDb('source');
    others.push(source);
    const swap = db;
    db = source;
    const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    const { activity } = await call(account.id, FIXED_NOW - 5 * DAY_MS);
    const { activity: task } = await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: 'Quote', dueAt: FIXED_NOW, occurredAt: FIXED_NOW - DAY_MS }, me);
    db = swap;

    // The activities' page first: the account is not here yet, so it derives its own on arrival.
    const page = async (entity: 'account' | 'activity', records: object[]) =>
      db.transaction('rw', [db.accounts, db.activities], async () => {
        await db.table(entity === 'account' ? 'accounts' : 'activities').bulkPut(records.map((record) => toRow(entity, fromRow(record as never))));
      });
    await page('activity', [activity, task]);
    await page('account', [account]);
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 5 * DAY_MS, silentSince: FIXED_NOW - 5 * DAY_MS });
    // A page repeating a record changes nothing; a later touch moves it.
    await page('activity', [activity]);
    await page('activity', [{ ...activity, id: '018f0000-0000-7000-8000-0000000000aa', occurredAt: FIXED_NOW - HOUR_MS }]);
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - HOUR_MS);
    // A pulled deletion (the engine's bulkDelete of a removed record).
    await db.transaction('rw', [db.activities], () => db.activities.bulkDelete(['018f0000-0000-7000-8000-0000000000aa']));
    expect((await summary(account.id)).lastTouchAt).toBe(FIXED_NOW - 5 * DAY_MS);
  });

  it('carries the account\'s silence onto its open deals, whichever of the deal, the account and the touch arrives first', async () => {
    db = createTestDb();
    const source = createTestDb('source');
    others.push(source);
    const swap = db;
    db = source;
    const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    const deal = await createDealInStage(db, { accountId: account.id, name: 'Pilot', stage: 'proposal' }, me);
    const { activity } = await call(account.id, FIXED_NOW - 5 * DAY_MS);
    db = swap;

    const page = async (entity: 'account' | 'deal' | 'activity', records: object[]) =>
      db.transaction('rw', [db.accounts, db.deals, db.activities], async () => {
        await db.table(`${entity === 'activity' ? 'activitie' : entity}s`).bulkPut(records.map((record) => toRow(entity, fromRow(record as never))));
      });
    const silence = () => dealSilence(deal.id);
    // The deal first: no account here yet, so no key (the index holds only deals of live accounts).
    await page('deal', [deal]);
    expect(await silence()).toBeUndefined();
    // The account arrives: never touched, so silent since the deal's creation.
    await page('account', [account]);
    expect(await silence()).toBe(deal.createdAt);
    // The touch arrives: the account's last touch is the deal's.
    await page('activity', [activity]);
    expect(await silence()).toBe(FIXED_NOW - 5 * DAY_MS);
    // Won: out of the index.
    await page('deal', [{ ...deal, stage: 'won', closedAt: FIXED_NOW - DAY_MS }]);
    expect(await silence()).toBeUndefined();
  });

  it('moves a deal\'s silence with the deal: to the account it moved to, and out with a removed deal', async () => {
    db = createTestDb();
    const first = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    const second = await createAccount(db, { name: 'Beta', stage: 'lead' }, me);
    await call(first.id, FIXED_NOW - 5 * DAY_MS);
    await call(second.id, FIXED_NOW - 2 * DAY_MS);
    const deal = await createDealInStage(db, { accountId: first.id, name: 'Pilot', stage: 'proposal' }, me);
    expect(await dealSilence(deal.id)).toBe(FIXED_NOW - 5 * DAY_MS);
    // Moved (as a pulled page stores it): silent since the new account's last touch, and gone from the old one.
    const moved = toRow('deal', fromRow({ ...(await db.deals.get(deal.id))!, accountId: second.id }));
    await db.transaction('rw', [db.deals], () => db.deals.put(moved as never));
    expect(await dealSilence(deal.id)).toBe(FIXED_NOW - 2 * DAY_MS);
    expect((await db.accounts.get(first.id))?.dealSilence).toBeUndefined();
    // Removed for good (the engine's bulkDelete): gone from its account too.
    await db.transaction('rw', [db.deals], () => db.deals.bulkDelete([deal.id]));
    expect((await db.accounts.get(second.id))?.dealSilence).toBeUndefined();
  });

  it('writes no deal row when a touch moves the silence of the account\'s open deals', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    const deals = [];
    for (let i = 0; i < 3; i++) deals.push(await createDealInStage(db, { accountId: account.id, name: `Pilot ${i}`, stage: 'proposal' }, me));
    const writes = { deals: 0 };
    db.use({
      stack: 'dbcore',
      name: 'countDealWrites',
      level: 1,
      create: (down) => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName !== 'deals') return table;
          return { ...table, mutate: (request) => { writes.deals++; return table.mutate(request); } };
        },
      }),
    });
    await call(account.id, FIXED_NOW - DAY_MS);
    expect(writes.deals).toBe(0);
    for (const deal of deals) expect(await dealSilence(deal.id)).toBe(FIXED_NOW - DAY_MS);
  });

  it('keeps the account\'s last touch when a touch read ahead for fails to be added and the caller goes on', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    const { activity } = await call(account.id, FIXED_NOW - 5 * DAY_MS);
    const stored = (await db.activities.get(activity.id))!;
    await db.transaction('rw', [db.accounts, db.activities], async () => {
      readAheadForTouch(db, account.id);
      // The same id again, later: the add fails, and the transaction goes on without it.
      await db.activities.bulkAdd([{ ...stored, occurredAt: FIXED_NOW - DAY_MS }] as never[]).catch(() => undefined);
    });
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 5 * DAY_MS, silentSince: FIXED_NOW - 5 * DAY_MS });
  });

  it('is derived for a restored backup', async () => {
    const source = createTestDb('source');
    others.push(source);
    db = source;
    const account = await createAccount(db, { name: 'Acme', stage: 'proposal' }, me);
    await call(account.id, FIXED_NOW - 12 * DAY_MS);
    const backup = await exportBackup(db, FIXED_NOW);

    db = createTestDb();
    await restoreBackup(db, backup, { now: () => FIXED_NOW });
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 12 * DAY_MS, silentSince: FIXED_NOW - 12 * DAY_MS });
  });
});

describe('Today\'s quiet accounts by index', () => {
  it('lists the most silent up to the limit and counts the rest', async () => {
    db = createTestDb();
    const extra = 3;
    const ids: string[] = [];
    for (let i = 0; i < TODAY_STALE_LIMIT + extra; i++) {
      const account = await createAccount(db, { name: `Quiet ${String(i).padStart(2, '0')}`, stage: 'qualified' }, me);
      // Quiet 00 is the most silent.
      await call(account.id, FIXED_NOW - (50 - i) * DAY_MS);
      ids.push(account.id);
    }
    const busy = await createAccount(db, { name: 'Busy', stage: 'qualified' }, me);
    await call(busy.id, FIXED_NOW - DAY_MS);

    const input = await loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC' });
    const result = buildToday(input, FIXED_NOW);
    const listed = flattenToday(result).map((item) => item.account.name);
    expect(listed).toHaveLength(TODAY_STALE_LIMIT);
    expect(new Set(listed)).toEqual(new Set(Array.from({ length: TODAY_STALE_LIMIT }, (_, i) => `Quiet ${String(i).padStart(2, '0')}`)));
    expect(result.moreQuietAccounts).toBe(extra);
    // The accounts not silent enough are neither read nor counted.
    expect(input.accounts.map((entry) => entry.account.id)).not.toContain(busy.id);
  });

  it('says what the card says for an account whose last touch is older than its 20 latest activities', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    const { activity: touch } = await call(account.id, FIXED_NOW - 30 * DAY_MS);
    // A teammate's 25 tasks since then, due next month: not touches, and not the rep's own.
    for (let i = 0; i < 25; i++) {
      await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: `Task ${i}`, dueAt: FIXED_NOW + 30 * DAY_MS, occurredAt: FIXED_NOW - (20 - i / 2) * DAY_MS }, { repId: 'rep-2', now: me.now });
    }
    const card = computeSuggestions((await loadSuggestionInput(db, { type: 'account', id: account.id }))!, FIXED_NOW).visible.find((suggestion) => suggestion.rule === 'stale');
    expect(card?.key).toBe(`stale:${account.id}:qualified:${touch.id}`);
    const items = flattenToday(buildToday(await loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC' }), FIXED_NOW));
    expect(items.map((item) => item.suggestion?.key)).toEqual([card!.key]);
    expect(items[0]!.suggestion).toEqual(card);
  });

  it('reads no history for a promise a later touch kept, and lists one nobody kept as the card does', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'won' }, me);
    const { activity: promise } = await logActivity(
      db,
      { type: 'call', accountId: account.id, body: 'Pricing', callOutcome: 'connected', nextStep: 'Send pricing', followUpAt: FIXED_NOW - 3 * DAY_MS, occurredAt: FIXED_NOW - 10 * DAY_MS },
      me,
    );
    const read = () => loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC' });
    const card = computeSuggestions((await loadSuggestionInput(db, { type: 'account', id: account.id }))!, FIXED_NOW).visible.filter((suggestion) => suggestion.rule === 'overdueFollowUp');
    expect(card.map((suggestion) => suggestion.key)).toEqual([`followUp:${promise.id}`]);
    expect(flattenToday(buildToday(await read(), FIXED_NOW)).map((item) => item.suggestion)).toEqual(card);

    // A teammate's call two days before the date keeps it: nothing on the card, nothing read here.
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Sent', callOutcome: 'connected', occurredAt: FIXED_NOW - 4 * DAY_MS }, { repId: 'rep-2', now: me.now });
    expect(computeSuggestions((await loadSuggestionInput(db, { type: 'account', id: account.id }))!, FIXED_NOW).visible.filter((suggestion) => suggestion.rule === 'overdueFollowUp')).toEqual([]);
    const input = await read();
    expect(input.accounts).toEqual([]);
    expect(flattenToday(buildToday(input, FIXED_NOW))).toEqual([]);
  });

  it('brings an account into Today when its last touch is deleted', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'adoption' }, me);
    await call(account.id, FIXED_NOW - 45 * DAY_MS);
    const { activity: recent } = await call(account.id, FIXED_NOW - DAY_MS);
    const today = async () => flattenToday(buildToday(await loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC' }), FIXED_NOW)).map((item) => item.suggestion?.rule);
    expect(await today()).not.toContain('churnWarning');
    await deleteRecord(db, 'activity', recent.id, me);
    expect(await today()).toContain('churnWarning');
  });
});

describe('a batch writing beside a touch', () => {
  it('keeps an account edit and a deal edit written in the same batch as a touch on them, in either order', async () => {
    for (const touchFirst of [true, false]) {
      db = createTestDb(`batch-${touchFirst}`);
      others.push(db);
      const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
      const deal = await createDealInStage(db, { accountId: account.id, name: 'Pilot', stage: 'proposal' }, me);
      const touch: RecordWrite = {
        entity: 'activity',
        recordId: newRecordId(),
        fresh: true,
        patch: newActivityFields({ type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - 2 * DAY_MS }),
      };
      const edits: RecordWrite[] = [
        { entity: 'account', recordId: account.id, patch: { name: 'Acme Robotics' }, mustExist: true },
        { entity: 'deal', recordId: deal.id, patch: { name: 'Pilot, phase 2' }, mustExist: true },
      ];
      await writeRecords(db, touchFirst ? [touch, ...edits] : [...edits, touch], { now: me.now });
      const stored = await db.accounts.get(account.id);
      expect(stored).toMatchObject({ name: 'Acme Robotics', lastTouchAt: FIXED_NOW - 2 * DAY_MS });
      expect(await db.deals.get(deal.id)).toMatchObject({ name: 'Pilot, phase 2' });
      expect(await dealSilence(deal.id)).toBe(FIXED_NOW - 2 * DAY_MS);
    }
  });
});

describe('accounts awaited by their touches and deals (v14)', () => {
  /** Counts the activity and deal reads the store makes, below every middleware. */
  function countReads(target: SidenoteDb) {
    const reads = { activities: 0, deals: 0 };
    target.use({
      stack: 'dbcore',
      name: 'countReads',
      level: 1,
      create: (down) => ({
        ...down,
        table: (tableName) => {
          const table = down.table(tableName);
          if (tableName !== 'activities' && tableName !== 'deals') return table;
          return { ...table, query: (request) => { reads[tableName]++; return table.query(request); } };
        },
      }),
    });
    return reads;
  }

  it('reads no activities or deals for arriving accounts nothing waits for, and derives those a touch or deal waits for', async () => {
    db = createTestDb();
    const reads = countReads(db);
    const source = createTestDb('source');
    others.push(source);
    const swap = db;
    db = source;
    const waited = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    const quiet = await createAccount(db, { name: 'Quiet', stage: 'lead' }, me);
    const { activity } = await call(waited.id, FIXED_NOW - 5 * DAY_MS);
    db = swap;

    const page = (table: 'accounts' | 'activities', entity: 'account' | 'activity', records: object[]) =>
      db.transaction('rw', [db.accounts, db.activities], () => db.table(table).bulkPut(records.map((record) => toRow(entity, fromRow(record as never)))));
    await page('accounts', 'account', [quiet]);
    expect(reads).toEqual({ activities: 0, deals: 0 });
    expect(await summary(quiet.id)).toEqual({ lastTouchAt: null, silentSince: quiet.createdAt });

    await page('activities', 'activity', [activity]);
    expect(await db.awaitedAccounts.toCollection().primaryKeys()).toEqual([waited.id]);
    await page('accounts', 'account', [waited]);
    expect(await summary(waited.id)).toEqual({ lastTouchAt: FIXED_NOW - 5 * DAY_MS, silentSince: FIXED_NOW - 5 * DAY_MS });
    expect(await db.awaitedAccounts.count()).toBe(0);
    expect(reads.activities).toBeGreaterThan(0);
  });

  it('derives an account that comes back after it was removed or its table cleared, from the touches left behind', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'lead' }, me);
    await call(account.id, FIXED_NOW - 5 * DAY_MS);
    const row = (await db.accounts.get(account.id))!;
    const back = () => db.accounts.put(toRow('account', fromRow(row)) as never);

    await db.accounts.delete(account.id);
    await back();
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 5 * DAY_MS, silentSince: FIXED_NOW - 5 * DAY_MS });

    await db.accounts.clear();
    await back();
    expect(await summary(account.id)).toEqual({ lastTouchAt: FIXED_NOW - 5 * DAY_MS, silentSince: FIXED_NOW - 5 * DAY_MS });
    // Worked out once: nothing is awaited any more.
    expect(await db.awaitedAccounts.count()).toBe(0);
  });
});
