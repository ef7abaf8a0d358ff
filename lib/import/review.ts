/**
 * What the preview shows before an import: the fields Sidenote changed since the file was last
 * imported, grouped by kind so the rep decides once per kind; the bad cells, grouped the same
 * way; and how stage changes will be dated. Pure, shared by lib/db and the import screen.
 */
import { IMPORT_FIELD_KEYS, type ColumnMapping, type ImportFieldKey } from './fields';
import type { FieldConflict } from './plan';
import type { RowError } from './rows';

/** Examples shown per kind of conflict or bad cell; the counts are exact. */
const EXAMPLES_PER_GROUP = 3;

/** The fields of one kind that Sidenote changed since the file last set them, and the file now gives otherwise. */
export interface ConflictGroup {
  field: ImportFieldKey;
  /** Records (each counted once, however many rows repeat it). */
  count: number;
  /** Of those, how many the file itself changed since its last import. */
  fileChanged: number;
  /** How many took the file's value (the rep chose so for this kind). */
  taken: number;
  examples: FieldConflict[];
}

/** The bad cells of one kind of field. */
export interface BadCellGroup {
  field: ImportFieldKey;
  column: string | null;
  count: number;
  examples: RowError[];
}

export function groupConflicts(conflicts: Iterable<FieldConflict>): ConflictGroup[] {
  const groups = new Map<ImportFieldKey, ConflictGroup>();
  for (const conflict of conflicts) {
    let group = groups.get(conflict.field);
    if (!group) groups.set(conflict.field, (group = { field: conflict.field, count: 0, fileChanged: 0, taken: 0, examples: [] }));
    group.count++;
    if (conflict.fileChanged) group.fileChanged++;
    if (conflict.taken) group.taken++;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push(conflict);
  }
  return [...groups.values()].sort((a, b) => IMPORT_FIELD_KEYS.indexOf(a.field) - IMPORT_FIELD_KEYS.indexOf(b.field));
}

export function groupBadCells(cells: readonly RowError[]): BadCellGroup[] {
  const groups = new Map<ImportFieldKey, BadCellGroup>();
  for (const cell of cells) {
    if (cell.field === null) continue;
    let group = groups.get(cell.field);
    if (!group) groups.set(cell.field, (group = { field: cell.field, column: cell.column, count: 0, examples: [] }));
    group.count++;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push(cell);
  }
  return [...groups.values()].sort((a, b) => IMPORT_FIELD_KEYS.indexOf(a.field) - IMPORT_FIELD_KEYS.indexOf(b.field));
}

/** Where the date of a stage change comes from, for the preview to say. */
export type StageDateSource =
  | { kind: 'none' }
  | { kind: 'column'; columns: string[] }
  | { kind: 'closeDate'; column: string }
  | { kind: 'importTime' };

/**
 * How stage changes from this mapping are dated (lib/import/plan.ts): a stage-date column where
 * the file has one, else a won or lost deal's close date, else the time of the import.
 */
export function stageDateSource(mapping: ColumnMapping, header: readonly string[]): StageDateSource {
  const columnOf = (key: ImportFieldKey) => {
    const index = mapping.indexOf(key);
    return index >= 0 ? header[index] || `#${index + 1}` : null;
  };
  const stages = (['account.stage', 'deal.stage'] as const).filter((key) => columnOf(key) !== null);
  if (stages.length === 0) return { kind: 'none' };
  const dates = stages.map((key) => columnOf(key === 'deal.stage' ? 'deal.stageDate' : 'account.stageDate'));
  if (dates.every((column) => column !== null)) return { kind: 'column', columns: dates as string[] };
  const closeDate = columnOf('deal.expectedCloseDate');
  if (stages.includes('deal.stage') && closeDate && dates[stages.indexOf('deal.stage')] === null) return { kind: 'closeDate', column: closeDate };
  return { kind: 'importTime' };
}
