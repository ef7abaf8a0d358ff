/**
 * The client half of the initial-sync benchmark: a fresh browser database pulls a team's
 * records page by page. Browser-safe (lib/ only): bench/sync/browser-entry.ts bundles it for
 * Chromium, where it runs against real IndexedDB; `pullEverythingWithoutStoring` also runs in
 * Node as the server-and-network share.
 */
import Dexie from 'dexie';
import { SidenoteDb } from '../../lib/db/database';
import { MAX_PULL_PAGE_SIZE, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../lib/schemas';
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

/**
 * The floor: the same pages fetched the same way (same URL, body, headers and so the same CORS
 * preflights), each stored with one Dexie bulkPut into a table keyed by id and nothing else, with
 * the product's strict durability. No parsing, merging, derived fields, indexes or outbox:
 * what pulling and storing these rows costs the browser itself.
 */
export async function runInitialSyncFloor(options: { baseUrl: string; token: string; dbName: string; pageSize?: number }): Promise<InitialSyncMeasurement> {
  const db = new Dexie(options.dbName, { chromeTransactionDurability: 'strict' });
  db.version(1).stores({ accounts: 'id' });
  try {
    await db.open();
    const table = db.table('accounts');
    const limit = options.pageSize ?? MAX_PULL_PAGE_SIZE;
    let cursor = '';
    let pages = 0;
    let firstPageMs = Number.NaN;
    const started = performance.now();
    for (;;) {
      const response = await fetch(`${options.baseUrl}/v1/pull`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
        body: JSON.stringify({ cursor, limit }),
      });
      if (!response.ok) throw new Error(`pull failed: ${response.status}`);
      const page = (await response.json()) as { changes: Array<{ record: Record<string, unknown> | null }>; cursor: string; hasMore: boolean };
      await table.bulkPut(page.changes.flatMap((change) => (change.record ? [change.record] : [])));
      pages++;
      if (pages === 1) firstPageMs = performance.now() - started;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    const totalMs = performance.now() - started;
    return { firstPageMs, totalMs, records: await table.count(), pages, outcome: 'synced' };
  } finally {
    db.close();
    await Dexie.delete(options.dbName);
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
