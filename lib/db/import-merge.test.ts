import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { parseCsvText } from '../import/csv';
import { decodeCsvBytes } from '../import/decode';
import { suggestMapping } from '../import/fields';
import { formatHlc } from '../sync/hlc';
import { applyPatch } from '../sync/merge';
import { mergeShapeOf } from '../sync/patch';
import { createAccount } from './accounts';
import type { SidenoteDb } from './database';
import { fromRow, toRow } from './derived';
import { moveToStage } from './funnel-queries';
import { importCsvTable, reviewCsvImport, type CsvImportOptions } from './import-export';

/**
 * Re-importing a spreadsheet merges instead of overwriting: what Sidenote changed since the
 * file was last imported (the rep, or a teammate through sync) stays unless the rep chooses
 * the file's value; an unchanged file changes nothing; stages the file sets are stage changes
 * dated by the file; a bad cell costs the cell, not the row, when the rep says so.
 */

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const HOUR = 3_600_000;
const base = { ownerId: 'rep-1', defaultCurrency: 'CNY' };

async function importText(text: string, extra: Partial<CsvImportOptions> = {}, now = FIXED_NOW) {
  const table = parseCsvText(decodeCsvBytes(new TextEncoder().encode(text)).text);
  return importCsvTable(db, table, suggestMapping(table.header), { ...base, now: () => now, ...extra });
}

async function reviewText(text: string, extra: Partial<CsvImportOptions> = {}, now = FIXED_NOW) {
  const table = parseCsvText(decodeCsvBytes(new TextEncoder().encode(text)).text);
  return reviewCsvImport(db, table, suggestMapping(table.header), { ...base, now: () => now, ...extra });
}

const PIPELINE = [
  '公司名称,官网,客户阶段,商机名称,金额,商机阶段,预计成交日期',
  '华信科技有限公司,huaxin-tech.com.cn,谈判,MES 一期,120万,谈判,2026-06-30',
  '蓝海科技,lanhai.cn,方案,门店系统,80万,方案,2026-09-01',
].join('\n');

const dealNamed = async (name: string) => (await db.deals.toArray()).find((deal) => deal.name === name)!;
const accountAt = async (domain: string) => fromRow((await db.accounts.where('domains').equals(domain).first())!);
const stageChangesOf = async (subjectId: string) =>
  (await db.activities.toArray()).filter((activity) => activity.stageChange?.subjectId === subjectId).sort((a, b) => a.occurredAt - b.occurredAt);

