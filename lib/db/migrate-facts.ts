import type { Fact } from '../schemas';
import { factFromLegacy, readLegacyFact } from '../schemas/legacy-fact';
import { hlcWallMs } from '../sync/hlc';

/**
 * Schema v5: facts gained a state, evidence, who and when. Stored accounts and deals, and
 * writes still waiting in the outbox, are rewritten from `{ value, confirmed }` to the current
 * shape, so that nothing read from this browser's store is in the old one. A pending write
 * must be converted too: the sync engine re-applies it over each pulled copy of its record.
 */

type Row = Record<string, unknown> & { clock?: Record<string, string> };

function convert(entry: unknown, at: number | null): Fact | null | undefined {
  const legacy = readLegacyFact(entry);
  return legacy ? factFromLegacy(legacy, { at }) : undefined;
}

/** The time a map key was last written, from its clock stamp; null when unknown. */
function stampedAt(clock: Record<string, string> | undefined, clockKey: string): number | null {
  const stamp = clock && Object.hasOwn(clock, clockKey) ? clock[clockKey] : undefined;
  return typeof stamp === 'string' ? hlcWallMs(stamp) : null;
}

/** Converts a record's legacy facts in place; true when anything changed. */
export function upgradeRecordFacts(row: Row): boolean {
  const facts = row.facts;
  if (!facts || typeof facts !== 'object') return false;
  let changed = false;
  for (const [key, entry] of Object.entries(facts as Record<string, unknown>)) {
    const converted = convert(entry, stampedAt(row.clock, `facts.${key}`));
    if (converted === undefined) continue;
    (facts as Record<string, unknown>)[key] = converted;
    changed = true;
  }
  return changed;
}

/** Converts the legacy fact values of a queued patch (`facts.<key>` and a whole `facts` map) in place. */
export function upgradePatchFacts(patch: Record<string, unknown>, hlc: string): boolean {
  const at = hlcWallMs(hlc);
  let changed = false;
  for (const [field, value] of Object.entries(patch)) {
    if (field.startsWith('facts.')) {
      const converted = convert(value, at);
      if (converted !== undefined) {
        patch[field] = converted;
        changed = true;
      }
    } else if (field === 'facts' && value && typeof value === 'object') {
      for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
        const converted = convert(entry, at);
        if (converted === undefined) continue;
        (value as Record<string, unknown>)[key] = converted;
        changed = true;
      }
    }
  }
  return changed;
}
