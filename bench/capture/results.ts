/** Merges this suite's rows into bench-results/capture.json and prints them as a table. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatTable, type ResultRow } from '../browser/stats';

const RESULTS_FILE = path.resolve(import.meta.dirname, '../../bench-results/capture.json');

export function recordResults(rows: readonly ResultRow[]): void {
  let previous: ResultRow[] = [];
  try {
    previous = (JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { results: ResultRow[] }).results;
  } catch {
    previous = [];
  }
  const ids = new Set(rows.map((row) => row.id));
  const results = [...previous.filter((row) => !ids.has(row.id)), ...rows].sort((a, b) => a.id.localeCompare(b.id));
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ suite: 'capture', node: process.version, measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(formatTable(rows));
  console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
}
