/**
 * Today's read (lib/db/today.ts) and list (lib/today) for one rep of the benchmark data set:
 * p95 target ≤ 50 ms. Seeds the browser suite's generated data (bench/browser/generate.ts,
 * same generator and seed, 40 reps) into fake-indexeddb under Node, so it runs without a
 * browser; fake-indexeddb is slower than Chromium's IndexedDB, so the number is an upper
 * bound for the same data. The browser suite can call `measureTodayRead` on its own seeded
 * database (bench/browser/harness.ts) for Chromium's number.
 *
 * Run: npx tsx bench/funnel/today.ts [--accounts N] (default 10,000 accounts with the quick
 * set's proportions: 3 contacts, 0.5 deals and 10 activities per account, 20 big accounts).
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import { SidenoteDb } from '../../lib/db/database';
import { toRow } from '../../lib/db/derived';
import { loadTodayInput } from '../../lib/db/today';
import { buildToday, flattenToday } from '../../lib/today/build';
import type { StoredRecord } from '../../lib/sync/merge';
import { DATASET_NOW_MS, DatasetGenerator, planDataset, QUICK_DATASET, type DatasetSize } from '../browser/generate';
import { report, type BenchResult } from './harness';

const TARGET_P95_MS = 50;
const BIG_CONTACTS = 30;
const BIG_DEALS = 10;
const DEALS_PER_ACCOUNT = 0.5;

function share(total: number, slots: number, i: number): number {
  return Math.floor(((i + 1) * total) / slots) - Math.floor((i * total) / slots);
}

function sizeFromArgs(): DatasetSize {
  const index = process.argv.indexOf('--accounts');
  const accounts = index > 0 ? Number(process.argv[index + 1]) : QUICK_DATASET.accounts;
  const scale = accounts / QUICK_DATASET.accounts;
  return { ...QUICK_DATASET, accounts, contacts: Math.round(QUICK_DATASET.contacts * scale), activities: Math.round(QUICK_DATASET.activities * scale) };
}

/** The browser suite's seeding (harness.ts), in 500-account transactions through the real toRow. */
async function seed(db: SidenoteDb, size: DatasetSize): Promise<void> {
  const generator = new DatasetGenerator(planDataset(size));
  const normalAccounts = size.accounts - size.bigAccounts;
  const normalContacts = size.contacts - size.bigAccounts * BIG_CONTACTS;
  const normalActivities = size.activities - size.bigAccounts * size.bigAccountActivities;
  let bigSeen = 0;
  for (let start = 0; start < size.accounts; start += 500) {
    const rows = { accounts: [] as StoredRecord[], contacts: [] as StoredRecord[], deals: [] as StoredRecord[], activities: [] as StoredRecord[] };
    for (let i = start; i < Math.min(size.accounts, start + 500); i++) {
      rows.accounts.push(toRow('account', generator.account(i).record));
      const big = generator.isBig(i);
      const normalIndex = i - bigSeen;
      if (big) bigSeen++;
      const contacts = big ? BIG_CONTACTS : share(normalContacts, normalAccounts, normalIndex);
      for (let c = 0; c < contacts; c++) rows.contacts.push(toRow('contact', generator.contact(i)));
      const deals = big ? BIG_DEALS : share(Math.round(normalAccounts * DEALS_PER_ACCOUNT), normalAccounts, normalIndex);
      for (let d = 0; d < deals; d++) rows.deals.push(toRow('deal', generator.deal(i)));
      const activities = big ? size.bigAccountActivities : share(normalActivities, normalAccounts, normalIndex);
      for (let a = 0; a < activities; a++) rows.activities.push(toRow('activity', generator.activity(i)));
    }
    await db.transaction('rw', [db.accounts, db.contacts, db.deals, db.activities], async () => {
      await db.accounts.bulkPut(rows.accounts as never[]);
      await db.contacts.bulkPut(rows.contacts as never[]);
      await db.deals.bulkPut(rows.deals as never[]);
      await db.activities.bulkPut(rows.activities as never[]);
    });
  }
}

/** Today for one rep, read and built as the panel does; the times of each run in ms. */
export async function measureTodayRead(db: SidenoteDb, repId: string, now: number, runs: number): Promise<{ times: number[]; readTimes: number[]; items: number; accounts: number }> {
  const times: number[] = [];
  const readTimes: number[] = [];
  let items = 0;
  let accounts = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const input = await loadTodayInput(db, now, { repId, timeZone: 'Asia/Shanghai' });
    readTimes.push(performance.now() - start);
    const result = buildToday(input, now);
    times.push(performance.now() - start);
    items = flattenToday(result).length;
    accounts = input.accounts.length;
  }
  return { times, readTimes, items, accounts };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function main(): Promise<void> {
  const size = sizeFromArgs();
  const db = new SidenoteDb(`bench-today-${process.pid}`);
  console.log(`database ${db.name}`);
  const seedStart = performance.now();
  await seed(db, size);
  console.log(`seeded ${size.accounts} accounts, ${size.activities} activities in ${Math.round(performance.now() - seedStart)} ms`);
  const repId = 'rep-1';
  await measureTodayRead(db, repId, DATASET_NOW_MS, 3);
  const { times, readTimes, items, accounts } = await measureTodayRead(db, repId, DATASET_NOW_MS, 20);
  times.sort((a, b) => a - b);
  readTimes.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  const p95Ms = round(percentile(times, 95));
  const result: BenchResult = {
    name: `today: read + list for one rep (${size.accounts.toLocaleString('en')} accounts, fake-indexeddb)`,
    runs: times.length,
    p50Ms: round(percentile(times, 50)),
    p95Ms,
    maxMs: round(times[times.length - 1]!),
    targetP95Ms: TARGET_P95_MS,
    pass: p95Ms <= TARGET_P95_MS,
    notes: `rep-1 of 40: ${accounts} accounts read, ${items} items; loadTodayInput + buildToday, Asia/Shanghai; the read alone p50 ${round(percentile(readTimes, 50))} ms; fake-indexeddb (an upper bound for Chromium)`,
  };
  console.log(result.notes);
  report([result]);
  db.close();
  if (!process.argv.includes('--keep')) await db.delete();
}

await main();
