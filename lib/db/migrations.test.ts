import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SidenoteDb, type DealRow } from './database';
import { fromRow } from './derived';
import { accountSchema } from '../schemas';
import { lookupIndexDbName, LookupIndexKeeper } from './lookup-index-store';

/**
 * Each schema version ships a fixture of the shape before it. Version 1 is the first
 * shape, so its test proves a database written by a raw v1 client (no Dexie class, the
 * plain stores) opens in the current class with every row and index usable. Add a case
 * here with a fixture of the old shape whenever `version(n)` is added.
 */
const V1_STORES = {
  accounts: 'id, *domains, *searchTokens, nameKey, stage, updatedAt, [industry+sizeTier]',
  contacts: 'id, accountId, email, *searchTokens',
  deals: 'id, accountId, stage, updatedAt',
  activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], *contactIds, updatedAt',
  suggestionStates: 'id, [subjectType+subjectId]',
  playbooks: 'id',
  outbox: 'id, status, recordId, hlc',
  drafts: 'key, updatedAt',
  meta: 'key',
  conflicts: 'id, createdAt',
};

const v1Account = {
  id: '0191c7a0-0000-7000-8000-000000000001', name: 'Acme', domains: ['acme.com'], industry: 'Robotics', sizeTier: 'growth',
  ownerId: null, stage: 'qualified', renewalDate: null, health: null, facts: {}, createdAt: 1, updatedAt: 1, deletedAt: null,
  updatedBy: null, clock: {}, searchTokens: ['acme', 'acme.com'], nameKey: 'acme',
};

/** The v2 changes as v2 shipped them: the fixture for the next version's migration. */
const V2_STORES = {
  accounts: 'id, *domains, *searchTokens, nameKey, [industry+sizeTier]',
  deals: 'id, accountId, stage, [stage+closedAt]',
  activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], [type+occurredAt]',
};

let name = '';
/** The accounts' indexes in the current schema (v14 dropped the plain renewalDate one, v16 added its open deals' silence). */
const CURRENT_ACCOUNT_INDEXES = ['[industryKey+sizeTier]', '[ownerKey+renewalDate]', '[ownerKey+stage+silentSince]', 'dealSilence', 'domains', 'industryKey', 'nameKey'];
/** The rep's quiet-deal keys in a deal stage (v16: on the account, one per open deal), as Today reads them. */
function dealSilenceKeys(db: SidenoteDb, owner: string, stage: string) {
  return db.accounts.where('dealSilence').between([owner, stage, Dexie.minKey], [owner, stage, Dexie.maxKey]).keys();
}
afterEach(async () => {
  await Dexie.delete(name);
});

const v1Deal = {
  id: '0191c7a0-0000-7000-8000-000000000002', accountId: v1Account.id, name: 'Pilot', stage: 'won', amount: 480000, currency: 'CNY',
  expectedCloseDate: null, ownerId: null, closedAt: 1_700_000_000_000, lostReason: null, facts: {}, createdAt: 1, updatedAt: 1,
  deletedAt: null, updatedBy: null, clock: {},
};
const v1StageChange = {
  id: '0191c7a0-0000-7000-8000-000000000003', type: 'stage_change', accountId: v1Account.id, contactIds: [], dealId: v1Deal.id,
  authorId: null, visibility: 'team', subject: null, body: '', occurredAt: 1_700_000_000_000, durationSeconds: null, callOutcome: null,
  phone: null, channel: null, location: null, nextStep: null, followUpAt: null, dueAt: null, completedAt: null, reminder: null,
  stageChange: { subject: 'deal', subjectId: v1Deal.id, from: 'negotiation', to: 'won' }, source: null, captureKey: null,
  suggestionKey: null, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {},
};

