/**
 * The Dexie side of import and export: loads what a batch of rows may match, plans it with
 * the pure planner (lib/import/plan.ts), and writes each batch through `writeRecords`, the
 * one write path (records and outbox in one transaction). Export reads the tables and hands
 * the records to the pure CSV/JSON writers.
 */
import { ENTITIES, type EntityName } from '../schemas';
import type { CsvTable } from '../import/csv';
import { checkMapping, type ColumnMapping, type ImportFieldKey, type MappingIssue } from '../import/fields';
import type { ConflictChoices, ImportMark } from '../import/marks';
import { groupBadCells, groupConflicts, type BadCellGroup, type ConflictGroup } from '../import/review';
import {
  ImportIndex,
  accountIdsForRows,
  emptyTally,
  isRowError,
  lookupKeysForRows,
  planImportRow,
  tallyPlan,
  type FieldConflict,
  type ImportRecordEntity,
  type ImportTally,
  type PlanOptions,
  type PlannedWrite,
  type RowPlan,
} from '../import/plan';
import { readImportRows, type BadCellChoices, type ImportRow, type RowError } from '../import/rows';
import {
  accountsToCsv,
  activitiesToCsv,
  buildBackup,
  contactsToCsv,
  dealsToCsv,
  parseBackup,
  serializeBackup,
  type ExportEntity,
  type HeaderLanguage,
} from '../import/export';
import { SERVER_MANAGED_FIELDS } from '../sync/patch';
import type { AccountRow, ContactRow, SidenoteDb } from './database';
import { LOOKUP_CHANGES_PRUNED_KEY } from './change-log';
import { fromRow } from './derived';
import { newRecordId, writeRecords, type RecordWrite } from './write';
import { describeWriteError } from '../i18n/messages/write-errors';

/** Rows per transaction: big enough to amortise a commit, small enough to keep the UI responsive. */
export const IMPORT_BATCH_ROWS = 1000;
/** Rows planned and issued at a time inside a batch's transaction (see runCsvImport). */
const IMPORT_CHUNK_ROWS = 250;

export interface ImportProgress {
  processedRows: number;
  totalRows: number;
  tally: ImportTally;
  errorCount: number;
}

export interface CsvImportOptions {
  ownerId: string | null;
  defaultCurrency: string;
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
  newId?: () => string;
  /** Per kind of field: keep a value changed in Sidenote since the file was last imported (default), or take the file's. */
  conflicts?: ConflictChoices;
  /** Per kind of field: import a row with a bad cell without that cell, or skip the row (default). */
  badCells?: BadCellChoices;
}

export interface CsvImportResult {
  totalRows: number;
  /** Rows written (created or updated something) or found already up to date. */
  importedRows: number;
  tally: ImportTally;
  /** Why each left-out row was left out. */
  errors: RowError[];
  /** Bad cells of rows imported without them. */
  omitted: RowError[];
  conflicts: ConflictGroup[];
  /** Stage changes recorded. */
  stageChanges: number;
  /** True when the rep cancelled; the batches before the cancel are kept. */
  cancelled: boolean;
}

/** What an import would do, computed without writing: the preview the rep decides on. */
export interface ImportReview extends Omit<CsvImportResult, 'omitted'> {
  badCells: BadCellGroup[];
}

export class ImportMappingError extends Error {
  constructor(readonly issues: MappingIssue[]) {
    super(`The column mapping cannot be imported: ${issues.map((issue) => issue.message).join(' ')}`);
    this.name = 'ImportMappingError';
  }
}

const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The rows whose index holds any of these keys. One equality read per key, all issued at
 * once so IndexedDB pipelines them: Dexie's anyOf walks a single cursor instead, one round
 * trip per key, which made loading cost more than writing on a re-import.
 */
async function rowsWithAnyKey<T>(keys: readonly string[], rowsWithKey: (key: string) => PromiseLike<T[]>): Promise<T[]> {
  if (keys.length === 0) return [];
  const groups = await Promise.all(keys.map(rowsWithKey));
  return groups.flat();
}

