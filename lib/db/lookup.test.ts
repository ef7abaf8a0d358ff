import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount, updateAccount } from './accounts';
import { LOOKUP_CHANGES_PRUNED_KEY } from './change-log';
import { createContact } from './contacts';
import { SidenoteDb } from './database';
import { createDeal } from './deals';
import { toRow } from './derived';
import { lookupWithoutIndex, readLookupChanges } from './lookup';
import { loadLookupIndex, lookupIndexDbName, LookupIndexKeeper } from './lookup-index-store';
import { deleteRecord } from './records';
import Dexie from 'dexie';

let db: SidenoteDb;
const keepers: LookupIndexKeeper[] = [];
const ctx = { repId: null, now: FIXED_NOW };
let acmeId = '';

beforeEach(async () => {
  db = createTestDb();
  const acme = await createAccount(db, { name: 'Acme Robotics', domains: ['acme.com'] }, ctx);
  acmeId = acme.id;
  await createAccount(db, { name: 'Global Acme Partners', domains: ['gap.io'] }, ctx);
  await createAccount(db, { name: '阿里巴巴网络技术有限公司', domains: ['alibaba.com'] }, ctx);
  await createAccount(db, { name: '华为技术有限公司', domains: ['huawei.com.cn'] }, ctx);
  await createAccount(db, { name: 'Initech', domains: ['initech.io'] }, ctx);
  await createContact(db, { accountId: acme.id, name: 'Li Wei', email: 'li.wei@acme.com', phone: '+86 138 0013 8000' }, ctx);
  await createContact(db, { accountId: null, name: '王芳', email: 'wangfang@qq.com', phone: '010-6552 9988' }, ctx);
  await createDeal(db, { accountId: acme.id, name: 'Fleet renewal', stage: 'proposal' }, ctx);
});
afterEach(async () => {
  for (const keeper of keepers.splice(0)) keeper.close();
  await Dexie.delete(lookupIndexDbName(db));
  await db.delete();
});

function keeper(of: SidenoteDb = db): LookupIndexKeeper {
  const created = new LookupIndexKeeper(of, { pause: () => Promise.resolve() });
  keepers.push(created);
  return created;
}

const names = (hits: ReadonlyArray<{ kind: string; name: string }>) => hits.map((hit) => `${hit.kind}:${hit.name}`);

/** Waits until the keeper has taken in everything logged so far. */
async function settled(k: LookupIndexKeeper): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await k.catchUp();
    const { changes } = await readLookupChanges(db, k.index?.appliedChangeSeq ?? 0);
    if (changes.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('the lookup index never caught up');
}

