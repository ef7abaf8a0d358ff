import type { Account, Contact } from '../schemas';
import { normalizeCompanyName, queryTerms } from '../lookup/tokens';
import { rankLookup, tokensMatchAllTerms, type LookupCandidate, type RankedResult } from '../lookup/rank';
import type { AccountRow, ContactRow, SidenoteDb } from './database';

/** Search-index keys scanned per table per keystroke: keys only, no record is read. */
const KEY_WINDOW = 400;
/** Records read per table for ranking: whole-name matches first, then the closest tokens. */
const ROWS_PER_TABLE = 25;
export const LOOKUP_RESULT_LIMIT = 20;

export interface LookupHit extends RankedResult {
  account: Account | null;
  contact: Contact | null;
}

function longestTerm(terms: readonly string[]): string {
  return terms.reduce((longest, term) => (term.length > longest.length ? term : longest), '');
}

/** Ids from index keys alone (one getAllKeys request each): reading keys is cheap, rows are not. */
async function keysOf(collection: { limit(n: number): { primaryKeys(): Promise<unknown[]> } }, limit: number): Promise<string[]> {
  return (await collection.limit(limit).primaryKeys()).map(String);
}

/** Whole-name matches first, then token matches in index order (shorter, closer tokens first). */
function pickIds(byName: readonly string[], byToken: readonly string[]): string[] {
  return [...new Set([...byName, ...byToken])].slice(0, ROWS_PER_TABLE);
}

/**
 * Quick lookup: per table, a keys-only read of the search-token index picks the closest
 * candidates, and only those records are read and ranked. Cost grows with the window, not
 * with the number of accounts stored, and stays small because index keys are cheap to read.
 *
 * When the probe term is a common word ("holdings" among 100k accounts) the record whose
 * name was typed in full can fall outside the key window. A second, small read by what the
 * whole name starts with (accounts' name key, contacts' joined-name token) brings exact and
 * name-prefix matches in regardless.
 */
export async function lookup(db: SidenoteDb, query: string, limit = LOOKUP_RESULT_LIMIT): Promise<LookupHit[]> {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const probe = longestTerm(terms);
  const nameProbe = normalizeCompanyName(query);
  const joinedProbe = terms.length > 1 ? terms.join('') : null;
  const [accountRows, contactRows] = await db.transaction('r', [db.accounts, db.contacts], async () => {
    const [accountTokenIds, contactTokenIds, accountNameIds, contactNameIds] = await Promise.all([
      keysOf(db.accounts.where('searchTokens').startsWith(probe), KEY_WINDOW),
      keysOf(db.contacts.where('searchTokens').startsWith(probe), KEY_WINDOW),
      nameProbe ? keysOf(db.accounts.where('nameKey').startsWith(nameProbe), limit) : Promise.resolve([]),
      joinedProbe ? keysOf(db.contacts.where('searchTokens').startsWith(joinedProbe), limit) : Promise.resolve([]),
    ]);
    return Promise.all([
      db.accounts.bulkGet(pickIds(accountNameIds, accountTokenIds)).then((rows) => rows.filter((row): row is AccountRow => row !== undefined)),
      db.contacts.bulkGet(pickIds(contactNameIds, contactTokenIds)).then((rows) => rows.filter((row): row is ContactRow => row !== undefined)),
    ]);
  });
  const accountsById = new Map<string, AccountRow>();
  const contactsById = new Map<string, ContactRow>();
  const candidates: LookupCandidate[] = [];
  for (const row of accountRows) {
    if (row.deletedAt !== null || accountsById.has(row.id) || !tokensMatchAllTerms(row.searchTokens, terms)) continue;
    accountsById.set(row.id, row);
    candidates.push({ kind: 'account', id: row.id, name: row.name, domains: row.domains, email: null, accountId: row.id, updatedAt: row.updatedAt });
  }
  for (const row of contactRows) {
    if (row.deletedAt !== null || contactsById.has(row.id) || !tokensMatchAllTerms(row.searchTokens, terms)) continue;
    contactsById.set(row.id, row);
    const domain = row.email?.split('@')[1];
    candidates.push({
      kind: 'contact',
      id: row.id,
      name: row.name,
      domains: domain ? [domain] : [],
      email: row.email,
      accountId: row.accountId,
      updatedAt: row.updatedAt,
    });
  }
  const ranked = rankLookup(terms, candidates, limit);
  const missingAccountIds = [
    ...new Set(ranked.filter((hit) => hit.kind === 'contact' && hit.accountId && !accountsById.has(hit.accountId)).map((hit) => hit.accountId!)),
  ];
  if (missingAccountIds.length) {
    for (const account of await db.accounts.bulkGet(missingAccountIds)) if (account) accountsById.set(account.id, account);
  }
  return ranked.map((hit) => ({
    ...hit,
    account: hit.accountId ? (accountsById.get(hit.accountId) ?? null) : null,
    contact: hit.kind === 'contact' ? (contactsById.get(hit.id) ?? null) : null,
  }));
}
