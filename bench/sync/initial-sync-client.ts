/**
 * The client half of the initial-sync benchmark: a fresh browser database pulls a team's
 * records page by page. Browser-safe (lib/ only), so the same function can run in Chromium
 * against real IndexedDB; under Node it runs on fake-indexeddb, which is much slower.
 */
import { SidenoteDb } from '../../lib/db/database';
import { runSync } from '../../lib/sync/engine';
import { createTransport, type FetchLike } from '../../lib/sync/transport';

export interface InitialSyncMeasurement {
  /** From the start of the sync to the first page committed: when the sidebar becomes usable. */
  firstPageMs: number;
  totalMs: number;
  records: number;
  pages: number;
  outcome: string;
}

export async function runInitialSyncClient(options: { baseUrl: string; token: string; dbName: string; fetch?: FetchLike; pageSize?: number }): Promise<InitialSyncMeasurement> {
  const db = new SidenoteDb(options.dbName);
  try {
    const transport = createTransport({ baseUrl: options.baseUrl, token: options.token, fetch: options.fetch ?? ((input, init) => fetch(input, init)) });
    let firstPageMs = Number.NaN;
    let pages = 0;
    const started = performance.now();
    const result = await runSync(db, transport, {
      ...(options.pageSize ? { pullPageSize: options.pageSize } : {}),
      onProgress: (progress) => {
        if (progress.phase !== 'pull') return;
        pages++;
        if (pages === 1) firstPageMs = performance.now() - started;
      },
    });
    const totalMs = performance.now() - started;
    return { firstPageMs, totalMs, records: await db.accounts.count(), pages, outcome: result.outcome };
  } finally {
    await db.delete();
  }
}

/** The same pull without IndexedDB: how much of the time is the server and the network. */
export async function pullEverythingWithoutStoring(options: { baseUrl: string; token: string; pageSize: number }): Promise<{ totalMs: number; records: number }> {
  const transport = createTransport({ baseUrl: options.baseUrl, token: options.token, fetch: (input, init) => fetch(input, init) });
  const started = performance.now();
  let cursor = '';
  let records = 0;
  for (;;) {
    const page = await transport.pull(cursor, options.pageSize);
    records += page.changes.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return { totalMs: performance.now() - started, records };
}