/**
 * The match keys stored records hold (accounts' domains and name keys, contacts' emails),
 * read once per import, so a batch reads from the store only the keys some record has: on a
 * first import almost none, where one read per key had cost about as much as writing the
 * rows. Kept true through the lookup change log (lib/db/change-log.ts): each batch first
 * reads the log rows written since `throughSeq` and adds the keys of the records another
 * context changed. A key whose record was deleted since only costs a read that finds nothing.
 */
export class StoredMatchKeys {
  readonly domains = new Set<string>();
  readonly nameKeys = new Set<string>();
  readonly emails = new Set<string>();
  loaded = false;
  /** Change-log rows up to this one are reflected in the sets. */
  throughSeq = 0;

  addAccount(row: AccountRow): void {
    for (const domain of row.domains) this.domains.add(domain);
    if (row.nameKey) this.nameKeys.add(row.nameKey);
  }

  addContact(row: ContactRow): void {
    if (row.email) this.emails.add(row.email);
  }
}

async function lastChangeSeq(db: SidenoteDb): Promise<number> {
  return Number((await db.lookupChanges.toCollection().lastKey()) ?? 0);
}

/** Brings the stored keys up to date; call inside a transaction on the tables `loadForRows` reads. */
async function refreshStoredKeys(db: SidenoteDb, keys: StoredMatchKeys): Promise<void> {
  const pruned = Number((await db.meta.get(LOOKUP_CHANGES_PRUNED_KEY))?.value ?? 0);
  // Log rows not seen yet were pruned: what changed since cannot be told, so read everything again.
  if (!keys.loaded || pruned > keys.throughSeq) {
    const [domains, nameKeys, emails, seq] = await Promise.all([
      db.accounts.orderBy('domains').uniqueKeys(),
      db.accounts.orderBy('nameKey').uniqueKeys(),
      db.contacts.orderBy('email').uniqueKeys(),
      lastChangeSeq(db),
    ]);
    for (const key of domains) keys.domains.add(String(key));
    for (const key of nameKeys) keys.nameKeys.add(String(key));
    for (const key of emails) keys.emails.add(String(key));
    keys.loaded = true;
    keys.throughSeq = seq;
    return;
  }
  const changes = await db.lookupChanges.where('seq').above(keys.throughSeq).toArray();
  if (changes.length === 0) return;
  const ids = { account: new Set<string>(), contact: new Set<string>() };
  for (const change of changes) {
    // A removal (ids null: a range) only takes keys away, and a stale key finds nothing.
    if (change.ids && (change.kind === 'account' || change.kind === 'contact')) for (const id of change.ids) ids[change.kind].add(id);
  }
  const [accounts, contacts] = await Promise.all([db.accounts.bulkGet([...ids.account]), db.contacts.bulkGet([...ids.contact])]);
  for (const row of accounts) if (row && row.deletedAt === null) keys.addAccount(row);
  for (const row of contacts) if (row && row.deletedAt === null) keys.addContact(row);
  for (const change of changes) keys.throughSeq = Math.max(keys.throughSeq, change.seq ?? 0);
}

