import type * as z from 'zod';
import { ENTITIES, META_FIELDS, type EntityName } from '../schemas';

/** Fields the server sets; a client patch that names one is refused. */
export const SERVER_MANAGED_FIELDS = ['authorId'] as const;

export interface PatchIssue {
  field: string;
  message: string;
}

export type PatchParseResult =
  | { ok: true; patch: Record<string, unknown> }
  | { ok: false; issues: PatchIssue[] };

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Checks every field of a patch against the entity's schema and returns the normalised
 * values (trimmed, lower-cased emails...). Unknown fields, meta fields and server-managed
 * fields are refused by name so the caller can say exactly what was wrong.
 */
export function parsePatch(entity: EntityName, patch: Record<string, unknown>): PatchParseResult {
  const definition = ENTITIES[entity];
  const shape = definition.fields.shape as Record<string, z.ZodType>;
  const issues: PatchIssue[] = [];
  const parsed: Record<string, unknown> = {};
  const keys = Object.keys(patch);
  if (keys.length === 0) issues.push({ field: '', message: 'the patch sets no field' });
  for (const key of keys) {
    const value = patch[key];
    const dot = key.indexOf('.');
    if (dot > 0) {
      const field = key.slice(0, dot);
      const valueSchema = definition.mapFields[field];
      const mapKey = key.slice(dot + 1);
      if (!valueSchema || !/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/.test(mapKey)) {
        issues.push({ field: key, message: `${entity} has no map field entry "${key}"` });
        continue;
      }
      const result = valueSchema.safeParse(value);
      if (result.success) parsed[key] = result.data;
      else issues.push({ field: key, message: describe(result.error) });
      continue;
    }
    if ((META_FIELDS as readonly string[]).includes(key) || (SERVER_MANAGED_FIELDS as readonly string[]).includes(key)) {
      issues.push({ field: key, message: `"${key}" is set by the server and cannot be written` });
      continue;
    }
    const fieldSchema = shape[key];
    if (!fieldSchema) {
      issues.push({ field: key, message: `${entity} has no field "${key}"` });
      continue;
    }
    const result = fieldSchema.safeParse(value);
    if (result.success) parsed[key] = result.data;
    else issues.push({ field: key, message: describe(result.error) });
  }
  return issues.length ? { ok: false, issues } : { ok: true, patch: parsed };
}

/** Validates a whole record after a merge: cross-field rules live here. */
export function checkRecord(entity: EntityName, record: unknown): { ok: true } | { ok: false; issues: PatchIssue[] } {
  const result = ENTITIES[entity].record.safeParse(record);
  if (result.success) return { ok: true };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  };
}

export function mergeShapeOf(entity: EntityName): { mapFields: string[] } {
  return { mapFields: Object.keys(ENTITIES[entity].mapFields) };
}
