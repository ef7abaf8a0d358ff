import type { Account, Contact, Deal, PageContext } from '../schemas';
import { cutText } from '../schemas/text';
import { normalizeCompanyName, normalizeForSearch } from '../lookup/tokens';
import { companyDomainOfEmail, companyDomainOfPage } from './domain';
import { isNeverLogged } from './never-log';

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
  /** How this person was matched: their contact by address, or only their company by domain. */
  confidence: MatchConfidence | null;
}

/** An open deal the note may belong to, and why it is offered. */
export interface DealOption {
  deal: Deal;
  account: Account;
  /** `subject`: the thread subject or page title names the deal; `only-open-deal`: the account has no other. */
  reason: 'subject' | 'only-open-deal' | 'open-deal';
}

/** What a capture links to: one account, any number of its people, at most one deal. */
export interface CaptureSelection {
  accountId: string | null;
  contactIds: string[];
  dealId: string | null;
}

export interface ContextMatch {
  best: MatchCandidate | null;
  candidates: MatchCandidate[];
  people: ContextPerson[];
  /** An address at a known company that is not a contact yet (the first of `addContacts`). */
  addContact: { email: string; name: string | null; accountId: string } | null;
  /** No account matched: what to prefill "create account from this page" with. */
  createAccount: { name: string; domain: string | null } | null;
  /** Every address on screen at a known company that is not a contact yet, in page order. */
  addContacts: Array<{ email: string; name: string | null; accountId: string }>;
  /** Every company on screen (by business domain) with no account yet, in page order. */
  createAccounts: Array<{ name: string; domain: string | null }>;
  /** Open deals of the matched accounts, the most likely first. */
  deals: DealOption[];
  /** The default links for a capture: the best match, and its deal when one stands out. */
  selection: CaptureSelection;
}

/** Records the I/O layer fetched for the keys `lookupKeysForContext` returned. */
export interface MatchSources {
  contactsByEmail: ReadonlyMap<string, readonly Contact[]>;
  accountsByDomain: ReadonlyMap<string, readonly Account[]>;
  accountsByName: ReadonlyMap<string, readonly Account[]>;
  accountsById: ReadonlyMap<string, Account>;
  /** Contacts by `normalizePersonName`, for a profile's person name (the weakest evidence). */
  contactsByName?: ReadonlyMap<string, readonly Contact[]>;
  /** Deals of the matched accounts, by account id. */
  dealsByAccountId?: ReadonlyMap<string, readonly Deal[]>;
}

export interface MatchOptions {
  neverLog: readonly string[];
  /** The rep's own addresses: never a match, never a suggested contact. */
  ownAddresses: readonly string[];
}

export interface LookupKeys {
  emails: string[];
  domains: string[];
  /** Company names, normalised with `normalizeCompanyName` (the accounts' `nameKey`). */
  names: string[];
  /** Person names, normalised with `normalizePersonName`, from a profile page. */
  personNames: string[];
}

