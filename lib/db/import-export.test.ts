import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { newActivityFields, newContactFields } from '../schemas';
import { parseCsvText } from '../import/csv';
import { decodeCsvBytes } from '../import/decode';
import { suggestMapping } from '../import/fields';
import { BackupFormatError } from '../import/export';
import type { SidenoteDb } from './database';
import { exportBackup, exportCsv, importCsvTable, ImportMappingError, restoreBackup, type ImportProgress } from './import-export';
import { newRecordId, writeRecords } from './write';
import { recordHealth } from './funnel-queries';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const options = { ownerId: 'rep-1', defaultCurrency: 'CNY', now: () => FIXED_NOW };

function table(text: string) {
  return parseCsvText(decodeCsvBytes(new TextEncoder().encode(text)).text);
}

async function importText(target: SidenoteDb, text: string, extra: Partial<Parameters<typeof importCsvTable>[3]> = {}) {
  const parsed = table(text);
  return importCsvTable(target, parsed, suggestMapping(parsed.header), { ...options, ...extra });
}

const SHEET = [
  '公司名称,官网,行业,联系人,邮箱,电话,职位,商机名称,金额,阶段,预计成交日期',
  '华信科技有限公司,www.huaxin-tech.com.cn,制造,陈静,chen.jing@huaxin-tech.com.cn,010-8888-6666,采购经理,MES 一期,120万,方案,2025-06-30',
  '华信科技有限公司,huaxin-tech.com.cn,制造,刘洋,liu.yang@huaxin-tech.com.cn,,IT 总监,MES 一期,120万,方案,2025-06-30',
  '蓝海科技,lanhai.cn,零售,王磊,wang.lei@lanhai.cn,13800138000,销售总监,,,,',
  '坏数据公司,bad.cn,,赵六,not-an-email,,,,,,',
  '北京字节,,互联网,张伟,zhang.wei@bytedance.com,,工程师,广告平台,$50k,谈判,2025/9/1',
].join('\n');

