/**
 * Today's lookup semantics written plainly, for agreement tests and the benchmark's
 * agreement count: an IndexedDB multi-entry index is a list of (token, id) sorted by token,
 * then id; lookup reads the first KEY_WINDOW entries starting with the longest term (and,
 * for accounts, the first entries of the whole-name key), ranks at most 25 records per kind
 * and keeps the 20 best. Slow and memory-hungry on purpose: it is the reference, not the
 * product.
 */
import { rankLookup, tokensMatchAllTerms, type LookupCandidate } from '../../lib/lookup/rank';
import { KEY_WINDOW, LOOKUP_RESULT_LIMIT, ROWS_PER_KIND, tokensOfDoc, type LookupDoc } from '../../lib/lookup/search-index';
import { normalizeCompanyName, queryTerms } from '../../lib/lookup/tokens';

interface Entry {
  key: string;
  id: string;
}

function sortEntries(entries: Entry[]): Entry[] {
  return entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

function windowOf(entries: readonly Entry[], prefix: string, limit: number): string[] {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.key < prefix) lo = mid + 1;
    else hi = mid;
  }
  const out: string[] = [];
  for (let i = lo; i < entries.length && out.length < limit && entries[i]!.key.startsWith(prefix); i++) out.push(entries[i]!.id);
  return out;
}

/** The index of the old accounts and contacts tables (live records only). */
export function createReferenceLookup(docs: readonly LookupDoc[]) {
  const byId = new Map<string, LookupDoc>();
  const tokensById = new Map<string, string[]>();
  const accountTokens: Entry[] = [];
  const contactTokens: Entry[] = [];
  const accountNames: Entry[] = [];
  for (const doc of docs) {
    if (doc.kind === 'deal') continue;
    byId.set(doc.id, doc);
    const tokens = tokensOfDoc(doc);
    tokensById.set(doc.id, tokens);
    for (const token of tokens) (doc.kind === 'account' ? accountTokens : contactTokens).push({ key: token, id: doc.id });
    if (doc.kind === 'account') accountNames.push({ key: normalizeCompanyName(doc.name), id: doc.id });
  }
  sortEntries(accountTokens);
  sortEntries(contactTokens);
  sortEntries(accountNames);

  return function referenceLookup(query: string, limit = LOOKUP_RESULT_LIMIT) {
    const terms = queryTerms(query);
    if (terms.length === 0) return [];
    const probe = terms.reduce((longest, term) => (term.length > longest.length ? term : longest), '');
    const nameProbe = normalizeCompanyName(query);
    const joinedProbe = terms.length > 1 ? terms.join('') : null;
    const pick = (byName: string[], byToken: string[]) => [...new Set([...byName, ...byToken])].slice(0, ROWS_PER_KIND);
    const ids = [
      ...pick(nameProbe ? windowOf(accountNames, nameProbe, limit) : [], windowOf(accountTokens, probe, KEY_WINDOW)),
      ...pick(joinedProbe ? windowOf(contactTokens, joinedProbe, limit) : [], windowOf(contactTokens, probe, KEY_WINDOW)),
    ];
    const candidates: LookupCandidate[] = [];
    for (const id of ids) {
      const doc = byId.get(id)!;
      if (!tokensMatchAllTerms(tokensById.get(id)!, terms)) continue;
      const domain = doc.email?.split('@')[1];
      candidates.push({
        kind: doc.kind,
        id,
        name: doc.name,
        domains: doc.kind === 'account' ? doc.domains : domain ? [domain] : [],
        email: doc.email,
        accountId: doc.accountId,
        updatedAt: doc.updatedAt,
      });
    }
    return rankLookup(terms, candidates, limit);
  };
}