/** Loads what a batch of rows may match into the index, with the import marks of what it loads. */
async function loadForRows(db: SidenoteDb, rows: readonly ImportRow[], index: ImportIndex, stored: StoredMatchKeys): Promise<void> {
  await db.transaction('r', [db.accounts, db.contacts, db.deals, db.importMarks, db.lookupChanges, db.meta], async () => {
    await refreshStoredKeys(db, stored);
    // Every key counts as looked up; only those a stored record holds are read.
    const keys = lookupKeysForRows(rows, index);
    const loaded: string[] = [];
    const [byDomain, byName, byEmail] = await Promise.all([
      rowsWithAnyKey(keys.domains.filter((key) => stored.domains.has(key)), (key) => db.accounts.where('domains').equals(key).toArray()),
      rowsWithAnyKey(keys.nameKeys.filter((key) => stored.nameKeys.has(key)), (key) => db.accounts.where('nameKey').equals(key).toArray()),
      rowsWithAnyKey(keys.emails.filter((key) => stored.emails.has(key)), (key) => db.contacts.where('email').equals(key).toArray()),
    ]);
    const putAccount = (row: AccountRow) => {
      if (index.accounts.has(row.id)) return;
      index.putAccount(fromRow(row));
      loaded.push(row.id);
    };
    const putContact = (row: ContactRow) => {
      if (index.contacts.has(row.id)) return;
      index.putContact(fromRow(row));
      loaded.push(row.id);
    };
    for (const account of [...byDomain, ...byName]) putAccount(account);
    for (const contact of byEmail) putContact(contact);
    const linkedAccountIds = byEmail.map((contact) => contact.accountId).filter((id): id is string => id !== null && !index.accounts.has(id));
    if (linkedAccountIds.length) {
      for (const account of await db.accounts.bulkGet([...new Set(linkedAccountIds)])) if (account) putAccount(account);
    }
    const accountIds = accountIdsForRows(rows, index);
    const [contacts, deals] = await Promise.all([
      rowsWithAnyKey(accountIds.contacts, (key) => db.contacts.where('accountId').equals(key).toArray()),
      rowsWithAnyKey(accountIds.deals, (key) => db.deals.where('accountId').equals(key).toArray()),
    ]);
    for (const contact of contacts) putContact(contact);
    for (const deal of deals) {
      if (index.deals.has(deal.id)) continue;
      index.putDeal(deal);
      loaded.push(deal.id);
    }
    for (const id of accountIds.contacts) index.loadedContactAccountIds.add(id);
    for (const id of accountIds.deals) index.loadedDealAccountIds.add(id);
    if (loaded.length) {
      const marks = await db.importMarks.bulkGet(loaded);
      for (const mark of marks) if (mark) index.marks.set(mark.id, mark);
    }
  });
}

/** `fresh`: new records' ids were generated here (`newRecordId`), so none is read before it is written. */
function toRecordWrite(write: PlannedWrite, fresh: boolean): RecordWrite {
  return { entity: write.entity, recordId: write.recordId, patch: write.patch, mustExist: !write.create, fresh: fresh && write.create, localOnCreate: write.localOnCreate };
}

/**
 * Writes planned rows and their import marks in one transaction (the caller's): records and
 * outbox through `writeRecords`, the marks alongside, each field with the clock its write got.
 * `issued` settles once every request is issued: a later `commitPlans` in the same
 * transaction may start then, since IndexedDB runs its reads (rows, clock) after these writes.
 * The index's marks are updated at that point for the same reason.
 */
function commitPlans(db: SidenoteDb, plans: readonly RowPlan[], index: ImportIndex, now: number, fresh: boolean): { issued: Promise<void>; done: Promise<void> } {
  const writes = plans.flatMap((plan) => plan.writes);
  const changed = new Map<string, ImportMark>();
  const markOf = (id: string, entity: ImportRecordEntity): ImportMark => {
    let mark = changed.get(id);
    if (!mark) {
      const stored = index.marks.get(id);
      mark = { id, entity, fields: { ...stored?.fields } };
      changed.set(id, mark);
    }
    return mark;
  };
  for (const plan of plans) for (const update of plan.markUpdates) Object.assign(markOf(update.id, update.entity).fields, update.fields);
  let issue!: () => void;
  const issued = new Promise<void>((resolve) => (issue = resolve));
  const putMarks = async (records: ReadonlyArray<{ clock: Record<string, string> }>) => {
    writes.forEach((write, i) => {
      if (!write.marks || write.entity === 'activity') return;
      const mark = markOf(write.recordId, write.entity);
      const clock = records[i]!.clock;
      for (const [field, value] of Object.entries(write.marks)) mark.fields[field] = { value, clock: clock[field] ?? null };
    });
    const put = changed.size ? db.importMarks.bulkPut([...changed.values()]) : null;
    for (const mark of changed.values()) index.marks.set(mark.id, mark);
    issue();
    await put;
  };
  // The marks are put in the same round as the records, not after them.
  const done = writes.length ? writeRecords(db, writes.map((write) => toRecordWrite(write, fresh)), { now, alongside: putMarks }).then(() => undefined) : putMarks([]);
  return { issued, done };
}

