import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount } from './accounts';
import { createContact } from './contacts';
import type { SidenoteDb } from './database';
import { lookup } from './lookup';
import { toRow } from './derived';
import { deleteRecord } from './records';

let db: SidenoteDb;
const ctx = { repId: null, now: FIXED_NOW };

beforeEach(async () => {
  db = createTestDb();
  const acme = await createAccount(db, { name: 'Acme Robotics', domains: ['acme.com'] }, ctx);
  await createAccount(db, { name: 'Global Acme Partners', domains: ['gap.io'] }, ctx);
  await createAccount(db, { name: '阿里巴巴网络技术有限公司', domains: ['alibaba.com'] }, ctx);
  await createAccount(db, { name: '华为技术有限公司', domains: ['huawei.com.cn'] }, ctx);
  await createAccount(db, { name: 'Initech', domains: ['initech.io'] }, ctx);
  await createContact(db, { accountId: acme.id, name: 'Li Wei', email: 'li.wei@acme.com' }, ctx);
  await createContact(db, { accountId: null, name: '王芳', email: 'wangfang@qq.com' }, ctx);
});
afterEach(async () => {
  await db.delete();
});

const names = async (query: string) => (await lookup(db, query)).map((hit) => `${hit.kind}:${hit.name}`);

describe('quick lookup', () => {
  it.each([
    ['acme', ['account:Acme Robotics', 'account:Global Acme Partners', 'contact:Li Wei']],
    ['ACME ROB', ['account:Acme Robotics']],
    ['阿里', ['account:阿里巴巴网络技术有限公司']],
    ['技术有限', ['account:华为技术有限公司', 'account:阿里巴巴网络技术有限公司']],
    ['huawei.com', ['account:华为技术有限公司']],
    ['li.wei@', ['contact:Li Wei']],
    ['芳', ['contact:王芳']],
    ['nothing-like-this', []],
    ['', []],
  ])('%j finds %j', async (query, expected) => {
    const found = await names(query);
    if (query === '技术有限') expect(found.sort()).toEqual([...expected].sort());
    else expect(found).toEqual(expected);
  });

  it('shows a contact with its account', async () => {
    const [hit] = await lookup(db, 'li wei');
    expect(hit?.contact?.email).toBe('li.wei@acme.com');
    expect(hit?.account?.name).toBe('Acme Robotics');
  });

  it('drops deleted accounts at once', async () => {
    const [hit] = await lookup(db, 'initech');
    await deleteRecord(db, 'account', hit!.id, ctx);
    expect(await names('initech')).toEqual([]);
  });

  it('finds a name typed in full even when its longest word is in more records than the candidate window holds', async () => {
    // Stored with smaller ids, so they come first in the search-token index under "robotics".
    const crowd = Array.from({ length: 400 }, (_, i) => ({
      ...toRow('account', { id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {}, name: `Peer ${i} Robotics Holdings`, domains: [] }),
    }));
    await db.accounts.bulkPut(crowd as never[]);
    await createAccount(db, { name: 'Acme Robotics Holdings', domains: ['arh.com'] }, ctx);
    expect((await names('acme robotics holdings'))[0]).toBe('account:Acme Robotics Holdings');
  });
});
