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
