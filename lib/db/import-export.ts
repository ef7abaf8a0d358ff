/**
 * The Dexie side of import and export: loads what a batch of rows may match, plans it with
 * the pure planner (lib/import/plan.ts), and writes each batch through `writeRecords`, the
 * one write path (records and outbox in one transaction). Export reads the tables and hands
 * the records to the pure CSV/JSON writers.
 */
import { ENTITIES, type EntityName } from '../schemas';
import type { CsvTable } from '../import/csv';
import { checkMapping, type ColumnMapping, type ImportFieldKey, type MappingIssue } from '../import/fields';
import {
  ImportIndex,
  accountIdsForRows,
  emptyTally,
  isRowError,
  lookupKeysForRows,
  planImportRow,
  tallyPlan,
  type ImportRecordEntity,
  type ImportTally,
  type PlannedWrite,
} from '../import/plan';
import { readImportRows, type ImportRow, type RowError } from '../import/rows';
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
import type { SidenoteDb } from './database';
import { fromRow } from './derived';
import { newRecordId, writeRecords, type RecordWrite } from './write';

/** Rows per transaction: big enough to amortise a commit, small enough to keep the UI responsive. */
export const IMPORT_BATCH_ROWS = 1000;

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
}

export interface CsvImportResult {
  totalRows: number;
  /** Rows written (created or updated something) or found already up to date. */
  importedRows: number;
  tally: ImportTally;
  errors: RowError[];
  /** True when the rep cancelled; the batches before the cancel are kept. */
  cancelled: boolean;
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

async function loadForRows(db: SidenoteDb, rows: readonly ImportRow[], index: ImportIndex): Promise<void> {
  const keys = lookupKeysForRows(rows, index);
  await db.transaction('r', [db.accounts, db.contacts, db.deals], async () => {
    const [byDomain, byName, byEmail] = await Promise.all([
      rowsWithAnyKey(keys.domains, (key) => db.accounts.where('domains').equals(key).toArray()),
      rowsWithAnyKey(keys.nameKeys, (key) => db.accounts.where('nameKey').equals(key).toArray()),
      rowsWithAnyKey(keys.emails, (key) => db.contacts.where('email').equals(key).toArray()),
    ]);
    for (const account of [...byDomain, ...byName]) if (!index.accounts.has(account.id)) index.putAccount(fromRow(account));
    for (const contact of byEmail) if (!index.contacts.has(contact.id)) index.putContact(fromRow(contact));
    const linkedAccountIds = byEmail.map((contact) => contact.accountId).filter((id): id is string => id !== null && !index.accounts.has(id));
    if (linkedAccountIds.length) {
      for (const account of await db.accounts.bulkGet([...new Set(linkedAccountIds)])) {
        if (account) index.putAccount(fromRow(account));
      }
    }
    const accountIds = accountIdsForRows(rows, index);
    const [contacts, deals] = await Promise.all([
      rowsWithAnyKey(accountIds.contacts, (key) => db.contacts.where('accountId').equals(key).toArray()),
      rowsWithAnyKey(accountIds.deals, (key) => db.deals.where('accountId').equals(key).toArray()),
    ]);
    for (const contact of contacts) if (!index.contacts.has(contact.id)) index.putContact(fromRow(contact));
    for (const deal of deals) if (!index.deals.has(deal.id)) index.putDeal(deal);
    for (const id of accountIds.contacts) index.loadedContactAccountIds.add(id);
    for (const id of accountIds.deals) index.loadedDealAccountIds.add(id);
  });
}

function toRecordWrites(writes: readonly PlannedWrite[]): RecordWrite[] {
  return writes.map((write) => ({ entity: write.entity, recordId: write.recordId, patch: write.patch, mustExist: !write.create }));
}

/**
 * Imports a parsed CSV table with a column mapping. Bad rows are returned with row, column
 * and reason and are not imported; good rows are written in batches of `batchSize`, each
 * batch in one transaction. Re-importing the same file finds every record and writes nothing.
 */
export async function importCsvTable(db: SidenoteDb, table: CsvTable, mapping: ColumnMapping, options: CsvImportOptions): Promise<CsvImportResult> {
  const issues = checkMapping(mapping);
  if (issues.length) throw new ImportMappingError(issues);
  const now = options.now ?? Date.now;
  const batchSize = options.batchSize ?? IMPORT_BATCH_ROWS;
  const columnOf = (field: ImportFieldKey) => {
    const index = mapping.indexOf(field);
    return index >= 0 ? (table.header[index] ?? null) : null;
  };
  const { rows, errors } = readImportRows(table, mapping, { defaultCurrency: options.defaultCurrency });
  const tally = emptyTally();
  const index = new ImportIndex();
  const totalRows = table.rows.length;
  let importedRows = 0;
  let processedRows = 0;
  const invalidRows = new Set(errors.map((error) => error.rowNumber));
  const report = () => options.onProgress?.({ processedRows, totalRows, tally: structuredClone(tally), errorCount: errors.length });
  report();

  for (let start = 0; start < rows.length; start += batchSize) {
    if (options.signal?.aborted) return { totalRows, importedRows, tally, errors, cancelled: true };
    const batch = rows.slice(start, start + batchSize);
    await loadForRows(db, batch, index);
    const plans = [];
    for (const row of batch) {
      const plan = planImportRow(row, index, { newId: options.newId ?? newRecordId, now: now(), ownerId: options.ownerId, defaultCurrency: options.defaultCurrency, columnOf });
      if (isRowError(plan)) {
        errors.push(plan);
        invalidRows.add(plan.rowNumber);
      } else {
        plans.push(plan);
      }
    }
    const writes = plans.flatMap((plan) => plan.writes);
    try {
      if (writes.length) await writeRecords(db, toRecordWrites(writes), { now: now() });
      for (const plan of plans) tallyPlan(tally, plan);
      importedRows += plans.length;
    } catch {
      // One record the planner let through was refused at write time: write row by row so
      // only that row is reported and the rest of the batch is kept.
      for (const plan of plans) {
        try {
          if (plan.writes.length) await writeRecords(db, toRecordWrites(plan.writes), { now: now() });
          tallyPlan(tally, plan);
          importedRows++;
        } catch (error) {
          errors.push({ rowNumber: plan.rowNumber, column: null, field: null, value: '', reason: error instanceof Error ? error.message : String(error) });
        }
      }
    }
    processedRows = Math.min(totalRows, importedRows + invalidRows.size);
    report();
    await yieldToUi();
  }
  processedRows = totalRows;
  report();
  errors.sort((a, b) => a.rowNumber - b.rowNumber);
  return { totalRows, importedRows, tally, errors, cancelled: false };
}

function live<T extends { deletedAt: number | null }>(records: readonly T[]): T[] {
  return records.filter((record) => record.deletedAt === null);
}

/** Live records of each exported table, derived index fields removed. */
const readLive = {
  accounts: async (db: SidenoteDb) => live((await db.accounts.toArray()).map((row) => fromRow(row))),
  contacts: async (db: SidenoteDb) => live((await db.contacts.toArray()).map((row) => fromRow(row))),
  deals: async (db: SidenoteDb) => live(await db.deals.toArray()),
  activities: async (db: SidenoteDb) => live(await db.activities.toArray()),
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
