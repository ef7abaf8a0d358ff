import type * as z from 'zod';
import { ENTITIES, MAX_MAP_FIELD_KEYS, META_FIELDS, describeUnstorableText, type EntityName } from '../schemas';

/**
 * Patch validation, the schema boundary both the browser (before a write is stored) and the
 * server (before a push is applied) run. Every key and value of a patch is hostile until it
 * passes: keys are looked up only as own properties (never `constructor` or `__proto__` off a
 * prototype), strings must be storable, and sizes are bounded before anything costs more
 * than a pass over the keys.
 */

/** Fields the server sets; a client patch that names one is refused. */
export const SERVER_MANAGED_FIELDS = ['authorId'] as const;

/**
 * Entities only the team's admin writes, with the server's CLI (`playbook set`): the team
 * playbook decides every rep's suggestions, so a rep's push that creates or changes one is
 * refused, and the browser never queues such a write.
 */
export const ADMIN_WRITTEN_ENTITIES: readonly EntityName[] = ['playbook'];

/** One refusal lists at most this many problems, then says how many more there were. */
export const MAX_PATCH_ISSUES_LISTED = 20;
/** Longest field name (or `map.key`) a patch may use. */
export const MAX_PATCH_KEY_LENGTH = 128;
/** Values nest this deep at most (a fact, a stage change, a health object are one or two). */
const MAX_VALUE_DEPTH = 8;
const MAP_KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
/**
 * Names an ordinary object inherits (`constructor`, `toString`, `__proto__`...). None is a
 * field or a map key; as keys they would reach prototype lookups, so they are refused anywhere.
 */
const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

export interface PatchIssue {
  field: string;
  message: string;
}

export type PatchParseResult =
  | { ok: true; patch: Record<string, unknown> }
  | { ok: false; issues: PatchIssue[] };

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** A key as it can be shown: escaped (a NUL is `\u0000`) and short. */
export function printableKey(key: string): string {
  const escaped = JSON.stringify(key).slice(1, -1);
  return escaped.length > 64 ? `${escaped.slice(0, 60)}…` : escaped;
}

/** Collects problems up to the listing limit and counts the rest. */
class IssueList {
  readonly listed: PatchIssue[] = [];
  unlisted = 0;

  add(field: string, message: string): void {
    if (this.listed.length < MAX_PATCH_ISSUES_LISTED) this.listed.push({ field, message });
    else this.unlisted++;
  }

  get count(): number {
    return this.listed.length + this.unlisted;
  }

  result(): PatchIssue[] {
    if (!this.unlisted) return this.listed;
    return [...this.listed, { field: '', message: `and ${this.unlisted.toLocaleString('en')} more problem${this.unlisted === 1 ? '' : 's'}` }];
  }
}

/**
 * The first problem in a value that no schema sees on its own: a string that cannot be stored,
 * an inherited name used as a key, or nesting deeper than any field has. Walks the value once.
 */