function peopleOnPage(context: PageContext, options: MatchOptions): Array<Omit<ContextPerson, 'contact' | 'account' | 'confidence'>> {
  const own = new Set(options.ownAddresses.map((address) => address.toLowerCase()));
  const seen = new Set<string>();
  const people: Array<Omit<ContextPerson, 'contact' | 'account' | 'confidence'>> = [];
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

export { normalizeCompanyName };

/** A person's name for matching: case, accents, width and spacing ignored (`Li  Wei` = `li wei`). */
export function normalizePersonName(name: string): string {
  return normalizeForSearch(name).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** What to look up before matching: addresses, company domains and company names. */
export function lookupKeysForContext(context: PageContext, options: MatchOptions): LookupKeys {
  if (isNeverLogged(context.domain ?? '', options.neverLog)) return { emails: [], domains: [], names: [], personNames: [] };
  const people = peopleOnPage(context, options);
  const domains = new Set<string>();
  for (const person of people) if (person.companyDomain) domains.add(person.companyDomain);
  const pageDomain = pageCompanyDomain(context, options);
  if (pageDomain) domains.add(pageDomain);
  const names = context.profile?.company ? [normalizeCompanyName(context.profile.company)].filter(Boolean) : [];
  const personNames = context.profile?.name ? [normalizePersonName(context.profile.name)].filter(Boolean) : [];
  return { emails: people.map((person) => person.address), domains: [...domains], names, personNames };
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

/** "acme-robotics.com.cn" → "Acme Robotics": a readable company name when only the domain is known. */
export function titleFromDomain(domain: string): string {
  const label = domain.split('.')[0] ?? domain;
  return label
    .split(/[-_]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join(' ');
}

const OPEN_DEAL_STAGES: ReadonlySet<string> = new Set(['lead', 'qualified', 'proposal', 'negotiation']);

/** Open deals of the matched accounts; a deal the subject or title names comes first. */
function dealOptions(context: PageContext, accounts: readonly Account[], sources: MatchSources): DealOption[] {
  if (!sources.dealsByAccountId) return [];
  const text = normalizeCompanyName(`${context.webmail?.subject ?? ''} ${context.title}`);
  const options: DealOption[] = [];
  for (const account of accounts) {
    const open = live(sources.dealsByAccountId.get(account.id)).filter((deal) => OPEN_DEAL_STAGES.has(deal.stage));
    for (const deal of open) {
      const key = normalizeCompanyName(deal.name);
      const named = key.length >= 2 && text.includes(key);
      options.push({ deal, account, reason: named ? 'subject' : open.length === 1 ? 'only-open-deal' : 'open-deal' });
    }
  }
  const rank = { subject: 0, 'only-open-deal': 1, 'open-deal': 2 } as const;
  // Stable within a rank: account order (best match first), then the most recently updated deal.
  return options
    .map((option, index) => ({ option, index }))
    .sort((a, b) => rank[a.option.reason] - rank[b.option.reason] || b.option.deal.updatedAt - a.option.deal.updatedAt || a.index - b.index)
    .map(({ option }) => option);
}

/**
 * Matches what is on screen to records: a contact by exact address (sender first), then an
 * account by a participant's company domain or the page's registrable domain, then by the
 * company or person named on a profile. Free-mail domains never name a company; never-log
 * entries and the rep's own addresses are skipped. Pure: the same input gives the same match.
 */
export function matchContext(context: PageContext, sources: MatchSources, options: MatchOptions): ContextMatch {
  if (isNeverLogged(context.domain ?? '', options.neverLog)) {
    return {
      best: null, candidates: [], people: [], addContact: null, createAccount: null,
      addContacts: [], createAccounts: [], deals: [], selection: { accountId: null, contactIds: [], dealId: null },
    };
  }
  const candidates: MatchCandidate[] = [];
  const people: ContextPerson[] = [];
  const accountOf = (contact: Contact | null) => {
    const account = contact?.accountId ? (sources.accountsById.get(contact.accountId) ?? null) : null;
    return account?.deletedAt === null ? account : null;
  };

  for (const person of peopleOnPage(context, options)) {
    const contact = pick(live(sources.contactsByEmail.get(person.address)));
    let account = accountOf(contact);
    if (contact) candidates.push({ contact, account, confidence: 'email', via: person.address });
    if (!account && person.companyDomain) account = pick(live(sources.accountsByDomain.get(person.companyDomain)));
    if (!contact && account && person.companyDomain) {
      candidates.push({ contact: null, account, confidence: 'domain', via: person.companyDomain });
    }
    const confidence: MatchConfidence | null = contact ? 'email' : account ? 'domain' : null;
    people.push({ ...person, contact, account, confidence });
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
  if (context.profile?.name && sources.contactsByName) {
    const named = live(sources.contactsByName.get(normalizePersonName(context.profile.name)));
    // A name alone is weak: with a company on the profile, only a contact at that company counts.
    const companyKey = context.profile.company ? normalizeCompanyName(context.profile.company) : null;
    const atCompany = companyKey
      ? named.filter((contact) => {
          const account = accountOf(contact);
          return account !== null && normalizeCompanyName(account.name) === companyKey;
        })
      : named;
    const contact = pick(atCompany.length ? atCompany : companyKey ? [] : named);
    if (contact) candidates.push({ contact, account: accountOf(contact), confidence: 'name', via: context.profile.name });
  }

  // Stable sort: equal confidence keeps page order (sender first); at equal confidence a
  // candidate naming a contact beats one naming only the account.
  const ordered = candidates
    .map((candidate, index) => ({ candidate, index }))
    .sort(
      (a, b) =>
        CONFIDENCE_ORDER[b.candidate.confidence] - CONFIDENCE_ORDER[a.candidate.confidence] ||
        Number(b.candidate.contact !== null) - Number(a.candidate.contact !== null) ||
        a.index - b.index,
    )
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

  const addContacts: ContextMatch['addContacts'] = [];
  for (const person of people) {
    if (!person.contact && person.account) addContacts.push({ email: person.address, name: person.name, accountId: person.account.id });
  }

  const createAccounts: ContextMatch['createAccounts'] = [];
  const offered = new Set<string>();
  const offer = (name: string | null | undefined, domain: string | null) => {
    const trimmed = name?.trim();
    const key = domain ?? `name:${normalizeCompanyName(trimmed ?? '')}`;
    if (!trimmed || offered.has(key)) return;
    offered.add(key);
    createAccounts.push({ name: trimmed, domain });
  };
  const knownDomains = new Set(people.filter((person) => person.account).map((person) => person.companyDomain));
  const pageAccountKnown = distinct.some((candidate) => candidate.via === pageDomain);
  if (context.profile?.company && !distinct.some((candidate) => candidate.account && candidate.confidence === 'name' && !candidate.contact)) {
    offer(context.profile.company, null);
  }
  if (context.kind === 'generic' && pageDomain && !pageAccountKnown) offer(context.siteName?.trim() || titleFromDomain(pageDomain), pageDomain);
  for (const person of people) {
    if (person.companyDomain && !person.account && !knownDomains.has(person.companyDomain)) offer(titleFromDomain(person.companyDomain), person.companyDomain);
  }
  if (pageDomain && !pageAccountKnown && context.kind !== 'generic') offer(titleFromDomain(pageDomain), pageDomain);

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

  const matchedAccounts: Account[] = [];
  for (const candidate of distinct) {
    if (candidate.account && !matchedAccounts.some((account) => account.id === candidate.account!.id)) matchedAccounts.push(candidate.account);
  }
  const deals = dealOptions(context, matchedAccounts, sources);
  const defaultAccountId = best?.account?.id ?? null;
  const defaultDeal = deals.find((option) => option.account.id === defaultAccountId && option.reason !== 'open-deal') ?? null;
  const selection: CaptureSelection = {
    accountId: defaultAccountId,
    contactIds: best?.contact ? [best.contact.id] : [],
    dealId: defaultDeal?.deal.id ?? null,
  };

  return {
    best,
    candidates: distinct,
    people,
    addContact: addContacts[0] ?? null,
    createAccount,
    addContacts,
    createAccounts,
    deals,
    selection,
  };
}

/**
 * Normalises the rep's choice in the picker into links a note can carry: a deal decides the
 * account; contacts at another account than the chosen one are dropped rather than linking
 * one note to two companies.
 */
export function resolveCaptureSelection(match: ContextMatch, choice: CaptureSelection): CaptureSelection {
  const contacts = new Map<string, Contact>();
  for (const person of match.people) if (person.contact) contacts.set(person.contact.id, person.contact);
  for (const candidate of match.candidates) if (candidate.contact) contacts.set(candidate.contact.id, candidate.contact);
  const deal = match.deals.find((option) => option.deal.id === choice.dealId) ?? null;
  const chosenContacts = [...new Set(choice.contactIds)].flatMap((id) => {
    const contact = contacts.get(id);
    return contact ? [contact] : [];
  });
  const accountId = deal?.account.id ?? choice.accountId ?? chosenContacts.find((contact) => contact.accountId)?.accountId ?? null;
  return {
    accountId,
    contactIds: chosenContacts.filter((contact) => !accountId || !contact.accountId || contact.accountId === accountId).map((contact) => contact.id),
    dealId: deal && deal.account.id === accountId ? deal.deal.id : null,
  };
}

/** Query parameters that track a visit rather than name a page. */
const TRACKING_PARAMETER = /^(utm_[a-z]+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|_ga|_gl|yclid|igshid|spm|scm|from|source|ref|ref_src|share_source|share_medium|vd_source|trk|trackingid|lipi|mini_profile_urn|miniprofileurn)$/i;
const MAX_CAPTURE_KEY_UNITS = 1024;

/** 64-bit FNV-1a, as hex: a stable short name for a key too long to store whole. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/**
 * The page's address as a capture key: lower-case host, no default port, no tracking
 * parameters, sorted query, no trailing slash, and no fragment unless it is an app route
 * (`#/…`, `#!…`), so the same page reached from a newsletter or a search is the same page.
 */
export function normalizeCaptureUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const params = [...parsed.searchParams.entries()].filter(([key]) => !TRACKING_PARAMETER.test(key)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const route = /^#!?\//.test(parsed.hash) ? parsed.hash : '';
  const path = parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, '') : '';
  // http and https are one page; the scheme is left out of the key.
  return `${parsed.hostname.toLowerCase()}${parsed.port ? `:${parsed.port}` : ''}${path}${query}${route}`;
}

/**
 * The key that makes capture idempotent: the same email thread (by thread id) or the same
 * page (by canonical URL) always gives the same key, so logging it again updates the first
 * record. Null when nothing stable identifies what is on screen.
 */
export function captureKeyFor(context: PageContext): string | null {
  let key: string | null = null;
  if (context.webmail?.threadId) {
    key = `thread:${context.webmail.provider}:${context.webmail.threadId}`;
  } else if (context.profile) {
    const profile = normalizeCaptureUrl(context.profile.profileUrl);
    key = profile ? `profile:${profile}` : null;
  } else if (context.kind !== 'webmail') {
    const page = normalizeCaptureUrl(context.canonicalUrl ?? context.url) ?? normalizeCaptureUrl(context.url);
    key = page ? `page:${page}` : null;
  }
  if (key === null || key.length <= MAX_CAPTURE_KEY_UNITS) return key;
  return `${cutText(key, MAX_CAPTURE_KEY_UNITS - 18)}#${fnv1a64(key)}`;
}