describe('importCsvTable', () => {
  it('imports good rows, lists bad ones, and links contacts and deals to their companies', async () => {
    db = createTestDb();
    const result = await importText(db, SHEET);
    expect(result.errors).toEqual([
      { rowNumber: 5, column: '邮箱', field: 'contact.email', value: 'not-an-email', reason: { en: 'must be an email address like name@example.com', 'zh-CN': '不是有效的邮箱地址' } },
    ]);
    expect(result.tally.created).toEqual({ account: 3, contact: 4, deal: 2 });
    expect(result.tally.unchanged).toEqual({ account: 1, contact: 0, deal: 1 });
    expect(result.importedRows).toBe(4);

    const huaxin = (await db.accounts.where('domains').equals('huaxin-tech.com.cn').toArray())[0]!;
    expect(huaxin).toMatchObject({ name: '华信科技有限公司', industry: '制造', ownerId: 'rep-1', stage: 'lead' });
    expect((await db.contacts.where('accountId').equals(huaxin.id).toArray()).map((contact) => contact.name).sort()).toEqual(['刘洋', '陈静']);
    expect(await db.deals.where('accountId').equals(huaxin.id).toArray()).toMatchObject([{ name: 'MES 一期', amount: 1_200_000, currency: 'CNY', stage: 'proposal', expectedCloseDate: '2025-06-30' }]);
    expect(await db.deals.toArray()).toEqual(expect.arrayContaining([expect.objectContaining({ name: '广告平台', amount: 50_000, currency: 'USD', stage: 'negotiation' })]));
    expect(await db.accounts.where('domains').equals('bad.cn').count()).toBe(0);
    // Each deal's stage from the file is on its timeline, dated by the import (no stage-date column).
    const stageChanges = await db.activities.toArray();
    expect(stageChanges.map((activity) => activity.stageChange?.to).sort()).toEqual(['negotiation', 'proposal']);
    expect(stageChanges.every((activity) => activity.type === 'stage_change' && activity.occurredAt === FIXED_NOW && activity.stageChange?.from === null)).toBe(true);
    expect(result.stageChanges).toBe(2);
    // Every record went through the one write path: one outbox entry each.
    expect(await db.outbox.count()).toBe(11);
  });

  it('creates no duplicates when the same file is imported again', async () => {
    db = createTestDb();
    await importText(db, SHEET);
    const outboxBefore = await db.outbox.count();
    const again = await importText(db, SHEET);
    expect(again.tally.created).toEqual({ account: 0, contact: 0, deal: 0 });
    expect(again.tally.updated).toEqual({ account: 0, contact: 0, deal: 0 });
    expect(await db.accounts.count()).toBe(3);
    expect(await db.contacts.count()).toBe(4);
    expect(await db.deals.count()).toBe(2);
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('updates what a newer file says and keeps what it leaves empty', async () => {
    db = createTestDb();
    await importText(db, SHEET);
    const result = await importText(db, '客户名称,网站,联系人,邮箱,电话,职位,商机,金额,阶段\n华信科技,huaxin-tech.com.cn,陈静,chen.jing@huaxin-tech.com.cn,,采购总监,MES 一期,150万,谈判\n');
    expect(result.tally.updated).toEqual({ account: 0, contact: 1, deal: 1 });
    const chen = (await db.contacts.where('email').equals('chen.jing@huaxin-tech.com.cn').toArray())[0]!;
    expect(chen).toMatchObject({ title: '采购总监', phone: '010-8888-6666' });
    const deal = (await db.deals.toArray()).find((d) => d.name === 'MES 一期')!;
    expect(deal).toMatchObject({ amount: 1_500_000, stage: 'negotiation' });
    // Matched by domain: the stored name is kept, not renamed to the file's shorter one.
    expect((await db.accounts.where('domains').equals('huaxin-tech.com.cn').first())?.name).toBe('华信科技有限公司');
  });

  it('matches accounts by normalised name when no domain is given, and contacts by name within the account', async () => {
    db = createTestDb();
    await importText(db, 'Company,Contact name,Title\nAcme Robotics,Li Wei,CTO\n');
    const result = await importText(db, 'Company,Contact name,Title\nACME  robotics,li wei,CTO\nGlobex,Li Wei,Buyer\n');
    expect(result.tally.created).toEqual({ account: 1, contact: 1, deal: 0 });
    expect(result.tally.unchanged).toEqual({ account: 1, contact: 1, deal: 0 });
  });

  it('links a contact-only file to known companies by email domain', async () => {
    db = createTestDb();
    await importText(db, 'Company,Website\nAcme,acme.com\n');
    await importText(db, 'Email,Name\nnew.person@acme.com,New Person\nsomeone@gmail.com,Someone\n');
    const acme = (await db.accounts.toArray())[0]!;
    expect((await db.contacts.where('email').equals('new.person@acme.com').first())?.accountId).toBe(acme.id);
    expect((await db.contacts.where('email').equals('someone@gmail.com').first())?.accountId).toBeNull();
  });

  it('imports in batches with progress, one transaction per batch', async () => {
    db = createTestDb();
    const rows = Array.from({ length: 25 }, (_, i) => `Company ${i},c${i}.com,p${i}@c${i}.com`);
    const progress: ImportProgress[] = [];
    const result = await importText(db, ['Company,Website,Email', ...rows].join('\n'), { batchSize: 10, onProgress: (p) => progress.push(p) });
    expect(result.tally.created).toEqual({ account: 25, contact: 25, deal: 0 });
    expect(progress.map((p) => p.processedRows)).toEqual([0, 10, 20, 25, 25]);
    expect(progress.at(-1)).toMatchObject({ totalRows: 25, errorCount: 0 });
  });

  it('stops between batches when cancelled and keeps what was written', async () => {
    db = createTestDb();
    const controller = new AbortController();
    const rows = Array.from({ length: 30 }, (_, i) => `Company ${i},c${i}.com`);
    const result = await importText(db, ['Company,Website', ...rows].join('\n'), {
      batchSize: 10,
      signal: controller.signal,
      onProgress: (p) => p.processedRows >= 10 && controller.abort(),
    });
    expect(result.cancelled).toBe(true);
    expect(await db.accounts.count()).toBe(10);
  });

  it('finds a contact another context stored while the import ran, instead of adding a second one', async () => {
    db = createTestDb();
    let landed: Promise<unknown> | null = null;
    const result = await importText(db, 'Email,Name\nfirst@acme.com,First\nlate@acme.com,Late From File\n', {
      batchSize: 1,
      // A pull lands between the two batches, bringing the second row's person.
      onProgress: (p) => {
        if (p.processedRows === 1 && !landed) landed = writeRecords(db, [{ entity: 'contact', recordId: newRecordId(), patch: newContactFields({ name: 'Late Teammate', email: 'late@acme.com' }) }]);
      },
    });
    await landed;
    expect(await db.contacts.where('email').equals('late@acme.com').count()).toBe(1);
    expect(result.tally.created.contact).toBe(1);
  });

  it('keeps every other row of a batch when one record is refused at write time, in any chunk of it', async () => {
    db = createTestDb();
    const refused = new Set(['p3@c.com', 'p255@c.com']);
    // A refusal the planner cannot foresee, standing in for one the write path makes.
    db.contacts.hook('creating', (_key, contact) => {
      if (refused.has(contact.email ?? '')) throw new Error('refused by the store');
    });
    const rows = Array.from({ length: 260 }, (_, i) => `Person ${i},p${i}@c.com`);
    const result = await importText(db, ['Name,Email', ...rows].join('\n'));
    expect(result.errors.map((error) => error.rowNumber)).toEqual([5, 257]);
    expect(result.tally.created.contact).toBe(258);
    expect(await db.contacts.count()).toBe(258);
    expect(await db.outbox.count()).toBe(258);
  });

  it('refuses a mapping that would fail every row, before writing anything', async () => {
    db = createTestDb();
    const parsed = table('Amount\n5\n');
    await expect(importCsvTable(db, parsed, ['deal.amount'], options)).rejects.toThrow(ImportMappingError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('export and backup', () => {
  it('exports CSV that re-imports without duplicates, in English or Chinese headers', async () => {
    db = createTestDb();
    await importText(db, SHEET);
    for (const language of ['en', 'zh-CN'] as const) {
      for (const entity of ['accounts', 'contacts', 'deals'] as const) {
        const csv = await exportCsv(db, entity, language);
        expect(csv.startsWith('\ufeff')).toBe(true);
        const result = await importText(db, csv);
        expect(result.errors).toEqual([]);
        expect(result.tally.created).toEqual({ account: 0, contact: 0, deal: 0 });
      }
    }
    expect((await exportCsv(db, 'contacts', 'zh-CN')).split('\r\n')[0]).toBe('\ufeff联系人,邮箱,电话,职位,角色,个人主页,公司名称,网站');
  });

  it('exports activities with their account, contacts and deal by name', async () => {
    db = createTestDb();
    await importText(db, SHEET);
    const account = (await db.accounts.where('domains').equals('lanhai.cn').first())!;
    const contact = (await db.contacts.where('email').equals('wang.lei@lanhai.cn').first())!;
    await writeRecords(db, [{ entity: 'activity', recordId: '018f0000-0000-7000-8000-000000000001', patch: activity(account.id, [contact.id], 'call', '=1+1 is not a formula') }], { now: FIXED_NOW });
    const csv = await exportCsv(db, 'activities');
    const [header, row] = csv.replace('\ufeff', '').split('\r\n');
    expect(header).toBe('Type,Occurred at,Company name,Contacts,Deal,Subject,Body,Call outcome,Duration (s),Phone,Channel,Location,Next step,Follow-up at,Due at,Completed at,Visibility,Source URL,Email thread');
    expect(row).toBe("call,2026-03-02T09:00:00.000Z,蓝海科技,王磊,,,'=1+1 is not a formula,connected,,,,,,,,,team,,");
  });

  it('restores a backup into an empty browser, and restoring again changes nothing', async () => {
    db = createTestDb();
    await importText(db, SHEET);
    const account = (await db.accounts.where('domains').equals('lanhai.cn').first())!;
    await writeRecords(db, [{ entity: 'activity', recordId: '018f0000-0000-7000-8000-000000000002', patch: activity(account.id, [], 'note', '跟进：下周演示') }], { now: FIXED_NOW });
    const backup = await exportBackup(db, FIXED_NOW);
    const source = db;

    db = createTestDb();
    const first = await restoreBackup(db, backup);
    // The note, and the two deals' stage changes the import recorded.
    expect(first.tally.created).toEqual({ account: 3, contact: 4, deal: 2, activity: 3 });
    const restored = await db.activities.get('018f0000-0000-7000-8000-000000000002');
    expect(restored).toMatchObject({ body: '跟进：下周演示', accountId: account.id, createdAt: FIXED_NOW });
    const second = await restoreBackup(db, backup);
    expect(second.tally.created).toEqual({ account: 0, contact: 0, deal: 0, activity: 0 });
    expect(second.tally.updated).toEqual({ account: 0, contact: 0, deal: 0, activity: 0 });
    expect(await db.accounts.count()).toBe(3);
    await source.delete();
  });

  it('refuses a damaged backup whole, saying where, and writes nothing', async () => {
    db = createTestDb();
    const backup = JSON.parse(await exportBackup(db, FIXED_NOW));
    backup.accounts.push({ id: 'not-a-uuid', name: '' });
    await expect(restoreBackup(db, JSON.stringify(backup))).rejects.toThrow(BackupFormatError);
    await expect(restoreBackup(db, '{"format":"other"}')).rejects.toThrow('This is not a Sidenote backup');
    await expect(restoreBackup(db, 'not json')).rejects.toThrow('not valid JSON');
    expect(await db.outbox.count()).toBe(0);
  });
});

function activity(accountId: string, contactIds: string[], type: 'call' | 'note', body: string) {
  return newActivityFields({ type, accountId, contactIds, body, occurredAt: FIXED_NOW, callOutcome: type === 'call' ? 'connected' : null });
}

describe('importCsvTable matching stored contacts without an address', () => {
  it('gives a stored contact that had no email the address a later file brings, instead of adding a second one', async () => {
    db = createTestDb();
    await importText(db, 'Company,Website,Contact name\nAcme,acme.com,Li Wei\n');
    const result = await importText(db, 'Company,Website,Contact name,Email\nAcme,acme.com,Li Wei,li.wei@acme.com\n');
    expect(result.tally.updated.contact).toBe(1);
    expect(await db.contacts.toArray()).toMatchObject([{ name: 'Li Wei', email: 'li.wei@acme.com' }]);
  });
});

describe('CSV import and export of customer health', () => {
  const HEALTH_SHEET = [
    'Company name,Website,Health usage,Health meetings,Health issues,Health NPS,Health measured on',
    'Acme Robotics,acme-robotics.com,85,70,60,40,2026-02-01',
    'Globex,globex.com,,,,,',
  ].join('\n');
  const byName = async (name: string) => (await db.accounts.toArray()).find((account) => account.name === name)!;

  it('imports a measurement, and exporting then importing the same file changes nothing and queues nothing', async () => {
    db = createTestDb();
    const first = await importText(db, HEALTH_SHEET);
    expect(first.errors).toEqual([]);
    expect((await byName('Acme Robotics')).health).toEqual({ usage: 85, meetings: 70, issues: 60, nps: 40, measuredOn: '2026-02-01' });
    expect((await byName('Globex')).health).toBeNull();
    for (const language of ['en', 'zh-CN'] as const) {
      const csv = await exportCsv(db, 'accounts', language);
      const outboxBefore = await db.outbox.count();
      const accountsBefore = await db.accounts.toArray();
      const again = await importText(db, csv);
      expect(again.errors).toEqual([]);
      expect(again.conflicts).toEqual([]);
      expect(again.tally.created).toEqual({ account: 0, contact: 0, deal: 0 });
      expect(again.tally.updated).toEqual({ account: 0, contact: 0, deal: 0 });
      expect(await db.outbox.count()).toBe(outboxBefore);
      expect(await db.accounts.toArray()).toEqual(accountsBefore);
    }
  });

  it('records a new measurement from a file as the sidebar does: the previous one joins the history, a same-day one corrects it', async () => {
    db = createTestDb();
    await importText(db, HEALTH_SHEET);
    const later = await importText(db, 'Company name,Website,Health usage,Health meetings,Health issues,Health NPS,Health measured on\nAcme Robotics,acme-robotics.com,50,70,60,40,2026-03-01\n');
    expect(later.tally.updated.account).toBe(1);
    let acme = await byName('Acme Robotics');
    expect(acme.health).toEqual({ usage: 50, meetings: 70, issues: 60, nps: 40, measuredOn: '2026-03-01' });
    expect(acme.healthHistory).toEqual([{ usage: 85, meetings: 70, issues: 60, nps: 40, measuredOn: '2026-02-01' }]);
    await importText(db, '公司名称,网站,健康度-使用率,健康度-会议时长,健康度-问题反馈,健康度-NPS,健康度-测量日期\nAcme Robotics,acme-robotics.com,55,70,60,40,2026-03-01\n');
    acme = await byName('Acme Robotics');
    expect(acme.health?.usage).toBe(55);
    expect(acme.healthHistory).toHaveLength(1);
  });

  it('keeps a measurement recorded in Sidenote since the import unless the rep takes the file’s, and skips or omits a bad cell as chosen', async () => {
    db = createTestDb();
    await importText(db, HEALTH_SHEET);
    const acme = await byName('Acme Robotics');
    await recordHealth(db, acme.id, { usage: 30, meetings: 30, issues: 30, nps: 30, measuredOn: '2026-02-20' }, { repId: 'rep-1', now: FIXED_NOW });
    const newer = 'Company name,Website,Health usage,Health meetings,Health issues,Health NPS,Health measured on\nAcme Robotics,acme-robotics.com,90,70,60,40,2026-02-25\n';
    const kept = await importText(db, newer);
    expect(kept.conflicts.map((group) => group.field)).toEqual(['account.health']);
    expect((await byName('Acme Robotics')).health?.usage).toBe(30);
    await importText(db, newer, { conflicts: { 'account.health': 'take' } });
    expect((await byName('Acme Robotics')).health?.usage).toBe(90);

    const bad = 'Company name,Website,Industry,Health usage,Health meetings,Health issues,Health NPS,Health measured on\nAcme Robotics,acme-robotics.com,Robotics,140,70,60,40,2026-02-26\n';
    const skipped = await importText(db, bad);
    expect(skipped.errors.map((error) => [error.rowNumber, error.column, error.field])).toEqual([[2, 'Health usage', 'account.health']]);
    expect((await byName('Acme Robotics')).industry).toBeNull();
    const omitted = await importText(db, bad, { badCells: { 'account.health': 'omit' } });
    expect(omitted.errors).toEqual([]);
    expect(omitted.omitted).toHaveLength(1);
    expect(await byName('Acme Robotics')).toMatchObject({ industry: 'Robotics', health: { usage: 90 } });
  });
});
