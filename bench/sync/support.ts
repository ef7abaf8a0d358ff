import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { v7 as uuidv7 } from 'uuid';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type Mutation } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { openDatabase, type ServerDatabase } from '../../server/db/connect';
import { accountFields, seedTeam } from '../../server/testing/fixtures';

/** Shared setup for the sync benchmarks: a real server process on loopback over a real database. */

export const QUICK = process.env.SIDENOTE_BENCH_QUICK === '1';
export const POSTGRES_URL = process.env.DATABASE_URL || undefined;

export type Driver = 'pglite' | 'postgres';

export interface BenchTeam {
  id: string;
  repId: string;
  token: string;
}

export interface BenchServer {
  driver: Driver;
  /** http://127.0.0.1:<port> */
  url: string;
  teams: BenchTeam[];
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The server as it is deployed: its own process (`server/main.ts serve`), so the client
 * under test and the server each get a core, over PGlite on disk in a temporary folder or a
 * throwaway database on the PostgreSQL of DATABASE_URL. Teams and reps are created first,
 * through the admin functions, before the server takes the database.
 */
export interface BenchServerOptions {
  teams?: number;
  /** Page origins the server answers CORS requests from (SIDENOTE_CORS_ORIGINS), besides extensions. */
  corsOrigins?: string[];
  /**
   * Run with the deployed defaults: the rate limit on and a JSON log line per request (drained).
   * Off by default because the ingest benchmarks push far beyond a rep's rate on purpose.
   */
  asDeployed?: boolean;
}

/** Teams each script may take from a shared server (push-ingest uses the most: 4). */
export const SHARED_TEAMS_PER_SLOT = 4;

/**
 * A server `npm run bench` started once for the sync scripts (`bench/sync/shared-servers.ts`):
 * on a loaded 2-core machine starting one (PGlite twice, the server compiled by tsx) took
 * minutes, more than most measurements. Each script gets its own teams (its slot), so no
 * script reads another's records. Servers with other settings (as deployed, CORS) start alone.
 */
function sharedServer(driver: Driver, options: BenchServerOptions): BenchServer | null {
  const shared = process.env.SIDENOTE_BENCH_SERVERS;
  if (!shared || options.asDeployed || options.corsOrigins?.length) return null;
  const entry = (JSON.parse(shared) as Partial<Record<Driver, { url: string; teams: BenchTeam[] }>>)[driver];
  const wanted = options.teams ?? 1;
  if (!entry || wanted > SHARED_TEAMS_PER_SLOT) return null;
  const slot = Number(process.env.SIDENOTE_BENCH_TEAM_SLOT ?? 0);
  // Two entries per team: [rep, teammate].
  const teams = entry.teams.slice(slot * SHARED_TEAMS_PER_SLOT * 2, (slot * SHARED_TEAMS_PER_SLOT + wanted) * 2);
  if (teams.length < wanted * 2) return null;
  return { driver, url: entry.url, teams, close: async () => undefined };
}

export async function startBenchServer(driver: Driver, options: BenchServerOptions = {}): Promise<BenchServer> {
  const shared = sharedServer(driver, options);
  if (shared) return shared;
  let location: string[];
  let cleanup: () => Promise<void>;
  let database: ServerDatabase;
  if (driver === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sidenote-bench-'));
    database = await openDatabase({ dataDir });
    location = ['--data-dir', dataDir];
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
    database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
    location = ['--database-url', url.toString()];
    cleanup = async () => {
      const drop = new pg.Client({ connectionString: POSTGRES_URL });
      await drop.connect();
      await drop.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      await drop.end();
    };
  }
  const teams: BenchTeam[] = [];
  for (let i = 0; i < (options.teams ?? 1); i++) {
    const seeded = await seedTeam(database.db, ['Bench Rep', 'Bench Teammate'], `Bench team ${i}`);
    teams.push({ id: seeded.team.id, repId: seeded.reps[0]!.id, token: seeded.reps[0]!.token });
    teams.push({ id: seeded.team.id, repId: seeded.reps[1]!.id, token: seeded.reps[1]!.token });
  }
  await database.close();

  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', '--port', '0', ...location], {
    cwd: REPO_ROOT,
    // DATABASE_URL would win over --data-dir: the PGlite server must not see it.
    env: {
      ...process.env,
      DATABASE_URL: '',
      SIDENOTE_CORS_ORIGINS: (options.corsOrigins ?? []).join(','),
      ...(options.asDeployed ? { SIDENOTE_LOG: 'json', SIDENOTE_RATE_LIMIT_PER_MINUTE: '', SIDENOTE_RATE_LIMIT_BURST: '' } : { SIDENOTE_LOG: 'silent', SIDENOTE_RATE_LIMIT_PER_MINUTE: '0' }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    let found = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      // After the address, the request log is read and dropped, as a log shipper would.
      if (found) return;
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) {
        found = true;
        resolve(match[0]);
      }
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${output}`)));
  });
  return {
    driver,
    url,
    // Every other entry is the teammate of the one before: [rep, teammate, rep, teammate, ...].
    teams,
    async close() {
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      await cleanup();
    },
  };
}

/** Pushes `count` new accounts through the API in batches of 500, as a browser would. */
export async function seedAccounts(url: string, token: string, count: number): Promise<void> {
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
    const response = await fetch(`${url}/v1/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId: node, mutations }),
    });
    if (response.status !== 200) throw new Error(`seeding failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
  }
}


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
  /** The same work done the plainest way, measured in the same run; floorRatio = value ÷ floor. */
  floor?: number;
  floorRatio?: number;
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
      'p95 / value': row.p95 === undefined && row.value === undefined ? '–' : `${row.p95 ?? row.value} ${row.unit}`,
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