/**
 * Imports a parsed CSV table with a column mapping, or (`dryRun`) works out what importing it
 * would do without writing. Rows are planned and written in batches of `batchSize`; each
 * batch is loaded, planned and written in one transaction, so what the planner saw is what
 * is overwritten: a sync landing mid-import is either before the batch (and counts as a
 * change in Sidenote) or after it.
 */
async function runCsvImport(db: SidenoteDb, table: CsvTable, mapping: ColumnMapping, options: CsvImportOptions, dryRun: boolean): Promise<ImportReview & { omitted: RowError[] }> {
  const issues = checkMapping(mapping);
  if (issues.length) throw new ImportMappingError(issues);
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? IMPORT_BATCH_ROWS;
  const columnOf = (field: ImportFieldKey) => {
    const index = mapping.indexOf(field);
    return index >= 0 ? (table.header[index] ?? null) : null;
  };
  const read = readImportRows(table, mapping, { defaultCurrency: options.defaultCurrency, badCells: options.badCells });
  const { rows, errors } = read;
  const tally = emptyTally();
  const index = new ImportIndex();
  const conflicts = new Map<string, FieldConflict>();
  const totalRows = table.rows.length;
  let importedRows = 0;
  let processedRows = 0;
  let stageChanges = 0;
  const invalidRows = new Set(errors.map((error) => error.rowNumber));
  const result = (cancelled: boolean) => {
    errors.sort((a, b) => a.rowNumber - b.rowNumber);
    return { totalRows, importedRows, tally, errors, omitted: read.omitted, conflicts: groupConflicts(conflicts.values()), badCells: groupBadCells(read.badCells), stageChanges, cancelled };
  };
  const report = () => options.onProgress?.({ processedRows, totalRows, tally: structuredClone(tally), errorCount: errors.length });
  const tables = [db.accounts, db.contacts, db.deals, db.activities, db.outbox, db.meta, db.importMarks, db.lookupChanges];
  const stored = new StoredMatchKeys();
  // An id from the caller's generator (tests) may be any string; ours are new by construction.
  const freshIds = options.newId === undefined;
  report();

  const counted = (plan: RowPlan) => {
    tallyPlan(tally, plan);
    importedRows++;
    stageChanges += plan.stageChanges;
    // A record repeated on many rows is one conflict; the last row's value is the file's.
    for (const conflict of plan.conflicts) conflicts.set(`${conflict.recordId}|${conflict.field}`, conflict);
  };

  for (let start = 0; start < rows.length; start += batchSize) {
    if (options.signal?.aborted) return result(true);
    const batch = rows.slice(start, start + batchSize);
    const plans: RowPlan[] = [];
    const planOptions = () => ({ newId: options.newId ?? newRecordId, now: now(), ownerId: options.ownerId, defaultCurrency: options.defaultCurrency, columnOf, conflicts: options.conflicts });
    /** Plans rows of the batch (loaded before); returns the plans of those that import. */
    const planRows = (from: number, to: number, planning: PlanOptions): RowPlan[] => {
      const planned: RowPlan[] = [];
      for (const row of batch.slice(from, to)) {
        const plan = planImportRow(row, index, planning);
        if (isRowError(plan)) {
          errors.push(plan);
          invalidRows.add(plan.rowNumber);
        } else {
          planned.push(plan);
        }
      }
      plans.push(...planned);
      return planned;
    };
    if (dryRun) {
      await loadForRows(db, batch, index, stored);
      planRows(0, batch.length, planOptions());
      for (const plan of plans) counted(plan);
    } else {
      let loaded = false;
      let plannedThrough = 0;
      try {
        let throughSeq = stored.throughSeq;
        await db.transaction('rw', tables, async () => {
          await loadForRows(db, batch, index, stored);
          loaded = true;
          const planning = planOptions();
          // Chunk by chunk, each chunk's writes issued as soon as it is planned: IndexedDB stores
          // one chunk while the next is planned and checked, instead of waiting for the whole batch.
          const writing: Array<Promise<void>> = [];
          for (let from = 0; from < batch.length; from += IMPORT_CHUNK_ROWS) {
            const chunk = planRows(from, from + IMPORT_CHUNK_ROWS, planning);
            plannedThrough = Math.min(batch.length, from + IMPORT_CHUNK_ROWS);
            const { issued, done } = commitPlans(db, chunk, index, now(), freshIds);
            writing.push(done);
            await Promise.race([issued, done]);
          }
          await Promise.all(writing);
          // This batch's own log rows: the next batch has no need to read them back.
          throughSeq = await lastChangeSeq(db);
        });
        stored.throughSeq = throughSeq;
        for (const plan of plans) counted(plan);
      } catch (error) {
        if (!loaded) throw error;
        // One record the planner let through was refused at write time: write row by row so
        // only that row is reported and the rest of the batch is kept.
        planRows(plannedThrough, batch.length, planOptions());
        for (const plan of plans) {
          try {
            await db.transaction('rw', tables, () => commitPlans(db, [plan], index, now(), freshIds).done);
            counted(plan);
          } catch (rowError) {
            errors.push({ rowNumber: plan.rowNumber, column: null, field: null, value: '', reason: { en: describeWriteError(rowError, 'en'), 'zh-CN': describeWriteError(rowError, 'zh-CN') } });
          }
        }
      }
    }
    processedRows = Math.min(totalRows, importedRows + invalidRows.size);
    report();
    await yieldToUi();
  }
  processedRows = totalRows;
  report();
  return result(false);
}

