import type { EntityName, EntityRecordMap } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { writeRecord } from './write';

/** Deletes by tombstone, so the delete syncs and `restoreRecord` can undo it. */
export async function deleteRecord<E extends EntityName>(db: SidenoteDb, entity: E, recordId: string, ctx: WriteContext): Promise<EntityRecordMap[E]> {
  return writeRecord(db, { entity, recordId, patch: { deletedAt: nowOf(ctx) }, mustExist: true }, { now: nowOf(ctx) });
}

export async function restoreRecord<E extends EntityName>(db: SidenoteDb, entity: E, recordId: string, ctx: WriteContext): Promise<EntityRecordMap[E]> {
  return writeRecord(db, { entity, recordId, patch: { deletedAt: null }, mustExist: true }, { now: nowOf(ctx) });
}
