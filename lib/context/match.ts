import type { Account, Contact, PageContext } from '../schemas';
import { normalizeForSearch } from '../lookup/tokens';
import { companyDomainOfEmail, companyDomainOfPage, isNeverLogged } from './domain';

/** How sure a match is: exact email beats company domain beats company name. */
export type MatchConfidence = 'email' | 'domain' | 'name';
const CONFIDENCE_ORDER: Record<MatchConfidence, number> = { email: 3, domain: 2, name: 1 };

export interface MatchCandidate {
  account: Account | null;
  contact: Contact | null;
  confidence: MatchConfidence;
  /** The address, domain or name that produced the match, to show the rep why. */
  via: string;
}

export interface ContextPerson {
  address: string;
  name: string | null;
  role: 'from' | 'to' | 'cc' | 'page';
  contact: Contact | null;
  /** The company domain the address names; null for free mail. */
  companyDomain: string | null;
  account: Account | null;
}

export interface ContextMatch {
  best: MatchCandidate | null;
  candidates: MatchCandidate[];
  people: ContextPerson[];
  /** An address at a known company that is not a contact yet. */
  addContact: { email: string; name: string | null; accountId: string } | null;
  /** No account matched: what to prefill "create account from this page" with. */
  createAccount: { name: string; domain: string | null } | null;
}

/** Records the I/O layer fetched for the keys `lookupKeysForContext` returned. */
export interface MatchSources {
  contactsByEmail: ReadonlyMap<string, readonly Contact[]>;
  accountsByDomain: ReadonlyMap<string, readonly Account[]>;
  accountsByName: ReadonlyMap<string, readonly Account[]>;
  accountsById: ReadonlyMap<string, Account>;
}

export interface MatchOptions {
  neverLog: readonly string[];
  /** The rep's own addresses: never a match, never a suggested contact. */
  ownAddresses: readonly string[];
}

export interface LookupKeys {
  emails: string[];
  domains: string[];
  names: string[];
}

function peopleOnPage(context: PageContext, options: MatchOptions): Array<Omit<ContextPerson, 'contact' | 'account'>> {
  const own = new Set(options.ownAddresses.map((address) => address.toLowerCase()));
  const seen = new Set<string>();
  const people: Array<Omit<ContextPerson, 'contact' | 'account'>> = [];
  const add = (address: string, name: string | null, role: ContextPerson['role']) => {
    const normalized = address.trim().toLowerCase();
    if (!normalized.includes('@') || seen.has(normalized) || own.has(normalized)) return;
    if (isNeverLogged(normalized, options.neverLog)) return;
    seen.add(normalized);
    people.push({ address: normalized, name, role, companyDomain: companyDomainOfEmail(normalized) });
  };
  for (const participant of context.webmail?.participants ?? []) add(participant.address, participant.name, participant.role);
  for (const email of context.emails) add(email.address, email.name, 'page');
  return people;
}

function pageCompanyDomain(context: PageContext, options: MatchOptions): string | null {
  if (context.kind !== 'generic') return null;
  const domain = context.domain ?? companyDomainOfPage(context.url);
  if (!domain || isNeverLogged(domain, options.neverLog)) return null;
  return companyDomainOfPage(`https://${domain}/`);
}

