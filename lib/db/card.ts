import type { Account, Activity, ActivityType, Contact, Deal } from '../schemas';
import type { SidenoteDb } from './database';
import { listAccountContacts, listAccountDeals, listTimeline, type TimelineQuery } from './queries';

/** What the account card shows first: the account, its contacts, deals and first timeline page. */
export interface CardData {
  account: Account | undefined;
  contacts: Contact[];
  deals: Deal[];
  timeline: Activity[];
}

/**
 * The card's four reads in one read transaction: IndexedDB schedules them as one unit, so
 * they do not wait in turn behind other reads started meanwhile (as four separate live
 * queries did, each started from its own timer).
 */
export function loadCardData(db: SidenoteDb, accountId: string, timeline: TimelineQuery): Promise<CardData> {
  return db.transaction('r', [db.accounts, db.contacts, db.deals, db.activities], async () => {
    const [account, contacts, deals, activities] = await Promise.all([
      db.accounts.get(accountId),
      listAccountContacts(db, accountId),
      listAccountDeals(db, accountId),
      listTimeline(db, accountId, timeline),
    ]);
    return { account, contacts, deals, timeline: activities };
  });
}

/** Identifies one card read: a read made for another account or timeline page does not stand in. */
export function cardReadKey(db: SidenoteDb, accountId: string, timeline: TimelineQuery): string {
  return JSON.stringify([db.name, accountId, timeline.types ?? [], timeline.limit ?? null, timeline.before ?? null, timeline.viewerId ?? null]);
}

/** A card read started before the card mounted; `value` once it is in. */
export interface StartedRead {
  key: string;
  startedAt: number;
  data: Promise<CardData>;
  value?: CardData;
}

/** A read older than this is not shown even for a frame: the card reads afresh instead. */
const STARTED_READ_FRESH_MS = 2_000;

let started: StartedRead | null = null;

/**
 * Starts the card's read where the rep picks the account (a search result, a row of Today),
 * before the card mounts: the read runs while the click is handled and the panel re-renders.
 */
export function startCardRead(db: SidenoteDb, accountId: string, timeline: TimelineQuery, now = Date.now()): Promise<CardData> {
  const data = loadCardData(db, accountId, timeline);
  const read: StartedRead = { key: cardReadKey(db, accountId, timeline), startedAt: now, data };
  // Kept as a value too, so a card mounting after the read is in renders with it at once.
  // A failed read is the card's to report when it takes it; unclaimed, it must not surface as unhandled.
  data.then(
    (value) => {
      read.value = value;
    },
    () => undefined,
  );
  started = read;
  return data;
}

/** The read started for this card, once (a second card for it reads afresh), or null. */
export function takeStartedCardRead(db: SidenoteDb, accountId: string, timeline: TimelineQuery, now = Date.now()): StartedRead | null {
  const read = started;
  if (!read || read.key !== cardReadKey(db, accountId, timeline) || now - read.startedAt > STARTED_READ_FRESH_MS) return null;
  started = null;
  return read;
}

/**
 * Settles when the read is in (or failed), or after `waitMs`, whichever is first: the pick
 * switches to the card then, in one render with its data, instead of rendering an empty card
 * first whose work holds up the read's own callbacks on the main thread.
 */
export function cardReadSettled(read: Promise<CardData>, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    read.then(done, done);
  });
}

/**
 * The card's timeline read for the store's filter and page size: one row past the page, which
 * tells whether there is more. The read started at the pick and the card's own must agree.
 */
export function cardTimelineQuery(types: readonly ActivityType[], pageSize: number, viewerId: string | null): TimelineQuery {
  return { types, limit: pageSize + 1, viewerId };
}
