import { v7 as uuidv7 } from 'uuid';
import { ENTITIES, cutText, idSchema, type ActivityType, type EntityName, type EntityRecordMap } from '../schemas';
import { applyPatch, type StoredRecord } from '../sync/merge';
import { ADMIN_WRITTEN_ENTITIES, SERVER_MANAGED_FIELDS, checkRecord, mergeShapeOf, parsePatch, type PatchIssue } from '../sync/patch';
import { TABLE_OF_ENTITY, type OutboxEntry, type RecordTableName, type SidenoteDb } from './database';
import { fromRow, toRow } from './derived';
import { readLocalClock } from './meta';
import { readAheadForTouch } from './touch-summary';
import { TOUCH_TYPES } from '../funnel/touch-types';

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

/** One write to one record; `E` types what `writeRecords` returns for it. */
export interface RecordWrite<E extends EntityName = EntityName> {
  entity: E;
  recordId: string;
  patch: Record<string, unknown>;
  /** Only for a new record: fields the server owns but the UI should show at once. */
  localOnCreate?: Record<string, unknown>;
  /** Refuse instead of creating when the record is missing (edits, deletes). */
  mustExist?: boolean;
  /**
   * The id was generated for this write (`newRecordId`), so no row can hold it yet and none is
   * read. Only for creations; an edit or a restore must read the row it changes.
   */
  fresh?: boolean;
}

export interface WriteOptions {
  now?: number;
  /**
   * Rows of the caller's own that follow from the records (an import's marks carry their
   * clocks): called once the records are merged, its writes issued alongside theirs, inside
   * the same transaction, instead of after them.
   */
  alongside?: (records: ReadonlyArray<StoredRecord>) => Promise<unknown>;
}

const ENTITY_OF_TABLE = Object.fromEntries(Object.entries(TABLE_OF_ENTITY).map(([entity, table]) => [table, entity])) as Record<RecordTableName, EntityName>;
function entityOfTable(name: RecordTableName): EntityName {
  return ENTITY_OF_TABLE[name];
}

/**
 * The schema check is what makes a merged record an entity's record: this predicate is the one
 * place the write path's untyped merge result becomes typed, so repositories need no casts.
 */
function isRecordOf<E extends EntityName>(entity: E, record: StoredRecord, issues: PatchIssue[]): record is StoredRecord & EntityRecordMap[E] {
  const check = checkRecord(entity, record);
  if (!check.ok) issues.push(...check.issues);
  return check.ok;
}

function isTouchPatch(patch: Record<string, unknown>): boolean {
  return typeof patch.accountId === 'string' && TOUCH_TYPES.has(patch.type as ActivityType) && (patch.deletedAt === null || patch.deletedAt === undefined);
}

export function newRecordId(): string {
  return uuidv7();
}

/**
 * Writes records and their outbox entries in one transaction: either every record and its
 * mutation is stored, or nothing is. Every patch is validated before, every resulting
 * record after, so bad input changes nothing.
 *
 * Batches cost a handful of IndexedDB requests, not a handful per record: existing rows are
 * read with one bulkGet per table, in the same round as the clock, clock stamps are issued in
 * memory from that one read, and rows, outbox entries and the clock are written in bulk at the
 * end. Several
 * writes to one record in a batch apply in order, each on top of the last.
 */
