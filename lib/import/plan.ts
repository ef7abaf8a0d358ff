/**
 * Decides what each imported row does to the store, so re-importing a file changes
 * nothing: an account is found by domain, then by normalised name; a contact by email,
 * then by name within its account; a deal by name within its account. A found record is
 * updated only where a cell says something new; key fields (names) are never rewritten.
 * Pure: the Dexie layer (lib/db/import-export.ts) loads what rows may touch into the index,
 * plans a batch, then writes it.
 */
import {
  accountFieldsSchema,
  contactFieldsSchema,
  dealFieldsSchema,
  newAccountFields,
  newContactFields,
  newDealFields,
  type Account,
  type Contact,
  type Deal,
} from '../schemas';
import { companyDomainOfEmail } from '../context/domain';
import { normalizeCompanyName, normalizePersonName, titleFromDomain } from '../context/match';
import type { ImportEntity, ImportFieldKey } from './fields';
import type { AccountDraft, ContactDraft, DealDraft, ImportRow, RowError } from './rows';

export type ImportRecordEntity = ImportEntity;
export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface PlannedWrite {
  entity: ImportRecordEntity;
  recordId: string;
  patch: Record<string, unknown>;
  /** False for an update: the record must still exist when the write runs. */
  create: boolean;
  rowNumber: number;
}

export interface ImportTally {
  created: Record<ImportRecordEntity, number>;
  updated: Record<ImportRecordEntity, number>;
  unchanged: Record<ImportRecordEntity, number>;
}

export function emptyTally(): ImportTally {
  return {
    created: { account: 0, contact: 0, deal: 0 },
    updated: { account: 0, contact: 0, deal: 0 },
    unchanged: { account: 0, contact: 0, deal: 0 },
  };
}

interface Live {
  id: string;
  updatedAt: number;
  deletedAt: number | null;
}

/** Keeps the most recently updated record for a key, as matching does (then the smaller id). */
function keep<T extends Live>(map: Map<string, string>, records: Map<string, T>, key: string, record: T): void {
  const currentId = map.get(key);
  const current = currentId ? records.get(currentId) : undefined;
  if (!current || current.id === record.id || record.updatedAt > current.updatedAt || (record.updatedAt === current.updatedAt && record.id < current.id)) {
    map.set(key, record.id);
  }
}

/** What the rows may match: stored records the I/O layer loaded, and those this import created. */
export class ImportIndex {
  readonly accounts = new Map<string, Account>();
  readonly contacts = new Map<string, Contact>();
  readonly deals = new Map<string, Deal>();
  private readonly accountByDomain = new Map<string, string>();
  private readonly accountByName = new Map<string, string>();
  private readonly contactByEmail = new Map<string, string>();
  private readonly contactByNameAccount = new Map<string, string>();
  private readonly dealByNameAccount = new Map<string, string>();
  /** Accounts whose contacts, or deals, are already loaded, so each is read from the store once. */
  readonly loadedContactAccountIds = new Set<string>();
  readonly loadedDealAccountIds = new Set<string>();
  /**
   * Keys already looked up in the store. What was found is in the index, and what this import
   * created since went through it, so a key is never looked up twice.
   */
  readonly lookedUp = { domains: new Set<string>(), nameKeys: new Set<string>(), emails: new Set<string>() };

  putAccount(account: Account): void {
    if (account.deletedAt !== null) return;
    this.accounts.set(account.id, account);
    for (const domain of account.domains) keep(this.accountByDomain, this.accounts, domain, account);
    const key = normalizeCompanyName(account.name);
    if (key) keep(this.accountByName, this.accounts, key, account);
  }

  putContact(contact: Contact): void {
    if (contact.deletedAt !== null) return;
    this.contacts.set(contact.id, contact);
    if (contact.email) keep(this.contactByEmail, this.contacts, contact.email, contact);
    keep(this.contactByNameAccount, this.contacts, `${normalizePersonName(contact.name)}|${contact.accountId ?? ''}`, contact);
  }