function findUnstorable(value: unknown, path: string, depth: number): PatchIssue | null {
  if (typeof value === 'string') {
    const problem = describeUnstorableText(value);
    return problem ? { field: path, message: problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth >= MAX_VALUE_DEPTH) return { field: path, message: `is nested more than ${MAX_VALUE_DEPTH} levels deep; no field is` };
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnstorable(value[index], `${path}.${index}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const where = `${path}.${printableKey(key)}`;
    if (INHERITED_NAMES.has(key)) return { field: where, message: `"${key}" cannot be used as a key` };
    const keyProblem = describeUnstorableText(key);
    if (keyProblem) return { field: where, message: `the key ${keyProblem}` };
    const found = findUnstorable((value as Record<string, unknown>)[key], where, depth + 1);
    if (found) return found;
  }
  return null;
}

function ownEntry<T>(object: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

function isManagedField(key: string): boolean {
  return (META_FIELDS as readonly string[]).includes(key) || (SERVER_MANAGED_FIELDS as readonly string[]).includes(key);
}

/**
 * Checks every field of a patch against the entity's schema and returns the normalised
 * values (trimmed, lower-cased emails, lower-case ids...). Unknown fields, meta fields and
 * server-managed fields are refused by name so the caller can say exactly what was wrong.
 */
export function parsePatch(entity: EntityName, patch: Record<string, unknown>): PatchParseResult {
  const definition = ENTITIES[entity];
  const shape = definition.fields.shape as Record<string, z.ZodType>;
  const mapFields = Object.keys(definition.mapFields);
  const keys = Object.keys(patch);
  if (keys.length === 0) return { ok: false, issues: [{ field: '', message: 'the patch sets no field' }] };
  // Refused before any per-key work: no valid patch is longer than every field plus full maps
  // (with room for a few wrong keys, which are then named one by one).
  const maxKeys = Object.keys(shape).length + mapFields.length * MAX_MAP_FIELD_KEYS + MAX_PATCH_ISSUES_LISTED;
  if (keys.length > maxKeys) {
    return {
      ok: false,
      issues: [{ field: '', message: `the patch sets ${keys.length.toLocaleString('en')} fields; a ${entity} has ${Object.keys(shape).length} fields${mapFields.length ? ` and at most ${MAX_MAP_FIELD_KEYS} keys in ${mapFields.join(', ')}` : ''}` }],
    };
  }
  const issues = new IssueList();
  // Built without a prototype: a key reaching it is data, never an inherited property.
  const parsed = Object.create(null) as Record<string, unknown>;
  const mapKeysSet = new Map<string, number>();
  for (const key of keys) {
    const value = patch[key];
    if (key.length > MAX_PATCH_KEY_LENGTH) {
      issues.add(printableKey(key), `field names are at most ${MAX_PATCH_KEY_LENGTH} characters`);
      continue;
    }
    const keyProblem = describeUnstorableText(key);
    if (keyProblem) {
      issues.add(printableKey(key), `the field name ${keyProblem}`);
      continue;
    }
    const dot = key.indexOf('.');
    if (dot > 0) {
      const field = key.slice(0, dot);
      const mapKey = key.slice(dot + 1);
      const valueSchema = ownEntry(definition.mapFields, field);
      if (!valueSchema || !MAP_KEY.test(mapKey)) {
        issues.add(key, `${entity} has no map field entry "${key}"`);
        continue;
      }
      if (INHERITED_NAMES.has(mapKey)) {
        issues.add(key, `"${mapKey}" cannot be a key of ${field}; choose another name`);
        continue;
      }
      mapKeysSet.set(field, (mapKeysSet.get(field) ?? 0) + 1);
      const unstorable = findUnstorable(value, key, 0);
      if (unstorable) {
        issues.add(unstorable.field, unstorable.message);
        continue;
      }
      const result = valueSchema.safeParse(value);
      if (result.success) parsed[key] = result.data;
      else issues.add(key, describe(result.error));
      continue;
    }
    if (isManagedField(key)) {
      issues.add(key, `"${key}" is set by the server and cannot be written`);
      continue;
    }
    const fieldSchema = ownEntry(shape, key);
    if (!fieldSchema) {
      issues.add(printableKey(key), `${entity} has no field "${printableKey(key)}"`);
      continue;
    }
    if (mapFields.includes(key) && value !== null && typeof value === 'object') {
      const size = Object.keys(value).length;
      mapKeysSet.set(key, (mapKeysSet.get(key) ?? 0) + size);
      // Counted before the value is parsed, so a map of 60,000 keys costs one pass over them.
      if (size > MAX_MAP_FIELD_KEYS) {
        issues.add(key, `holds ${size.toLocaleString('en')} keys; a ${entity} holds at most ${MAX_MAP_FIELD_KEYS}`);
        continue;
      }
    }
    const unstorable = findUnstorable(value, key, 0);
    if (unstorable) {
      issues.add(unstorable.field, unstorable.message);
      continue;
    }
    const result = fieldSchema.safeParse(value);
    if (result.success) parsed[key] = result.data;
    else issues.add(key, describe(result.error));
  }
  for (const [field, count] of mapKeysSet) {
    if (count > MAX_MAP_FIELD_KEYS) issues.add(field, `this change sets ${count.toLocaleString('en')} keys of ${field}; a ${entity} holds at most ${MAX_MAP_FIELD_KEYS}`);
  }
  return issues.count ? { ok: false, issues: issues.result() } : { ok: true, patch: parsed };
}

/** Validates a whole record after a merge: cross-field rules and map sizes live here. */
export function checkRecord(entity: EntityName, record: unknown): { ok: true } | { ok: false; issues: PatchIssue[] } {
  const definition = ENTITIES[entity];
  if (record !== null && typeof record === 'object') {
    for (const field of Object.keys(definition.mapFields)) {
      const map = (record as Record<string, unknown>)[field];
      const size = map !== null && typeof map === 'object' ? Object.keys(map).length : 0;
      if (size > MAX_MAP_FIELD_KEYS) {
        return { ok: false, issues: [{ field, message: `would hold ${size.toLocaleString('en')} keys; a ${entity} holds at most ${MAX_MAP_FIELD_KEYS}` }] };
      }
    }
  }
  const result = definition.record.safeParse(record);
  if (result.success) return { ok: true };
  const issues = new IssueList();
  for (const issue of result.error.issues) issues.add(issue.path.join('.'), issue.message);
  return { ok: false, issues: issues.result() };
}

export function mergeShapeOf(entity: EntityName): { mapFields: string[] } {
  return { mapFields: Object.keys(ENTITIES[entity].mapFields) };
}
