/**
 * CSV import of 50,000 rows: decode, parse, map and import through writeRecords in batches
 * of 1,000 with progress, then the same file again (must create nothing). Target: 50k rows
 * in 10 s or less. Run: npx tsx bench/capture/import.ts [rows]
 *
 * Node stores into fake-indexeddb, a pure-JS IndexedDB far slower than a browser's; the same
 * work then runs in headless Chromium (real IndexedDB, strict durability) when it is installed.
 */
import 'fake-indexeddb/auto';
import { SidenoteDb } from '../../lib/db/database';
import { round, valueRow, type ResultRow } from '../browser/stats';
import { hasChromium, startChromiumBench } from './chromium';
import { recordResults } from './results';
import { generateImportCsv, runImportWork, type ImportRun } from './workloads';

const ROWS = Number(process.argv[2] ?? 50_000);
const TARGET_S = 10;

function describe(run: Pick<ImportRun, 'rows' | 'decodeParseMs' | 'importMs' | 'progressEvents'> & { result: { tally: ImportRun['result']['tally']; errors: unknown } }, where: string): string {
  const created = run.result.tally.created;
  const errors = Array.isArray(run.result.errors) ? run.result.errors.length : Number(run.result.errors);
  const updated = run.result.tally.updated;
  return `${where}: ${run.rows.toLocaleString('en')} rows → ${created.account} accounts, ${created.contact} contacts, ${created.deal} deals created, ${updated.account + updated.contact + updated.deal} records updated, ${errors} bad rows listed; decode+parse ${round(run.decodeParseMs / 1000)} s, import ${round(run.importMs / 1000)} s, ${run.progressEvents} progress events`;
}

const rows: ResultRow[] = [];
const bytes = new TextEncoder().encode(generateImportCsv(ROWS));
console.log(`CSV: ${ROWS.toLocaleString('en')} rows, ${(bytes.length / 1e6).toFixed(1)} MB`);

const db = new SidenoteDb(`capture-bench-${Date.now()}`);
const first = await runImportWork(db, bytes);
const again = await runImportWork(db, bytes);
await db.delete();
rows.push(valueRow('capture.import.node', `CSV import ${ROWS / 1000}k rows (Node, fake-indexeddb)`, 's', first.totalMs / 1000, TARGET_S, describe(first, 'fake-indexeddb')));
rows.push(valueRow('capture.reimport.node', `same file again (Node, fake-indexeddb)`, 's', again.totalMs / 1000, null, describe(again, 'nothing to create')));

if (hasChromium) {
  const chromium = await startChromiumBench();
  try {
    const page = await chromium.open('<!DOCTYPE html><title>capture bench</title>');
    const result = await page.evaluate((n) => (globalThis as unknown as { captureBench: { runImport(rows: number): Promise<{ first: ImportRun; again: ImportRun }> } }).captureBench.runImport(n), ROWS);
    rows.push(valueRow('capture.import.chromium', `CSV import ${ROWS / 1000}k rows (Chromium, IndexedDB)`, 's', result.first.totalMs / 1000, TARGET_S, describe(result.first, 'Chromium')));
    rows.push(valueRow('capture.reimport.chromium', `same file again (Chromium, IndexedDB)`, 's', result.again.totalMs / 1000, null, describe(result.again, 'nothing to create')));
  } finally {
    await chromium.close();
  }
} else {
  console.warn(`Chromium not found at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}: browser numbers skipped.`);
}

recordResults(rows);
