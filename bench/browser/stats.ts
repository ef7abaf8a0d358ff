/** Percentiles and the result rows every suite in bench-results/ is read into. */

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 2) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : null);

export interface ResultRow {
  /** Stable key, e.g. "browser.lookup.ui". */
  id: string;
  name: string;
  unit: 'ms' | 'KB' | 's';
  runs: number | null;
  p50: number | null;
  p95: number | null;
  max: number | null;
  /** For single numbers (a size, a total time). */
  value: number | null;
  /** The number compared with the target: p95 for timings, value for sizes. */
  target: number | null;
  targetOf: 'p95' | 'value' | null;
  /** measured / target: below 1 is within target. */
  ratio: number | null;
  pass: boolean | null;
  notes: string;
  /** The same work done the plainest way the browser allows, measured in the same run (p95, or value). */
  floor?: number | null;
  /** p95 (or value) ÷ the floor's: how much the product adds over the browser's own cost. */
  floorRatio?: number | null;
  /** The same ratio at p50, for timings. */
  floorRatioP50?: number | null;
}

export function timingRow(id: string, name: string, samples: readonly number[], target: number | null, notes: string): ResultRow {
  const p95 = percentile(samples, 95);
  return {
    id,
    name,
    unit: 'ms',
    runs: samples.length,
    p50: round(percentile(samples, 50)),
    p95: round(p95),
    max: round(samples.length ? Math.max(...samples) : Number.NaN),
    value: null,
    target,
    targetOf: target === null ? null : 'p95',
    ratio: target === null || !samples.length ? null : round(p95 / target, 3),
    pass: target === null || !samples.length ? null : p95 <= target,
    notes,
  };
}

export function valueRow(id: string, name: string, unit: ResultRow['unit'], value: number, target: number | null, notes: string): ResultRow {
  return {
    id,
    name,
    unit,
    runs: null,
    p50: null,
    p95: null,
    max: null,
    value: round(value),
    target,
    targetOf: target === null ? null : 'value',
    ratio: target === null ? null : round(value / target, 3),
    pass: target === null ? null : value <= target,
    notes,
  };
}

/** Sets a row's floor from the floor's samples (timings) or value, with the ratios. */
export function withFloor(row: ResultRow, floor: readonly number[] | number): ResultRow {
  if (typeof floor === 'number') {
    return { ...row, floor: round(floor), floorRatio: row.value === null ? null : round(row.value / floor, 2) };
  }
  const p95 = percentile(floor, 95);
  const p50 = percentile(floor, 50);
  return {
    ...row,
    floor: round(p95),
    floorRatio: row.p95 === null ? null : round(row.p95 / p95, 2),
    floorRatioP50: row.p50 === null ? null : round(row.p50 / p50, 2),
  };
}

function cell(value: number | null | undefined, unit = ''): string {
  return value === null || value === undefined ? '–' : `${value}${unit}`;
}

/** A plain-text table for the terminal. */
export function formatTable(rows: readonly ResultRow[]): string {
  const header = ['metric', 'runs', 'p50', 'p95 / value', 'target', 'ratio', 'verdict', 'floor', '× floor'];
  const lines = rows.map((row) => [
    row.name,
    cell(row.runs),
    cell(row.p50, row.p50 === null ? '' : ` ${row.unit}`),
    row.value !== null ? `${row.value} ${row.unit}` : cell(row.p95, row.p95 === null ? '' : ` ${row.unit}`),
    row.target === null ? '–' : `${row.targetOf === 'p95' ? 'p95 ≤ ' : '≤ '}${row.target} ${row.unit}`,
    row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`,
    row.pass === null ? 'no target' : row.pass ? 'within' : 'OVER',
    row.floor === null || row.floor === undefined ? '–' : `${row.floor} ${row.unit}`,
    row.floorRatio === null || row.floorRatio === undefined ? '–' : `${row.floorRatio}×${row.floorRatioP50 ? ` (p50 ${row.floorRatioP50}×)` : ''}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => [...line[i]!].length)));
  const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - [...text].length));
  return [header, header.map((_, i) => '-'.repeat(widths[i]!)), ...lines].map((line) => line.map((c, i) => pad(c, widths[i]!)).join('  ')).join('\n');
}
