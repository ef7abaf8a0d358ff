import type { Account, Contact } from '../schemas';
import { normalizeCompanyName, queryTerms } from '../lookup/tokens';
import { rankLookup, tokensMatchAllTerms, type LookupCandidate, type RankedResult } from '../lookup/rank';
import type { AccountRow, ContactRow, SidenoteDb } from './database';

/** Search-index keys scanned per table per keystroke: keys only, no record is read. */
const KEY_WINDOW = 400;
/** Records read per table for ranking, the closest token matches first. */
const ROWS_PER_TABLE = 40;
export const LOOKUP_RESULT_LIMIT = 20;

export interface LookupHit extends RankedResult {
  account: Account | null;
  contact: Contact | null;
}

function longestTerm(terms: readonly string[]): string {
  return terms.reduce((longest, term) => (term.length > longest.length ? term : longest), '');
}

/**
 * The ids whose search tokens start with the probe, closest first. Reads index keys only;
 * a shorter matching token is a closer match ("acme" before "acmerobotics" before
 * "acme-rr.com"), and ties keep index order.
 */
async function closestIds(table: SidenoteDb['accounts'] | SidenoteDb['contacts'], probe: string): Promise<string[]> {
  const entries: Array<{ length: number; id: string }> = [];
  await table
    .where('searchTokens')
    .startsWith(probe)
    .limit(KEY_WINDOW)
    .eachKey((token, cursor) => {
      entries.push({ length: String(token).length, id: String(cursor.primaryKey) });
    });
  entries.sort((a, b) => a.length - b.length);
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const { id } of entries) {
    if (seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
    if (ids.length === ROWS_PER_TABLE) break;
  }
  return ids;
}

/**
 * Quick lookup: per table, a keys-only scan of the search-token index picks the closest
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
  const [accountRows, contactRows, accountNameRows, contactNameRows] = await db.transaction('r', [db.accounts, db.contacts], async () => {
    const [accountIds, contactIds] = await Promise.all([closestIds(db.accounts, probe), closestIds(db.contacts, probe)]);
    return Promise.all([
      db.accounts.bulkGet(accountIds).then((rows) => rows.filter((row): row is AccountRow => row !== undefined)),
      db.contacts.bulkGet(contactIds).then((rows) => rows.filter((row): row is ContactRow => row !== undefined)),
      nameProbe ? db.accounts.where('nameKey').startsWith(nameProbe).limit(limit).toArray() : Promise.resolve([] as AccountRow[]),
      joinedProbe ? db.contacts.where('searchTokens').startsWith(joinedProbe).limit(limit).toArray() : Promise.resolve([] as ContactRow[]),
    ]);
  });
  const accountsById = new Map<string, AccountRow>();
  const contactsById = new Map<string, ContactRow>();
  const candidates: LookupCandidate[] = [];
  for (const row of [...accountNameRows, ...accountRows]) {
    if (row.deletedAt !== null || accountsById.has(row.id) || !tokensMatchAllTerms(row.searchTokens, terms)) continue;
    accountsById.set(row.id, row);
    candidates.push({ kind: 'account', id: row.id, name: row.name, domains: row.domains, email: null, accountId: row.id, updatedAt: row.updatedAt });
  }
  for (const row of [...contactNameRows, ...contactRows]) {
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
