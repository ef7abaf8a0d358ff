/**
 * Quick lookup's reads from Dexie: the records the lookup index is built from, the changes
 * it catches up with, and the slower path that answers while the index is not ready yet.
 */
import type Dexie from 'dexie';
import { phoneKey } from '../lookup/phone';
import { rankLookup, tokensMatchAllTerms, type LookupCandidate, type LookupKind } from '../lookup/rank';
import { LOOKUP_RESULT_LIMIT, ROWS_PER_KIND, tokensOfDoc, type LookupDoc, type LookupHit } from '../lookup/search-index';
import { normalizeCompanyName, queryTerms } from '../lookup/tokens';
import { LOOKUP_CHANGES_PRUNED_KEY, type LookupChangeRow } from './change-log';
import type { SidenoteDb } from './database';

export { LOOKUP_RESULT_LIMIT, type LookupHit };

const TABLE_OF_KIND = { account: 'accounts', contact: 'contacts', deal: 'deals' } as const satisfies Record<LookupKind, string>;

/** What the index keeps of a stored row; null for a deleted record. */
export function lookupDocOfRow(kind: LookupKind, row: Record<string, unknown> | undefined): LookupDoc | null {
  if (!row || row.deletedAt !== null) return null;
  const id = String(row.id);
  const name = typeof row.name === 'string' ? row.name : '';
  const updatedAt = typeof row.updatedAt === 'number' ? row.updatedAt : 0;
  if (kind === 'account') {
    const domains = Array.isArray(row.domains) ? row.domains.filter((d): d is string => typeof d === 'string') : [];
    return { kind, id, name, domains, email: null, phone: null, accountId: id, stage: typeof row.stage === 'string' ? row.stage : null, updatedAt };
  }
  const accountId = typeof row.accountId === 'string' ? row.accountId : null;
  if (kind === 'contact') {
    return { kind, id, name, domains: [], email: typeof row.email === 'string' ? row.email : null, phone: phoneKey(typeof row.phone === 'string' ? row.phone : null), accountId, stage: null, updatedAt };
  }
  return { kind, id, name, domains: [], email: null, phone: null, accountId, stage: typeof row.stage === 'string' ? row.stage : null, updatedAt };
}

/**
 * The newest change-log sequence number a build reflects: the last row's, or, when every row
 * was pruned, the number pruned through (0 when nothing was logged). Without the second, a
 * rebuild over an empty log would claim 0, below the pruned mark, and every later open would
 * take its stored index for one that missed changes and build again.
 */
export async function latestLookupChange(db: SidenoteDb): Promise<number> {
  return db.transaction('r', [db.lookupChanges, db.meta], async () => {
    const [last, pruned] = await Promise.all([db.lookupChanges.orderBy('seq').last(), db.meta.get(LOOKUP_CHANGES_PRUNED_KEY)]);
    return Math.max(last?.seq ?? 0, Number(pruned?.value ?? 0));
  });
}

const PAGE_ROWS = 5000;

/**
 * Every live account, contact and deal as lookup records, read in primary-key pages so a
 * large book never sits in memory as whole rows; `pause` runs between pages.
 */
export async function readLookupDocs(db: SidenoteDb, pause: () => Promise<void> = () => Promise.resolve()): Promise<Record<LookupKind, LookupDoc[]>> {
  const docs: Record<LookupKind, LookupDoc[]> = { account: [], contact: [], deal: [] };
  for (const kind of ['account', 'contact', 'deal'] as const) {
    const table = db.table(TABLE_OF_KIND[kind]);
    let after: string | null = null;
    for (;;) {
      const rows = (await (after === null ? table.orderBy(':id') : table.where(':id').above(after)).limit(PAGE_ROWS).toArray()) as Array<Record<string, unknown>>;
      for (const row of rows) {
        const doc = lookupDocOfRow(kind, row);
        if (doc) docs[kind].push(doc);
      }
      if (rows.length < PAGE_ROWS) break;
      after = String(rows[rows.length - 1]!.id);
      await pause();
    }
  }
  return docs;
}

export interface LookupChanges {
  /** Current versions of the changed records (null: removed or deleted). */
  changes: Array<{ kind: LookupKind; id: string; doc: LookupDoc | null }>;
  /** The last change read. */
  seq: number;
  /** Changes after `afterSeq` were pruned, or a whole range was deleted: only a rebuild is exact. */
  needsRebuild: boolean;
}

