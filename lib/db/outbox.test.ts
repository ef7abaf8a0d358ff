import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount, updateAccount } from './accounts';
import type { SidenoteDb } from './database';
import { discardParkedChange, markConflictSeen } from './outbox';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});
const ctx = { repId: 'rep-1', now: FIXED_NOW };

async function park(recordId: string) {
  const entries = await db.outbox.where('recordId').equals(recordId).toArray();
  for (const entry of entries) await db.outbox.update(entry.id, { status: 'parked', parkedReason: 'forbidden: not yours' });
  return entries.map((entry) => entry.id);
}

describe('discarding a refused change', () => {
  it('removes a record whose creation the server refused, with its parked entry', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Refused' }, ctx);
    const [entryId] = await park(account.id);
    await discardParkedChange(db, entryId!);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.accounts.get(account.id)).toBeUndefined();
  });

  it('keeps a record the server has, dropping only the refused edit', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Shared' }, ctx);
    await db.outbox.clear();
    await db.accounts.update(account.id, { updatedBy: 'rep-2' });
    await updateAccount(db, account.id, { industry: 'Robotics' }, ctx);
    const [entryId] = await park(account.id);
    await discardParkedChange(db, entryId!);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.accounts.get(account.id)).toBeDefined();
  });

  it('leaves pending entries alone and ignores unknown ids', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Pending' }, ctx);
    const [entry] = await db.outbox.toArray();
    await discardParkedChange(db, entry!.id);
    await discardParkedChange(db, 'no-such-entry');
    expect(await db.outbox.count()).toBe(1);
    expect(await db.accounts.get(account.id)).toBeDefined();
  });

  it('marks a conflict notice seen', async () => {
    db = createTestDb();
    await db.conflicts.add({ id: 'c1', entity: 'account', recordId: 'a', fields: ['industry'], lostTo: 'rep-2', createdAt: 1, seenAt: null });
    await markConflictSeen(db, 'c1', 5);
    expect((await db.conflicts.get('c1'))?.seenAt).toBe(5);
  });
});