  putDeal(deal: Deal): void {
    if (deal.deletedAt !== null) return;
    this.deals.set(deal.id, deal);
    keep(this.dealByNameAccount, this.deals, `${normalizeCompanyName(deal.name)}|${deal.accountId}`, deal);
  }

  findAccount(draft: AccountDraft): Account | null {
    for (const domain of draft.domains ?? []) {
      const id = this.accountByDomain.get(domain);
      if (id) return this.accounts.get(id) ?? null;
    }
    const key = draft.name ? normalizeCompanyName(draft.name) : '';
    const id = key ? this.accountByName.get(key) : undefined;
    return id ? (this.accounts.get(id) ?? null) : null;
  }

  accountByDomainOf(domain: string): Account | null {
    const id = this.accountByDomain.get(domain);
    return id ? (this.accounts.get(id) ?? null) : null;
  }

  findContact(draft: ContactDraft, accountId: string | null): Contact | null {
    const byEmail = draft.email ? this.contactByEmail.get(draft.email) : undefined;
    if (byEmail) return this.contacts.get(byEmail) ?? null;
    if (!draft.name) return null;
    // A same-named person elsewhere is someone else; by name only within one account.
    const id = this.contactByNameAccount.get(`${normalizePersonName(draft.name)}|${accountId ?? ''}`);
    const found = id ? this.contacts.get(id) : undefined;
    return found && (!draft.email || !found.email) ? found : null;
  }

  findDeal(draft: DealDraft, accountId: string): Deal | null {
    const id = draft.name ? this.dealByNameAccount.get(`${normalizeCompanyName(draft.name)}|${accountId}`) : undefined;
    return id ? (this.deals.get(id) ?? null) : null;
  }
}

/**
 * Keys the I/O layer needs to load before planning some rows; with an index, only those not
 * looked up before (and they are marked as looked up).
 */
export function lookupKeysForRows(rows: readonly ImportRow[], index?: ImportIndex): { domains: string[]; nameKeys: string[]; emails: string[] } {
  const domains = new Set<string>();
  const nameKeys = new Set<string>();
  const emails = new Set<string>();
  for (const row of rows) {
    for (const domain of row.account?.domains ?? []) domains.add(domain);
    if (row.account?.name) nameKeys.add(normalizeCompanyName(row.account.name));
    if (row.contact?.email) {
      emails.add(row.contact.email);
      const companyDomain = companyDomainOfEmail(row.contact.email);
      if (companyDomain && !row.account) domains.add(companyDomain);
    }
  }
  const fresh = (keys: Set<string>, seen: Set<string> | undefined) => {
    const list = [...keys].filter((key) => key && !seen?.has(key));
    for (const key of list) seen?.add(key);
    return list;
  };
  return { domains: fresh(domains, index?.lookedUp.domains), nameKeys: fresh(nameKeys, index?.lookedUp.nameKeys), emails: fresh(emails, index?.lookedUp.emails) };
}

/**
 * The stored accounts whose contacts or deals some rows may match and that are not loaded
 * yet. Contacts are matched by email first, so an account's contacts are only needed for a
 * row whose contact has no known address; its deals only for a row with a deal.
 */
export function accountIdsForRows(rows: readonly ImportRow[], index: ImportIndex): { contacts: string[]; deals: string[] } {
  const contacts = new Set<string>();
  const deals = new Set<string>();
  for (const row of rows) {
    let accountId: string | null = row.account ? (index.findAccount(row.account)?.id ?? null) : null;
    if (!accountId && row.contact?.email) {
      const known = index.findContact({ email: row.contact.email }, null);
      const companyDomain = companyDomainOfEmail(row.contact.email);
      accountId = known?.accountId ?? (companyDomain ? (index.accountByDomainOf(companyDomain)?.id ?? null) : null);
    }
    if (!accountId) continue;
    // An unknown address may still be a stored contact of that account without one (by name).
    const needsNameMatch = row.contact && (!row.contact.email || !index.findContact({ email: row.contact.email }, null));
    if (needsNameMatch && !index.loadedContactAccountIds.has(accountId)) contacts.add(accountId);
    if (row.deal && !index.loadedDealAccountIds.has(accountId)) deals.add(accountId);
  }
  return { contacts: [...contacts], deals: [...deals] };
}

