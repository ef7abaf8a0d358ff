import { TABLE_OF_ENTITY, type SidenoteDb } from './database';

/**
 * Lets a refused change go. The server refused it for good (parked), so it will never
 * apply; the team's version of the record was already restored when it was parked. A
 * record the server never had (its creation was refused) and with nothing else waiting is
 * removed too, so it does not linger as if it were shared.
 */
export async function discardParkedChange(db: SidenoteDb, outboxId: string): Promise<void> {
  const tables = [db.outbox, ...Object.values(TABLE_OF_ENTITY).map((name) => db.table(name))];
  await db.transaction('rw', tables, async () => {
    const entry = await db.outbox.get(outboxId);
    if (!entry || entry.status !== 'parked') return;
    await db.outbox.delete(outboxId);
    const remaining = await db.outbox.where('recordId').equals(entry.recordId).count();
    if (remaining > 0) return;
    const table = db.table<{ id: string; updatedBy: string | null }, string>(TABLE_OF_ENTITY[entry.entity]);
    const record = await table.get(entry.recordId);
    if (record && record.updatedBy === null) await table.delete(entry.recordId);
  });
}

/** A conflict notice the rep has read. */
export async function markConflictSeen(db: SidenoteDb, conflictId: string, now: number = Date.now()): Promise<void> {
  await db.conflicts.update(conflictId, { seenAt: now });
}