export function normalizeCompanyName(name: string): string {
  return normalizeForSearch(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** What to look up before matching: addresses, company domains and company names. */
export function lookupKeysForContext(context: PageContext, options: MatchOptions): LookupKeys {
  if (isNeverLogged(context.domain ?? '', options.neverLog)) return { emails: [], domains: [], names: [] };
  const people = peopleOnPage(context, options);
  const domains = new Set<string>();
  for (const person of people) if (person.companyDomain) domains.add(person.companyDomain);
  const pageDomain = pageCompanyDomain(context, options);
  if (pageDomain) domains.add(pageDomain);
  const names = context.profile?.company ? [normalizeCompanyName(context.profile.company)].filter(Boolean) : [];
  return { emails: people.map((person) => person.address), domains: [...domains], names };
}

function live<T extends { deletedAt: number | null }>(records: readonly T[] | undefined): T[] {
  return (records ?? []).filter((record) => record.deletedAt === null);
}

/** Several records for one key (duplicates): the most recently updated, then the smallest id. */
function pick<T extends { id: string; updatedAt: number }>(records: readonly T[]): T | null {
  let best: T | null = null;
  for (const record of records) {
    if (!best || record.updatedAt > best.updatedAt || (record.updatedAt === best.updatedAt && record.id < best.id)) best = record;
  }
  return best;
}

function titleFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

/**
 * Matches what is on screen to records: a contact by exact address (sender first), then an
 * account by a participant's company domain or the page's registrable domain, then by the
 * company named on a profile. Free-mail domains never name a company; never-log entries
 * and the rep's own addresses are skipped. Pure: the same input gives the same match.
 */
export function matchContext(context: PageContext, sources: MatchSources, options: MatchOptions): ContextMatch {
  if (isNeverLogged(context.domain ?? '', options.neverLog)) {
    return { best: null, candidates: [], people: [], addContact: null, createAccount: null };
  }
  const candidates: MatchCandidate[] = [];
  const people: ContextPerson[] = [];
  const accountOf = (contact: Contact | null) => (contact?.accountId ? (sources.accountsById.get(contact.accountId) ?? null) : null);

  for (const person of peopleOnPage(context, options)) {
    const contact = pick(live(sources.contactsByEmail.get(person.address)));
    let account = accountOf(contact);
    if (contact) candidates.push({ contact, account, confidence: 'email', via: person.address });
    if (!account && person.companyDomain) account = pick(live(sources.accountsByDomain.get(person.companyDomain)));
    if (!contact && account && person.companyDomain) {
      candidates.push({ contact: null, account, confidence: 'domain', via: person.companyDomain });
    }
    people.push({ ...person, contact, account: account?.deletedAt === null ? account : null });
  }

  const pageDomain = pageCompanyDomain(context, options);
  if (pageDomain) {
    const account = pick(live(sources.accountsByDomain.get(pageDomain)));
    if (account) candidates.push({ contact: null, account, confidence: 'domain', via: pageDomain });
  }
  if (context.profile?.company) {
    const account = pick(live(sources.accountsByName.get(normalizeCompanyName(context.profile.company))));
    if (account) candidates.push({ contact: null, account, confidence: 'name', via: context.profile.company });
  }

  // Stable sort: equal confidence keeps page order (sender first).
  const ordered = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => CONFIDENCE_ORDER[b.candidate.confidence] - CONFIDENCE_ORDER[a.candidate.confidence] || a.index - b.index)
    .map(({ candidate }) => candidate);
  const distinct: MatchCandidate[] = [];
  const seen = new Set<string>();
  for (const candidate of ordered) {
    const key = `${candidate.contact?.id ?? ''}|${candidate.account?.id ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    distinct.push(candidate);
  }
  const best = distinct[0] ?? null;

  const unknownAtKnownCompany = people.find((person) => !person.contact && person.account);
  const addContact = unknownAtKnownCompany?.account
    ? { email: unknownAtKnownCompany.address, name: unknownAtKnownCompany.name, accountId: unknownAtKnownCompany.account.id }
    : null;

  let createAccount: ContextMatch['createAccount'] = null;
  if (!best?.account) {
    const businessPerson = people.find((person) => person.companyDomain && !person.account);
    const domain = businessPerson?.companyDomain ?? pageDomain;
    const name =
      context.profile?.company?.trim() ||
      (context.kind === 'generic' && pageDomain ? context.siteName?.trim() : null) ||
      (domain ? titleFromDomain(domain) : null);
    if (name) createAccount = { name, domain: domain ?? null };
  }
  return { best, candidates: distinct, people, addContact, createAccount };
}
