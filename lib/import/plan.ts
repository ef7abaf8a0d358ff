/**
 * Decides what each imported row does to the store, so re-importing a file changes
 * nothing: an account is found by domain, then by normalised name; a contact by email,
 * then by name within its account; a deal by name within its account. A found record is
 * merged field by field (lib/import/marks.ts): a cell that says something new updates a field
 * nobody changed since the file last set it; a field changed in Sidenote since is a conflict,
 * kept unless the rep chose the file's value for that kind of field. Key fields (names) are
 * never rewritten. A stage the import sets is recorded as a stage change, dated by the file.
 * Pure: the Dexie layer (lib/db/import-export.ts) loads what rows may touch into the index,
 * plans a batch, then writes it.
 */
import {
  accountFieldsSchema,
  contactFieldsSchema,
  dealFieldsSchema,
  newAccountFields,
  newActivityFields,
  newContactFields,
  newDealFields,
  type Account,
  type Contact,
  type Deal,
  type HealthInputs,
  type Stage,
} from '../schemas';
import { recordHealthMeasurement } from '../funnel/health';
import { companyDomainOfEmail } from '../context/domain';
import { normalizeCompanyName, normalizePersonName, titleFromDomain } from '../context/match';
import type { ImportEntity, ImportFieldKey } from './fields';
import { decideField, sameMark, type ConflictChoices, type ImportMark, type ImportedField } from './marks';
import type { AccountDraft, ContactDraft, DealDraft, ImportRow, RowError } from './rows';
import { reasonOfIssues } from './values';

export type ImportRecordEntity = ImportEntity;
export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface PlannedWrite {
  entity: ImportRecordEntity | 'activity';
  recordId: string;
  patch: Record<string, unknown>;
  /** False for an update: the record must still exist when the write runs. */
  create: boolean;
  rowNumber: number;
  /** Only for a new record: fields the server owns but the UI should show at once. */
  localOnCreate?: Record<string, unknown>;
  /** The file's value of each field this write sets from a cell: the record's import marks once written. */
  marks?: Record<string, unknown>;
}

/** A field Sidenote changed after the file last set it, and that the file now gives otherwise. */
export interface FieldConflict {
  rowNumber: number;
  entity: ImportRecordEntity;
  recordId: string;
  field: ImportFieldKey;
  /** The record's name, to show the rep which one. */
  label: string;
  mine: unknown;
  file: unknown;
  /** Whether the file changed the value since its last import; null when it was never imported. */
  fileChanged: boolean | null;
  /** True when the rep chose the file's value for this kind of field. */
  taken: boolean;
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
  /** Import marks of the loaded records that have one; lib/db loads them with the records. */
  readonly marks = new Map<string, ImportMark>();
  /** Fields this import already set, per record: a later row of the same file may set them again. */
  readonly setByThisImport = new Map<string, Set<string>>();

  noteSet(recordId: string, fields: Iterable<string>): void {
    let set = this.setByThisImport.get(recordId);
    if (!set) this.setByThisImport.set(recordId, (set = new Set()));
    for (const field of fields) set.add(field);
  }

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
  /** Per kind of field: whether a value changed in Sidenote since the last import gives way to the file's. Default: keep. */
  conflicts?: ConflictChoices;
}

/** Marks to store for a record this row does not write: the file agrees, or Sidenote's value was kept. */
export interface MarkUpdate {
  id: string;
  entity: ImportRecordEntity;
  fields: Record<string, ImportedField>;
}

export interface RowPlan {
  rowNumber: number;
  writes: PlannedWrite[];
  outcomes: Partial<Record<ImportRecordEntity, RowOutcome>>;
  conflicts: FieldConflict[];
  markUpdates: MarkUpdate[];
  /** Stage changes this row records (each is one of `writes`). */
  stageChanges: number;
}

/**
 * A date from the file as the instant a stage change happened: local noon, so the date reads the
 * same in the time zones around the rep's, and never later than the import itself.
 */
export function stageChangeInstant(date: string | undefined, now: number): number {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!match) return now;
  return Math.min(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12).getTime(), now);
}

/** The file's date for a deal's stage: its stage-date cell, else for a won or lost deal its close date. */
function dealStageDate(draft: DealDraft): string | undefined {
  if (draft.stageDate) return draft.stageDate;
  return draft.stage === 'won' || draft.stage === 'lost' ? draft.expectedCloseDate : undefined;
}

