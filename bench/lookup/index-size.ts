/**
 * The lookup index in Node on the browser benchmark's book: bytes per structure (typed-array
 * bytes are what the browser holds, exactly), build time, a structured clone and reopen (what a
 * panel open does with the stored rows), and per-keystroke times over the benchmark's
 * keystrokes; writes bench-results/lookup.json for `npm run bench`'s table. `--agree` also checks every keystroke against the reference (slow: it holds the
 * book as plain arrays). `--size quick|full` (default full), `--passes N` (default 5).
 *
 *   npx tsx bench/lookup/index-size.ts [--size quick] [--agree]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { timingRow, valueRow, type ResultRow } from '../browser/stats';
import { DatasetGenerator, FULL_DATASET, lookupQueries, planDataset, QUICK_DATASET, type DatasetSize } from '../browser/generate';
import { lookupDocOfRow } from '../../lib/db/lookup';
import { buildLookupIndex, LookupIndex, type LookupDoc, type LookupIndexSnapshot } from '../../lib/lookup/search-index';
import { STAGES } from '../../lib/schemas';
import { createReferenceLookup } from '../../test/support/lookup-reference';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
// `npm run bench -- --quick` sets SIDENOTE_BENCH_QUICK; the full book is the issue's target.
const sizeName = option('size', process.env.SIDENOTE_BENCH_QUICK === '1' ? 'quick' : 'full');
const size: DatasetSize = sizeName === 'quick' ? QUICK_DATASET : FULL_DATASET;
const passes = Number(option('passes', '5'));

/** Spreads `total` over `slots` as evenly as integers allow (bench/browser/harness.ts's seeding). */
function share(total: number, slots: number, i: number): number {
  return Math.floor(((i + 1) * total) / slots) - Math.floor((i * total) / slots);
}

/** The seeded book's lookup records, drawn in the harness's order (activities too: they consume the same random stream). */
function generateDocs(): Record<'account' | 'contact' | 'deal', LookupDoc[]> {
  const cache = `/tmp/sidenote-lookup-docs-${sizeName}.json`;
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as Record<'account' | 'contact' | 'deal', LookupDoc[]>;
  const generator = new DatasetGenerator(planDataset(size));
  const docs: Record<'account' | 'contact' | 'deal', LookupDoc[]> = { account: [], contact: [], deal: [] };
  const normalAccounts = size.accounts - size.bigAccounts;
  const normalContacts = size.contacts - size.bigAccounts * 30;
  const normalActivities = size.activities - size.bigAccounts * size.bigAccountActivities;
  let bigSeen = 0;
  for (let i = 0; i < size.accounts; i++) {
    const account = generator.account(i);
    const add = (kind: 'account' | 'contact' | 'deal', row: unknown) => {
      const doc = lookupDocOfRow(kind, row as Record<string, unknown>);
      if (doc) docs[kind].push(doc);
    };
    add('account', account.record);
    const big = generator.isBig(i);
    // Normal accounts are numbered among themselves, as the harness does.
    const normalIndex = i - bigSeen;
    const contacts = big ? 30 : share(normalContacts, normalAccounts, normalIndex);
    for (let c = 0; c < contacts; c++) add('contact', generator.contact(i));
    const deals = big ? 10 : share(Math.round(normalAccounts * 0.5), normalAccounts, normalIndex);
    for (let d = 0; d < deals; d++) add('deal', generator.deal(i));
    const activities = big ? size.bigAccountActivities : share(normalActivities, normalAccounts, normalIndex);
    for (let a = 0; a < activities; a++) generator.activity(i);
    if (big) bigSeen++;
  }
  writeFileSync(cache, JSON.stringify(docs));
  return docs;
}

/** Issue 13: at most 30 MiB at 100k accounts and 300k contacts. */
const LOOKUP_INDEX_TARGET_KB = 30 * 1024;

