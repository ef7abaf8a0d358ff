/**
 * A sync with nothing to do (the outbox empty, the team unchanged): what every alarm tick,
 * sidebar open and online event costs. Also one edit there and back (push, then the pull that
 * brings it back). Loopback HTTP, real server, client on fake-indexeddb.
 * Run: npx tsx bench/sync/round-trip.ts
 */
import 'fake-indexeddb/auto';
import { SidenoteDb } from '../../lib/db/database';
import { writeRecord } from '../../lib/db/write';
import { runSync } from '../../lib/sync/engine';
import { createTransport } from '../../lib/sync/transport';
import { QUICK, benchDrivers, percentile, round, seedAccounts, startBenchServer, writeResults, type ResultRow } from './support';

// 100 samples put the p95 between the 95th and 96th: enough for a target, half the time of 200.
const RUNS = QUICK ? 40 : 100;
const TARGET_NO_CHANGE_P95_MS = 50;
const TARGET_EDIT_P95_MS = 100;

const rows: ResultRow[] = [];
for (const driver of benchDrivers()) {
  const server = await startBenchServer(driver);
  const db = new SidenoteDb(`bench-roundtrip-${driver}-${Date.now()}`);
  try {
    const token = server.teams[0]!.token;
    await seedAccounts(server.url, token, 1_000);
    const transport = createTransport({ baseUrl: server.url, token, fetch: (input, init) => fetch(input, init) });
    const first = await runSync(db, transport);
    if (first.outcome !== 'synced') throw new Error(JSON.stringify(first));
    const accountIds = (await db.accounts.limit(RUNS).primaryKeys()) as string[];

    const noChange: number[] = [];
    for (let i = 0; i < RUNS + 10; i++) {
      const started = performance.now();
      const result = await runSync(db, transport);
      if (result.outcome !== 'synced' || result.pulled !== 0) throw new Error(JSON.stringify(result));
      if (i >= 10) noChange.push(performance.now() - started);
    }

    const edits: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await writeRecord(db, { entity: 'account', recordId: accountIds[i % accountIds.length]!, patch: { industry: `Industry ${i}` } });
      const started = performance.now();
      const result = await runSync(db, transport);
      if (result.outcome !== 'synced' || result.pushed !== 1) throw new Error(JSON.stringify(result));
      edits.push(performance.now() - started);
    }

    const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
    rows.push(
      { id: `sync.round-trip.${driver}.no-change`, name: `no-change sync round trip, ${label}`, unit: 'ms', runs: RUNS, p50: round(percentile(noChange, 50), 2), p95: round(percentile(noChange, 95), 2), target: TARGET_NO_CHANGE_P95_MS, targetOf: 'p95', pass: percentile(noChange, 95) <= TARGET_NO_CHANGE_P95_MS, notes: 'runSync with an empty outbox and an up-to-date cursor: one pull request, status writes' },
      { id: `sync.round-trip.${driver}.one-edit`, name: `one edit pushed and pulled back, ${label}`, unit: 'ms', runs: RUNS, p50: round(percentile(edits, 50), 2), p95: round(percentile(edits, 95), 2), target: TARGET_EDIT_P95_MS, targetOf: 'p95', pass: percentile(edits, 95) <= TARGET_EDIT_P95_MS, notes: 'runSync after one local write: push, acknowledge, pull the record back and commit it' },
    );
  } finally {
    await db.delete();
    await server.close();
  }
}
writeResults('sync-round-trip', rows);