describe('re-importing a file after work in Sidenote', () => {
  it('keeps a deal won in the sidebar, and its account in onboarding, when the same file comes again', async () => {
    db = createTestDb();
    await importText(PIPELINE);
    const deal = await dealNamed('MES 一期');
    expect(deal.stage).toBe('negotiation');

    // The rep wins the deal in the sidebar; the account follows to onboarding.
    await moveToStage(db, { type: 'deal', id: deal.id }, 'won', { repId: 'rep-1', now: FIXED_NOW + HOUR });
    expect((await accountAt('huaxin-tech.com.cn')).stage).toBe('onboarding');
    const outboxBefore = await db.outbox.count();
    const activitiesBefore = await db.activities.count();

    const again = await importText(PIPELINE, {}, FIXED_NOW + 2 * HOUR);

    expect(again.tally.updated).toEqual({ account: 0, contact: 0, deal: 0 });
    expect((await dealNamed('MES 一期')).stage).toBe('won');
    expect((await accountAt('huaxin-tech.com.cn')).stage).toBe('onboarding');
    expect(await db.outbox.count()).toBe(outboxBefore);
    expect(await db.activities.count()).toBe(activitiesBefore);
    // Both are reported as kept: Sidenote changed them after the file was imported.
    expect(again.conflicts.map((group) => [group.field, group.count, group.taken, group.fileChanged])).toEqual([
      ['account.stage', 1, 0, 0],
      ['deal.stage', 1, 0, 0],
    ]);
    expect(again.conflicts[1]!.examples[0]).toMatchObject({ label: 'MES 一期', mine: 'won', file: 'negotiation', fileChanged: false, taken: false });
  });

  it('changes nothing at all when an unchanged file is imported again: no record, outbox entry or mark written', async () => {
    db = createTestDb();
    await importText(PIPELINE);
    const snapshot = async () => ({
      accounts: await db.accounts.toArray(),
      contacts: await db.contacts.toArray(),
      deals: await db.deals.toArray(),
      activities: await db.activities.toArray(),
      marks: await db.importMarks.toArray(),
      outbox: await db.outbox.count(),
      clock: (await db.meta.get('hlc'))?.value,
    });
    const before = await snapshot();
    const again = await importText(PIPELINE, {}, FIXED_NOW + HOUR);
    expect(again.tally.unchanged).toEqual({ account: 2, contact: 0, deal: 2 });
    expect(again.conflicts).toEqual([]);
    expect(again.stageChanges).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('takes the file’s value for the kinds of field the rep chose, and keeps the others', async () => {
    db = createTestDb();
    await importText(PIPELINE);
    const deal = await dealNamed('MES 一期');
    await moveToStage(db, { type: 'deal', id: deal.id }, 'won', { repId: 'rep-1', now: FIXED_NOW + HOUR });

    const review = await reviewText(PIPELINE, {}, FIXED_NOW + 2 * HOUR);
    expect(review.conflicts.map((group) => group.field)).toEqual(['account.stage', 'deal.stage']);

    const result = await importText(PIPELINE, { conflicts: { 'deal.stage': 'take' } }, FIXED_NOW + 2 * HOUR);
    expect(result.tally.updated).toEqual({ account: 0, contact: 0, deal: 1 });
    const reopened = await dealNamed('MES 一期');
    expect(reopened).toMatchObject({ stage: 'negotiation', closedAt: null });
    expect((await accountAt('huaxin-tech.com.cn')).stage).toBe('onboarding');
    const moves = await stageChangesOf(deal.id);
    expect(moves.map((move) => [move.stageChange?.from, move.stageChange?.to])).toEqual([
      [null, 'negotiation'],
      ['negotiation', 'won'],
      ['won', 'negotiation'],
    ]);
    // Taken now, the stage is the file's again: the next import of the same file asks nothing.
    const third = await importText(PIPELINE, {}, FIXED_NOW + 3 * HOUR);
    expect(third.conflicts.map((group) => group.field)).toEqual(['account.stage']);
  });

  it('counts a teammate’s change pulled through sync as changed in Sidenote', async () => {
    db = createTestDb();
    await importText(PIPELINE);
    const deal = await dealNamed('门店系统');
    // What a pull stores: the server's copy, with the teammate's stamp on the field they changed.
    const teammateStamp = formatHlc({ wallMs: FIXED_NOW + HOUR, counter: 0, node: 'teammate0001' });
    const pulled = applyPatch(deal, deal.id, { amount: 950_000 }, teammateStamp, mergeShapeOf('deal')).record;
    await db.deals.put(toRow('deal', pulled) as typeof deal);

    const again = await importText(PIPELINE.replace('80万', '85万'), {}, FIXED_NOW + 2 * HOUR);
    expect((await dealNamed('门店系统')).amount).toBe(950_000);
    expect(again.conflicts).toMatchObject([{ field: 'deal.amount', count: 1, fileChanged: 1, examples: [{ mine: 950_000, file: 850_000, fileChanged: true }] }]);
  });

  it('updates what the newer file says where nobody changed it since, without asking', async () => {
    db = createTestDb();
    await importText(PIPELINE);
    const updated = PIPELINE.replace('80万,方案,2026-09-01', '90万,谈判,2026-10-01');
    const result = await importText(updated, {}, FIXED_NOW + HOUR);
    expect(result.conflicts).toEqual([]);
    expect(await dealNamed('门店系统')).toMatchObject({ amount: 900_000, stage: 'negotiation', expectedCloseDate: '2026-10-01' });
    expect(result.tally.updated.deal).toBe(1);
  });

  it('asks before overwriting a value a rep typed in Sidenote that never came from a file, and fills blanks', async () => {
    db = createTestDb();
    await createAccount(db, { name: 'Acme', domains: ['acme.com'], industry: 'Robotics' }, { repId: 'rep-1', now: FIXED_NOW });
    const result = await importText('Company,Website,Industry,Renewal date\nAcme,acme.com,Logistics,2027-01-31\n', {}, FIXED_NOW + HOUR);
    expect(await accountAt('acme.com')).toMatchObject({ industry: 'Robotics', renewalDate: '2027-01-31' });
    expect(result.conflicts).toMatchObject([{ field: 'account.industry', count: 1, examples: [{ mine: 'Robotics', file: 'Logistics', fileChanged: null }] }]);
  });
});

describe('stage changes an import records', () => {
  it('dates a won deal’s stage change and close by its close date, others by the import', async () => {
    db = createTestDb();
    const result = await importText('Company,Deal name,Deal stage,Close date\nAcme,Pilot,Won,2026-02-10\nAcme,Rollout,Proposal,2026-05-01\n');
    expect(result.stageChanges).toBe(2);
    const won = await dealNamed('Pilot');
    const noonFeb10 = new Date(2026, 1, 10, 12).getTime();
    expect(won.closedAt).toBe(noonFeb10);
    expect((await stageChangesOf(won.id)).map((move) => [move.occurredAt, move.stageChange?.to, move.authorId])).toEqual([[noonFeb10, 'won', 'rep-1']]);
    const rollout = await dealNamed('Rollout');
    expect((await stageChangesOf(rollout.id)).map((move) => move.occurredAt)).toEqual([FIXED_NOW]);
  });

  it('dates a stage the file moves by its stage-date column, never later than the import', async () => {
    db = createTestDb();
    await importText('Company,Deal name,Deal stage,Deal stage date\nAcme,Pilot,Qualified,2026-01-05\n');
    const pilot = await dealNamed('Pilot');
    await importText('Company,Deal name,Deal stage,Deal stage date\nAcme,Pilot,Negotiation,2026-02-20\n', {}, FIXED_NOW + HOUR);
    await importText('Company,Deal name,Deal stage,Deal stage date\nAcme,Pilot,Won,2099-01-01\n', {}, FIXED_NOW + 2 * HOUR);
    expect((await stageChangesOf(pilot.id)).map((move) => [move.stageChange?.from, move.stageChange?.to, move.occurredAt])).toEqual([
      [null, 'qualified', new Date(2026, 0, 5, 12).getTime()],
      ['qualified', 'negotiation', new Date(2026, 1, 20, 12).getTime()],
      ['negotiation', 'won', FIXED_NOW + 2 * HOUR],
    ]);
  });

  it('records an account stage the file sets, and none for a record created at lead', async () => {
    db = createTestDb();
    await importText('Company,Lifecycle stage\nAcme,Onboarding\nGlobex,Lead\n');
    const acme = await accountAt('acme.com').catch(() => null);
    const accounts = await db.accounts.toArray();
    const onboarding = accounts.find((account) => account.name === 'Acme')!;
    expect(acme).toBeNull();
    expect((await stageChangesOf(onboarding.id)).map((move) => [move.stageChange?.subject, move.stageChange?.to])).toEqual([['account', 'onboarding']]);
    expect(await db.activities.count()).toBe(1);
  });
});

describe('a bad cell', () => {
  const SHEET = 'Company,Website,Contact,Email,Phone\nAcme,acme.com,Li Wei,not-an-email,138\nGlobex,globex.com,,broken@,139\nInitech,initech.com,Ann,ann@initech.com,\n';

  it('skips the row by default and lists why', async () => {
    db = createTestDb();
    const result = await importText(SHEET);
    expect(result.errors.map((error) => [error.rowNumber, error.field])).toEqual([
      [2, 'contact.email'],
      [3, 'contact.email'],
      [3, 'contact.name'],
    ]);
    expect((await db.accounts.toArray()).map((account) => account.name)).toEqual(['Initech']);
  });

  it('imports the row without that cell when the rep chooses so, and still skips a row that is incomplete without it', async () => {
    db = createTestDb();
    const review = await reviewText(SHEET, { badCells: { 'contact.email': 'omit' } });
    expect(review.badCells).toMatchObject([{ field: 'contact.email', column: 'Email', count: 2 }]);
    expect(await db.accounts.count()).toBe(0);

    const result = await importText(SHEET, { badCells: { 'contact.email': 'omit' } });
    expect(result.omitted.map((cell) => [cell.rowNumber, cell.field, cell.value])).toEqual([[2, 'contact.email', 'not-an-email']]);
    // Row 3's contact has no name: without the address it is a phone number of nobody, so the row is skipped.
    expect(result.errors.map((error) => [error.rowNumber, error.field])).toEqual([
      [3, 'contact.email'],
      [3, 'contact.name'],
    ]);
    const liWei = (await db.contacts.toArray()).find((contact) => contact.name === 'Li Wei');
    expect(liWei).toMatchObject({ email: null, phone: '138' });
    expect((await db.accounts.toArray()).map((account) => account.name).sort()).toEqual(['Acme', 'Initech']);
  });
});

describe('the preview', () => {
  it('says what the import will do and writes nothing', async () => {
    db = createTestDb();
    const review = await reviewText(PIPELINE);
    expect(review.tally.created).toEqual({ account: 2, contact: 0, deal: 2 });
    expect(review.stageChanges).toBe(4);
    expect(await db.accounts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.importMarks.count()).toBe(0);
  });
});
