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
    const again = await runImportWork(db, bytes);
    return {
      first: { ...first, result: { tally: first.result.tally, errors: first.result.errors.length } },
      again: { ...again, result: { tally: again.result.tally, errors: again.result.errors.length } },
    };
  } finally {
    db.close();
    await SidenoteDb.delete(name);
  }
}

function runExtract(runs: number) {
  return runExtractWork(document, runs);
}

(globalThis as unknown as { captureBench: unknown }).captureBench = { runImport, runExtract };