export interface PlanOptions {
  newId: () => string;
  now: number;
  /** The importing rep, as owner of new accounts and deals; null until the server knows them. */
  ownerId: string | null;
  defaultCurrency: string;
  /** The file's header for a field, to say where a problem is. */
  columnOf?: (field: ImportFieldKey) => string | null;
}

export interface RowPlan {
  rowNumber: number;
  writes: PlannedWrite[];
  outcomes: Partial<Record<ImportRecordEntity, RowOutcome>>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields of a draft that differ from the stored record; `keys` lists the ones an import may change. */
function diff(record: object, draft: object, keys: readonly string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const stored = record as Record<string, unknown>;
  const given = draft as Record<string, unknown>;
  for (const key of keys) if (given[key] !== undefined && !same(stored[key], given[key])) patch[key] = given[key];
  return patch;
}

function provisional<T>(id: string, now: number, fields: Record<string, unknown>): T {
  return { id, createdAt: now, updatedAt: now, updatedBy: null, clock: {}, ...fields, deletedAt: null } as T;
}

type Checked = { ok: true } | { ok: false; error: Omit<RowError, 'rowNumber'> };

function check(entity: ImportRecordEntity, fields: Record<string, unknown>, options: PlanOptions): Checked {
  const schema = entity === 'account' ? accountFieldsSchema : entity === 'contact' ? contactFieldsSchema : dealFieldsSchema;
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0]!;
  const field = `${entity}.${String(issue.path[0] ?? '')}` as ImportFieldKey;
  return { ok: false, error: { column: options.columnOf?.(field) ?? null, field, value: String(fields[issue.path[0] as string] ?? '').slice(0, 200), reason: issue.message } };
}

const ACCOUNT_UPDATABLE = ['industry', 'sizeTier', 'stage', 'renewalDate'] as const;
const CONTACT_UPDATABLE = ['phone', 'title', 'role', 'profileUrl', 'email'] as const;
const DEAL_UPDATABLE = ['amount', 'currency', 'stage', 'expectedCloseDate'] as const;

/**
 * Plans one row against the index and, when it is valid, records its effect in the index so
 * a later duplicate row in the same file finds it. Returns an error instead when a record
 * the row would produce breaks a schema rule; then nothing of the row is planned.
 */
