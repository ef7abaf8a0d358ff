import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { newActivityFields } from '../schemas';
import { createAccount, updateAccount } from './accounts';
import { logActivity } from './activities';
import { SidenoteDb } from './database';
import { deleteRecord, restoreRecord } from './records';
import { RecordNotFoundError, RecordValidationError, writeRecords } from './write';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});
const ctx = { repId: null, now: FIXED_NOW };

describe('writes and the outbox', () => {
  it('commits each record together with its outbox entry', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme Robotics', domains: ['https://www.acme.com/'] }, ctx);
    expect(account.domains).toEqual(['acme.com']);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ entity: 'account', recordId: account.id, status: 'pending' });
    expect(outbox[0]!.patch).toMatchObject({ name: 'Acme Robotics', domains: ['acme.com'], stage: 'lead' });
    // Map fields (facts) are clocked per key, so an empty map adds no clock entry.
    expect(Object.keys(account.clock).sort()).toEqual(Object.keys(outbox[0]!.patch).filter((key) => key !== 'facts').sort());
  });

  it('stamps writes in strictly increasing clock order, even within one millisecond', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    await updateAccount(db, account.id, { industry: 'Robotics' }, ctx);
    await updateAccount(db, account.id, { industry: 'Automation' }, ctx);
    const stamps = (await db.outbox.orderBy('hlc').toArray()).map((entry) => entry.hlc);
    expect(stamps).toHaveLength(3);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(3);
    expect((await db.accounts.get(account.id))?.industry).toBe('Automation');
  });

  it('refuses bad input with a clear message and writes nothing at all', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const before = await db.outbox.count();
    const tooLong = 'x'.repeat(65_537);
    const attempt = logActivity(db, { type: 'note', accountId: account.id, body: tooLong }, ctx);
    await expect(attempt).rejects.toBeInstanceOf(RecordValidationError);
    await expect(attempt).rejects.toThrow('body: The note is 65,537 characters; the limit is 65,536');
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(before);
  });

  it('rolls back every write of a batch when one record turns out invalid', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const batch = writeRecords(db, [
      { entity: 'account', recordId: account.id, patch: { industry: 'Robotics' }, mustExist: true },
      // A call without an outcome passes field checks but fails the whole-record rule.
      {
        entity: 'activity',
        recordId: '0191c7a0-0000-7000-8000-00000000abcd',
        patch: newActivityFields({ type: 'call', accountId: account.id, occurredAt: 1, body: 'x' }),
      },
    ]);
    await expect(batch).rejects.toThrow('A call needs an outcome');
    expect((await db.accounts.get(account.id))?.industry).toBeNull();
    expect(await db.outbox.count()).toBe(1);
  });

  it('applies several writes to one record in a batch in order, each stamped after the last', async () => {
    db = createTestDb();
    const id = '0191c7a0-0000-7000-8000-00000000beef';
    const [, , last] = await writeRecords(
      db,
      [
        { entity: 'account', recordId: id, patch: { name: 'Acme', domains: [], industry: null, sizeTier: null, ownerId: null, stage: 'lead', renewalDate: null, health: null, facts: {}, deletedAt: null } },
        { entity: 'account', recordId: id, patch: { industry: 'Robotics' }, mustExist: true },
        { entity: 'account', recordId: id, patch: { industry: 'Automation', stage: 'qualified' }, mustExist: true },
      ],
      { now: FIXED_NOW },
    );
    expect(last).toMatchObject({ name: 'Acme', industry: 'Automation', stage: 'qualified' });
    expect(await db.accounts.get(id)).toMatchObject({ industry: 'Automation', stage: 'qualified' });
    const stamps = (await db.outbox.orderBy('hlc').toArray()).map((entry) => entry.hlc);
    expect(stamps).toHaveLength(3);
    expect(new Set(stamps).size).toBe(3);
    expect((await db.meta.get('hlc'))?.value).toBe(stamps[2]);
    // A later write in another batch is stamped after all of these.
    await updateAccount(db, id, { industry: 'Retail' }, ctx);
    expect((await db.outbox.orderBy('hlc').last())!.hlc > stamps[2]!).toBe(true);
  });

  it('refuses fields the server owns and fields that do not exist', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    await expect(
      writeRecords(db, [{ entity: 'account', recordId: account.id, patch: { updatedBy: 'me', colour: 'red' }, mustExist: true }]),
    ).rejects.toThrow('"updatedBy" is set by the server and cannot be written; colour: account has no field "colour"');
  });

  it('refuses to edit a record that is not stored', async () => {
    db = createTestDb();
    await expect(updateAccount(db, '0191c7a0-0000-7000-8000-0000000000ff', { industry: 'x' }, ctx)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await db.outbox.count()).toBe(0);
  });

  it('says which domain it could not understand', async () => {
    db = createTestDb();
    await expect(createAccount(db, { name: 'Acme', domains: ['acme.com', 'not a domain'] }, ctx)).rejects.toThrow(
      '"not a domain" is not a web domain; write it like acme.com or acme.com.cn',
    );
  });

  it('deletes by tombstone and undoes the delete', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme Robotics' }, ctx);
    await deleteRecord(db, 'account', account.id, { repId: null, now: FIXED_NOW + 1000 });
    const deleted = await db.accounts.get(account.id);
    expect(deleted?.deletedAt).toBe(FIXED_NOW + 1000);
    expect(deleted?.nameKey).toBe('');
    await restoreRecord(db, 'account', account.id, { repId: null, now: FIXED_NOW + 2000 });
    const restored = await db.accounts.get(account.id);
    expect(restored?.deletedAt).toBeNull();
    expect(restored?.nameKey).toBe('acmerobotics');
    expect((await db.outbox.toArray()).map((entry) => entry.patch)).toEqual([
      expect.objectContaining({ name: 'Acme Robotics' }),
      { deletedAt: FIXED_NOW + 1000 },
      { deletedAt: null },
    ]);
  });
});