/** The records changed after `afterSeq`, as they are now, read in one transaction. */
export async function readLookupChanges(db: SidenoteDb, afterSeq: number, maxRecords = Number.POSITIVE_INFINITY): Promise<LookupChanges> {
  return db.transaction('r', [db.lookupChanges, db.meta, db.accounts, db.contacts, db.deals], async () => {
    const pruned = Number((await db.meta.get(LOOKUP_CHANGES_PRUNED_KEY))?.value ?? 0);
    const rows: LookupChangeRow[] = await db.lookupChanges.where('seq').above(afterSeq).toArray();
    const seq = rows.length ? rows[rows.length - 1]!.seq! : afterSeq;
    if (pruned > afterSeq || rows.some((row) => row.ids === null)) return { changes: [], seq, needsRebuild: true };
    const ids: Record<LookupKind, Set<string>> = { account: new Set(), contact: new Set(), deal: new Set() };
    let total = 0;
    for (const row of rows) {
      for (const id of row.ids!) {
        if (ids[row.kind].has(id)) continue;
        ids[row.kind].add(id);
        total++;
      }
    }
    if (total > maxRecords) return { changes: [], seq, needsRebuild: true };
    const changes: LookupChanges['changes'] = [];
    for (const kind of ['account', 'contact', 'deal'] as const) {
      const keys = [...ids[kind]];
      if (!keys.length) continue;
      const found = (await db.table(TABLE_OF_KIND[kind]).bulkGet(keys)) as Array<Record<string, unknown> | undefined>;
      keys.forEach((id, i) => changes.push({ kind, id, doc: lookupDocOfRow(kind, found[i]) }));
    }
    return { changes, seq, needsRebuild: false };
  });
}

/** Drops log rows a stored index already covers, and says so for readers further behind. */
export async function pruneLookupChanges(db: SidenoteDb, throughSeq: number): Promise<void> {
  await db.transaction('rw', [db.lookupChanges, db.meta], async () => {
    await db.lookupChanges.where('seq').belowOrEqual(throughSeq).delete();
    const pruned = Number((await db.meta.get(LOOKUP_CHANGES_PRUNED_KEY))?.value ?? 0);
    if (throughSeq > pruned) await db.meta.put({ key: LOOKUP_CHANGES_PRUNED_KEY, value: throughSeq });
  });
}

async function keysOf(collection: Dexie.Collection, limit: number): Promise<string[]> {
  return (await collection.limit(limit).primaryKeys()).map(String);
}

/**
 * The answer while the lookup index loads or builds: the indexes the schema keeps (an
 * account's whole-name key and domains, a contact's email and name key) read by prefix,
 * ranked as the index ranks. Every hit is a real match; what it cannot find yet is a word
 * in the middle of a name, a Chinese infix, a phone number or a deal.
 */
export async function lookupWithoutIndex(db: SidenoteDb, query: string, limit = LOOKUP_RESULT_LIMIT): Promise<LookupHit[]> {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const probe = terms.reduce((longest, term) => (term.length > longest.length ? term : longest), '');
  const nameProbe = normalizeCompanyName(query);
  const [accountRows, contactRows] = await db.transaction('r', [db.accounts, db.contacts], async () => {
    const [byName, byDomain, byEmail, byPersonName] = await Promise.all([
      nameProbe ? keysOf(db.accounts.where('nameKey').startsWith(nameProbe), ROWS_PER_KIND) : Promise.resolve([]),
      keysOf(db.accounts.where('domains').startsWith(probe), ROWS_PER_KIND),
      keysOf(db.contacts.where('email').startsWith(probe), ROWS_PER_KIND),
      nameProbe ? keysOf(db.contacts.where('searchTokens').startsWith(nameProbe), ROWS_PER_KIND) : Promise.resolve([]),
    ]);
    return Promise.all([
      db.accounts.bulkGet([...new Set([...byName, ...byDomain])].slice(0, ROWS_PER_KIND)),
      db.contacts.bulkGet([...new Set([...byPersonName, ...byEmail])].slice(0, ROWS_PER_KIND)),
    ]);
  });
  const docs = new Map<string, LookupDoc>();
  const candidates: LookupCandidate[] = [];
  for (const [kind, rows] of [['account', accountRows], ['contact', contactRows]] as const) {
    for (const row of rows) {
      const doc = lookupDocOfRow(kind, row as unknown as Record<string, unknown> | undefined);
      if (!doc || docs.has(`${kind}:${doc.id}`) || !tokensMatchAllTerms(tokensOfDoc(doc), terms)) continue;
      docs.set(`${kind}:${doc.id}`, doc);
      const domain = doc.email?.split('@')[1];
      candidates.push({ kind, id: doc.id, name: doc.name, domains: kind === 'account' ? doc.domains : domain ? [domain] : [], email: doc.email, phone: doc.phone, accountId: doc.accountId, updatedAt: doc.updatedAt });
    }
  }
  const ranked = rankLookup(terms, candidates, limit);
  const accountIds = [...new Set(ranked.filter((hit) => hit.kind !== 'account' && hit.accountId).map((hit) => hit.accountId!))];
  const accounts = new Map<string, { name: string; stage: string }>();
  for (const row of accountIds.length ? await db.accounts.bulkGet(accountIds) : []) if (row && row.deletedAt === null) accounts.set(row.id, row);
  return ranked.map((hit) => {
    const account = hit.kind === 'account' ? docs.get(`account:${hit.id}`)! : hit.accountId ? accounts.get(hit.accountId) : undefined;
    return { ...hit, stage: account?.stage ?? null, accountName: hit.kind === 'account' ? null : (account?.name ?? null) };
  });
}
