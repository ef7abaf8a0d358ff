/**
 * How an import merges a file into records people may have changed since the file was last
 * imported. Each record an import touches keeps a mark per field: what the file said and the
 * field's clock right after that import. Field clocks move on every write, local or pulled from
 * a teammate through sync, so "the clock is still the one the mark saw" means nobody changed the
 * field since: the file may update it. A field changed since keeps Sidenote's value unless the
 * rep chooses the file's for that kind of field. Pure: lib/db stores the marks.
 */
import type { Hlc } from '../schemas';
import type { ImportEntity, ImportFieldKey } from './fields';

export interface ImportedField {
  /** The value the file gave, as read (for domains, the file's list, not the merged one). */
  value: unknown;
  /** The field's clock stamp once that import was done; null when the field had none. */
  clock: Hlc | null;
}

/** What files said about one record, field by field. Local to the browser, never synced. */
export interface ImportMark {
  /** The record's id (UUIDv7, unique across entities). */
  id: string;
  entity: ImportEntity;
  fields: Record<string, ImportedField>;
}

/** For each kind of field, whether a value changed in Sidenote since the last import is kept. */
export type ConflictChoice = 'keep' | 'take';
export type ConflictChoices = Partial<Record<ImportFieldKey, ConflictChoice>>;

export type FieldDecision =
  /** The file says what Sidenote has. */
  | { kind: 'same' }
  /** Nobody changed the field since the file last set it (or it is blank): the file's value goes in. */
  | { kind: 'take' }
  /**
   * Sidenote's value was written after the file's last import, or never came from a file.
   * `fileChanged`: whether the file now says something else than it did last time; null when
   * no earlier import of this field is known.
   */
  | { kind: 'conflict'; fileChanged: boolean | null };

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** No value a rep could have meant: filling it overwrites nobody's work. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export interface FieldState {
  /** Sidenote's value now. */
  current: unknown;
  /** What writing the file's value would store (for domains, Sidenote's list plus the file's). */
  target: unknown;
  /** The file's own value, as remembered in the mark. */
  fileValue: unknown;
  /** The field's clock now; null when it has none. */
  clock: Hlc | null;
  mark: ImportedField | undefined;
  /** An earlier row of this same file already set the field: a later row may set it again. */
  setByThisImport: boolean;
}

export function decideField(state: FieldState): FieldDecision {
  if (sameValue(state.current, state.target)) return { kind: 'same' };
  if (state.setByThisImport) return { kind: 'take' };
  if (state.mark ? state.mark.clock === state.clock : isBlank(state.current)) return { kind: 'take' };
  return { kind: 'conflict', fileChanged: state.mark ? !sameValue(state.mark.value, state.fileValue) : null };
}

/** True when the stored mark already says this, so re-importing an unchanged file writes nothing. */
export function sameMark(a: ImportedField | undefined, b: ImportedField): boolean {
  return a !== undefined && a.clock === b.clock && sameValue(a.value, b.value);
}
