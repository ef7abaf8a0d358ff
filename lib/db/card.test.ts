import { liveQuery } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount } from './accounts';
import { logActivity } from './activities';
import { cardReadSettled, cardTimelineQuery, loadCardData, startCardRead, takeStartedCardRead } from './card';
import { createContact } from './contacts';
import type { SidenoteDb } from './database';
import { createDeal } from './deals';
import { listAccountContacts, listAccountDeals, listTimeline } from './queries';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

async function seedAccount() {
  const ctx = { repId: 'rep-1', now: FIXED_NOW };
  const account = await createAccount(db, { name: 'Acme' }, ctx);
  const other = await createAccount(db, { name: 'Globex' }, ctx);
  await createContact(db, { accountId: account.id, name: 'Zoe', email: 'zoe@acme.test', role: 'user' }, ctx);
  await createContact(db, { accountId: account.id, name: 'Ann', email: 'ann@acme.test', role: 'decision_maker' }, ctx);
  await createContact(db, { accountId: other.id, name: 'Gus', email: 'gus@globex.test' }, ctx);
  await createDeal(db, { accountId: account.id, name: 'Pilot', stage: 'qualified' }, ctx);
  await createDeal(db, { accountId: account.id, name: 'Renewal', stage: 'negotiation' }, ctx);
  for (let i = 0; i < 5; i++) {
    await logActivity(db, { type: i % 2 ? 'call' : 'note', accountId: account.id, body: `item ${i}`, occurredAt: FIXED_NOW + i, ...(i % 2 ? { callOutcome: 'connected' as const } : {}) }, ctx);
  }
  await logActivity(db, { type: 'note', accountId: account.id, body: 'theirs, private', visibility: 'private', occurredAt: FIXED_NOW + 10 }, { repId: 'rep-2', now: FIXED_NOW });
  await logActivity(db, { type: 'note', accountId: other.id, body: 'elsewhere' }, ctx);
  return account;
}

describe('the card read', () => {
  it('returns what the four reads return: the account, its contacts, deals and first timeline page', async () => {
    db = createTestDb();
    const account = await seedAccount();
    for (const query of [cardTimelineQuery([], 3, 'rep-1'), cardTimelineQuery(['call'], 50, 'rep-1'), cardTimelineQuery([], 50, null)]) {
      const card = await loadCardData(db, account.id, query);
      expect(card).toEqual({
        account: await db.accounts.get(account.id),
        contacts: await listAccountContacts(db, account.id),
        deals: await listAccountDeals(db, account.id),
        timeline: await listTimeline(db, account.id, query),
      });
    }
    const card = await loadCardData(db, account.id, cardTimelineQuery([], 3, 'rep-1'));
    expect(card.contacts.map((c) => c.name)).toEqual(['Ann', 'Zoe']);
    expect(card.deals.map((d) => d.name)).toEqual(['Renewal', 'Pilot']);
    expect(card.timeline.map((a) => a.body)).toEqual(['item 4', 'item 3', 'item 2', 'item 1']);
  });

  it('fills the timeline page past many hidden rows at its top (deleted, another rep’s private, filtered out)', async () => {
    db = createTestDb();
    const account = await seedAccount();
    for (let i = 0; i < 40; i++) {
      await logActivity(db, { type: 'note', accountId: account.id, body: `hidden ${i}`, visibility: 'private', occurredAt: FIXED_NOW + 100 + i }, { repId: 'rep-2', now: FIXED_NOW });
    }
    const card = await loadCardData(db, account.id, cardTimelineQuery([], 3, 'rep-1'));
    expect(card.timeline.map((a) => a.body)).toEqual(['item 4', 'item 3', 'item 2', 'item 1']);
    const calls = await loadCardData(db, account.id, cardTimelineQuery(['call'], 50, 'rep-1'));
    expect(calls.timeline.map((a) => a.body)).toEqual(['item 3', 'item 1']);
    const theirs = await loadCardData(db, account.id, cardTimelineQuery([], 2, 'rep-2'));
    expect(theirs.timeline.map((a) => a.body)).toEqual(['hidden 39', 'hidden 38', 'hidden 37']);
  });

  it('gives an account that is not there as undefined, with nothing under it', async () => {
    db = createTestDb();
    expect(await loadCardData(db, 'missing', cardTimelineQuery([], 50, null))).toEqual({ account: undefined, contacts: [], deals: [], timeline: [] });
  });

  it('hands the read started at the pick to that card once, and only while fresh', async () => {
    db = createTestDb();
    const account = await seedAccount();
    const query = cardTimelineQuery([], 50, 'rep-1');
    const started = startCardRead(db, account.id, query, FIXED_NOW);
    expect(takeStartedCardRead(db, account.id, cardTimelineQuery(['call'], 50, 'rep-1'), FIXED_NOW)).toBeNull();
    expect(takeStartedCardRead(db, 'another', query, FIXED_NOW)).toBeNull();
    expect(takeStartedCardRead(db, account.id, query, FIXED_NOW + 100)?.data).toBe(started);
    expect(takeStartedCardRead(db, account.id, query, FIXED_NOW + 100)).toBeNull();
    startCardRead(db, account.id, query, FIXED_NOW);
    expect(takeStartedCardRead(db, account.id, query, FIXED_NOW + 60_000)).toBeNull();
    expect((await started).account?.name).toBe('Acme');
  });

  it('keeps the started read as a value once it is in, for a card mounting after it', async () => {
    db = createTestDb();
    const account = await seedAccount();
    const query = cardTimelineQuery([], 50, 'rep-1');
    const started = startCardRead(db, account.id, query);
    await cardReadSettled(started, 60_000);
    expect(takeStartedCardRead(db, account.id, query)?.value).toEqual(await loadCardData(db, account.id, query));
  });

  it('lets the pick wait for the read at most the given time, and not for a failed read', async () => {
    vi.useFakeTimers();
    try {
      const never = new Promise<never>(() => undefined);
      let settled = false;
      void cardReadSettled(never, 250).then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(249);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(settled).toBe(true);
      await expect(cardReadSettled(Promise.reject(new Error('gone')), 250)).resolves.toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('follows writes as a live query', async () => {
    db = createTestDb();
    const account = await seedAccount();
    const seen: string[][] = [];
    const subscription = liveQuery(() => loadCardData(db, account.id, cardTimelineQuery([], 50, 'rep-1'))).subscribe({ next: (card) => seen.push(card.timeline.map((a) => a.body)) });
    await expect.poll(() => seen.length).toBe(1);
    await logActivity(db, { type: 'note', accountId: account.id, body: 'newest', occurredAt: FIXED_NOW + 100 }, { repId: 'rep-1', now: FIXED_NOW });
    await expect.poll(() => seen.at(-1)?.[0]).toBe('newest');
    subscription.unsubscribe();
  });
});
