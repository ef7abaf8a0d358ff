import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { extractFacts } from '../facts/extract';
import { buildProposalChips } from '../facts/proposals';
import { newFact } from '../schemas';
import { applyPatch, mergeRecords, type StoredRecord } from '../sync/merge';
import { mergeShapeOf } from '../sync/patch';
import { createAccount } from './accounts';
import { logActivity } from './activities';
import type { SidenoteDb } from './database';
import { acceptedChipWrites, writeFacts } from './facts';
import { RecordNotFoundError } from './write';

const dbs: SidenoteDb[] = [];
function open(): SidenoteDb {
  const db = createTestDb('facts');
  dbs.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.delete()));
});

const SHAPE = mergeShapeOf('account');
const known = (value: string, by: string) => newFact({ value, state: 'known', by, at: FIXED_NOW });

/** Rep B's browser gets the account as it was before either rep went offline. */
async function cloneInto(target: SidenoteDb, source: SidenoteDb, id: string): Promise<void> {
  await target.accounts.put((await source.accounts.get(id))!);
}

/** The server applies each browser's queued writes in the order given. */
async function serverApplies(base: StoredRecord, ...browsers: SidenoteDb[]): Promise<StoredRecord> {
  let record = base;
  for (const db of browsers) for (const entry of await db.outbox.orderBy('hlc').toArray()) if (entry.recordId === base.id) record = applyPatch(record, base.id, entry.patch, entry.hlc, SHAPE).record;
  return record;
}

describe('facts merge per key through the write path', () => {
  it('keeps both facts when two reps confirm different ones offline, in either order', async () => {
    const li = open();
    const ana = open();
    const account = await createAccount(li, { name: 'Acme' }, { repId: 'rep-li', now: FIXED_NOW });
    await cloneInto(ana, li, account.id);
    await li.outbox.clear();
    const base = (await li.accounts.get(account.id)) as unknown as StoredRecord;

    await writeFacts(li, { entity: 'account', id: account.id }, { intentBudget: known('¥850,000', 'rep-li') }, { repId: 'rep-li', now: FIXED_NOW + 1000 });
    await writeFacts(ana, { entity: 'account', id: account.id }, { decisionMaker: known('王总', 'rep-ana') }, { repId: 'rep-ana', now: FIXED_NOW + 2000 });
    const both = { intentBudget: known('¥850,000', 'rep-li'), decisionMaker: known('王总', 'rep-ana') };
    expect((await serverApplies(base, li, ana)).facts).toEqual(both);
    expect((await serverApplies(base, ana, li)).facts).toEqual(both);
    // Each browser merging the other's copy (what a pull does) ends with both too.
    const liRecord = (await li.accounts.get(account.id)) as unknown as StoredRecord;
    const anaRecord = (await ana.accounts.get(account.id)) as unknown as StoredRecord;
    expect(mergeRecords(liRecord, anaRecord, SHAPE).facts).toEqual(both);
    expect(mergeRecords(anaRecord, liRecord, SHAPE).facts).toEqual(both);
  });

  it('clears a fact as a tombstoned key: null under its own clock, the map and other keys kept', async () => {
    const li = open();
    const ana = open();
    const account = await createAccount(li, { name: 'Acme' }, { repId: 'rep-li', now: FIXED_NOW });
    await writeFacts(li, { entity: 'account', id: account.id }, { intentBudget: known('¥850,000', 'rep-li'), competitors: known('Salesforce', 'rep-li') }, { repId: 'rep-li', now: FIXED_NOW + 1000 });
    await cloneInto(ana, li, account.id);
    const before = (await ana.accounts.get(account.id)) as unknown as StoredRecord;

    await writeFacts(li, { entity: 'account', id: account.id }, { intentBudget: null }, { repId: 'rep-li', now: FIXED_NOW + 5000 });
    const cleared = (await li.outbox.orderBy('hlc').last())!;
    expect(cleared.patch).toEqual({ 'facts.intentBudget': null });
    const stored = await li.accounts.get(account.id);
    expect(stored?.facts).toEqual({ intentBudget: null, competitors: known('Salesforce', 'rep-li') });
    expect(stored?.clock['facts.intentBudget']).toBe(cleared.hlc);

    // Ana re-confirming the old budget offline, earlier than the clearing, loses to it on merge.
    await writeFacts(ana, { entity: 'account', id: account.id }, { intentBudget: known('¥800,000', 'rep-ana') }, { repId: 'rep-ana', now: FIXED_NOW + 3000 });
    const merged = mergeRecords((await ana.accounts.get(account.id)) as unknown as StoredRecord, stored as unknown as StoredRecord, SHAPE);
    expect(merged.facts).toEqual({ intentBudget: null, competitors: known('Salesforce', 'rep-li') });
    expect(before.facts).toHaveProperty('competitors');
  });
});

describe('accepted proposals are written with their note', () => {
  const text = '拍板的是王总，预算 85 万，下周三前发报价';

  async function setUp() {
    const db = open();
    const account = await createAccount(db, { name: '星河智能' }, { repId: 'rep-li', now: FIXED_NOW });
    await db.outbox.clear();
    const chips = buildProposalChips({
      text,
      extracted: extractFacts(text, { now: FIXED_NOW, timeZone: 'Asia/Shanghai' }),
      playbookFactKeys: new Set(['intentBudget', 'decisionMaker']),
      existing: [],
      contacts: [],
      locale: 'zh-CN',
      now: FIXED_NOW,
    });
    const decisions = Object.fromEntries(chips.map((chip) => [chip.id, { status: chip.kind === 'fact' || chip.kind === 'nextStep' ? ('accepted' as const) : ('dismissed' as const) }]));
    return { db, account, chips, decisions };
  }

  it('commits the note, its facts (evidence: the note) and the task in one transaction, each with an outbox entry', async () => {
    const { db, account, chips, decisions } = await setUp();
    const { activity } = await logActivity(
      db,
      { type: 'call', accountId: account.id, body: text, callOutcome: 'connected', nextStep: '发报价', followUpAt: FIXED_NOW + 86_400_000 },
      { repId: 'rep-li', now: FIXED_NOW },
      acceptedChipWrites(chips, decisions, 'rep-li'),
    );
    const stored = await db.accounts.get(account.id);
    expect(stored?.facts.intentBudget).toEqual({ value: '¥850,000', state: 'known', by: 'rep-li', at: FIXED_NOW, evidence: { activityId: activity.id, quote: '预算 85 万' } });
    expect(stored?.facts.decisionMaker?.evidence).toEqual({ activityId: activity.id, quote: '拍板的是王总' });
    const tasks = (await db.activities.toArray()).filter((row) => row.type === 'task');
    expect(tasks).toEqual([expect.objectContaining({ subject: '发报价', dueAt: FIXED_NOW + 86_400_000, accountId: account.id })]);
    const outbox = await db.outbox.orderBy('hlc').toArray();
    expect(outbox.map((entry) => entry.entity)).toEqual(['activity', 'account', 'activity']);
    expect(await db.contacts.count()).toBe(0);
  });

  it('writes nothing, not even the note, when a fact cannot be stored', async () => {
    const { db, account, chips, decisions } = await setUp();
    await db.accounts.delete(account.id);
    await expect(
      logActivity(db, { type: 'note', accountId: account.id, body: text }, { repId: 'rep-li', now: FIXED_NOW }, acceptedChipWrites(chips, decisions, 'rep-li')),
    ).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});
