import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** A tiny timing harness: warm up, time each run, report percentiles against a target. */

export interface BenchResult {
  name: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  targetP95Ms: number;
  pass: boolean;
  notes: string;
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function measure(name: string, run: () => unknown, options: { runs: number; warmup: number; targetP95Ms: number; notes: string }): BenchResult {
  let sink = 0;
  for (let i = 0; i < options.warmup; i++) sink += Number(Boolean(run()));
  const times: number[] = [];
  for (let i = 0; i < options.runs; i++) {
    const start = performance.now();
    const result = run();
    times.push(performance.now() - start);
    sink += Number(Boolean(result));
  }
  // Keeps the engine from discarding the work as unused.
  if (sink < 0) console.log(sink);
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  const p95Ms = round(percentile(times, 95));
  return {
    name,
    runs: options.runs,
    p50Ms: round(percentile(times, 50)),
    p95Ms,
    maxMs: round(times[times.length - 1]!),
    targetP95Ms: options.targetP95Ms,
    pass: p95Ms <= options.targetP95Ms,
    notes: options.notes,
  };
}

const RESULTS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../bench-results/funnel.json');

/** Prints a table and merges these results into bench-results/funnel.json (other funnel benches keep theirs). */
export function report(results: BenchResult[]): void {
  console.table(results.map(({ name, runs, p50Ms, p95Ms, maxMs, targetP95Ms, pass }) => ({ name, runs, p50Ms, p95Ms, maxMs, targetP95Ms, pass: pass ? 'yes' : 'NO' })));
  let existing: { results?: BenchResult[] } = {};
  try {
    existing = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as { results?: BenchResult[] };
  } catch {
    existing = {};
  }
  const byName = new Map((existing.results ?? []).map((result) => [result.name, result]));
  for (const result of results) byName.set(result.name, result);
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  const merged = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  writeFileSync(
    RESULTS_FILE,
    `${JSON.stringify({ suite: 'funnel', node: process.version, measuredAt: new Date().toISOString(), results: merged }, null, 2)}\n`,
  );
  console.log(`wrote ${RESULTS_FILE}`);
  // Over target is a number in the table, not a failure: `npm run bench` reports a non-zero exit as a crashed benchmark.
}