export async function writeRecords<E extends EntityName>(db: SidenoteDb, writes: ReadonlyArray<RecordWrite<E>>, options: WriteOptions = {}): Promise<Array<EntityRecordMap[E]>> {
  const parsed = writes.map((write) => {
    // The server would refuse it for good; a rep's browser never queues such a write.
    if (ADMIN_WRITTEN_ENTITIES.includes(write.entity)) {
      throw new RecordValidationError(write.entity, [{ field: '', message: `the team ${write.entity} is set by your team admin and cannot be changed in Sidenote` }]);
    }
    // One spelling per id, the server's: an id in capitals would be a second row here.
    const recordId = idSchema.safeParse(write.recordId);
    if (!recordId.success) throw new RecordValidationError(write.entity, [{ field: 'id', message: `"${cutText(String(write.recordId), 60)}" is not a record id (a UUID)` }]);
    const result = parsePatch(write.entity, write.patch);
    if (!result.ok) throw new RecordValidationError(write.entity, result.issues);
    if (write.fresh && write.mustExist) throw new RecordValidationError(write.entity, [{ field: 'id', message: 'a new record cannot also be required to exist' }]);
    return { ...write, recordId: recordId.data, patch: result.patch };
  });
  if (parsed.length === 0) return [];
  const tableNames = [...new Set(parsed.map((write) => TABLE_OF_ENTITY[write.entity]))];
  return db.transaction('rw', [...tableNames.map((name) => db.table(name)), db.outbox, db.meta], async () => {
    // Current rows, keyed by table and id; later writes in the batch see earlier ones. Rows,
    // the client id and the clock are read in one round (all requests issued before any
    // answer is awaited), and a record whose id was just generated is not read at all: a
    // note save waits for one read, not three in a row.
    const current = new Map<RecordTableName, Map<string, StoredRecord | null>>();
    const readRows = Promise.all(
      tableNames.map(async (name) => {
        const forTable = parsed.filter((write) => TABLE_OF_ENTITY[write.entity] === name);
        const known = new Map<string, StoredRecord | null>(forTable.filter((write) => write.fresh).map((write) => [write.recordId, null]));
        current.set(name, known);
        // A later write in the batch to a record created fresh here has nothing stored to read either.
        const ids = [...new Set(forTable.filter((write) => !write.fresh && !known.has(write.recordId)).map((write) => write.recordId))];
        if (ids.length === 0) return;
        const rows = await db.table<StoredRecord, string>(name).bulkGet(ids);
        ids.forEach((id, index) => known.set(id, rows[index] ? fromRow(rows[index]!) : null));
      }),
    );
    // A rep's new touch on an account: its account row and deals are read in this round too,
    // for the summary middleware (touch-summary.ts), instead of in a round after the clock.
    const touched = [...new Set(parsed.filter((write) => write.entity === 'activity' && write.fresh && isTouchPatch(write.patch)).map((write) => write.patch.accountId as string))];
    if (touched.length === 1) readAheadForTouch(db, touched[0]!);
    const [, clock] = await Promise.all([readRows, readLocalClock(db)]);
    const changed = new Map<RecordTableName, Map<string, StoredRecord>>();
    const outbox: OutboxEntry[] = [];
    const results: Array<EntityRecordMap[E]> = [];
    for (const write of parsed) {
      const now = options.now ?? Date.now();
      const name = TABLE_OF_ENTITY[write.entity];
      const existing = current.get(name)!.get(write.recordId) ?? null;
      if (!existing && write.mustExist) throw new RecordNotFoundError(write.entity, write.recordId);
      const stamp = clock.next(now);
      const { record } = applyPatch(existing, write.recordId, write.patch, stamp, mergeShapeOf(write.entity));
      if (!existing) {
        // Server-managed fields are unknown until the first sync brings them back.
        for (const field of SERVER_MANAGED_FIELDS) if (field in ENTITIES[write.entity].fields.shape) record[field] = null;
        if (write.localOnCreate) Object.assign(record, write.localOnCreate);
      }
      const issues: PatchIssue[] = [];
      if (!isRecordOf(write.entity, record, issues)) throw new RecordValidationError(write.entity, issues);
      current.get(name)!.set(write.recordId, record);
      if (!changed.has(name)) changed.set(name, new Map());
      changed.get(name)!.set(write.recordId, record);
      outbox.push({
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
    // A record created under a generated id is added, not put: no row can hold its id, and an
    // add tells the store's middlewares so (touch-summary.ts then reads no row it would replace).
    const freshIds = new Set(parsed.filter((write) => write.fresh).map((write) => write.recordId));
    await Promise.all([
      ...[...changed].flatMap(([name, records]) => {
        const rows = [...records.values()].map((record) => toRow(entityOfTable(name), record));
        const added = rows.filter((row) => freshIds.has(row.id));
        const put = rows.filter((row) => !freshIds.has(row.id));
        const table = db.table<StoredRecord, string>(name);
        return [added.length ? table.bulkAdd(added) : null, put.length ? table.bulkPut(put) : null];
      }),
      db.outbox.bulkAdd(outbox),
      clock.save(),
      options.alongside?.(results),
    ]);
    return results;
  });
}

export async function writeRecord<E extends EntityName>(db: SidenoteDb, write: RecordWrite<E>, options: WriteOptions = {}): Promise<EntityRecordMap[E]> {
  const [record] = await writeRecords(db, [write], options);
  return record!;
}