export function planImportRow(row: ImportRow, index: ImportIndex, options: PlanOptions): RowPlan | RowError {
  const writes: PlannedWrite[] = [];
  const outcomes: RowPlan['outcomes'] = {};
  const effects: Array<() => void> = [];
  const fail = (error: Omit<RowError, 'rowNumber'>): RowError => ({ rowNumber: row.rowNumber, ...error });

  let account: Account | null = null;
  if (row.account) {
    const draft = row.account;
    const found = index.findAccount(draft);
    if (found) {
      const patch = diff(found, draft, ACCOUNT_UPDATABLE);
      const newDomains = (draft.domains ?? []).filter((domain) => !found.domains.includes(domain));
      if (newDomains.length) patch.domains = [...found.domains, ...newDomains].slice(0, 20);
      account = { ...found, ...patch } as Account;
      if (Object.keys(patch).length) {
        const checked = check('account', { ...pickFields(found, accountFieldsSchema.shape), ...patch }, options);
        if (!checked.ok) return fail(checked.error);
        writes.push({ entity: 'account', recordId: found.id, patch, create: false, rowNumber: row.rowNumber });
        outcomes.account = 'updated';
        const updated = account;
        effects.push(() => index.putAccount(updated));
      } else {
        outcomes.account = 'unchanged';
      }
    } else {
      const domains = draft.domains ?? [];
      const fields = newAccountFields({ ...draft, name: draft.name ?? titleFromDomain(domains[0]!), domains, ownerId: options.ownerId });
      const checked = check('account', fields, options);
      if (!checked.ok) return fail(checked.error);
      const id = options.newId();
      writes.push({ entity: 'account', recordId: id, patch: fields, create: true, rowNumber: row.rowNumber });
      outcomes.account = 'created';
      account = provisional<Account>(id, options.now, fields);
      const created = account;
      effects.push(() => {
        index.putAccount(created);
        // Everything at an account this import created goes through the index: nothing to load.
        index.loadedContactAccountIds.add(created.id);
        index.loadedDealAccountIds.add(created.id);
      });
    }
  } else if (row.contact?.email) {
    // No company columns: an address at a known company domain still links the contact.
    const existing = index.findContact({ email: row.contact.email }, null);
    const companyDomain = companyDomainOfEmail(row.contact.email);
    account = (existing?.accountId ? index.accounts.get(existing.accountId) : null) ?? (companyDomain ? index.accountByDomainOf(companyDomain) : null);
  }
  const accountId = account?.id ?? null;

  if (row.contact) {
    const draft = row.contact;
    const found = index.findContact(draft, accountId);
    if (found) {
      const patch = diff(found, draft, CONTACT_UPDATABLE);
      if (accountId && found.accountId === null) patch.accountId = accountId;
      if (Object.keys(patch).length) {
        const checked = check('contact', { ...pickFields(found, contactFieldsSchema.shape), ...patch }, options);
        if (!checked.ok) return fail(checked.error);
        writes.push({ entity: 'contact', recordId: found.id, patch, create: false, rowNumber: row.rowNumber });
        outcomes.contact = 'updated';
        const updated = { ...found, ...patch } as Contact;
        effects.push(() => index.putContact(updated));
      } else {
        outcomes.contact = 'unchanged';
      }
    } else {
      const fields = newContactFields({ ...draft, accountId, name: draft.name! });
      const checked = check('contact', fields, options);
      if (!checked.ok) return fail(checked.error);
      const id = options.newId();
      writes.push({ entity: 'contact', recordId: id, patch: fields, create: true, rowNumber: row.rowNumber });
      outcomes.contact = 'created';
      const created = provisional<Contact>(id, options.now, fields);
      effects.push(() => index.putContact(created));
    }
  }

  if (row.deal) {
    const draft = row.deal;
    if (!accountId) {
      return fail({ column: options.columnOf?.('account.name') ?? null, field: 'account.name', value: '', reason: "A deal needs its company, and this row's contact is at no known company: fill in the company name or website" });
    }
    const found = index.findDeal(draft, accountId);
    if (found) {
      const patch = diff(found, draft, DEAL_UPDATABLE);
      if (Object.keys(patch).length) {
        const checked = check('deal', { ...pickFields(found, dealFieldsSchema.shape), ...patch }, options);
        if (!checked.ok) return fail(checked.error);
        writes.push({ entity: 'deal', recordId: found.id, patch, create: false, rowNumber: row.rowNumber });
        outcomes.deal = 'updated';
        const updated = { ...found, ...patch } as Deal;
        effects.push(() => index.putDeal(updated));
      } else {
        outcomes.deal = 'unchanged';
      }
    } else {
      const fields = newDealFields({ ...draft, accountId, name: draft.name!, currency: draft.currency ?? options.defaultCurrency, ownerId: options.ownerId });
      const checked = check('deal', fields, options);
      if (!checked.ok) return fail(checked.error);
      const id = options.newId();
      writes.push({ entity: 'deal', recordId: id, patch: fields, create: true, rowNumber: row.rowNumber });
      outcomes.deal = 'created';
      const created = provisional<Deal>(id, options.now, fields);
      effects.push(() => index.putDeal(created));
    }
  }

  for (const effect of effects) effect();
  return { rowNumber: row.rowNumber, writes, outcomes };
}

function pickFields(record: object, shape: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) fields[key] = (record as Record<string, unknown>)[key];
  return fields;
}

export function isRowError(plan: RowPlan | RowError): plan is RowError {
  return 'reason' in plan;
}

export function tallyPlan(tally: ImportTally, plan: RowPlan): void {
  for (const [entity, outcome] of Object.entries(plan.outcomes) as Array<[ImportRecordEntity, RowOutcome]>) tally[outcome][entity]++;
}
