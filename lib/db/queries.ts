import Dexie from 'dexie';
import type { Activity, ActivityType, Contact, Deal, DealStage } from '../schemas';
import type { SidenoteDb } from './database';

/**
 * Read queries the UI runs live. They import no validation code, so the sidebar can show
 * records before the write path (and Zod) has loaded.
 */

/** Live contacts of an account, decision makers first, then by name. */
export async function listAccountContacts(db: SidenoteDb, accountId: string): Promise<Contact[]> {
  const contacts = await db.contacts.where('accountId').equals(accountId).toArray();
  const roleOrder = ['decision_maker', 'champion', 'influencer', 'user', 'contact_person'];
  const rank = (contact: Contact) => (contact.role ? roleOrder.indexOf(contact.role) : roleOrder.length);
  return contacts
    .filter((contact) => contact.deletedAt === null)
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

const OPEN_FIRST: Record<DealStage, number> = { negotiation: 0, proposal: 1, qualified: 2, lead: 3, won: 4, lost: 5 };

/** Live deals of an account, furthest-along open deals first. */
export async function listAccountDeals(db: SidenoteDb, accountId: string): Promise<Deal[]> {
  const deals = await db.deals.where('accountId').equals(accountId).toArray();
  return deals
    .filter((deal) => deal.deletedAt === null)
    .sort((a, b) => OPEN_FIRST[a.stage] - OPEN_FIRST[b.stage] || b.updatedAt - a.updatedAt);
}

export interface TimelineQuery {
  types?: readonly ActivityType[];
  limit?: number;
  /** Only activities that happened before this time (for paging). */
  before?: number;
  /** The rep viewing; another rep's private notes never show. */
  viewerId?: string | null;
}

export const TIMELINE_PAGE_SIZE = 50;

/** Rows read past a page in one request, for the deleted, other reps' private and filtered-out ones among them. */
const TIMELINE_READ_SLACK = 16;

/** An account's activities, newest first, through the [accountId+occurredAt] index. */
export async function listTimeline(db: SidenoteDb, accountId: string, query: TimelineQuery = {}): Promise<Activity[]> {
  const types = query.types && query.types.length ? new Set(query.types) : null;
  const upper = query.before ?? Dexie.maxKey;
  const limit = query.limit ?? TIMELINE_PAGE_SIZE;
  const shown = (activity: Activity) =>
    activity.deletedAt === null &&
    (types === null || types.has(activity.type)) &&
    (activity.visibility === 'team' || activity.authorId === null || activity.authorId === (query.viewerId ?? null));
  const newestFirst = () => db.activities.where('[accountId+occurredAt]').between([accountId, Dexie.minKey], [accountId, upper], true, query.before === undefined).reverse();
  // The newest rows in one request, filtered here, answer most pages: a filtered cursor
  // takes a round trip to the database per few rows, each waiting behind any other read.
  const batchSize = limit + TIMELINE_READ_SLACK;
  const batch = await newestFirst().limit(batchSize).toArray();
  const page = batch.filter(shown);
  if (page.length >= limit || batch.length < batchSize) return page.slice(0, limit);
  return newestFirst().filter(shown).limit(limit).toArray();
}