type Checked = { ok: true } | { ok: false; error: Omit<RowError, 'rowNumber'> };

function check(entity: ImportRecordEntity, fields: Record<string, unknown>, options: PlanOptions): Checked {
  const schema = entity === 'account' ? accountFieldsSchema : entity === 'contact' ? contactFieldsSchema : dealFieldsSchema;
  const result = schema.safeParse(fields);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0]!;
  const field = `${entity}.${String(issue.path[0] ?? '')}` as ImportFieldKey;
  return { ok: false, error: { column: options.columnOf?.(field) ?? null, field, value: String(fields[issue.path[0] as string] ?? '').slice(0, 200), reason: reasonOfIssues([issue]) } };
}

/** Fields a file may change on a record it finds; names are how it was found, so they stay. */
const MERGED_FIELDS = {
  // Health is one field: the five inputs and their date together, as a measurement is recorded.
  account: ['domains', 'industry', 'sizeTier', 'stage', 'renewalDate', 'health'],
  contact: ['phone', 'title', 'role', 'profileUrl', 'email'],
  deal: ['amount', 'currency', 'stage', 'expectedCloseDate'],
} as const satisfies Record<ImportRecordEntity, readonly string[]>;

const MAX_DOMAINS = 20;

/** A file adds websites to an account; it never removes one Sidenote has. */
function withDomains(current: unknown, given: unknown): string[] {
  const stored = Array.isArray(current) ? (current as string[]) : [];
  const added = (given as string[]).filter((domain) => !stored.includes(domain));
  return added.length ? [...stored, ...added].slice(0, MAX_DOMAINS) : stored;
}

/** A stored measurement with its keys in the schema's order, to compare with the file's. */
function canonicalHealth(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const { usage, meetings, issues, nps, measuredOn } = value as HealthInputs;
  return { usage, meetings, issues, nps, measuredOn };
}

interface Merge {
  patch: Record<string, unknown>;
  /** The file's value of each patched field. */
  marks: Record<string, unknown>;
  markUpdate: MarkUpdate | null;
  conflicts: FieldConflict[];
}

/** Merges a row's cells into a found record, field by field (lib/import/marks.ts). */
function mergeFound(
  entity: ImportRecordEntity,
  record: Account | Contact | Deal,
  draft: object,
  label: string,
  index: ImportIndex,
  options: PlanOptions,
  rowNumber: number,
): Merge {
  const stored: Record<string, unknown> = record;
  const given: Record<string, unknown> = { ...draft };
  const mark = index.marks.get(record.id);
  const setBefore = index.setByThisImport.get(record.id);
  const merge: Merge = { patch: {}, marks: {}, markUpdate: null, conflicts: [] };
  const markFields: Record<string, ImportedField> = {};
  for (const field of MERGED_FIELDS[entity]) {
    const fileValue = given[field];
    if (fileValue === undefined) continue;
    const current = field === 'health' ? canonicalHealth(stored[field]) : stored[field];
    const clock = record.clock[field] ?? null;
    const previous = mark?.fields[field];
    const setByThisImport = setBefore?.has(field) ?? false;
    const target = field === 'domains' ? withDomains(current, fileValue) : fileValue;
    const decision = decideField({ current, target, fileValue, clock, mark: previous, setByThisImport });
    if (decision.kind === 'same') {
      // What this file set earlier in the run is marked when that write lands, with its new clock.
      if (!setByThisImport) markFields[field] = { value: fileValue, clock };
      continue;
    }
    if (decision.kind === 'conflict') {
      const key = `${entity}.${field}` as ImportFieldKey;
      const taken = options.conflicts?.[key] === 'take';
      merge.conflicts.push({ rowNumber, entity, recordId: record.id, field: key, label, mine: current, file: target, fileChanged: decision.fileChanged, taken });
      if (!taken) {
        // Remember what the file says now, but not as Sidenote's: the field stays changed since.
        markFields[field] = { value: fileValue, clock: previous?.clock ?? null };
        continue;
      }
    }
    merge.patch[field] = target;
    merge.marks[field] = fileValue;
  }
  const changed = Object.entries(markFields).filter(([field, value]) => !sameMark(mark?.fields[field], value));
  if (changed.length) merge.markUpdate = { id: record.id, entity, fields: Object.fromEntries(changed) };
  return merge;
}

