import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { SidenoteDb } from './database';

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

let name = '';
afterEach(async () => {
  await Dexie.delete(name);
});

describe('Dexie schema versions', () => {
  it('opens a v1 database with its rows and indexes intact', async () => {
    name = `migrate-v1-${Math.random()}`;
    const old = new Dexie(name);
    old.version(1).stores(V1_STORES);
    await old.table('accounts').add(v1Account);
    await old.table('drafts').add({ key: 'composer:account:x', fields: { body: 'unsent' }, updatedAt: 1 });
    old.close();

    const db = new SidenoteDb(name);
    await db.open();
    expect(db.verno).toBe(1);
    expect(await db.accounts.where('domains').equals('acme.com').first()).toMatchObject({ name: 'Acme' });
    expect(await db.accounts.where('[industry+sizeTier]').equals(['Robotics', 'growth']).count()).toBe(1);
    expect((await db.drafts.get('composer:account:x'))?.fields).toEqual({ body: 'unsent' });
    db.close();
  });
});
