import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { schema } from './schema';

/**
 * Opens the server's database: embedded PGlite in a folder (or in memory) by default, or
 * PostgreSQL through node-postgres when a connection URL is given. Both get the same
 * Drizzle schema and the same migrations, applied here on open.
 */

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
export type Queryable = Database | Transaction;

/** Channel every server process LISTENs on; payloads name the team and its new sequence. */
export const CHANGES_CHANNEL = 'sidenote_changes';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface ListenHandlers {
  onPayload: (payload: string) => void;
  /** The listener was down and is back: notifications in between may be lost. */
  onReconnect: () => void;
}

export interface ServerDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs (never a password). */
  location: string;
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /**
   * Tells the database how many rows a request changed. PostgreSQL's autovacuum needs no help;
   * embedded PGlite has no autovacuum, so it refreshes planner statistics itself: without
   * them, paging a large team falls back to sorting every remaining row for each page.
   */
  noteWrites(rows: number): void;
  /** Vacuums and analyzes now (after bulk loads, before measuring). */
  maintain(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://... to use PostgreSQL; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; omitted means in memory. */
  dataDir?: string | undefined;
  /** A PGlite data folder dump (tar.gz) to start from instead of running initdb; tests use it. */
  pgliteSnapshot?: Blob | undefined;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number | undefined;
  migrate?: boolean;
}

/** Rows of a raw `execute` on either driver. */
export function rowsOf<Row>(result: unknown): Row[] {
  return (result as { rows: Row[] }).rows;
}

export async function queryRows<Row>(db: Queryable, query: SQL): Promise<Row[]> {
  return rowsOf<Row>(await db.execute(query));
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

// Any constant works; it only has to be the same in every server process.
const MIGRATION_LOCK_KEY = 7_163_501_118;

async function openPostgres(options: OpenDatabaseOptions & { databaseUrl: string }): Promise<ServerDatabase> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
  let closing = false;
  // An idle client that loses its connection must not crash the process; once closing,
  // connections torn down under us are expected and not worth a log line.
  pool.on('error', (error) => {
    if (!closing) console.error(JSON.stringify({ level: 'error', msg: 'database pool error', error: error.message }));
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Database;
  if (options.migrate !== false) {
    // Several processes may start at once on one database: only one migrates at a time.
    const lock = await pool.connect();
    try {
      await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      lock.release();
    }
  }
  const listeners = new Set<pg.Client>();
  return {
    db,
    kind: 'postgres',
    location: describeUrl(options.databaseUrl),
    async listen(channel, handlers) {
      let stopped = false;
      let client: pg.Client | null = null;
      let retryMs = 250;
      const connect = async (isReconnect: boolean): Promise<void> => {
        if (stopped) return;
        const next = new pg.Client({ connectionString: options.databaseUrl });
        next.on('notification', (message) => {
          if (message.channel === channel && message.payload !== undefined) handlers.onPayload(message.payload);
        });
        const reconnect = () => {
          if (stopped || client !== next) return;
          client = null;
          listeners.delete(next);
          next.end().catch(() => undefined);
          setTimeout(() => void connect(true), retryMs);
          retryMs = Math.min(retryMs * 2, 10_000);
        };
        next.on('error', reconnect);
        next.on('end', reconnect);
        client = next;
        listeners.add(next);
        try {
          await next.connect();
          await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          retryMs = 250;
          if (isReconnect) handlers.onReconnect();
        } catch (error) {
          if (!isReconnect) {
            stopped = true;
            throw error;
          }
          reconnect();
        }
      };
      await connect(false);
      return async () => {
        stopped = true;
        const current = client;
        client = null;
        if (current) {
          listeners.delete(current);
          await current.end().catch(() => undefined);
        }
      };
    },
    noteWrites() {
      // Autovacuum keeps statistics fresh on a PostgreSQL server.
    },
    async maintain() {
      await pool.query('vacuum analyze');
    },
    async close() {
      closing = true;
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      await pool.end();
    },
  };
}

/**
 * Automatic maintenance on PGlite, shaped like PostgreSQL's autovacuum defaults: ANALYZE once
 * the rows changed since the last one exceed a base plus a share of the table, VACUUM likewise
 * with a larger share. Fixed thresholds would re-analyze a large table on every push.
 */
const PGLITE_ANALYZE_BASE_ROWS = 1_000;
const PGLITE_ANALYZE_SHARE = 0.1;
const PGLITE_VACUUM_BASE_ROWS = 20_000;
const PGLITE_VACUUM_SHARE = 0.2;

async function openPglite(options: OpenDatabaseOptions): Promise<ServerDatabase> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const client = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
  });
  await client.waitReady;
  const db = drizzlePglite({ client, schema });
  if (options.migrate !== false) await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
  let sinceAnalyze = 0;
  let sinceVacuum = 0;
  const [estimate] = (
    await client.query<{ rows: number | null }>(`select sum(greatest(reltuples, 0))::float8 as rows from pg_class where relname in ('records', 'applied_mutations')`)
  ).rows;
  let knownRows = estimate?.rows ?? 0;
  let maintaining: Promise<void> | null = null;
  const runMaintenance = (vacuum: boolean) => {
    sinceAnalyze = 0;
    if (vacuum) sinceVacuum = 0;
    maintaining ??= client
      .exec(vacuum ? 'vacuum analyze' : 'analyze')
      .then(() => undefined)
      .catch((error: unknown) => console.error(JSON.stringify({ level: 'error', msg: 'database maintenance failed', error: String(error) })))
      .finally(() => {
        maintaining = null;
      });
    return maintaining;
  };
  return {
    db: db as unknown as Database,
    kind: 'pglite',
    location: options.dataDir ? `PGlite in ${options.dataDir}` : 'PGlite in memory',
    async listen(channel, handlers) {
      // PGlite is in-process, so its notifications cannot be lost to a dropped connection.
      const unlisten = await client.listen(channel, handlers.onPayload);
      return async () => {
        if (!client.closed) await unlisten();
      };
    },
    noteWrites(rows) {
      sinceAnalyze += rows;
      sinceVacuum += rows;
      knownRows += rows;
      if (client.closed || maintaining) return;
      if (sinceVacuum >= PGLITE_VACUUM_BASE_ROWS + PGLITE_VACUUM_SHARE * knownRows) void runMaintenance(true);
      else if (sinceAnalyze >= PGLITE_ANALYZE_BASE_ROWS + PGLITE_ANALYZE_SHARE * knownRows) void runMaintenance(false);
    },
    async maintain() {
      await maintaining;
      await runMaintenance(true);
    },
    async close() {
      await maintaining;
      if (!client.closed) await client.close();
    },
  };
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<ServerDatabase> {
  if (options.databaseUrl) return openPostgres({ ...options, databaseUrl: options.databaseUrl });
  return openPglite(options);
}

/** A migrated PGlite data folder as a tarball, so tests can start fresh databases in well under a second. */
export async function dumpPglite(database: ServerDatabase): Promise<Blob> {
  if (database.kind !== 'pglite') throw new Error('Only a PGlite database can be dumped');
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('gzip') as Promise<Blob>;
}
