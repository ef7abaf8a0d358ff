import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount, updateAccount } from './accounts';
import type { SidenoteDb } from './database';
import { watchOutbox } from './outbox-listener';

let db: SidenoteDb;
let stop: (() => void) | null = null;
beforeEach(() => {
  db = createTestDb('outbox-listener');
});
afterEach(async () => {
  stop?.();
  stop = null;
  await db.delete();
});

/** Lets Dexie's live query run after a write has committed (for checks that nothing happened). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));
const callsReach = (read: () => number, expected: number) => vi.waitFor(() => expect(read()).toBe(expected), { timeout: 10_000 });

describe('watchOutbox', () => {
  it('asks for a sync once per write, from any caller, without the caller asking', async () => {
    let calls = 0;
    const ctx = { repId: null, now: FIXED_NOW };
    const existing = await createAccount(db, { name: 'Before the listener' }, ctx);
    stop = watchOutbox(db, () => calls++);
    await settle();
    expect(calls).toBe(0);

    const account = await createAccount(db, { name: 'Acme' }, ctx);
    await callsReach(() => calls, 1);
    await updateAccount(db, account.id, { industry: 'Robotics' }, { repId: null, now: FIXED_NOW + 1000 });
    await callsReach(() => calls, 2);
    await updateAccount(db, existing.id, { industry: 'Logistics' }, { repId: null, now: FIXED_NOW + 2000 });
    await callsReach(() => calls, 3);
  });

  it('stays quiet when entries leave the outbox after a push', async () => {
    let calls = 0;
    await createAccount(db, { name: 'Acme' }, { repId: null, now: FIXED_NOW });
    stop = watchOutbox(db, () => calls++);
    await settle();
    await db.outbox.clear();
    await settle();
    expect(calls).toBe(0);
  });
});