describe('quick lookup through the panel keeper', () => {
  it.each([
    ['acme', ['account:Acme Robotics', 'account:Global Acme Partners', 'contact:Li Wei']],
    ['ACME ROB', ['account:Acme Robotics']],
    ['阿里', ['account:阿里巴巴网络技术有限公司']],
    ['技术有限', ['account:华为技术有限公司', 'account:阿里巴巴网络技术有限公司']],
    ['huawei.com', ['account:华为技术有限公司']],
    ['li.wei@', ['contact:Li Wei']],
    ['芳', ['contact:王芳']],
    ['fleet', ['deal:Fleet renewal']],
    ['138 0013 8000', ['contact:Li Wei']],
    ['9988', ['contact:王芳']],
    ['nothing-like-this', []],
    ['', []],
  ])('%j finds %j', async (query, expected) => {
    const k = keeper();
    await k.start();
    expect(k.status).toBe('ready');
    const found = names(await k.search(query));
    if (query === '技术有限') expect(found.sort()).toEqual([...expected].sort());
    else expect(found).toEqual(expected);
  });

  it('answers by name and address beginnings before the index is ready, and fully once it is', async () => {
    const k = keeper();
    expect(k.status).toBe('idle');
    // Before: the database's own indexes, by prefixes.
    expect(names(await k.search('acme rob'))).toEqual(['account:Acme Robotics']);
    expect(names(await k.search('li.wei@acme'))).toEqual(['contact:Li Wei']);
    expect(names(await k.search('initech.io'))).toEqual(['account:Initech']);
    expect(names(await k.search('li wei'))).toEqual(['contact:Li Wei']);
    expect(names(await k.search('技术有限'))).toEqual([]);
    const started = k.start();
    expect(k.status).toBe('loading');
    expect(names(await k.search('acme rob'))).toEqual(['account:Acme Robotics']);
    await started;
    expect(names(await k.search('技术有限')).sort()).toEqual(['account:华为技术有限公司', 'account:阿里巴巴网络技术有限公司']);
  });

  it('shows a contact found by the slower path with its account', async () => {
    const [hit] = await lookupWithoutIndex(db, 'li wei');
    expect(hit).toMatchObject({ kind: 'contact', email: 'li.wei@acme.com', accountId: acmeId, accountName: 'Acme Robotics', stage: 'lead' });
  });

  it('stores the index it built, and the next panel loads it instead of building', async () => {
    const first = keeper();
    await first.start();
    expect(first.timings.buildMs).not.toBeNull();
    expect(first.timings.loadMs).toBeNull();
    const stored = await loadLookupIndex(db);
    expect(stored?.shards.account.count).toBe(5);
    expect(stored?.shards.contact.count).toBe(2);
    expect(stored?.shards.deal.count).toBe(1);
    // What the index took in is pruned from the log.
    expect(await db.lookupChanges.count()).toBe(0);
    first.close();

    const second = keeper();
    await second.start();
    expect(second.timings.loadMs).not.toBeNull();
    expect(second.timings.buildMs).toBeNull();
    expect(names(await second.search('巴巴网络'))).toEqual(['account:阿里巴巴网络技术有限公司']);
    expect(names(await second.search('8000'))).toEqual(['contact:Li Wei']);
  });

  it('follows local writes at once: a new account, a rename, a delete', async () => {
    const k = keeper();
    await k.start();
    let heard = 0;
    k.subscribe(() => heard++);
    const created = await createAccount(db, { name: 'Umbrella Corp', domains: ['umbrella.example'] }, ctx);
    await settled(k);
    expect(names(await k.search('umbrella'))).toEqual(['account:Umbrella Corp']);
    expect(heard).toBeGreaterThan(0);
    await updateAccount(db, acmeId, { name: 'Acme Industrial' }, ctx);
    await settled(k);
    expect(names(await k.search('acme rob'))).toEqual([]);
    expect(names(await k.search('acme ind'))).toEqual(['account:Acme Industrial']);
    expect((await k.search('li wei'))[0]?.accountName).toBe('Acme Industrial');
    await deleteRecord(db, 'account', created.id, ctx);
    await settled(k);
    expect(names(await k.search('umbrella'))).toEqual([]);
  });

  it('follows pulled pages written by another context, including records the server removed', async () => {
    const k = keeper();
    await k.start();
    // The background's database connection: its writes reach the panel only through IndexedDB.
    const background = new SidenoteDb(db.name);
    const pulled = { id: '0191c7a0-0000-7000-8000-00000000beef', createdAt: 1, updatedAt: 2, deletedAt: null, updatedBy: 'rep-2', clock: {}, name: 'Contoso Logistics', domains: ['contoso.example'], industry: null, sizeTier: null, ownerId: null, stage: 'qualified', renewalDate: null, health: null, facts: {} };
    await background.accounts.bulkPut([toRow('account', pulled) as never]);
    await settled(k);
    expect(names(await k.search('contoso'))).toEqual(['account:Contoso Logistics']);
    const [initech] = await k.search('initech');
    await background.accounts.bulkDelete([initech!.id]);
    await settled(k);
    expect(names(await k.search('initech'))).toEqual([]);
    background.close();
  });

  it('catches up with writes made while no panel was open', async () => {
    const first = keeper();
    await first.start();
    first.close();
    await createContact(db, { accountId: acmeId, name: 'Priya Raman', email: 'priya@acme.com', phone: '(415) 555-0134' }, ctx);
    await deleteRecord(db, 'account', (await db.accounts.where('nameKey').equals('initech').first())!.id, ctx);
    const second = keeper();
    await second.start();
    expect(second.timings.buildMs).toBeNull();
    expect(names(await second.search('priya'))).toEqual(['contact:Priya Raman']);
    expect(names(await second.search('555-0134'))).toEqual(['contact:Priya Raman']);
    expect(names(await second.search('initech'))).toEqual([]);
  });

  it('loads, not rebuilds, after a rebuild that found the log already pruned', async () => {
    const first = keeper();
    await first.start();
    // A rebuild over an empty log (everything taken in and pruned), as a later fold-in makes.
    expect(await db.lookupChanges.count()).toBe(0);
    await first.rebuild();
    first.close();
    const next = keeper();
    await next.start();
    expect(next.timings.loadMs).not.toBeNull();
    expect(next.timings.buildMs).toBeNull();
    expect(names(await next.search('initech'))).toEqual(['account:Initech']);
    // And it still follows a write made after that.
    await createAccount(db, { name: 'Hooli', domains: ['hooli.example'] }, ctx);
    await settled(next);
    expect(names(await next.search('hooli'))).toEqual(['account:Hooli']);
  });

  it('rebuilds when changes it never saw were pruned by another panel', async () => {
    const first = keeper();
    await first.start();
    first.close();
    await createAccount(db, { name: 'Hooli', domains: ['hooli.example'] }, ctx);
    // Another panel stored a newer index and pruned the log past this one.
    const latest = (await db.lookupChanges.orderBy('seq').last())!.seq!;
    await db.lookupChanges.clear();
    await db.meta.put({ key: LOOKUP_CHANGES_PRUNED_KEY, value: latest });
    const second = keeper();
    await second.start();
    expect(second.timings.buildMs).not.toBeNull();
    expect(names(await second.search('hooli'))).toEqual(['account:Hooli']);
  });
});

describe('the change log', () => {
  it('names every written and removed record, one row per request, in the write transaction', async () => {
    await db.lookupChanges.clear();
    await createAccount(db, { name: 'Stark', domains: [] }, ctx);
    const rows = await db.lookupChanges.toArray();
    expect(rows).toEqual([expect.objectContaining({ kind: 'account', ids: [expect.any(String)] })]);
    const bulk = Array.from({ length: 3 }, (_, i) => toRow('contact', { id: `0191c7a0-0000-7000-8000-00000000100${i}`, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {}, accountId: null, name: `P ${i}`, email: null, phone: null, title: null, role: null, profileUrl: null }));
    await db.contacts.bulkPut(bulk as never[]);
    await db.contacts.bulkDelete([bulk[0]!.id as string]);
    const all = await db.lookupChanges.toArray();
    expect(all.slice(1).map((row) => [row.kind, row.ids?.length])).toEqual([['contact', 3], ['contact', 1]]);
    // Activities are not searched: a note save logs nothing.
    await db.activities.put({ id: '0191c7a0-0000-7000-8000-000000002000' } as never);
    expect(await db.lookupChanges.count()).toBe(3);
  });

  it('is not written when the write fails', async () => {
    await db.lookupChanges.clear();
    await expect(
      db.transaction('rw', db.accounts, async () => {
        await db.accounts.put(toRow('account', { id: '0191c7a0-0000-7000-8000-000000003000', createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {}, name: 'X', domains: [] }) as never);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.lookupChanges.count()).toBe(0);
  });
});
