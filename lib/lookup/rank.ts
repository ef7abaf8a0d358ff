import { matchPhoneKey } from './phone';
import { normalizeForSearch } from './tokens';

export type LookupKind = 'account' | 'contact' | 'deal';

export interface LookupCandidate {
  kind: LookupKind;
  id: string;
  name: string;
  /** Account domains, or the contact's email domain. */
  domains: readonly string[];
  email: string | null;
  /** A contact's phone as its national digits (lib/lookup/phone.ts), for phone hits. */
  phone?: string | null;
  /** The account a contact or deal belongs to (the account itself for accounts). */
  accountId: string | null;
  updatedAt: number;
}

export type MatchReason = 'exact' | 'phone' | 'name_prefix' | 'email' | 'phone_part' | 'word_prefix' | 'domain' | 'substring' | 'token';

export interface RankedResult extends LookupCandidate {
  score: number;
  reason: MatchReason;
}

const REASON_SCORES: Record<MatchReason, number> = {
  exact: 100,
  // A whole phone number typed is as sure as a whole name.
  phone: 90,
  name_prefix: 80,
  email: 70,
  // Caller-ID digits (the end of a number) or the start of one.
  phone_part: 65,
  word_prefix: 60,
  domain: 55,
  substring: 45,
  token: 30,
};
/**
 * On an equal match an account ranks above a person, and a person above a deal: the card
 * opens on accounts, and a deal's own name ("Renewal") says least about which one it is.
 */
const KIND_PENALTY: Record<LookupKind, number> = { account: 0, contact: 3, deal: 4 };
/** The default-locale order `localeCompare` gives, without building a collator on every call. */
const NAME_ORDER = new Intl.Collator();

export interface LookupQuery {
  terms: readonly string[];
  /** The national digits the query may stand for; empty when it is not a phone number. */
  phoneKeys?: readonly string[];
}

interface NameForms {
  name: string;
  compactName: string;
  words: string[];
}

/**
 * The normalised forms of names ranked recently: the next keystroke ranks mostly the same
 * records, and normalising a CJK name (NFKC, NFD, NFC and three patterns) costs more than the
 * rest of its ranking. Bounded, and cleared whole when full.
 */
const NAME_FORMS_CACHE_SIZE = 4096;
const nameForms = new Map<string, NameForms>();
function formsOf(rawName: string): NameForms {
  const cached = nameForms.get(rawName);
  if (cached) return cached;
  const name = normalizeForSearch(rawName);
  const forms = { name, compactName: name.replace(/[^\p{L}\p{N}]+/gu, ''), words: name.split(/[^\p{L}\p{N}]+/u) };
  if (nameForms.size >= NAME_FORMS_CACHE_SIZE) nameForms.clear();
  nameForms.set(rawName, forms);
  return forms;
}

function reasonFor(candidate: LookupCandidate, terms: readonly string[], joined: string, phoneKeys: readonly string[]): MatchReason {
  const { name, compactName, words } = formsOf(candidate.name);
  const first = terms[0] ?? '';
  if (name === joined || compactName === joined.replace(/\s+/g, '')) return 'exact';
  const phone = matchPhoneKey(candidate.phone ?? null, phoneKeys);
  if (phone === 'whole') return 'phone';
  if (name.startsWith(joined) || compactName.startsWith(joined.replace(/\s+/g, ''))) return 'name_prefix';
  if (candidate.email && candidate.email.startsWith(first)) return 'email';
  if (phone === 'part') return 'phone_part';
  if (terms.every((term) => words.some((word) => word.startsWith(term)))) return 'word_prefix';
  if (candidate.domains.some((domain) => domain.startsWith(first))) return 'domain';
  if (name.includes(first)) return 'substring';
  return 'token';
}

/**
 * Orders lookup candidates (already filtered to those whose tokens match every term, or
 * whose phone matches the typed number) by how well they match, then most recently
 * updated, then name, so equal input always gives equal order.
 */
export function rankLookup(query: readonly string[] | LookupQuery, candidates: readonly LookupCandidate[], limit: number): RankedResult[] {
  const { terms, phoneKeys = [] } = Array.isArray(query) ? { terms: query as readonly string[] } : (query as LookupQuery);
  const joined = terms.join(' ');
  const seen = new Set<string>();
  const ranked: RankedResult[] = [];
  for (const candidate of candidates) {
    const key = `${candidate.kind}:${candidate.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const reason = reasonFor(candidate, terms, joined, phoneKeys);
    const score = REASON_SCORES[reason] - KIND_PENALTY[candidate.kind];
    ranked.push({ ...candidate, score, reason });
  }
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      b.updatedAt - a.updatedAt ||
      NAME_ORDER.compare(a.name, b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return ranked.slice(0, limit);
}

/** True when every query term is a prefix of one of the record's tokens. */
export function tokensMatchAllTerms(tokens: readonly string[], terms: readonly string[]): boolean {
  return terms.every((term) => tokens.some((token) => token.startsWith(term)));
}
