import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MIGRATIONS_FOLDER, dumpPglite, openDatabase, type ServerDatabase } from '../db/connect';

/**
 * Fresh, isolated databases for tests: in-memory PGlite always, and a throwaway PostgreSQL
 * database per test file when DATABASE_URL is set, so parallel test files never meet.
 */

export type DriverName = 'pglite' | 'postgres';

export const POSTGRES_URL = process.env.DATABASE_URL || undefined;

/** The drivers every server test runs on. */
export const TEST_DRIVERS: DriverName[] = POSTGRES_URL ? ['pglite', 'postgres'] : ['pglite'];

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    const path = join(MIGRATIONS_FOLDER, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(path));
  }
  return hash.digest('hex').slice(0, 16);
}

/** A migrated PGlite folder, dumped once per machine and schema, so each test database starts in well under a second. */
async function migratedPgliteSnapshot(): Promise<Blob> {
  const path = join(tmpdir(), `sidenote-pglite-${migrationsHash()}.tar.gz`);
  if (existsSync(path)) return new Blob([readFileSync(path)]);
  const database = await openDatabase({});
  try {
    const dump = await dumpPglite(database);
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(temporary, Buffer.from(await dump.arrayBuffer()));
    renameSync(temporary, path);
    return new Blob([readFileSync(path)]);
  } finally {
    await database.close();
  }
}

/**
 * A PGlite data folder that already holds the migrated schema, for tests of the command line
 * (which opens a folder, not a connection). Creating a fresh folder runs initdb and every
 * migration: about 15 s on a busy 2-core machine, against 3 s to unpack the snapshot.
 */
export async function migratedPgliteDataDir(prefix = 'sidenote-test-'): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const database = await openDatabase({ dataDir, pgliteSnapshot: await migratedPgliteSnapshot() });
  await database.close();
  return dataDir;
}

export interface TestDatabase extends ServerDatabase {
  driver: DriverName;
  /** Connection URL of the throwaway PostgreSQL database (for spawning server processes). */
  url: string | null;
}

export async function openTestDatabase(driver: DriverName): Promise<TestDatabase> {
  if (driver === 'pglite') {
    const database = await openDatabase({ pgliteSnapshot: await migratedPgliteSnapshot() });
    return Object.assign(database, { driver, url: null });
  }
  if (!POSTGRES_URL) throw new Error('DATABASE_URL is not set');
  const name = `sidenote_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const close = database.close.bind(database);
  return Object.assign(database, {
    driver,
    url: url.toString(),
    async close() {
      await close();
      const cleanup = new pg.Client({ connectionString: POSTGRES_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  });
}
