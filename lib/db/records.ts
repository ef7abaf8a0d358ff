import type { EntityName } from '../schemas';
import type { StoredRecord } from '../sync/merge';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { writeRecord } from './write';

/** Deletes by tombstone, so the delete syncs and `restoreRecord` can undo it. */
export async function deleteRecord(db: SidenoteDb, entity: EntityName, recordId: string, ctx: WriteContext): Promise<StoredRecord> {
  return writeRecord(db, { entity, recordId, patch: { deletedAt: nowOf(ctx) }, mustExist: true }, { now: nowOf(ctx) });
}

export async function restoreRecord(db: SidenoteDb, entity: EntityName, recordId: string, ctx: WriteContext): Promise<StoredRecord> {
  return writeRecord(db, { entity, recordId, patch: { deletedAt: null }, mustExist: true }, { now: nowOf(ctx) });
}
