/**
 * Local index keys for the Today view (schema v8). IndexedDB leaves a row out of an index
 * whose key holds null, so an owner or author not yet known (a record written in this
 * browser before any server named the rep) is indexed under '' instead: those records are
 * the rep's own, since nobody else writes in this browser.
 */
export const UNASSIGNED_KEY = '';

export function ownerKeyOf(ownerId: unknown): string {
  return typeof ownerId === 'string' && ownerId !== '' ? ownerId : UNASSIGNED_KEY;
}

/** The keys under which the rep's own records are indexed: theirs, and the unassigned ones. */
export function ownKeysOf(repId: string | null): string[] {
  return repId ? [repId, UNASSIGNED_KEY] : [UNASSIGNED_KEY];
}

/**
 * The row with its Today index keys derived: owner keys on accounts and deals, and on
 * activities the author key and, for an open task only, `openTaskDueAt` (a sparse index:
 * a done, deleted or non-task row has none, so IndexedDB leaves it out of the index).
 */
export function withTodayKeys<R extends Record<string, unknown>>(entity: string, row: R): R {
  if (entity === 'account' || entity === 'deal') return { ...row, ownerKey: ownerKeyOf(row.ownerId) };
  if (entity !== 'activity') return row;
  const { openTaskDueAt: _previous, ...rest } = row;
  const derived: Record<string, unknown> = { ...rest, authorKey: ownerKeyOf(row.authorId) };
  if (row.deletedAt === null && row.type === 'task' && row.completedAt === null && typeof row.dueAt === 'number') derived.openTaskDueAt = row.dueAt;
  return derived as R;
}
