/**
 * The capture benchmarks as a page script for Chromium: bundled to an IIFE by
 * bench/capture/chromium.ts and run on a local page, so IndexedDB and the DOM are the
 * browser's own. Everything is on `window.captureBench`.
 */
import * as z from 'zod';
import { SidenoteDb } from '../../lib/db/database';
import { generateImportCsv, runExtractWork, runImportWork } from './workloads';

// As in the extension, whose pages forbid eval.
z.config({ jitless: true });

async function runImport(rows: number) {
  const name = `capture-bench-${Date.now()}`;
  const db = new SidenoteDb(name);
  try {
    const bytes = new TextEncoder().encode(generateImportCsv(rows));
    const first = await runImportWork(db, bytes);
    const floor = await putFloor(db, `${name}-floor`);
    const again = await runImportWork(db, bytes);
    return {
      floor,
      first: { ...first, result: { tally: first.result.tally, errors: first.result.errors.length } },
      again: { ...again, result: { tally: again.result.tally, errors: again.result.errors.length } },
    };
  } finally {
    db.close();
    await SidenoteDb.delete(name);
  }
}

/**
 * What the import's writes cost IndexedDB itself: every row the import stored (records,
 * outbox entries and import marks) put again into an empty database of the same schema with raw IndexedDB, no
 * Dexie and no import logic, 2,000 puts per strict-durability transaction. The import cannot
 * beat this without writing fewer rows or fewer index entries.
 */
async function putFloor(source: SidenoteDb, name: string): Promise<{ puts: number; ms: number }> {
  const tableNames = ['accounts', 'contacts', 'deals', 'activities', 'outbox', 'importMarks'] as const;
  const rows = await Promise.all(tableNames.map((table) => source.table(table).toArray()));
  const target = new SidenoteDb(name);
  await target.open();
  const idb = target.backendDB();
  const puts = rows.reduce((sum, list) => sum + list.length, 0);
  const CHUNK = 2000;
  const start = performance.now();
  try {
    for (const [tableIndex, table] of tableNames.entries()) {
      const list = rows[tableIndex]!;
      for (let offset = 0; offset < list.length; offset += CHUNK) {
        await new Promise<void>((resolve, reject) => {
          const tx = idb.transaction(table, 'readwrite', { durability: 'strict' });
          const store = tx.objectStore(table);
          for (const row of list.slice(offset, offset + CHUNK)) store.put(row);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
          tx.onabort = () => reject(tx.error);
        });
      }
    }
    return { puts, ms: performance.now() - start };
  } finally {
    target.close();
    await SidenoteDb.delete(name);
  }
}

function runExtract(runs: number) {
  return runExtractWork(document, runs);
}

(globalThis as unknown as { captureBench: unknown }).captureBench = { runImport, runExtract };
