// Apart from fact.ts (Zod): the store's v5 upgrade converts with it, and the store opens in the sidebar's first paint.
// Its shapes are written out here rather than imported, since fact.ts imports this file (a cycle otherwise).

/** The `{ value, confirmed }` shape facts had before v5 (`legacyFactSchema` in fact.ts). */
export interface LegacyFact {
  value: string;
  confirmed: boolean;
}

/** A fact in the current shape as a legacy one converts to (no evidence was ever recorded). */
export interface FactFromLegacy {
  value: string;
  state: 'known' | 'unconfirmed';
  by: string | null;
  at: number | null;
  evidence?: { activityId: string; quote: string };
}

/** The legacy shape checked as `legacyFactSchema` does (exactly `value` and `confirmed`), without Zod. */
export function readLegacyFact(entry: unknown): LegacyFact | null {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry) || Object.keys(entry).length !== 2) return null;
  const { value, confirmed } = entry as Record<string, unknown>;
  return typeof value === 'string' && value.length <= 2000 && typeof confirmed === 'boolean' ? { value, confirmed } : null;
}

/** What a legacy fact means in the current shape: confirmed is known; who and when are not recorded. */
export function factFromLegacy(legacy: LegacyFact, known: { by?: string | null; at?: number | null } = {}): FactFromLegacy {
  return { value: legacy.value, state: legacy.confirmed ? 'known' : 'unconfirmed', by: known.by ?? null, at: known.at ?? null };
}
