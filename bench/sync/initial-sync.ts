/**
 * Initial sync of 50,000 accounts to a fresh client over loopback from a server process: target ≤ 5 s.
 * Also reports the time until the first page is committed (the sidebar is usable then) and
 * the pull alone without storing (server + network). The client stores into fake-indexeddb
 * under Node, far slower than a browser's IndexedDB: runInitialSyncClient() is exported for
 * a run in Chromium.
 * Run: npx tsx bench/sync/initial-sync.ts
 */
import 'fake-indexeddb/auto';
import { MAX_PULL_PAGE_SIZE } from '../../lib/schemas';
import { pullEverythingWithoutStoring, runInitialSyncClient } from './initial-sync-client';
import { QUICK, atLeast, benchDrivers, round, seedAccounts, startBenchServer, writeResults, type ResultRow } from './support';

const ACCOUNTS = QUICK ? 10_000 : 50_000;
const TARGET_MS = 5_000;

const rows: ResultRow[] = [];
for (const driver of benchDrivers()) {
  const server = await startBenchServer(driver);
  try {
    const token = server.teams[0]!.token;
    const seeding = performance.now();
    await seedAccounts(server.url, token, ACCOUNTS);
    const seedSeconds = (performance.now() - seeding) / 1000;
    console.log(`${driver}: pushed ${ACCOUNTS} accounts in ${round(seedSeconds)} s`);
    const pullOnly = await pullEverythingWithoutStoring({ baseUrl: server.url, token, pageSize: MAX_PULL_PAGE_SIZE });
    const client = await runInitialSyncClient({ baseUrl: server.url, token, dbName: `bench-initial-${driver}-${Date.now()}` });
    if (client.records !== ACCOUNTS || client.outcome !== 'synced') throw new Error(`initial sync incomplete: ${JSON.stringify(client)}`);
    const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
    rows.push(
      atLeast({ id: `sync.initial.${driver}.seed-push`, name: `pushing the ${ACCOUNTS / 1000}k accounts first, ${label}`, unit: 'mut/s', runs: ACCOUNTS, value: round(ACCOUNTS / seedSeconds, 0), target: driver === 'pglite' ? 2_000 : 5_000, notes: 'the same push path, as a second ingest sample (bodies built during the run)' }),
    );
    rows.push(
      { id: `sync.initial.${driver}.total`, name: `initial sync of ${ACCOUNTS / 1000}k accounts, ${label} (Node + fake-indexeddb)`, unit: 'ms', runs: 1, value: round(client.totalMs, 0), target: TARGET_MS, targetOf: 'value', pass: client.totalMs <= TARGET_MS, notes: `${client.pages} pages of ${MAX_PULL_PAGE_SIZE}; fake-indexeddb is the slow part, see the pull-only row` },
      { id: `sync.initial.${driver}.first-page`, name: `initial sync, ${label}: first page committed (sidebar usable)`, unit: 'ms', runs: 1, value: round(client.firstPageMs, 0), target: 1_000, targetOf: 'value', pass: client.firstPageMs <= 1_000, notes: `${MAX_PULL_PAGE_SIZE} accounts parsed, rebased and stored with lookup tokens` },
      { id: `sync.initial.${driver}.pull-only`, name: `initial sync, ${label}: pull all pages without storing`, unit: 'ms', runs: 1, value: round(pullOnly.totalMs, 0), target: TARGET_MS, targetOf: 'value', pass: pullOnly.totalMs <= TARGET_MS, notes: `${pullOnly.records} records: server reads, JSON over loopback, Zod parsing of every page` },
    );
  } finally {
    await server.close();
  }
}
writeResults('sync-initial', rows, { accounts: ACCOUNTS });