/** bench-results/lookup.json, read by `npm run bench` into its table. */
function writeResults(results: ResultRow[]): void {
  const file = path.resolve(import.meta.dirname, '../../bench-results/lookup.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ suite: 'lookup', measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

function mib(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(2);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function report(snapshot: LookupIndexSnapshot): number {
  const rows: Record<string, number> = {};
  let total = 0;
  for (const [kind, shard] of Object.entries(snapshot.shards)) {
    for (const [field, value] of Object.entries(shard)) {
      if (!ArrayBuffer.isView(value)) continue;
      rows[field] = (rows[field] ?? 0) + value.byteLength;
      rows[`${kind}.${field}`] = value.byteLength;
      total += value.byteLength;
    }
  }
  console.log(`typed arrays: ${mib(total)} MiB (${total} bytes)`);
  for (const [field, bytes] of Object.entries(rows).sort((x, y) => y[1] - x[1])) if (bytes > 0 && !field.includes('.')) console.log(`  ${field.padEnd(18)} ${mib(bytes).padStart(7)} MiB`);
  for (const [field, bytes] of Object.entries(rows).sort((x, y) => y[1] - x[1])) if (bytes > 0 && field.includes('.')) console.log(`    ${field.padEnd(26)} ${mib(bytes).padStart(7)} MiB`);
  return total;
}

async function main() {
  let t = performance.now();
  const docs = generateDocs();
  console.log(`${sizeName} book: ${docs.account.length} accounts, ${docs.contact.length} contacts, ${docs.deal.length} deals (read in ${((performance.now() - t) / 1000).toFixed(1)} s)`);
  t = performance.now();
  const snapshot = await buildLookupIndex(docs, { stageNames: [...STAGES], changeSeq: 0, now: 0 });
  const buildMs = performance.now() - t;
  console.log(`build: ${(buildMs / 1000).toFixed(1)} s`);
  const bytes = report(snapshot);
  t = performance.now();
  const cloned = structuredClone(snapshot);
  const cloneMs = performance.now() - t;
  t = performance.now();
  const index = new LookupIndex(cloned);
  console.log(`structured clone ${cloneMs.toFixed(0)} ms, open ${(performance.now() - t).toFixed(1)} ms; memory() says ${mib(index.memory().typedArrayBytes)} MiB`);
  const keystrokes = lookupQueries().flatMap((query) => Array.from(query, (_, i) => Array.from(query).slice(0, i + 1).join('')));
  const perKeystroke: number[][] = keystrokes.map(() => []);
  for (let pass = 0; pass < passes; pass++) {
    keystrokes.forEach((query, k) => {
      const t0 = performance.now();
      index.search(query);
      perKeystroke[k]!.push(performance.now() - t0);
    });
  }
  const all = perKeystroke.flat().sort((x, y) => x - y);
  const medians = perKeystroke.map((samples) => [...samples].sort((x, y) => x - y)[Math.floor(samples.length / 2)]!).sort((x, y) => x - y);
  console.log(`keystrokes: ${keystrokes.length} × ${passes} passes: p50 ${percentile(all, 0.5).toFixed(2)} / p95 ${percentile(all, 0.95).toFixed(2)} / max ${all[all.length - 1]!.toFixed(2)} ms; p95 of medians ${percentile(medians, 0.95).toFixed(2)} ms`);
  writeResults([
    valueRow(
      'lookup.index-memory.node',
      `Lookup index memory at the ${sizeName} book, typed arrays (Node)`,
      'KB',
      bytes / 1024,
      LOOKUP_INDEX_TARGET_KB,
      `${docs.account.length} accounts, ${docs.contact.length} contacts, ${docs.deal.length} deals of the browser bench's generator; exact typed-array bytes (what the panel holds; the browser row adds its JS heap); built in ${(buildMs / 1000).toFixed(1)} s`,
    ),
    timingRow('lookup.keystroke.node', `Lookup keystroke, ${sizeName} book (Node, the index alone)`, all, null, `${keystrokes.length} keystrokes × ${passes} passes; p95 of each keystroke's median ${percentile(medians, 0.95).toFixed(2)} ms`),
  ]);
  if (flag('agree')) {
    t = performance.now();
    const reference = createReferenceLookup([...docs.account, ...docs.contact]);
    console.log(`reference built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    let agree = 0;
    for (const query of keystrokes) {
      // The harness's rule: deals are new and may take places, so the old kinds must be the floor's first ones, in order.
      const want = reference(query).map((hit) => `${hit.kind}:${hit.id}`);
      const hits = index.search(query);
      const old = hits.filter((hit) => hit.kind !== 'deal').map((hit) => `${hit.kind}:${hit.id}`);
      if (old.every((key, i) => key === want[i]) && (hits.length === 20 || old.length === want.length)) agree++;
      else console.log(`  disagrees on ${JSON.stringify(query)}`);
    }
    console.log(`agreement: ${agree} / ${keystrokes.length}`);
  }
  if (flag('dump')) {
    const out = keystrokes.map((query) => `${query}\t${index.search(query).map((hit) => `${hit.kind}:${hit.id}:${hit.reason}:${hit.stage}:${hit.accountName}`).join(',')}`);
    writeFileSync(option('dump', '/tmp/lookup-answers.txt'), out.join('\n'));
  }
}

await main();