/**
 * Imports a parsed CSV table with a column mapping. Bad rows are returned with row, column
 * and reason and are not imported; good rows are written in batches of `batchSize`, each
 * batch in one transaction. Re-importing the same file finds every record and writes nothing;
 * a field changed in Sidenote since the file was last imported keeps Sidenote's value unless
 * `conflicts` says to take the file's.
 */
export async function importCsvTable(db: SidenoteDb, table: CsvTable, mapping: ColumnMapping, options: CsvImportOptions): Promise<CsvImportResult> {
  const { badCells: _preview, ...result } = await runCsvImport(db, table, mapping, options, false);
  return result;
}

/** What `importCsvTable` would do with these options, read from the store without writing: the preview. */
export async function reviewCsvImport(db: SidenoteDb, table: CsvTable, mapping: ColumnMapping, options: CsvImportOptions): Promise<ImportReview> {
  const { omitted: _notYet, ...review } = await runCsvImport(db, table, mapping, options, true);
  return review;
}

function live<T extends { deletedAt: number | null }>(records: readonly T[]): T[] {
  return records.filter((record) => record.deletedAt === null);
}

/** Live records of each exported table, derived index fields removed. */
const readLive = {
  accounts: async (db: SidenoteDb) => live((await db.accounts.toArray()).map((row) => fromRow(row))),
  contacts: async (db: SidenoteDb) => live((await db.contacts.toArray()).map((row) => fromRow(row))),
  deals: async (db: SidenoteDb) => live((await db.deals.toArray()).map((row) => fromRow(row))),
  activities: async (db: SidenoteDb) => live((await db.activities.toArray()).map((row) => fromRow(row))),
};

/** One CSV file of a record type, headers in the rep's language. */
export async function exportCsv(db: SidenoteDb, entity: ExportEntity, language: HeaderLanguage = 'en'): Promise<string> {
  const accounts = await readLive.accounts(db);
  const accountsById = new Map(accounts.map((account) => [account.id, account]));
  if (entity === 'accounts') return accountsToCsv(accounts, language);
  if (entity === 'contacts') return contactsToCsv(await readLive.contacts(db), accountsById, language);
  if (entity === 'deals') return dealsToCsv(await readLive.deals(db), accountsById, language);
  const [contacts, deals, activities] = await Promise.all([
    readLive.contacts(db),
    readLive.deals(db),
    readLive.activities(db),
  ]);
  return activitiesToCsv(activities, { accountsById, contactsById: new Map(contacts.map((c) => [c.id, c])), dealsById: new Map(deals.map((d) => [d.id, d])) }, language);
}

