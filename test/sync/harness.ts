import { SidenoteDb } from '../../lib/db/database';
import { fromRow } from '../../lib/db/derived';
import { runSync, type RunSyncOptions } from '../../lib/sync/engine';
import type { StoredRecord } from '../../lib/sync/merge';
import { createTransport, type FetchLike } from '../../lib/sync/transport';
import { createApp, type AppOptions, type SidenoteApp } from '../../server/app';
import { silentLogger } from '../../server/http/request-log';
import { seedTeam } from '../../server/testing/fixtures';
import { openTestDatabase, type DriverName, type TestDatabase } from '../../server/testing/test-database';

/**
 * The real server app over a real (in-memory) database, and browser clients with their own
 * fake-indexeddb databases talking to it through `app.request` as their fetch.
 */

export const BASE_URL = 'http://sidenote.test';

let databaseCounter = 0;
export function uniqueDbName(label: string): string {
  return `sidenote-${label}-${process.pid}-${Date.now().toString(36)}-${databaseCounter++}`;
}

export interface Harness {
  database: TestDatabase;
  app: SidenoteApp;
  /** Replaces the app, as a server restart would (same database). */
  restart(options?: Partial<AppOptions>): Promise<void>;
  fetch: FetchLike;
  close(): Promise<void>;
}

export async function createHarness(driver: DriverName = 'pglite', appOptions: Partial<AppOptions> = {}): Promise<Harness> {
  const database = await openTestDatabase(driver);
  const harness: Harness = {
    database,
    app: createApp({ db: database, log: silentLogger, rateLimit: false, ...appOptions }),
    async restart(options = {}) {
      await harness.app.close();
      harness.app = createApp({ db: database, log: silentLogger, rateLimit: false, ...appOptions, ...options });
    },
    fetch: async (input, init) => harness.app.request(input, init),
    async close() {
      await harness.app.close();
      await database.close();
    },
  };
  return harness;
}

export interface TestClient {
  db: SidenoteDb;
  token: string;
  repId: string;
  /** Syncs through `fetch` (defaults to the harness app). */
  sync(options?: RunSyncOptions & { fetch?: FetchLike }): ReturnType<typeof runSync>;
  /** The records of one table as they sync (derived index fields removed), by id. */
  records(table: 'accounts' | 'contacts' | 'deals' | 'activities' | 'suggestionStates' | 'playbooks'): Promise<Map<string, StoredRecord>>;
}

export function createClient(harness: Harness, rep: { token: string; id: string }, label = 'client'): TestClient {
  const db = new SidenoteDb(uniqueDbName(label));
  return {
    db,
    token: rep.token,
    repId: rep.id,
    sync: ({ fetch, ...options } = {}) => runSync(db, createTransport({ baseUrl: BASE_URL, token: rep.token, fetch: fetch ?? harness.fetch }), options),
    async records(table) {
      const rows = (await db.table(table).toArray()) as StoredRecord[];
      return new Map(rows.map((row) => [row.id, fromRow(row)]));
    },
  };
}

export async function seedClients(harness: Harness, repNames: string[]) {
  const seeded = await seedTeam(harness.database.db, repNames);
  return { ...seeded, clients: seeded.reps.map((rep, index) => createClient(harness, rep, `rep${index}`)) };
}