/**
 * The first marks of a record an import creates: every merged field, the defaults it filled
 * included, since the import wrote them all. A later file that brings a column this one lacked
 * (a stage, say) then updates the default instead of asking.
 */
function marksOfCreate(entity: ImportRecordEntity, fields: object): Record<string, unknown> {
  const written: Record<string, unknown> = { ...fields };
  const marks: Record<string, unknown> = {};
  for (const field of MERGED_FIELDS[entity]) marks[field] = written[field];
  return marks;
}

function provisionalMeta(id: string, now: number) {
  return { id, createdAt: now, updatedAt: now, updatedBy: null, clock: {} };
}

/**
 * Plans one row against the index and, when it is valid, records its effect in the index so
 * a later duplicate row in the same file finds it. Returns an error instead when a record
 * the row would produce breaks a schema rule; then nothing of the row is planned.
 */
export function planImportRow(row: ImportRow, index: ImportIndex, options: PlanOptions): RowPlan | RowError {
  const writes: PlannedWrite[] = [];
  const outcomes: RowPlan['outcomes'] = {};
  const conflicts: FieldConflict[] = [];
  const markUpdates: MarkUpdate[] = [];
  const effects: Array<() => void> = [];
  let stageChanges = 0;
  const fail = (error: Omit<RowError, 'rowNumber'>): RowError => ({ rowNumber: row.rowNumber, ...error });
  const stageChange = (subject: 'account' | 'deal', subjectId: string, accountId: string, from: Stage | null, to: Stage, date: string | undefined) => {
    stageChanges++;
    writes.push({
      entity: 'activity',
      recordId: options.newId(),
      patch: newActivityFields({
        type: 'stage_change',
        accountId,
        dealId: subject === 'deal' ? subjectId : null,
        occurredAt: stageChangeInstant(date, options.now),
        // The path is a team fact, as when a stage is moved in the sidebar.
        visibility: 'team',
        stageChange: { subject, subjectId, from, to },
      }),
      create: true,
      rowNumber: row.rowNumber,
      localOnCreate: { authorId: options.ownerId },
    });
  };
  const update = (entity: ImportRecordEntity, found: Account | Contact | Deal, merge: Merge, patch: Record<string, unknown>) => {
    conflicts.push(...merge.conflicts);
    if (merge.markUpdate) markUpdates.push(merge.markUpdate);
    writes.push({ entity, recordId: found.id, patch, create: false, rowNumber: row.rowNumber, marks: merge.marks });
    effects.push(() => index.noteSet(found.id, Object.keys(merge.marks)));
  };
  const unchanged = (merge: Merge) => {
    conflicts.push(...merge.conflicts);
    if (merge.markUpdate) markUpdates.push(merge.markUpdate);
  };

  let account: Account | null = null;
  if (row.account) {
    const { stageDate, ...draft } = row.account;
    const found = index.findAccount(draft);
    if (found) {
      const merge = mergeFound('account', found, draft, found.name, index, options, row.rowNumber);
      const patch = { ...merge.patch };
      // A new measurement joins the history, as when a CSM records one in the sidebar.
      if (patch.health !== undefined) Object.assign(patch, recordHealthMeasurement(found, patch.health as HealthInputs));
      account = { ...found, ...patch };
      if (Object.keys(patch).length) {
        const checked = check('account', { ...pickFields(found, accountFieldsSchema.shape), ...patch }, options);
        if (!checked.ok) return fail(checked.error);
        update('account', found, merge, patch);
        if (patch.stage !== undefined) stageChange('account', found.id, found.id, found.stage, account.stage, stageDate);
        outcomes.account = 'updated';
        const updated = account;
        effects.push(() => index.putAccount(updated));
      } else {
        unchanged(merge);
        outcomes.account = 'unchanged';
      }
    } else {
      const domains = draft.domains ?? [];
      const fields = newAccountFields({ ...draft, name: draft.name ?? titleFromDomain(domains[0]!), domains, ownerId: options.ownerId });
      const checked = check('account', fields, options);
      if (!checked.ok) return fail(checked.error);
      const id = options.newId();
      const marks = marksOfCreate('account', fields);
      writes.push({ entity: 'account', recordId: id, patch: fields, create: true, rowNumber: row.rowNumber, marks });
      if (draft.stage && draft.stage !== 'lead') stageChange('account', id, id, null, draft.stage, stageDate);
      outcomes.account = 'created';
      const created: Account = { ...provisionalMeta(id, options.now), ...fields };
      account = created;
      effects.push(() => {
        index.putAccount(created);
        index.noteSet(id, Object.keys(marks));
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
      const merge = mergeFound('contact', found, draft, found.name, index, options, row.rowNumber);
      // Linking a contact that had no company is filling a blank, not a field the file states.
      const patch = accountId && found.accountId === null ? { ...merge.patch, accountId } : merge.patch;
      if (Object.keys(patch).length) {
        const checked = check('contact', { ...pickFields(found, contactFieldsSchema.shape), ...patch }, options);
        if (!checked.ok) return fail(checked.error);
        update('contact', found, merge, patch);
        outcomes.contact = 'updated';
        const updated: Contact = { ...found, ...patch };
        effects.push(() => index.putContact(updated));
      } else {
        unchanged(merge);
        outcomes.contact = 'unchanged';
      }
    } else {
      const fields = newContactFields({ ...draft, accountId, name: draft.name! });
      const checked = check('contact', fields, options);
      if (!checked.ok) return fail(checked.error);
      const id = options.newId();
      const marks = marksOfCreate('contact', fields);
      writes.push({ entity: 'contact', recordId: id, patch: fields, create: true, rowNumber: row.rowNumber, marks });
      outcomes.contact = 'created';
      const created: Contact = { ...provisionalMeta(id, options.now), ...fields };
      effects.push(() => {
        index.putContact(created);
        index.noteSet(id, Object.keys(marks));
      });
    }
  }

  if (row.deal) {
    const { stageDate: _stageDate, ...draft } = row.deal;
    const stageDate = dealStageDate(row.deal);
    if (!accountId) {
      return fail({ column: options.columnOf?.('account.name') ?? null, field: 'account.name', value: '', reason: {
          en: "A deal needs its company, and this row's contact is at no known company: fill in the company name or website",
          'zh-CN': '商机需要所属公司，而这一行的联系人不属于任何已知公司：请填写公司名称或网站',
        },
      });
    }
    const found = index.findDeal(draft, accountId);
    if (found) {
      const merge = mergeFound('deal', found, draft, found.name, index, options, row.rowNumber);
      const patch = { ...merge.patch };
      if (patch.stage !== undefined) {
        // As a move in the sidebar (lib/funnel/stage-change.ts): closing dates the close, reopening clears it.
        const to = patch.stage as Deal['stage'];
        patch.closedAt = to === 'won' || to === 'lost' ? stageChangeInstant(stageDate, options.now) : null;
        if (found.stage === 'lost' && to !== 'lost') patch.lostReason = null;
      }
      if (Object.keys(patch).length) {
        const checked = check('deal', { ...pickFields(found, dealFieldsSchema.shape), ...patch }, options);
        if (!checked.ok) return fail(checked.error);
        update('deal', found, merge, patch);
        const updated: Deal = { ...found, ...patch };
        if (patch.stage !== undefined) stageChange('deal', found.id, accountId, found.stage, updated.stage, stageDate);
        outcomes.deal = 'updated';
        effects.push(() => index.putDeal(updated));
      } else {
        unchanged(merge);
        outcomes.deal = 'unchanged';
      }
    } else {
      const closing = draft.stage === 'won' || draft.stage === 'lost';
      const fields = newDealFields({
        ...draft,
        accountId,
        name: draft.name!,
        currency: draft.currency ?? options.defaultCurrency,
        ownerId: options.ownerId,
        closedAt: closing ? stageChangeInstant(stageDate, options.now) : null,
      });
      const checked = check('deal', fields, options);
      if (!checked.ok) return fail(checked.error);
      const id = options.newId();
      const marks = marksOfCreate('deal', fields);
      writes.push({ entity: 'deal', recordId: id, patch: fields, create: true, rowNumber: row.rowNumber, marks });
      if (draft.stage && draft.stage !== 'lead') stageChange('deal', id, accountId, null, draft.stage, stageDate);
      outcomes.deal = 'created';
      const created: Deal = { ...provisionalMeta(id, options.now), ...fields };
      effects.push(() => {
        index.putDeal(created);
        index.noteSet(id, Object.keys(marks));
      });
    }
  }

  for (const effect of effects) effect();
  return { rowNumber: row.rowNumber, writes, outcomes, conflicts, markUpdates, stageChanges };
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
