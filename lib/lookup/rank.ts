import { normalizeForSearch } from './tokens';

export interface LookupCandidate {
  kind: 'account' | 'contact';
  id: string;
  name: string;
  /** Account domains, or the contact's email domain. */
  domains: readonly string[];
  email: string | null;
  /** The account a contact belongs to (the account itself for accounts). */
  accountId: string | null;
  updatedAt: number;
}

export type MatchReason = 'exact' | 'name_prefix' | 'word_prefix' | 'domain' | 'email' | 'substring' | 'token';

export interface RankedResult extends LookupCandidate {
  score: number;
  reason: MatchReason;
}

const REASON_SCORES: Record<MatchReason, number> = {
  exact: 100,
  name_prefix: 80,
  email: 70,
  word_prefix: 60,
  domain: 55,
  substring: 45,
  token: 30,
};
/** On an equal match an account ranks above a person, since the card opens on accounts. */
const CONTACT_PENALTY = 3;

function reasonFor(candidate: LookupCandidate, terms: readonly string[], joined: string): MatchReason {
  const name = normalizeForSearch(candidate.name);
  const compactName = name.replace(/[^\p{L}\p{N}]+/gu, '');
  const first = terms[0] ?? '';
  if (name === joined || compactName === joined.replace(/\s+/g, '')) return 'exact';
  if (name.startsWith(joined) || compactName.startsWith(joined.replace(/\s+/g, ''))) return 'name_prefix';
  if (candidate.email && candidate.email.startsWith(first)) return 'email';
  const words = name.split(/[^\p{L}\p{N}]+/u);
  if (terms.every((term) => words.some((word) => word.startsWith(term)))) return 'word_prefix';
  if (candidate.domains.some((domain) => domain.startsWith(first))) return 'domain';
  if (name.includes(first)) return 'substring';
  return 'token';
}

/**
 * Orders lookup candidates (already filtered to those whose tokens match every term) by how
 * well the name matches, then most recently updated, then name, so equal input always
 * gives equal order.
 */
export function rankLookup(terms: readonly string[], candidates: readonly LookupCandidate[], limit: number): RankedResult[] {
  const joined = terms.join(' ');
  const seen = new Set<string>();
  const ranked: RankedResult[] = [];
  for (const candidate of candidates) {
    const key = `${candidate.kind}:${candidate.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reason = reasonFor(candidate, terms, joined);
    const score = REASON_SCORES[reason] - (candidate.kind === 'contact' ? CONTACT_PENALTY : 0);
    ranked.push({ ...candidate, score, reason });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.updatedAt - a.updatedAt ||
      a.name.localeCompare(b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return ranked.slice(0, limit);
}

/** True when every query term is a prefix of one of the record's tokens. */
export function tokensMatchAllTerms(tokens: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => tokens.some((token) => token.startsWith(term)));
}