describe('Dexie schema versions', () => {
  it('opens a v1 database with its rows and indexes intact', async () => {
    name = `migrate-v1-${Math.random()}`;
    const old = schemaAt(name, 1);
    await old.table('accounts').add(v1Account);
    await old.table('drafts').add({ key: 'composer:account:x', fields: { body: 'unsent' }, updatedAt: 1 });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.accounts.where('domains').equals('acme.com').first()).toMatchObject({ name: 'Acme' });
    expect(await db.accounts.where('[industryKey+sizeTier]').equals(['robotics', 'growth']).count()).toBe(1);
    expect((await db.drafts.get('composer:account:x'))?.fields).toEqual({ body: 'unsent' });
    db.close();
  });

  it('v1 → v2 indexes won deals by close date and activities by type over time, keeping every row', async () => {
    name = `migrate-v2-${Math.random()}`;
    const old = schemaAt(name, 1);
    await old.table('accounts').add(v1Account);
    await old.table('deals').add(v1Deal);
    await old.table('activities').add(v1StageChange);
    await old.table('outbox').add({ id: 'm1', entity: 'deal', recordId: v1Deal.id, patch: { stage: 'won' }, hlc: '000001700000000:0000:abcd', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(await db.deals.where('[stage+closedAt]').between(['won', Dexie.minKey], ['won', Dexie.maxKey]).primaryKeys()).toEqual([v1Deal.id]);
    expect(await db.activities.where('[type+occurredAt]').between(['stage_change', Dexie.minKey], ['stage_change', Dexie.maxKey]).count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.accounts.count()).toBe(1);
    db.close();
  });

  it('v2 → v4 adds the import marks table, empty, keeping every row and index of the v2 shape', async () => {
    name = `migrate-v4-${Math.random()}`;
    const old = schemaAt(name, 2);
    await old.table('accounts').add(v1Account);
    await old.table('deals').add(v1Deal);
    await old.table('activities').add(v1StageChange);
    await old.table('outbox').add({ id: 'm1', entity: 'deal', recordId: v1Deal.id, patch: { stage: 'won' }, hlc: '000001700000000:0000:abcd', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(await db.importMarks.count()).toBe(0);
    await db.importMarks.put({ id: v1Deal.id, entity: 'deal', fields: { stage: { value: 'won', clock: null } } });
    expect((await db.importMarks.get(v1Deal.id))?.fields.stage).toEqual({ value: 'won', clock: null });
    expect(await db.deals.where('[stage+closedAt]').between(['won', Dexie.minKey], ['won', Dexie.maxKey]).primaryKeys()).toEqual([v1Deal.id]);
    expect(await db.accounts.where('nameKey').equals('acme').count()).toBe(1);
    expect(await db.outbox.where('status').equals('pending').count()).toBe(1);
    db.close();
  });
});

const v2Contact = {
  id: '0191c7a0-0000-7000-8000-000000000004', accountId: v1Account.id, name: 'Li Wei', email: 'li.wei@acme.com', phone: '+86 138 0013 8000',
  title: null, role: null, profileUrl: null, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {},
  searchTokens: ['li', 'wei', 'liwei', 'li.wei@acme.com', 'acme.com'],
};

describe('Dexie schema v3', () => {
  it('v2 → v3 (and v4) drops the accounts\' search-token index, keeps every row, and the lookup index finds them', async () => {
    name = `migrate-v3-${Math.random()}`;
    const old = schemaAt(name, 2);
    await old.table('accounts').add({ ...v1Account, searchTokens: ['acme', 'acme.com'] });
    await old.table('contacts').add(v2Contact);
    await old.table('deals').add(v1Deal);
    await old.table('outbox').add({ id: 'm1', entity: 'deal', recordId: v1Deal.id, patch: { stage: 'won' }, hlc: '000001700000000:0000:abcd', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(db.accounts.schema.indexes.map((index) => index.name).sort()).toEqual(CURRENT_ACCOUNT_INDEXES);
    expect(await db.accounts.count()).toBe(1);
    expect(await db.contacts.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    // Profile matching reads the contacts' name key, which v2 rows already hold among their tokens.
    expect(await db.contacts.where('searchTokens').equals('liwei').primaryKeys()).toEqual([v2Contact.id]);
    expect(await db.accounts.where('nameKey').equals('acme').primaryKeys()).toEqual([v1Account.id]);
    // A v2 row's leftover tokens never reach a synced record.
    expect(fromRow((await db.accounts.get(v1Account.id)) as never)).not.toHaveProperty('searchTokens');
    // The change log holds at most v6's industry-key rewrite of the accounts, v8's owner-key
    // rewrite of the accounts and deals and v9's last touches (v11 rewrites open deals only:
    // none here), and new writes are logged.
    const logged = await db.lookupChanges.count();
    expect(logged).toBeLessThanOrEqual(4);
    await db.accounts.update(v1Account.id, { name: 'Acme Robotics' });
    expect(await db.lookupChanges.count()).toBe(logged + 1);

    const keeper = new LookupIndexKeeper(db, { pause: () => Promise.resolve() });
    await keeper.start();
    expect((await keeper.search('acme rob')).map((hit) => hit.name)).toEqual(['Acme Robotics']);
    expect((await keeper.search('138-0013-8000')).map((hit) => hit.name)).toEqual(['Li Wei']);
    expect((await keeper.search('pilot')).map((hit) => `${hit.kind}:${hit.name}`)).toEqual(['deal:Pilot']);
    keeper.close();
    await Dexie.delete(lookupIndexDbName(db));
    db.close();
  });
});

/** The v3 and v4 changes as they shipped: with v1 and v2 above, the shape before v5. */
const V3_STORES = { accounts: 'id, *domains, nameKey, [industry+sizeTier]', lookupChanges: '++seq' };
const V4_STORES = { importMarks: 'id' };

describe('Dexie schema v5 (facts with state, evidence, who and when)', () => {
  const budgetStamp = '001700000000500:0000:abcd1234';
  const v4Account = {
    ...v1Account,
    searchTokens: undefined,
    facts: { intentBudget: { value: '500k this year', confirmed: true }, scenarioFit: { value: 'maybe', confirmed: false }, profileFit: null },
    clock: { 'facts.intentBudget': budgetStamp },
  };
  const v4Deal = { ...v1Deal, stage: 'qualified', closedAt: null, facts: { coreNeeds: { value: 'Multi-store stock', confirmed: true } } };
  const pendingFactWrite = {
    id: 'm1', entity: 'account', recordId: v1Account.id, patch: { 'facts.competitors': { value: 'Salesforce', confirmed: false } },
    hlc: '001700000000900:0000:abcd1234', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null,
  };
  const pendingDealCreate = {
    id: 'm2', entity: 'deal', recordId: v1Deal.id, patch: { name: 'Pilot', facts: { coreNeeds: { value: 'Multi-store stock', confirmed: true } } },
    hlc: '001700000000950:0000:abcd1234', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null,
  };

  it('v4 → v5 converts stored and queued facts: confirmed is known, when from the clock, who unknown', async () => {
    name = `migrate-v5-${Math.random()}`;
    const old = schemaAt(name, 4);
    const { searchTokens: _tokens, ...accountRow } = v4Account;
    await old.table('accounts').add(accountRow);
    await old.table('deals').add(v4Deal);
    await old.table('accounts').add({ ...accountRow, id: '0191c7a0-0000-7000-8000-000000000009', name: 'No facts', nameKey: 'no facts', facts: {}, clock: {} });
    await old.table('outbox').bulkAdd([pendingFactWrite, pendingDealCreate, { ...pendingFactWrite, id: 'm3', patch: { name: 'Acme Robotics' } }]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    const account = await db.accounts.get(v1Account.id);
    expect(account?.facts).toEqual({
      intentBudget: { value: '500k this year', state: 'known', by: null, at: 1_700_000_000_500 },
      scenarioFit: { value: 'maybe', state: 'unconfirmed', by: null, at: null },
      profileFit: null,
    });
    expect((await db.deals.get(v1Deal.id))?.facts).toEqual({ coreNeeds: { value: 'Multi-store stock', state: 'known', by: null, at: null } });
    expect((await db.accounts.get('0191c7a0-0000-7000-8000-000000000009'))?.facts).toEqual({});
    const outbox = await db.outbox.orderBy('hlc').toArray();
    expect(outbox.map((entry) => entry.patch)).toEqual([
      { 'facts.competitors': { value: 'Salesforce', state: 'unconfirmed', by: null, at: 1_700_000_000_900 } },
      { name: 'Acme Robotics' },
      { name: 'Pilot', facts: { coreNeeds: { value: 'Multi-store stock', state: 'known', by: null, at: 1_700_000_000_950 } } },
    ]);
    // Every converted row is a valid record of the current schema.
    expect(accountSchema.safeParse(fromRow(account!)).success).toBe(true);
    expect(await db.accounts.where('nameKey').equals('acme').count()).toBe(1);
    db.close();
  });
});

describe('Dexie schema v7', () => {
  it('v5 → v7 drops the drafts\' unread updatedAt index and keeps every draft and every other index', async () => {
    name = `migrate-v7-${Math.random()}`;
    const old = schemaAt(name, 5);
    await old.table('drafts').add({ key: 'composer:account:x', fields: { body: 'unsent' }, updatedAt: 1 });
    await old.table('accounts').add({ ...v1Account, searchTokens: undefined });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(7);
    expect(db.drafts.schema.indexes).toEqual([]);
    expect((await db.drafts.get('composer:account:x'))?.fields).toEqual({ body: 'unsent' });
    await db.drafts.put({ key: 'composer:page:y', fields: { body: 'typed' }, updatedAt: 2 });
    expect(await db.drafts.count()).toBe(2);
    expect(db.accounts.schema.indexes.map((index) => index.name).sort()).toEqual(CURRENT_ACCOUNT_INDEXES);
    expect(await db.accounts.where('nameKey').equals('acme').count()).toBe(1);
    db.close();
  });
});

describe('Dexie schema v6', () => {
  it('v4 → v6 gives every account its industry key, so peers match whatever their case, spacing or tier', async () => {
    name = `migrate-v6-${Math.random()}`;
    const old = schemaAt(name, 4);
    const { searchTokens: _tokens, ...v4Account } = v1Account;
    await old.table('accounts').bulkAdd([
      { ...v4Account, industry: 'Retail Banking' },
      { ...v4Account, id: '0191c7a0-0000-7000-8000-000000000011', name: 'No tier', industry: ' retail  banking ', sizeTier: null, nameKey: 'notier' },
      { ...v4Account, id: '0191c7a0-0000-7000-8000-000000000012', name: 'No industry', industry: null, nameKey: 'noindustry' },
      { ...v4Account, id: '0191c7a0-0000-7000-8000-000000000013', name: 'Gone', industry: 'Retail Banking', deletedAt: 5, nameKey: '' },
    ]);
    await old.table('deals').add(v1Deal);
    await old.table('outbox').add({ id: 'm1', entity: 'deal', recordId: v1Deal.id, patch: { stage: 'won' }, hlc: '000001700000000:0000:abcd', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(6);
    expect((await db.accounts.where('industryKey').equals('retailbanking').primaryKeys()).sort()).toEqual([v1Account.id, '0191c7a0-0000-7000-8000-000000000011']);
    expect(await db.accounts.where('[industryKey+sizeTier]').equals(['retailbanking', 'growth']).primaryKeys()).toEqual([v1Account.id]);
    expect((await db.accounts.get('0191c7a0-0000-7000-8000-000000000012'))?.industryKey).toBe('');
    expect((await db.accounts.get('0191c7a0-0000-7000-8000-000000000013'))?.industryKey).toBe('');
    // Rows, the outbox and the other indexes are untouched; the local key never reaches a synced record.
    expect(await db.accounts.count()).toBe(4);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.deals.where('[stage+closedAt]').between(['won', Dexie.minKey], ['won', Dexie.maxKey]).primaryKeys()).toEqual([v1Deal.id]);
    expect(fromRow((await db.accounts.get(v1Account.id))!)).not.toHaveProperty('industryKey');
    db.close();
  });
});

describe('Dexie schema v8 (Today)', () => {
  it('v4 → v8 gives existing rows their owner, author and open-task keys, so Today finds them by index', async () => {
    name = `migrate-v8-${Math.random()}`;
    const old = schemaAt(name, 4);
    const mine = { ...v1Account, ownerId: 'rep-1', stage: 'adoption', renewalDate: '2026-04-01' };
    const unowned = { ...v1Account, id: '0191c7a0-0000-7000-8000-000000000011', name: 'Solo', nameKey: 'solo', ownerId: null };
    await old.table('accounts').bulkAdd([mine, unowned]);
    await old.table('deals').add({ ...v1Deal, stage: 'proposal', closedAt: null, ownerId: 'rep-1' });
    const task = { ...v1StageChange, id: '0191c7a0-0000-7000-8000-000000000012', type: 'task', stageChange: null, dealId: null, dueAt: 1_700_000_500_000, authorId: 'rep-1' };
    const doneTask = { ...task, id: '0191c7a0-0000-7000-8000-000000000013', completedAt: 1_700_000_400_000 };
    const promise = { ...v1StageChange, id: '0191c7a0-0000-7000-8000-000000000014', type: 'call', callOutcome: 'connected', stageChange: null, followUpAt: 1_700_000_600_000, authorId: null };
    await old.table('activities').bulkAdd([v1StageChange, task, doneTask, promise]);
    await old.table('outbox').add({ id: 'm1', entity: 'deal', recordId: v1Deal.id, patch: { stage: 'won' }, hlc: '000001700000000:0000:abcd', createdAt: 1, status: 'pending', attempts: 0, lastError: null, parkedReason: null });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(8);
    // Accounts by owner and stage: v9 reads them with their silence (lib/db/touch-summary.ts).
    const byOwnerAndStage = (owner: string, stage: string) => db.accounts.where('[ownerKey+stage+silentSince]').between([owner, stage, Dexie.minKey], [owner, stage, Dexie.maxKey]).primaryKeys();
    expect(await byOwnerAndStage('rep-1', 'adoption')).toEqual([mine.id]);
    expect(await byOwnerAndStage('', 'qualified')).toEqual([unowned.id]);
    // Renewals by owner (v10; the plain renewalDate index went in v14).
    expect(await db.accounts.where('[ownerKey+renewalDate]').equals(['rep-1', '2026-04-01']).primaryKeys()).toEqual([mine.id]);
    // Open deals by owner and stage, with their account's silence (v11 on the deal, v16 on the account).
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toHaveLength(1);
    // Only the open task is in the sparse index; the promise is found under the unassigned author.
    expect(await db.activities.where('[authorKey+openTaskDueAt]').between(['rep-1', Dexie.minKey], ['rep-1', Dexie.maxKey]).primaryKeys()).toEqual([task.id]);
    expect(await db.activities.where('[authorKey+followUpAt]').between(['', Dexie.minKey], ['', Dexie.maxKey]).primaryKeys()).toEqual([promise.id]);
    // Every row and the outbox survive; the local keys never reach a synced record.
    expect(await db.activities.count()).toBe(4);
    expect(await db.outbox.count()).toBe(1);
    expect(fromRow((await db.activities.get(task.id)) as never)).not.toHaveProperty('authorKey');
    expect(fromRow((await db.activities.get(task.id)) as never)).not.toHaveProperty('openTaskDueAt');
    expect(fromRow((await db.accounts.get(mine.id)) as never)).not.toHaveProperty('ownerKey');
    db.close();
  });
});

/** The v5 to v8 changes as they shipped: with v1 to v4 above, the shape before v9. */
const V6_STORES = { accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier]' };
const V7_STORES = { drafts: 'key' };
const V8_STORES = {
  accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage]',
  deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage]',
  activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], [type+occurredAt], [authorKey+openTaskDueAt], [authorKey+followUpAt]',
};
const V9_STORES = { accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage+silentSince]' };
const V10_STORES = {
  accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage+silentSince], [ownerKey+renewalDate]',
  deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage], [ownerKey+stage+closedAt]',
};
const V11_STORES = { deals: 'id, accountId, stage, [stage+closedAt], [ownerKey+stage+closedAt], [ownerKey+stage+silentSince]' };
const V12_STORES = {
  activities: 'id, [accountId+occurredAt], [dealId+occurredAt], captureKey, [type+dueAt], [type+occurredAt], [authorKey+openTaskDueAt], [authorKey+followUpAt], [accountId+guidanceUntil]',
};
/** Each shipped version's store changes, in order (v5 changed no index, only rows). */
const V14_STORES = {
  accounts: 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], [ownerKey+stage+silentSince], [ownerKey+renewalDate]',
  awaitedAccounts: 'id',
};
/** Each shipped version's store changes, in order (v5 changed no index, only rows; v13 was never shipped). */
const STORES_BY_VERSION = [V1_STORES, V2_STORES, V3_STORES, V4_STORES, {}, V6_STORES, V7_STORES, V8_STORES, V9_STORES, V10_STORES, V11_STORES, V12_STORES, {}, V14_STORES];

/** A database declared as shipped up to `version`, to be filled as an older extension left it. */
function schemaAt(name: string, version: number): Dexie {
  const old = new Dexie(name);
  STORES_BY_VERSION.slice(0, version).forEach((stores, i) => old.version(i + 1).stores(stores));
  return old;
}

describe('Dexie schema v9 (Today\'s quiet accounts)', () => {
  it('v8 → v9 gives every account its last touch once, so Today finds the silent ones by index', async () => {
    name = `migrate-v9-${Math.random()}`;
    const old = schemaAt(name, 8);
    const { searchTokens: _tokens, ...v8Account } = { ...v1Account, industryKey: 'robotics', ownerKey: 'rep-1', ownerId: 'rep-1', createdAt: 1_600_000_000_000 };
    const touched = { ...v8Account, stage: 'adoption' };
    const untouched = { ...v8Account, id: '0191c7a0-0000-7000-8000-000000000021', name: 'Quiet', nameKey: 'quiet', stage: 'lead' };
    const gone = { ...v8Account, id: '0191c7a0-0000-7000-8000-000000000022', name: 'Gone', nameKey: '', stage: 'lead', deletedAt: 1_700_000_000_000 };
    const won = { ...v8Account, id: '0191c7a0-0000-7000-8000-000000000023', name: 'Won', nameKey: 'won', stage: 'won' };
    await old.table('accounts').bulkAdd([touched, untouched, gone, won]);
    const activity = (id: string, accountId: string, type: string, occurredAt: number, deletedAt: number | null = null) => ({
      ...v1StageChange, id, accountId, type, occurredAt, deletedAt, stageChange: null, dealId: null, authorKey: 'rep-1', authorId: 'rep-1',
    });
    await old.table('activities').bulkAdd([
      activity('0191c7a0-0000-7000-8000-000000000031', touched.id, 'call', 1_700_000_000_000),
      activity('0191c7a0-0000-7000-8000-000000000032', touched.id, 'email', 1_700_000_900_000, 1_700_001_000_000),
      activity('0191c7a0-0000-7000-8000-000000000033', touched.id, 'task', 1_700_000_800_000),
      activity('0191c7a0-0000-7000-8000-000000000034', touched.id, 'note', 1_600_500_000_000),
      activity('0191c7a0-0000-7000-8000-000000000035', won.id, 'visit', 1_700_000_000_000),
      { ...v1StageChange, accountId: untouched.id },
    ]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(9);
    // The latest live touch: not the deleted email, not the task.
    expect(await db.accounts.get(touched.id)).toMatchObject({ lastTouchAt: 1_700_000_000_000, silentSince: 1_700_000_000_000 });
    expect(await db.accounts.get(untouched.id)).toMatchObject({ lastTouchAt: null, silentSince: untouched.createdAt });
    // Deleted, or in a stage without staleness: no silence key, so out of the index.
    expect(await db.accounts.get(gone.id)).not.toHaveProperty('silentSince');
    expect(await db.accounts.get(won.id)).toMatchObject({ lastTouchAt: 1_700_000_000_000 });
    expect(await db.accounts.get(won.id)).not.toHaveProperty('silentSince');
    expect(await db.accounts.where('[ownerKey+stage+silentSince]').between(['rep-1', 'adoption', 0], ['rep-1', 'adoption', 1_700_000_000_000], true, true).primaryKeys()).toEqual([touched.id]);
    expect(await db.accounts.where('[ownerKey+stage+silentSince]').between(['rep-1', 'lead', 0], ['rep-1', 'lead', Dexie.maxKey]).primaryKeys()).toEqual([untouched.id]);
    // Every row survives; the summary never reaches a synced record; later writes keep it.
    expect(await db.accounts.count()).toBe(4);
    expect(await db.activities.count()).toBe(6);
    expect(fromRow((await db.accounts.get(touched.id)) as never)).not.toHaveProperty('lastTouchAt');
    await db.activities.put({ ...(await db.activities.get('0191c7a0-0000-7000-8000-000000000033'))!, type: 'meeting' });
    expect((await db.accounts.get(touched.id))?.lastTouchAt).toBe(1_700_000_800_000);
    db.close();
  });
});

describe('Dexie schema v10 (Today\'s renewals and wins by owner)', () => {
  it('v9 → v10 finds the rep\'s renewals and recent wins by owner, every row kept', async () => {
    name = `migrate-v10-${Math.random()}`;
    const old = schemaAt(name, 9);
    const { searchTokens: _tokens, ...v9Account } = { ...v1Account, industryKey: 'robotics', ownerKey: 'rep-1', ownerId: 'rep-1', createdAt: 1_600_000_000_000, lastTouchAt: null };
    const mine = { ...v9Account, stage: 'adoption', renewalDate: '2026-04-15' };
    const theirs = { ...v9Account, id: '0191c7a0-0000-7000-8000-000000000041', ownerKey: 'rep-2', ownerId: 'rep-2', stage: 'adoption', renewalDate: '2026-04-15' };
    const undated = { ...v9Account, id: '0191c7a0-0000-7000-8000-000000000042', stage: 'adoption', renewalDate: null };
    await old.table('accounts').bulkAdd([mine, theirs, undated]);
    const deal = { id: '0191c7a0-0000-7000-8000-000000000051', accountId: mine.id, name: 'Rollout', stage: 'won', closedAt: 1_700_000_000_000, ownerKey: 'rep-1', ownerId: 'rep-1', deletedAt: null };
    await old.table('deals').bulkAdd([deal, { ...deal, id: '0191c7a0-0000-7000-8000-000000000052', ownerKey: 'rep-2', ownerId: 'rep-2' }]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(10);
    expect(await db.accounts.where('[ownerKey+renewalDate]').between(['rep-1', '2026-01-01'], ['rep-1', '2026-12-31'], true, true).primaryKeys()).toEqual([mine.id]);
    expect(await db.deals.where('[ownerKey+stage+closedAt]').between(['rep-1', 'won', 0], ['rep-1', 'won', Dexie.maxKey]).primaryKeys()).toEqual([deal.id]);
    expect(await db.accounts.count()).toBe(3);
    expect(await db.deals.count()).toBe(2);
    db.close();
  });
});

describe('Dexie schema v11 (Today\'s quiet deals)', () => {
  it('v10 → v11 carries each open deal\'s account silence onto it, so Today reads the most silent deals by index', async () => {
    name = `migrate-v11-${Math.random()}`;
    const old = schemaAt(name, 10);
    const { searchTokens: _tokens, ...v10Account } = { ...v1Account, industryKey: 'robotics', ownerKey: 'rep-1', ownerId: 'rep-1', createdAt: 1_600_000_000_000 };
    const touched = { ...v10Account, stage: 'qualified', lastTouchAt: 1_700_000_000_000, silentSince: 1_700_000_000_000 };
    const untouched = { ...v10Account, id: '0191c7a0-0000-7000-8000-000000000061', name: 'Quiet', nameKey: 'quiet', lastTouchAt: null, silentSince: 1_600_000_000_000 };
    const gone = { ...v10Account, id: '0191c7a0-0000-7000-8000-000000000062', name: 'Gone', nameKey: '', lastTouchAt: 1_700_000_000_000, deletedAt: 1_700_000_500_000 };
    await old.table('accounts').bulkAdd([touched, untouched, gone]);
    const deal = { ...v1Deal, id: '0191c7a0-0000-7000-8000-000000000071', stage: 'proposal', closedAt: null, ownerId: 'rep-1', ownerKey: 'rep-1', createdAt: 1_650_000_000_000 };
    const onUntouched = { ...deal, id: '0191c7a0-0000-7000-8000-000000000072', accountId: untouched.id };
    const onGone = { ...deal, id: '0191c7a0-0000-7000-8000-000000000073', accountId: gone.id };
    const won = { ...deal, id: '0191c7a0-0000-7000-8000-000000000074', stage: 'won', closedAt: 1_690_000_000_000 };
    const deleted = { ...deal, id: '0191c7a0-0000-7000-8000-000000000075', deletedAt: 1_700_000_000_000 };
    await old.table('deals').bulkAdd([deal, onUntouched, onGone, won, deleted]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(11);
    // The account's last touch, else the deal's creation; none for a closed, deleted or orphaned-by-deletion deal
    // (kept on the deal by v11, on its account since v16).
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toEqual([
      ['rep-1', 'proposal', deal.createdAt, onUntouched.id],
      ['rep-1', 'proposal', 1_700_000_000_000, deal.id],
    ]);
    expect(await db.deals.count()).toBe(5);
    expect(fromRow((await db.accounts.get(touched.id))!)).not.toHaveProperty('dealSilence');
    // Later writes keep it: a new touch on the account moves its open deal.
    await db.activities.add({ ...v1StageChange, id: '0191c7a0-0000-7000-8000-000000000081', type: 'call', stageChange: null, dealId: null, accountId: touched.id, occurredAt: 1_700_100_000_000 } as never);
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toContainEqual(['rep-1', 'proposal', 1_700_100_000_000, deal.id]);
    db.close();
  });
});

describe('Dexie schema v12 (the account card\'s guidance read)', () => {
  it('v10 → v12 keys the old activities the guidance still needs, and leaves the rest out of the index', async () => {
    name = `migrate-v12-${Math.random()}`;
    const old = schemaAt(name, 10);
    const accountId = v1Account.id;
    const activity = (n: number, fields: Record<string, unknown>) => ({
      ...v1StageChange, id: `0191c7a0-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`, accountId, type: 'note', occurredAt: 1_600_000_000_000 + n, deletedAt: null,
      stageChange: null, dealId: null, suggestionKey: null, completedAt: null, dueAt: null, followUpAt: null, authorKey: 'rep-1', authorId: 'rep-1', ...fields,
    });
    const stageChange = activity(1, { type: 'stage_change', stageChange: v1StageChange.stageChange });
    const fromSuggestion = activity(2, { suggestionKey: `fact:${accountId}:budget` });
    const openTask = activity(3, { type: 'task', dueAt: 1_600_100_000_000 });
    const promise = activity(4, { type: 'call', followUpAt: 1_600_200_000_000 });
    const doneTask = activity(5, { type: 'task', dueAt: 1_600_100_000_000, completedAt: 1_600_050_000_000 });
    const plainNote = activity(6, {});
    const deletedTask = activity(7, { type: 'task', dueAt: 1_600_100_000_000, deletedAt: 1_600_000_100_000 });
    await old.table('activities').bulkAdd([stageChange, fromSuggestion, openTask, promise, doneTask, plainNote, deletedTask]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(12);
    const kept = (from: number) => db.activities.where('[accountId+guidanceUntil]').between([accountId, from], [accountId, Dexie.maxKey], true, true).primaryKeys();
    expect((await kept(0)).sort()).toEqual([stageChange.id, fromSuggestion.id, openTask.id, promise.id].sort());
    // A dated promise is keyed by its date: once a later touch has passed it, it drops out.
    expect((await kept(1_600_200_000_001)).sort()).toEqual([stageChange.id, fromSuggestion.id, openTask.id].sort());
    expect(await db.activities.count()).toBe(7);
    expect(fromRow((await db.activities.get(openTask.id)) as never)).not.toHaveProperty('guidanceUntil');
    // Later writes keep the key: the task done leaves the index.
    const { writeRecords } = await import('./write');
    await writeRecords(db, [{ entity: 'activity', recordId: openTask.id, patch: { completedAt: 1_600_300_000_000 }, mustExist: true }], { now: 1_600_300_000_000 });
    expect(await kept(0)).not.toContain(openTask.id);
    db.close();
  });
});

describe('Dexie schema v14 (writes pay only for what something reads)', () => {
  it('v12 → v14 drops the unread renewalDate index and names the accounts touches and open deals wait for, so an arriving account derives from them', async () => {
    name = `migrate-v14-${Math.random()}`;
    const old = schemaAt(name, 12);
    const { searchTokens: _tokens, ...v12Account } = { ...v1Account, industryKey: 'robotics', ownerKey: 'rep-1', ownerId: 'rep-1', stage: 'qualified', renewalDate: '2026-04-01', createdAt: 1_600_000_000_000, lastTouchAt: null, silentSince: 1_600_000_000_000 };
    await old.table('accounts').add(v12Account);
    const waitingForTouch = '0191c7a0-0000-7000-8000-000000000201';
    const waitingForDeal = '0191c7a0-0000-7000-8000-000000000202';
    const activity = (id: string, accountId: string, type: string) => ({ ...v1StageChange, id, accountId, type, occurredAt: 1_700_000_000_000, deletedAt: null, stageChange: null, dealId: null, authorKey: 'rep-1', authorId: 'rep-1' });
    await old.table('activities').bulkAdd([
      activity('0191c7a0-0000-7000-8000-000000000211', v12Account.id, 'call'),
      activity('0191c7a0-0000-7000-8000-000000000212', waitingForTouch, 'call'),
      // A task is no touch: its account has nothing to derive from it.
      activity('0191c7a0-0000-7000-8000-000000000213', '0191c7a0-0000-7000-8000-000000000203', 'task'),
    ]);
    const deal = { ...v1Deal, id: '0191c7a0-0000-7000-8000-000000000221', accountId: waitingForDeal, stage: 'proposal', closedAt: null, ownerId: 'rep-1', ownerKey: 'rep-1', createdAt: 1_650_000_000_000 };
    await old.table('deals').bulkAdd([deal, { ...deal, id: '0191c7a0-0000-7000-8000-000000000222', accountId: '0191c7a0-0000-7000-8000-000000000204', stage: 'won', closedAt: 1 }]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(14);
    expect(db.accounts.schema.indexes.map((index) => index.name).sort()).toEqual(CURRENT_ACCOUNT_INDEXES);
    expect((await db.awaitedAccounts.toCollection().primaryKeys()).sort()).toEqual([waitingForTouch, waitingForDeal]);
    expect(await db.accounts.where('[ownerKey+renewalDate]').equals(['rep-1', '2026-04-01']).primaryKeys()).toEqual([v12Account.id]);
    // The awaited accounts arrive (as a pulled page stores them): each derives from what waited for it.
    const arriving = (id: string) => ({ ...fromRow(v12Account as never), id, name: id, nameKey: id });
    await db.accounts.bulkPut([arriving(waitingForTouch), arriving(waitingForDeal)] as never[]);
    expect(await db.accounts.get(waitingForTouch)).toMatchObject({ lastTouchAt: 1_700_000_000_000, silentSince: 1_700_000_000_000 });
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toEqual([['rep-1', 'proposal', deal.createdAt, deal.id]]);
    expect(await db.awaitedAccounts.count()).toBe(0);
    expect(await db.accounts.count()).toBe(3);
    db.close();
  });
});

describe('Dexie schema v16 (a touch rewrites its account, not its deals)', () => {
  it('v14 → v16 moves each open deal\'s silence onto its account, so a touch leaves the deal rows alone', async () => {
    name = `migrate-v16-${Math.random()}`;
    const old = schemaAt(name, 14);
    const { searchTokens: _tokens, ...v14Account } = { ...v1Account, industryKey: 'robotics', ownerKey: 'rep-1', ownerId: 'rep-1', stage: 'qualified', createdAt: 1_600_000_000_000, lastTouchAt: 1_700_000_000_000, silentSince: 1_700_000_000_000 };
    const gone = { ...v14Account, id: '0191c7a0-0000-7000-8000-000000000301', name: 'Gone', nameKey: '', deletedAt: 1_700_000_500_000 };
    await old.table('accounts').bulkAdd([v14Account, gone]);
    const deal = { ...v1Deal, id: '0191c7a0-0000-7000-8000-000000000311', stage: 'proposal', closedAt: null, ownerId: 'rep-1', ownerKey: 'rep-1', createdAt: 1_650_000_000_000, silentSince: 1_700_000_000_000 };
    const teammates = { ...deal, id: '0191c7a0-0000-7000-8000-000000000312', stage: 'negotiation', ownerId: 'rep-2', ownerKey: 'rep-2' };
    const won = { ...deal, id: '0191c7a0-0000-7000-8000-000000000313', stage: 'won', closedAt: 1_690_000_000_000 };
    const onGone = { ...deal, id: '0191c7a0-0000-7000-8000-000000000314', accountId: gone.id };
    await old.table('deals').bulkAdd([deal, teammates, won, onGone]);
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(16);
    expect(db.accounts.schema.indexes.map((index) => index.name).sort()).toEqual(CURRENT_ACCOUNT_INDEXES);
    expect(db.deals.schema.indexes.map((index) => index.name)).not.toContain('[ownerKey+stage+silentSince]');
    // Each live open deal by its own owner and stage, silent since its account's last touch; a deleted account's deals in no range.
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toEqual([['rep-1', 'proposal', 1_700_000_000_000, deal.id]]);
    expect(await dealSilenceKeys(db, 'rep-2', 'negotiation')).toEqual([['rep-2', 'negotiation', 1_700_000_000_000, teammates.id]]);
    expect(await dealSilenceKeys(db, 'rep-1', 'won')).toEqual([]);
    expect(await db.accounts.get(gone.id)).not.toHaveProperty('dealSilence');

    // A touch on the account moves its deals' silence and rewrites none of them.
    const before = (await db.deals.get(deal.id)) as DealRow & Record<string, unknown>;
    await db.activities.add({ ...v1StageChange, id: '0191c7a0-0000-7000-8000-000000000321', type: 'call', stageChange: null, dealId: null, accountId: v14Account.id, occurredAt: 1_700_100_000_000 } as never);
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toEqual([['rep-1', 'proposal', 1_700_100_000_000, deal.id]]);
    expect(await db.deals.get(deal.id)).toEqual(before);
    // A deal written again drops the old key field and stays in its account's list; won, it leaves it.
    await db.deals.put({ ...fromRow(before), name: 'Pilot 2' } as never);
    expect(await db.deals.get(deal.id)).not.toHaveProperty('silentSince');
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toEqual([['rep-1', 'proposal', 1_700_100_000_000, deal.id]]);
    await db.deals.put({ ...fromRow(before), stage: 'won', closedAt: 1_700_200_000_000 } as never);
    expect(await dealSilenceKeys(db, 'rep-1', 'proposal')).toEqual([]);
    expect(fromRow((await db.accounts.get(v14Account.id))!)).not.toHaveProperty('openDeals');
    db.close();
  });
});
