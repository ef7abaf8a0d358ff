import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { v7 as uuidv7 } from 'uuid';
import type { Mutation } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { createApp, type SidenoteApp } from '../../server/app';
import { openDatabase, type ServerDatabase } from '../../server/db/connect';
import { silentLogger } from '../../server/http/request-log';
import { applyPush } from '../../server/sync/apply-push';
import { accountFields, seedTeam } from '../../server/testing/fixtures';

/** Shared setup for the sync benchmarks: a real server on loopback over a real database. */

export const QUICK = process.env.SIDENOTE_BENCH_QUICK === '1';
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;

export type Driver = 'pglite' | 'postgres';

export interface BenchServer {
  driver: Driver;
  database: ServerDatabase;
  app: SidenoteApp;
  /** http://127.0.0.1:<port> */
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite on disk in a temporary folder (as `npm run server` runs it), or a throwaway database
 * on the PostgreSQL server of DATABASE_URL.
 */
export async function startBenchServer(driver: Driver): Promise<BenchServer> {
  let database: ServerDatabase;
  let cleanup: () => Promise<void>;
  if (driver === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sidenote-bench-'));
    database = await openDatabase({ dataDir });
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    if (!POSTGRES_URL) throw new Error('DATABASE_URL is not set');
    const { default: pg } = await import('pg');
    const name = `sidenote_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    await admin.end();
    const url = new URL(POSTGRES_URL);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 8 });
    cleanup = async () => {
      const drop = new pg.Client({ connectionString: POSTGRES_URL });
      await drop.connect();
      await drop.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await drop.end();
    };
  }
  const app = createApp({ db: database, log: silentLogger, rateLimit: false });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    driver,
    database,
    app,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await database.close();
      await cleanup();
    },
  };
}

/** Writes `count` accounts for the team straight through the push path, in batches of 500. */
export async function seedAccounts(database: ServerDatabase, teamId: string, repId: string, count: number): Promise<void> {
  const node = 'benchseed001';
  let wallMs = Date.now() - 24 * 60 * 60_000;
  for (let start = 0; start < count; start += 500) {
    const mutations: Mutation[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      mutations.push({
        id: uuidv7(),
        entity: 'account',
        recordId: uuidv7(),
        patch: accountFields({ name: `Account ${i} Holdings`, domains: [`account${i}.example`], industry: i % 3 ? 'Logistics' : 'Retail', stage: 'qualified' }),
        hlc: formatHlc({ wallMs: wallMs++, counter: 0, node }),
      });
    }
    const outcome = await applyPush(database.db, { actor: { teamId, repId }, clientId: node, mutations, nowMs: Date.now() });
    if (!outcome.ok) throw new Error(`seeding failed: ${JSON.stringify(outcome.rejected.slice(0, 2))}`);
  }
  // A serving process would have analyzed along the way (see ServerDatabase.noteWrites).
  await database.maintain();
}

export { seedTeam };

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A result row in the shape scripts/bench.mjs reads. */
export interface ResultRow {
  id: string;
  name: string;
  unit: string;
  runs?: number;
  p50?: number;
  p95?: number;
  value?: number;
  target?: number;
  targetOf?: 'p95' | 'value';
  /** measured ÷ target for "at most" targets, target ÷ measured for "at least" ones: ≤ 1 is good. */
  ratio?: number;
  pass?: boolean;
  notes?: string;
}

/** A throughput row: more is better, so pass and ratio are stated rather than inferred. */
export function atLeast(row: Omit<ResultRow, 'ratio' | 'pass' | 'targetOf'> & { value: number; target: number }): ResultRow {
  return { ...row, targetOf: 'value', ratio: round(row.target / row.value, 3), pass: row.value >= row.target };
}

const RESULTS_DIR = path.resolve(import.meta.dirname, '../../bench-results');

/** Prints the rows and writes bench-results/<file>.json, keeping rows of the same file this run did not produce. */
export function writeResults(file: string, rows: ResultRow[], extra: Record<string, unknown> = {}): void {
  const target = path.join(RESULTS_DIR, `${file}.json`);
  let previous: ResultRow[] = [];
  try {
    previous = (JSON.parse(readFileSync(target, 'utf8')) as { results: ResultRow[] }).results;
  } catch {
    previous = [];
  }
  const ids = new Set(rows.map((row) => row.id));
  const results = [...previous.filter((row) => !ids.has(row.id)), ...rows];
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(
    target,
    `${JSON.stringify({ suite: 'sync', node: process.version, machine: { cpus: cpus().length, model: cpus()[0]?.model }, measuredAt: new Date().toISOString(), quick: QUICK, ...extra, results }, null, 2)}\n`,
  );
  console.table(
    rows.map((row) => ({
      metric: row.name,
      ...(row.p50 !== undefined ? { p50: `${row.p50} ${row.unit}` } : {}),
      'p95 / value': `${row.p95 ?? row.value} ${row.unit}`,
      target: row.target === undefined ? '–' : `${row.targetOf === 'value' && row.unit.endsWith('/s') ? '≥' : '≤'} ${row.target} ${row.unit}`,
      verdict: row.pass === undefined ? '–' : row.pass ? 'pass' : 'OVER',
    })),
  );
  console.log(`Written to ${path.relative(process.cwd(), target)}`);
}

/** Drivers to measure: PGlite always, PostgreSQL when DATABASE_URL is set. */
export function benchDrivers(): Driver[] {
  if (!POSTGRES_URL) console.log('DATABASE_URL is not set: measuring PGlite only.');
  return POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];
}