/** The full JSON backup of accounts, contacts, deals and activities. */
export async function exportBackup(db: SidenoteDb, now: number = Date.now()): Promise<string> {
  const [accounts, contacts, deals, activities] = await Promise.all([
    readLive.accounts(db),
    readLive.contacts(db),
    readLive.deals(db),
    readLive.activities(db),
  ]);
  return serializeBackup(buildBackup({ accounts, contacts, deals, activities }, now));
}

export interface BackupRestoreResult {
  tally: ImportTally & { created: Record<'activity', number>; updated: Record<'activity', number>; unchanged: Record<'activity', number> };
}

type BackupEntity = ImportRecordEntity | 'activity';
const TABLES = { account: 'accounts', contact: 'contacts', deal: 'deals', activity: 'activities' } as const;

/**
 * Restores a backup: records keep their ids, so restoring twice changes nothing; a record
 * already here is updated only when the backup's copy is newer. The whole file is checked
 * before anything is written.
 */
export async function restoreBackup(
  db: SidenoteDb,
  text: string,
  options: { batchSize?: number; onProgress?: (done: number, total: number) => void; now?: () => number } = {},
): Promise<BackupRestoreResult> {
  const backup = parseBackup(text);
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? IMPORT_BATCH_ROWS;
  const tally = {
    created: { account: 0, contact: 0, deal: 0, activity: 0 },
    updated: { account: 0, contact: 0, deal: 0, activity: 0 },
    unchanged: { account: 0, contact: 0, deal: 0, activity: 0 },
  };
  const groups: Array<[BackupEntity, ReadonlyArray<{ id: string; updatedAt: number; createdAt: number } & Record<string, unknown>>]> = [
    ['account', backup.accounts],
    ['contact', backup.contacts],
    ['deal', backup.deals],
    ['activity', backup.activities],
  ];
  const total = groups.reduce((sum, [, records]) => sum + records.length, 0);
  let done = 0;
  options.onProgress?.(done, total);
  for (const [entity, records] of groups) {
    const fieldKeys = Object.keys(ENTITIES[entity as EntityName].fields.shape).filter((key) => !(SERVER_MANAGED_FIELDS as readonly string[]).includes(key));
    for (let start = 0; start < records.length; start += batchSize) {
      const batch = records.slice(start, start + batchSize);
      const existing = await db.table(TABLES[entity]).bulkGet(batch.map((record) => record.id));
      const writes: RecordWrite[] = [];
      batch.forEach((record, i) => {
        const current = existing[i] as Record<string, unknown> | undefined;
        if (current && current.deletedAt === null) {
          const patch: Record<string, unknown> = {};
          if (record.updatedAt > (current.updatedAt as number)) {
            for (const key of fieldKeys) if (JSON.stringify(current[key] ?? null) !== JSON.stringify(record[key] ?? null)) patch[key] = record[key];
          }
          if (Object.keys(patch).length) {
            writes.push({ entity, recordId: record.id, patch, mustExist: true });
            tally.updated[entity]++;
          } else {
            tally.unchanged[entity]++;
          }
          return;
        }
        const patch: Record<string, unknown> = {};
        for (const key of fieldKeys) patch[key] = record[key];
        // A tombstoned copy here is brought back: the backup says the record is live.
        writes.push({
          entity,
          recordId: record.id,
          patch,
          localOnCreate: { createdAt: record.createdAt, updatedBy: record.updatedBy ?? null, ...(entity === 'activity' ? { authorId: record.authorId ?? null } : {}) },
        });
        if (current) tally.updated[entity]++;
        else tally.created[entity]++;
      });
      if (writes.length) await writeRecords(db, writes, { now: now() });
      done += batch.length;
      options.onProgress?.(done, total);
      await yieldToUi();
    }
  }
  return { tally };
}