describe('hostile input at the write path', () => {
  const playbook = { name: 'Our way', stages: [{ stage: 'lead', goal: { en: 'Qualify', 'zh-CN': '确认' }, exitCriteria: [], keyFacts: [], nextSteps: [], cadenceDays: 7 }], deletedAt: null };

  it('never queues a playbook write: the team playbook is the admin\'s', async () => {
    db = createTestDb();
    const attempt = writeRecords(db, [{ entity: 'playbook', recordId: crypto.randomUUID(), patch: playbook }]);
    await expect(attempt).rejects.toBeInstanceOf(RecordValidationError);
    await expect(attempt).rejects.toThrow('set by your team admin');
    expect(await db.playbooks.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('stores a record written under an id in capitals under its one lower-case id', async () => {
    db = createTestDb();
    const id = crypto.randomUUID();
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    await writeRecords(db, [{ entity: 'contact', recordId: id.toUpperCase(), patch: { accountId: account.id.toUpperCase(), name: 'Li Wei', email: null, phone: null, title: null, role: null, profileUrl: null, deletedAt: null } }]);
    await writeRecords(db, [{ entity: 'contact', recordId: id, patch: { title: 'CFO' }, mustExist: true }]);
    expect(await db.contacts.toArray()).toEqual([expect.objectContaining({ id, accountId: account.id, title: 'CFO' })]);
    expect((await db.outbox.toArray()).filter((entry) => entry.entity === 'contact').map((entry) => entry.recordId)).toEqual([id, id]);
  });

  it.each([
    ['a NUL in a note', { body: 'Pasted from a PDF\u0000' }, 'body: contains a NUL character (U+0000) at character 18'],
    ['half an emoji in a note', { body: 'Great call 🎉'.slice(0, -1) }, 'body: contains a broken character'],
  ])('refuses %s with a readable message and writes nothing', async (_name, fields, words) => {
    db = createTestDb();
    const attempt = logActivity(db, { type: 'note', accountId: null, ...fields }, ctx);
    await expect(attempt).rejects.toThrow(words);
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps the clock monotonic across two contexts (sidebar and background) writing to one database, even when one wall clock lags', async () => {
    db = createTestDb();
    // A second connection to the same database, as the background holds one beside the sidebar.
    const other = new SidenoteDb(db.name);
    try {
      const account = await createAccount(db, { name: 'Acme' }, ctx);
      const writes: Array<Promise<unknown>> = [];
      for (let i = 0; i < 20; i++) {
        // The background's clock runs a minute behind: its stamps must still follow the sidebar's.
        const [target, now] = i % 2 === 0 ? [db, FIXED_NOW + i] : [other, FIXED_NOW - 60_000];
        writes.push(logActivity(target, { type: 'note', accountId: account.id, body: `note ${i}` }, { repId: null, now }));
        if (i % 3 === 0) writes.push(updateAccount(target, account.id, { industry: `industry ${i}` }, { repId: null, now }));
      }
      await Promise.all(writes);
      const entries = await db.outbox.toArray();
      // Every stamp is unique and the clock stored at the end is the largest one issued.
      const stamps = entries.map((entry) => entry.hlc);
      expect(new Set(stamps).size).toBe(stamps.length);
      const stored = (await db.meta.get('hlc'))?.value as string;
      expect([...stamps].sort().at(-1)).toBe(stored);
      // Both contexts stamp as the one browser profile they are.
      expect(new Set(stamps.map((stamp) => stamp.split(':')[2])).size).toBe(1);
      // Each context's own writes are stamped in the order they were made.
      const byBody = new Map((await db.activities.toArray()).map((activity) => [activity.body, activity.clock.body!]));
      for (let i = 2; i < 20; i++) expect(byBody.get(`note ${i}`)! > byBody.get(`note ${i - 2}`)!).toBe(true);
    } finally {
      other.close();
    }
  });

  it('stamps a write after whatever another context stamped last, whichever commits first', async () => {
    db = createTestDb();
    const other = new SidenoteDb(db.name);
    try {
      const first = await logActivity(other, { type: 'note', accountId: null, body: 'from the background' }, { repId: null, now: FIXED_NOW + 5_000 });
      // The sidebar's clock is behind the background's last stamp: its next stamp still follows it.
      const second = await logActivity(db, { type: 'note', accountId: null, body: 'from the sidebar' }, { repId: null, now: FIXED_NOW });
      expect(second.activity.clock.body! > first.activity.clock.body!).toBe(true);
      const third = await logActivity(other, { type: 'note', accountId: null, body: 'again' }, { repId: null, now: FIXED_NOW });
      expect(third.activity.clock.body! > second.activity.clock.body!).toBe(true);
    } finally {
      other.close();
    }
  });

  it('creates a note under a freshly generated id without reading its row, and still refuses a fresh write that must exist', async () => {
    db = createTestDb();
    const { activity } = await logActivity(db, { type: 'note', accountId: null, body: 'hello' }, ctx);
    expect(await db.activities.get(activity.id)).toMatchObject({ body: 'hello' });
    const attempt = writeRecords(db, [{ entity: 'activity', recordId: activity.id, fresh: true, mustExist: true, patch: { body: 'x' } }]);
    await expect(attempt).rejects.toThrow(RecordValidationError);
  });
});
