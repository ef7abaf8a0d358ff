/**
 * Teammate change to screen: rep A saves and syncs; the server announces it over the event
 * stream; rep B's browser hears it, syncs (through the same controller the background uses)
 * and commits the record to its database, from where the sidebar's live queries render it.
 * Measured from A's sync starting to B's commit. Target: p95 ≤ 2 s (the promise).
 * Run: npx tsx bench/sync/live-latency.ts
 */
import 'fake-indexeddb/auto';
import { SidenoteDb } from '../../lib/db/database';
import { writeRecord } from '../../lib/db/write';
import { createSyncController } from '../../lib/sync/controller';
import { runSync } from '../../lib/sync/engine';
import { subscribeToTeamChanges } from '../../lib/sync/live';
import { createTransport } from '../../lib/sync/transport';
import { accountFields } from '../../server/testing/fixtures';
import { QUICK, benchDrivers, percentile, round, startBenchServer, writeResults, type ResultRow } from './support';

// Each run waits for a live event (about a second on a loaded machine): 40 keep the p95 off the maximum.
const RUNS = QUICK ? 15 : 40;
const TARGET_P95_MS = 2_000;

const rows: ResultRow[] = [];
for (const driver of benchDrivers()) {
  const server = await startBenchServer(driver);
  const li = new SidenoteDb(`bench-live-li-${driver}-${Date.now()}`);
  const ana = new SidenoteDb(`bench-live-ana-${driver}-${Date.now()}`);
  const stop = new AbortController();
  try {
    const reps = [server.teams[0]!, server.teams[1]!];
    const liTransport = createTransport({ baseUrl: server.url, token: reps[0]!.token, fetch: (input, init) => fetch(input, init) });
    let waitingFor: { id: string; resolve: () => void } | null = null;
    const sync = createSyncController({
      db: ana,
      loadSettings: async () => ({ url: server.url, token: reps[1]!.token }),
      fetch: (input, init) => fetch(input, init),
      onResult: () => {
        const waiting = waitingFor;
        if (waiting) void ana.accounts.get(waiting.id).then((row) => row && waiting.resolve());
      },
    });
    let connected!: () => void;
    const ready = new Promise<void>((resolve) => (connected = resolve));
    const live = subscribeToTeamChanges({
      baseUrl: server.url,
      token: reps[1]!.token,
      fetch: (input, init) => fetch(input, init),
      signal: stop.signal,
      onState: (state) => state.state === 'connected' && connected(),
      onChange: () => void sync.trigger('live_change'),
    });
    await ready;
    await runSync(ana, createTransport({ baseUrl: server.url, token: reps[1]!.token, fetch: (input, init) => fetch(input, init) }));

    const latencies: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const id = crypto.randomUUID();
      await writeRecord(li, { entity: 'account', recordId: id, patch: accountFields({ name: `Live ${i}` }) });
      const arrived = new Promise<void>((resolve) => (waitingFor = { id, resolve }));
      const started = performance.now();
      await runSync(li, liTransport);
      await arrived;
      if (i >= 3) latencies.push(performance.now() - started);
      waitingFor = null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    stop.abort();
    await live;
    sync.dispose();
    const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
    rows.push({
      id: `sync.live.${driver}.teammate-to-screen`,
      name: `teammate change to screen, ${label}`,
      unit: 'ms',
      runs: RUNS,
      p50: round(percentile(latencies, 50), 1),
      p95: round(percentile(latencies, 95), 1),
      target: TARGET_P95_MS,
      targetOf: 'p95',
      pass: percentile(latencies, 95) <= TARGET_P95_MS,
      notes: 'A: runSync (push); server: NOTIFY → SSE; B: controller runs runSync (pull) and commits to IndexedDB',
    });
  } finally {
    stop.abort();
    await li.delete();
    await ana.delete();
    await server.close();
  }
}
writeResults('sync-live', rows);
