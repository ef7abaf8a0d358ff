import { v7 as uuidv7 } from 'uuid';
import { ENTITIES, type EntityName } from '../schemas';
import { applyPatch, type StoredRecord } from '../sync/merge';
import { SERVER_MANAGED_FIELDS, checkRecord, mergeShapeOf, parsePatch, type PatchIssue } from '../sync/patch';
import { TABLE_OF_ENTITY, type SidenoteDb } from './database';
import { fromRow, toRow } from './derived';
import { nextLocalStamp } from './meta';

/** Refused input: says what and where, and nothing was written. */
export class RecordValidationError extends Error {
  constructor(
    readonly entity: EntityName,
    readonly issues: PatchIssue[],
  ) {
    super(
      `Cannot save the ${entity}: ` +
        issues.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message)).join('; '),
    );
    this.name = 'RecordValidationError';
  }
}

export class RecordNotFoundError extends Error {
  constructor(
    readonly entity: EntityName,
    readonly recordId: string,
  ) {
    super(`No ${entity} with id ${recordId} is stored in this browser.`);
    this.name = 'RecordNotFoundError';
  }
}

export interface RecordWrite {
  entity: EntityName;
  recordId: string;
  patch: Record<string, unknown>;
  /** Only for a new record: fields the server owns but the UI should show at once. */
  localOnCreate?: Record<string, unknown>;
  /** Refuse instead of creating when the record is missing (edits, deletes). */
  mustExist?: boolean;
}

export interface WriteOptions {
  now?: number;
}

export function newRecordId(): string {
  return uuidv7();
}

/**
 * Writes records and their outbox entries in one transaction: either every record and its
 * mutation is stored, or nothing is. Every patch is validated before, every resulting
 * record after, so bad input changes nothing.
 */
export async function writeRecords(db: SidenoteDb, writes: readonly RecordWrite[], options: WriteOptions = {}): Promise<StoredRecord[]> {
  const parsed = writes.map((write) => {
    const result = parsePatch(write.entity, write.patch);
    if (!result.ok) throw new RecordValidationError(write.entity, result.issues);
    return { ...write, patch: result.patch };
  });
  const tables = [...new Set(parsed.map((write) => db.table(TABLE_OF_ENTITY[write.entity])))];
  return db.transaction('rw', [...tables, db.outbox, db.meta], async () => {
    const results: StoredRecord[] = [];
    for (const write of parsed) {
      const now = options.now ?? Date.now();
      const table = db.table<StoredRecord, string>(TABLE_OF_ENTITY[write.entity]);
      const existingRow = await table.get(write.recordId);
      if (!existingRow && write.mustExist) throw new RecordNotFoundError(write.entity, write.recordId);
      const current = existingRow ? fromRow(existingRow) : null;
      const stamp = await nextLocalStamp(db, now);
      const { record } = applyPatch(current, write.recordId, write.patch, stamp, mergeShapeOf(write.entity));
      if (!current) {
        // Server-managed fields are unknown until the first sync brings them back.
        for (const field of SERVER_MANAGED_FIELDS) if (field in ENTITIES[write.entity].fields.shape) record[field] = null;
        if (write.localOnCreate) Object.assign(record, write.localOnCreate);
      }
      const check = checkRecord(write.entity, record);
      if (!check.ok) throw new RecordValidationError(write.entity, check.issues);
      await table.put(toRow(write.entity, record));
      await db.outbox.add({
        id: uuidv7(),
        entity: write.entity,
        recordId: write.recordId,
        patch: write.patch,
        hlc: stamp,
        createdAt: now,
        status: 'pending',
        attempts: 0,
        lastError: null,
        parkedReason: null,
      });
      results.push(record);
    }
    return results;
  });
}

export async function writeRecord(db: SidenoteDb, write: RecordWrite, options: WriteOptions = {}): Promise<StoredRecord> {
  const [record] = await writeRecords(db, [write], options);
  return record!;
}
