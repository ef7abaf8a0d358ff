import type { Hlc } from '../schemas';
import { hlcWallMs } from './hlc';

/**
 * Field-level last-writer-wins merge, the one rule both the server and every client apply.
 * Each field (and each key of a map field, clock key `map.key`) keeps the value of the
 * write with the greatest stamp; stamps are unique per write, so the result does not
 * depend on the order writes arrive in: the merge is commutative, associative and
 * idempotent, which is what makes replicas converge.
 */

export interface StoredRecord {
  id: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  updatedBy: string | null;
  clock: Record<string, Hlc>;
  [field: string]: unknown;
}

export interface MergeShape {
  /** Fields whose value is an object merged per key. */
  mapFields: readonly string[];
}

export interface PatchOutcome {
  record: StoredRecord;
  /** Clock keys this write set (or had already set: the same stamp is the same write). */
  applied: string[];
  /** Clock keys where a newer write already stood, so this one lost. */
  lost: string[];
}

interface FieldWrite {
  clockKey: string;
  field: string;
  mapKey: string | null;
  value: unknown;
}

/** Splits a patch into clock-keyed writes; a whole map value becomes one write per key. */
export function expandPatch(patch: Record<string, unknown>, shape: MergeShape): FieldWrite[] {
  const writes: FieldWrite[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const dot = key.indexOf('.');
    if (dot > 0) {
      writes.push({ clockKey: key, field: key.slice(0, dot), mapKey: key.slice(dot + 1), value });
    } else if (shape.mapFields.includes(key) && value !== null && typeof value === 'object') {
      for (const [mapKey, mapValue] of Object.entries(value as Record<string, unknown>)) {
        writes.push({ clockKey: `${key}.${mapKey}`, field: key, mapKey, value: mapValue });
      }
      // An empty map on create still has to exist on the record.
      writes.push({ clockKey: '', field: key, mapKey: null, value: undefined });
    } else {
      writes.push({ clockKey: key, field: key, mapKey: null, value });
    }
  }
  return writes;
}

function maxWall(clock: Record<string, Hlc>, fallback: number): number {
  let max = fallback;
  for (const stamp of Object.values(clock)) max = Math.max(max, hlcWallMs(stamp));
  return max;
}

/** A key's own value: keys come from clients, so nothing is read off a prototype. */
function own<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** Sets an own property even for `__proto__`, whose plain assignment would change the prototype instead. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

/**
 * A copy to write into: the record, its clock and its maps are copied once, so every write
 * after that is one assignment and a merge costs time linear in the record plus the patch
 * (copying a map once per key made a 3,000-key patch cost seconds inside a push).
 */
function copyRecord(record: StoredRecord, shape: MergeShape): StoredRecord {
  const copy: StoredRecord = { ...record, clock: { ...record.clock } };
  for (const field of shape.mapFields) {
    const value = record[field];
    if (value && typeof value === 'object') copy[field] = { ...(value as object) };
  }
  return copy;
}

/** The copied map of `field` to write into, creating it when the record has none yet. */
function writableMap(record: StoredRecord, field: string): Record<string, unknown> {
  const value = record[field];
  if (value && typeof value === 'object') return value as Record<string, unknown>;
  const map: Record<string, unknown> = {};
  record[field] = map;
  return map;
}

/**
 * Applies one mutation to a record (null when it does not exist yet). The caller validates
 * the patch before and the resulting record after; this function only orders writes.
 */
export function applyPatch(
  current: StoredRecord | null,
  recordId: string,
  patch: Record<string, unknown>,
  stamp: Hlc,
  shape: MergeShape,
): PatchOutcome {
  const wallMs = hlcWallMs(stamp);
  const record: StoredRecord = current
    ? copyRecord(current, shape)
    : { id: recordId, createdAt: wallMs, updatedAt: wallMs, deletedAt: null, updatedBy: null, clock: {} };
  const applied: string[] = [];
  const lost: string[] = [];
  for (const write of expandPatch(patch, shape)) {
    if (write.clockKey === '') {
      if (record[write.field] === undefined || record[write.field] === null) record[write.field] = {};
      continue;
    }
    const standing = own(record.clock, write.clockKey);
    if (standing !== undefined && standing > stamp) {
      lost.push(write.clockKey);
      continue;
    }
    applied.push(write.clockKey);
    if (standing === stamp) continue;
    setOwn(record.clock, write.clockKey, stamp);
    if (write.mapKey === null) setOwn(record, write.field, write.value);
    else setOwn(writableMap(record, write.field), write.mapKey, write.value);
  }
  record.updatedAt = maxWall(record.clock, record.createdAt);
  return { record, applied, lost };
}

function readClocked(record: StoredRecord, clockKey: string): unknown {
  const dot = clockKey.indexOf('.');
  if (dot < 0) return own(record, clockKey);
  const map = own(record, clockKey.slice(0, dot));
  return map !== null && typeof map === 'object' ? own(map as Record<string, unknown>, clockKey.slice(dot + 1)) : undefined;
}

/**
 * Merges two versions of one record. For fields no clock covers (server-managed ones such
 * as `authorId` and `updatedBy`), `authoritative` — the server's copy on a client — wins
 * unless it has no value.
 */
export function mergeRecords(local: StoredRecord, authoritative: StoredRecord, shape: MergeShape): StoredRecord {
  const merged: StoredRecord = copyRecord(authoritative, shape);
  for (const [key, value] of Object.entries(local)) {
    // Only fields no clock covers fall back to the local value; a clocked field that is null
    // on the authoritative side is a write like any other (found by the commutativity property).
    if (key === 'clock' || Object.hasOwn(local.clock, key) || Object.hasOwn(authoritative.clock, key) || shape.mapFields.includes(key)) continue;
    if (merged[key] === undefined || merged[key] === null) setOwn(merged, key, value);
  }
  for (const [clockKey, stamp] of Object.entries(local.clock)) {
    const theirs = own(authoritative.clock, clockKey);
    if (theirs !== undefined && theirs >= stamp) continue;
    setOwn(merged.clock, clockKey, stamp);
    const value = readClocked(local, clockKey);
    const dot = clockKey.indexOf('.');
    if (dot < 0) setOwn(merged, clockKey, value);
    else setOwn(writableMap(merged, clockKey.slice(0, dot)), clockKey.slice(dot + 1), value);
  }
  merged.createdAt = Math.min(local.createdAt, authoritative.createdAt);
  merged.updatedAt = maxWall(merged.clock, merged.createdAt);
  return merged;
}
