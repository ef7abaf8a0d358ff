/**
 * The sidebar's benchmarks in real Chromium, against the real built extension and its own
 * IndexedDB: seeds 100k accounts, 300k contacts and 1M activities into the extension's
 * database, then measures note saves, lookup (data layer and typed into the real search
 * box), the account card with a 1,000-activity timeline, the side panel's cold open from
 * a toolbar click, and the panel's initial JavaScript. Writes bench-results/browser.json.
 *
 *   npx tsx bench/browser/run.ts [--quick] [--fresh] [--skip-build] [--ext DIR]
 *
 * The seeded profile is kept for the next run (--fresh seeds anew). See
 * bench/browser/README.md for what each number means.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { bigAccountName, FULL_DATASET, lookupQueries, QUICK_DATASET, type DatasetSize } from './generate';
import type { BenchApi } from './harness';
import { formatTable, percentile, round, timingRow, valueRow, withFloor, type ResultRow } from './stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The release build, made from the shipped wxt.config.ts into its own folder (see wxt.bench.config.ts). */
const BENCH_BUILD_DIR = path.join(ROOT, '.output/bench/chrome-mv3');
/**
 * Seeded browser profiles are kept here, one per data set and per version of the code that
 * shapes stored rows, because seeding 1.4M rows takes minutes; --fresh seeds anew.
 */
const PROFILE_CACHE = path.join(os.tmpdir(), 'sidenote-bench-profiles');

/** Bulk write rounds, product and floor in alternation. */
const BULK_ROUNDS = 3;
const TARGETS = { todayP95Ms: 50, saveP95Ms: 25, lookupDataP95Ms: 8, lookupUiP95Ms: 16, lookupIndexMb: 30, initialJsGzipKb: 150, cardPaintP95Ms: 50 };
/** The timeline items the card paints first (TIMELINE_FIRST_RENDER in components/Timeline.tsx); the rest render as the list scrolls. */
const CARD_FIRST_ITEMS = 12;

interface Options {
  quick: boolean;
  /** Overrides the data set's activity count (the lookup measurements do not depend on it; seeding does). */
  activities: number | null;
  skipBuild: boolean;
  fresh: boolean;
  extDir: string;
  /** The sections to measure (lookup, bulk, card, today, save, cold); null: all of them. */
  only: ReadonlySet<string> | null;
}

const SECTIONS = ['lookup', 'bulk', 'card', 'today', 'save', 'cold'] as const;

/**
 * What decides the stored rows: the generator (which carries SEED_FORMAT for the seeding
 * code in harness.ts), the schema and the derived index fields.
 */
const ROW_SHAPING_FILES = ['bench/browser/generate.ts', 'lib/db/database.ts', 'lib/db/derived.ts', 'lib/db/change-log.ts', 'lib/db/today-keys.ts', 'lib/db/touch-summary.ts', 'lib/db/guidance-keys.ts', 'lib/funnel/guidance-window.ts', 'lib/lookup/tokens.ts'];

function profileKey(size: DatasetSize, extDir: string): string {
  const hash = createHash('sha256');
  for (const file of ROW_SHAPING_FILES) hash.update(readFileSync(path.join(ROOT, file)));
  hash.update(extDir);
  return `${size.accounts}-${size.contacts}-${size.activities}-${hash.digest('hex').slice(0, 12)}`;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (argv.includes('--help')) {
    console.log(`npx tsx bench/browser/run.ts [--quick] [--fresh] [--skip-build] [--ext DIR]
  --quick       10k accounts, 30k contacts, 100k activities and fewer repetitions (for iterating)
  --fresh       seed a new profile even if a kept one matches (profiles are kept in ${PROFILE_CACHE})
  --skip-build  use the existing build in .output/bench/chrome-mv3
  --ext DIR     benchmark another unpacked build
  --activities N  store N activities instead of the data set's count (e.g. 330000 to seed faster)
  --lookup-only   measure the lookup index and lookup only (no bulk write, card, saves or cold opens)
  --only LIST     measure only these sections, comma-separated: ${SECTIONS.join(', ')} (the index is
                  always built and loaded: the panel's search needs it)`);
    process.exit(0);
  }
  return {
    quick: argv.includes('--quick'),
    activities: value('--activities') ? Number(value('--activities')) : null,
    skipBuild: argv.includes('--skip-build'),
    fresh: argv.includes('--fresh'),
    extDir: path.resolve(value('--ext') ?? BENCH_BUILD_DIR),
    only: parseOnly(argv.includes('--lookup-only') ? 'lookup' : value('--only')),
  };
}

function parseOnly(list: string | undefined): ReadonlySet<string> | null {
  if (list === undefined) return null;
  const picked = list.split(',').map((part) => part.trim()).filter(Boolean);
  const unknown = picked.filter((part) => !(SECTIONS as readonly string[]).includes(part));
  if (unknown.length || !picked.length) throw new Error(`--only ${list}: unknown section(s) ${unknown.join(', ') || '(none given)'}; use a comma-separated list of ${SECTIONS.join(', ')}`);
  return new Set(picked);
}

// Seconds since the suite started on every line: where `npm run bench`'s time goes, phase by phase.
const suiteStarted = Date.now();
const log = (message: string) => console.log(`[browser +${Math.round((Date.now() - suiteStarted) / 1000)} s] ${message}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function buildExtension(): void {
  log('building the extension (release configuration, with source maps for the size report)');
  execFileSync('npx', ['wxt', 'build', '-c', 'bench/browser/wxt.bench.config.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, SIDENOTE_SOURCEMAP: '1', NODE_NO_WARNINGS: '1' },
  });
}

async function bundleHarness(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, 'harness.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

/** Generic prospect pages served under real host names (Chromium resolves them here). */
async function startSites(hosts: string[]) {
  const server = http.createServer((request, response) => {
    const host = (request.headers.host ?? '').split(':')[0] ?? '';
    const company = host.replace(/^www\./, '').split('.')[0];
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html lang="en"><head><title>${company} – Pricing</title></head><body><h1>${company}</h1><p>Plans and pricing.</p></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (host: string) => `http://${host}:${port}/pricing`,
    hostResolverRules: hosts.map((host) => `MAP ${host} 127.0.0.1`).join(', '),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function launch(extDir: string, userDataDir: string, hostResolverRules: string) {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    enableExtensions: true,
    userDataDir,
    protocolTimeout: 900_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=${hostResolverRules}`,
      '--lang=en-US',
    ],
  });
  const extensionId = await browser.installExtension(extDir);
  const workerTarget = await browser.waitForTarget((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`));
  const worker = await workerTarget.worker();
  // A click before the background has registered its listeners is lost; main() registers
  // them all in one synchronous pass, so one of them being there means all are.
  for (let attempt = 0; ; attempt++) {
    const ready = await worker!
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { onMessage: { hasListeners(): boolean } } } }).chrome.runtime.onMessage.hasListeners())
      .catch(() => false);
    if (ready) break;
    if (attempt > 200) throw new Error('The background never registered its listeners');
    await sleep(50);
  }
  return { browser, extensionId };
}

const panelUrlPart = (extensionId: string) => `${extensionId}/sidepanel.html`;

/** A toolbar click on `tab`, as a rep opens the sidebar; returns the real side panel page and when the click was sent. */
async function clickToolbar(browser: Browser, extensionId: string, tab: Page): Promise<{ panel: Page; clickedAtEpochMs: number }> {
  const extension = (await browser.extensions()).get(extensionId);
  if (!extension) throw new Error('The extension is not installed');
  await tab.bringToFront();
  const clickedAtEpochMs = Date.now();
  await tab.triggerExtensionAction(extension);
  const target = await browser.waitForTarget((t) => t.url().includes(panelUrlPart(extensionId)), { timeout: 30_000 });
  const panel = await target.asPage();
  if (!panel) throw new Error('The side panel has no page');
  return { panel, clickedAtEpochMs };
}

async function closePanel(browser: Browser, extensionId: string, panel: Page): Promise<void> {
  await panel.close();
  for (let i = 0; i < 200; i++) {
    if (!(await browser.targets()).some((t) => t.url().includes(panelUrlPart(extensionId)))) return;
    await sleep(25);
  }
  throw new Error('The side panel did not close');
}

/** Calls a harness function in the page: `call(page, 'fn', ...args)`. */
function call<K extends keyof BenchApi>(page: Page, name: K, ...args: Parameters<BenchApi[K]>): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return page.evaluate(
    (fn: string, fnArgs: unknown[]) => (window as unknown as { sidenoteBench: Record<string, (...a: unknown[]) => unknown> }).sidenoteBench[fn]!(...fnArgs),
    name as string,
    args as unknown[],
  ) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

async function inject(page: Page, harness: string): Promise<void> {
  // CDP evaluation is not subject to the extension page's content security policy.
  await page.evaluate(harness);
}

interface Marks {
  timeOrigin: number;
  interactive: number | null;
  matchShown: number | null;
}

async function readMarks(panel: Page, timeoutMs: number): Promise<Marks> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const marks = await panel
      .evaluate(() => ({
        timeOrigin: performance.timeOrigin,
        interactive: performance.getEntriesByName('sidenote:interactive')[0]?.startTime ?? null,
        matchShown: performance.getEntriesByName('sidenote:match-shown')[0]?.startTime ?? null,
      }))
      .catch(() => null);
    if (marks && marks.interactive !== null && marks.matchShown !== null) return marks;
    if (Date.now() > deadline) return marks ?? { timeOrigin: 0, interactive: null, matchShown: null };
    await sleep(20);
  }
}

function machineInfo(chromium: string) {
  const cpus = os.cpus();
  return {
    cpuCount: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium,
    loadAverage: os.loadavg().map((value) => round(value, 1)),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const wants = (section: (typeof SECTIONS)[number]) => options.only === null || options.only.has(section);
  const baseSize: DatasetSize = options.quick ? QUICK_DATASET : FULL_DATASET;
  const size: DatasetSize = options.activities ? { ...baseSize, activities: Math.max(options.activities, baseSize.bigAccounts * baseSize.bigAccountActivities) } : baseSize;
  const plan = {
    lookupRounds: options.quick ? 2 : 3,
    saves: options.quick ? 60 : 250,
    accountOpenRounds: options.quick ? 1 : 2,
    accountDataRounds: options.quick ? 2 : 5,
    todayRounds: options.quick ? 20 : 40,
    coldOpens: options.quick ? 4 : 12,
  };
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  if (!options.skipBuild && options.extDir === BENCH_BUILD_DIR) buildExtension();
  if (!existsSync(path.join(options.extDir, 'manifest.json'))) throw new Error(`No built extension in ${options.extDir}: run without --skip-build`);
  mkdirSync(RESULTS_DIR, { recursive: true });

  const rows: ResultRow[] = [];

  // Initial JS of the side panel, gzipped, from the build's own report script.
  const bundleJson = path.join(RESULTS_DIR, 'bundle.json');
  execFileSync('node', ['scripts/bundle-report.mjs', '--dir', options.extDir, '--json', bundleJson], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const bundle = JSON.parse(readFileSync(bundleJson, 'utf8')) as { files: string[]; rawBytes: number; gzipBytes: number; byPackage: Record<string, number> };
  const topPackages = Object.entries(bundle.byPackage)
    .slice(0, 4)
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KB`)
    .join(', ');
  rows.push(
    valueRow(
      'browser.initial-js',
      'Sidebar initial JS (gzipped)',
      'KB',
      bundle.gzipBytes / 1024,
      TARGETS.initialJsGzipKb,
      `${bundle.files.length} files, ${(bundle.rawBytes / 1024).toFixed(0)} KB raw; largest raw: ${topPackages || 'no source maps'}`,
    ),
  );

  const harness = await bundleHarness();
  const bigAccounts = Array.from({ length: size.bigAccounts }, (_, n) => bigAccountName(n));
  const coldOpenHost = `www.${bigAccounts[0]!.domain}`;
  const unmatchedHost = 'www.unmatched-prospect.com';
  const sites = await startSites([coldOpenHost, unmatchedHost]);

  const userDataDir = path.join(PROFILE_CACHE, profileKey(size, options.extDir));
  const seedInfoFile = path.join(userDataDir, 'sidenote-bench-seed.json');
  if (options.fresh || !existsSync(seedInfoFile)) rmSync(userDataDir, { recursive: true, force: true });
  mkdirSync(userDataDir, { recursive: true });
  log(`profile ${userDataDir}`);
  let { browser, extensionId } = await launch(options.extDir, userDataDir, sites.hostResolverRules);
  const chromiumVersion = await browser.version();
  log(`${chromiumVersion}, extension ${extensionId}, ${os.cpus().length} CPUs`);

  try {
    // ---- Seed, in an extension page where the sidebar app is not running.
    const seedPage = await browser.newPage();
    await seedPage.goto(`chrome-extension://${extensionId}/manifest.json`);
    await inject(seedPage, harness);
    const expected = { accounts: size.accounts, contacts: size.contacts, activities: size.activities };
    const before = await call(seedPage, 'counts');
    let seeding: Record<string, unknown>;
    let bigAccountIds: Array<{ id: string; name: string; activities: number }>;
    if (existsSync(seedInfoFile) && before.accounts === expected.accounts && before.contacts === expected.contacts && before.activities >= expected.activities) {
      log(`reusing the seeded database of the kept profile (${JSON.stringify(before)}); --fresh seeds anew`);
      await call(seedPage, 'removeBenchWrites');
      bigAccountIds = await seedPage.evaluate(async (names: string[]) => {
        const request = indexedDB.open('sidenote');
        const idb: IDBDatabase = await new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const found: Array<{ id: string; name: string; activities: number }> = [];
        for (const name of names) {
          const key = name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
          const row = await new Promise<{ id: string; name: string } | undefined>((resolve) => {
            const r = idb.transaction('accounts').objectStore('accounts').index('nameKey').get(key);
            r.onsuccess = () => resolve(r.result as { id: string; name: string } | undefined);
          });
          if (row) found.push({ id: row.id, name: row.name, activities: -1 });
        }
        idb.close();
        return found;
      }, bigAccounts.map((b) => b.name));
      seeding = { ...(JSON.parse(readFileSync(seedInfoFile, 'utf8')) as Record<string, unknown>), reused: true };
      rows.push(
        valueRow(
          'browser.seed',
          'Seeding the database (one-off setup)',
          's',
          Number(seeding.wallSeconds),
          null,
          `measured when this kept profile was seeded (${String(seeding.seededAt)}); ${JSON.stringify(seeding.counts)}`,
        ),
      );
    } else {
      if (before.accounts > 0) throw new Error(`The profile holds a different data set (${JSON.stringify(before)}); delete ${userDataDir}`);
      log(`seeding ${size.accounts.toLocaleString('en')} accounts, ${size.contacts.toLocaleString('en')} contacts, ${size.activities.toLocaleString('en')} activities`);
      const wallStart = Date.now();
      await call(seedPage, 'startSeed', size);
      let progress: Awaited<ReturnType<BenchApi['seedStep']>>;
      do {
        progress = await call(seedPage, 'seedStep', 15_000);
        log(`  ${progress.counts.accounts.toLocaleString('en')} accounts, ${progress.counts.activities.toLocaleString('en')} activities stored (${(progress.elapsedMs / 1000).toFixed(0)} s)`);
      } while (!progress.done);
      const wallMs = Date.now() - wallStart;
      const stored = await call(seedPage, 'counts');
      seeding = {
        reused: false,
        seededAt: new Date().toISOString(),
        wallSeconds: round(wallMs / 1000, 1),
        generateSeconds: round(progress.generateMs / 1000, 1),
        storeWaitSeconds: round(progress.storeWaitMs / 1000, 1),
        rowsPerSecond: Math.round((stored.accounts + stored.contacts + stored.deals + stored.activities) / (wallMs / 1000)),
        counts: stored,
      };
      bigAccountIds = progress.bigAccounts;
      writeFileSync(seedInfoFile, `${JSON.stringify(seeding, null, 2)}\n`);
      rows.push(
        valueRow(
          'browser.seed',
          'Seeding the database (one-off setup)',
          's',
          wallMs / 1000,
          null,
          `${stored.accounts} accounts, ${stored.contacts} contacts, ${stored.deals} deals, ${stored.activities} activities; bulkPut of toRow() rows in ${500}-account transactions (strict durability), generation overlapped with commits`,
        ),
      );
      log(`seeded in ${(wallMs / 1000).toFixed(1)} s: ${JSON.stringify(stored)}`);
    }
    // ---- The lookup index: built from the stored records (as a panel's first open does) and
    // stored; then loaded as the next open does, with the JavaScript heap it adds (after GC)
    // next to the bytes of its typed arrays; then the in-memory floor on the same records.
    const queries = lookupQueries();
    const cdp = await seedPage.createCDPSession();
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 ** 2;
    };
    log('lookup index: build from the stored records and store it');
    const built = await call(seedPage, 'buildLookupIndex');
    await call(seedPage, 'dropLookupIndex');
    const heapBefore = await heapMb();
    const loaded = await call(seedPage, 'loadLookupIndex');
    const indexHeapMb = (await heapMb()) - heapBefore;
    const indexArraysMb = (loaded.memory?.typedArrayBytes ?? 0) / 1024 ** 2;
    log('lookup index: the in-memory floor and agreement');
    const floorHeapBefore = await heapMb();
    const floor = await call(seedPage, 'measureFloor', queries, plan.lookupRounds);
    const floorHeapMb = (await heapMb()) - floorHeapBefore;
    await call(seedPage, 'dropFloor');
    const records = loaded.memory?.records ?? { account: 0, contact: 0, deal: 0 };
    const entries = loaded.memory?.entries ?? { account: 0, contact: 0, deal: 0 };
    rows.push(
      valueRow(
        'browser.lookup.index-build',
        'Lookup index: build from the stored records (first open only)',
        's',
        (built.buildMs ?? Number.NaN) / 1000,
        null,
        `${records.account} accounts, ${records.contact} contacts, ${records.deal} deals; ${entries.account + entries.contact + entries.deal} token entries; of which reading the records ${round((built.readMs ?? Number.NaN) / 1000, 1)} s in 5,000-row pages; built with no pauses (the panel pauses every 2,000 records); stored in ${round((built.saveMs ?? Number.NaN) / 1000, 2)} s; the floor's plain arrays took ${round(floor.buildMs / 1000, 1)} s`,
      ),
    );
    rows.push(valueRow('browser.lookup.index-load', 'Lookup index: load the stored index (every later open)', 'ms', loaded.loadMs ?? Number.NaN, null, `${round(loaded.readyMs, 1)} ms to ready with the change log read`));
    rows.push(
      valueRow(
        'browser.lookup.index-memory',
        'Lookup index memory (typed arrays + JS heap)',
        'KB',
        (indexArraysMb + Math.max(0, indexHeapMb)) * 1024,
        TARGETS.lookupIndexMb * 1024,
        `typed arrays ${round(indexArraysMb, 1)} MB + heap ${round(indexHeapMb, 1)} MB; the in-memory floor (plain sorted arrays of the same tokens, records as objects) holds ${round(floorHeapMb, 1)} MB of heap (${round(floorHeapMb / (indexArraysMb + Math.max(0, indexHeapMb)), 1)}× the index)`,
      ),
    );
    const floorRow = timingRow(
      'browser.lookup.floor',
      'Lookup keystroke → results, in-memory floor (same tokens and ranking, plain arrays)',
      floor.samples,
      null,
      `agreement with the index on the old kinds (accounts, contacts): ${floor.agree}/${floor.total} keystrokes${floor.disagreements.length ? `; differ on ${floor.disagreements.slice(0, 8).join(', ')}` : ''}`,
    );
    rows.push(floorRow);

    const bulkAccounts = options.quick ? 5_000 : 10_000;
    if (wants('bulk')) {
      // Product and floor in alternation, the order swapped each round, so load that drifts over
      // the minutes a round takes falls on both: each round's ratio is taken within the round,
      // and the row shows the median ratio (one sample of each used to swing 1.4–2.3×).
      log(`bulk write: ${bulkAccounts / 1000}k accounts and ${(bulkAccounts * 3) / 1000}k contacts, the current schema and the id-only floor, ${BULK_ROUNDS} rounds in alternation`);
      const floorMs: number[] = [];
      const currentMs: number[] = [];
      let rowsWritten = 0;
      for (let pass = 0; pass < BULK_ROUNDS; pass++) {
        const order = pass % 2 === 0 ? (['floor', 'current'] as const) : (['current', 'floor'] as const);
        for (const shape of order) {
          const result = await call(seedPage, 'measureBulkWrite', shape, bulkAccounts);
          (shape === 'floor' ? floorMs : currentMs).push(result.ms);
          rowsWritten = result.rows;
        }
      }
      const ratios = currentMs.map((ms, pass) => ms / floorMs[pass]!);
      const current = percentile(currentMs, 50);
      const floor = percentile(floorMs, 50);
      const row = withFloor(
        valueRow(
          'browser.bulk-write',
          `Bulk write of ${bulkAccounts / 1000}k accounts + ${(bulkAccounts * 3) / 1000}k contacts, current schema`,
          's',
          current / 1000,
          null,
          `bulkPut in 500-account transactions (strict durability) with derived fields, every index the schema keeps and the change log, ${Math.round(rowsWritten / (current / 1000))} rows/s; floor: the same records into tables keyed by id only, ${Math.round(rowsWritten / (floor / 1000))} rows/s; median of ${BULK_ROUNDS} rounds in alternation, × floor the median of each round's ratio (${ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(', ')})`,
        ),
        floor / 1000,
      );
      rows.push({ ...row, floorRatio: round(percentile(ratios, 50)) });
    }
    await cdp.detach();

    await call(seedPage, 'close');
    await seedPage.close();
    // Measure as after a browser restart: the database on disk, none of it in this browser's memory.
    await browser.close();
    ({ browser, extensionId } = await launch(options.extDir, userDataDir, sites.hostResolverRules));
    if (bigAccountIds.length !== size.bigAccounts) throw new Error(`Found ${bigAccountIds.length} of ${size.bigAccounts} big accounts`);

    // ---- The real side panel, opened on a page that matches nothing.
    const tab = await browser.newPage();
    await tab.goto(sites.url(unmatchedHost));
    const firstOpen = await clickToolbar(browser, extensionId, tab);
    let panel = firstOpen.panel;
    const firstMarks = await readMarks(panel, 30_000);
    await panel.waitForSelector('.sn-app');
    await inject(panel, harness);
    // The panel's own index: loaded from the store after the first paint.
    await panel.waitForFunction(() => performance.getEntriesByName('sidenote:lookup-ready').length > 0, { timeout: 300_000, polling: 100 });
    const readyMark = await call(panel, 'lookupReadyMark');
    log(`the panel's lookup index was ready ${round(readyMark?.startTime ?? Number.NaN, 0)} ms after navigation: ${JSON.stringify(readyMark?.detail)}`);

    if (wants('lookup')) {
      // ---- Lookup, data layer: first pass (this page's own copy of the index just loaded).
      log('lookup: data layer');
      const lookupFirst = await call(panel, 'measureLookup', queries, 1);

      // ---- Lookup through the UI: typed into the real search box.
      log('lookup: typed into the search box');
      const uiSamples: number[] = [];
      const uiDomSamples: number[] = [];
      const frameMs = await call(panel, 'frameInterval', 30);
      let uiSkipped = 0;
      let uiTimeouts = 0;
      /** Each keystroke typed, with the titles it was timed against (null: not timed), for the floor below. */
      const timedKeystrokes: Array<{ query: string; chars: number; titles: string[] | null }> = [];
      await panel.focus('#sn-search-input');
      // SIDENOTE_LOOKUP_TRACE=/tmp/lookup writes a Chrome trace of the typing (-panel.json) and of the floor's (-floor.json) for profiling.
      const traceCategories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler'];
      const lookupTrace = process.env.SIDENOTE_LOOKUP_TRACE;
      if (lookupTrace) await panel.tracing.start({ path: `${lookupTrace}-panel.json`, categories: traceCategories });
      for (const query of queries) {
        await panel.keyboard.press('Escape');
        await panel.waitForFunction(() => !document.querySelector('#sn-search-results'), { timeout: 5000 });
        const chars = Array.from(query);
        let previous: string[] | null = null;
        for (let i = 1; i <= chars.length; i++) {
          const prefix = chars.slice(0, i).join('');
          const titles = prefix.trim() ? await call(panel, 'expectedTitles', prefix) : [];
          // A keystroke that leaves the list as it was changes nothing on screen to time.
          const changes = prefix.trim() !== '' && (previous === null || titles.join('\n') !== previous.join('\n'));
          timedKeystrokes.push({ query, chars: i, titles: changes ? titles : null });
          if (changes) await call(panel, 'armLookupWatch', prefix, titles, 5000);
          await panel.keyboard.type(chars[i - 1]!);
          if (changes) {
            const { ms, domMs } = await call(panel, 'waitWatch');
            if (ms === null || domMs === null) uiTimeouts++;
            else {
              uiSamples.push(ms);
              uiDomSamples.push(domMs);
            }
          } else {
            uiSkipped++;
            await sleep(150);
          }
          previous = titles;
          await sleep(60);
        }
      }
      await panel.keyboard.press('Escape');
      if (lookupTrace) await panel.tracing.stop();

      // The same keystrokes into a bare input over the panel that writes the same titles.
      log('lookup: the keystroke floor (bare input, same titles)');
      await call(panel, 'mountKeystrokeFloor');
      await panel.focus('#sn-bench-floor-input');
      if (lookupTrace) await panel.tracing.start({ path: `${lookupTrace}-floor.json`, categories: traceCategories });
      const uiFloor: number[] = [];
      for (const keystroke of timedKeystrokes) {
        const chars = Array.from(keystroke.query);
        if (keystroke.chars === 1) await call(panel, 'clearKeystrokeFloor');
        if (keystroke.titles) await call(panel, 'armKeystrokeFloorWatch', chars.slice(0, keystroke.chars).join(''), keystroke.titles, 5000);
        await panel.keyboard.type(chars[keystroke.chars - 1]!);
        if (keystroke.titles) {
          const { ms } = await call(panel, 'waitWatch');
          if (ms !== null) uiFloor.push(ms);
        }
        await sleep(60);
      }
      if (lookupTrace) await panel.tracing.stop();
      await call(panel, 'unmountKeystrokeFloor');

      const lookupRepeat = await call(panel, 'measureLookup', queries, plan.lookupRounds - 1);
      const cjk = /[\u3400-\u9fff]/;
      const dataAll = [...lookupFirst, ...lookupRepeat];
      const dataP95 = percentile(dataAll.map((s) => s.ms), 95);
      rows.push(
        timingRow(
          'browser.lookup.data',
          'Lookup keystroke → results, data layer',
          dataAll.map((s) => s.ms),
          TARGETS.lookupDataP95Ms,
          `the panel's search (the lookup index) for every prefix of ${queries.length} queries (English, Chinese, domain, email), ${plan.lookupRounds} passes; first pass p95 ${round(percentile(lookupFirst.map((s) => s.ms), 95))} ms; Chinese prefixes p95 ${round(percentile(dataAll.filter((s) => cjk.test(s.query)).map((s) => s.ms), 95))} ms; ${round(dataP95 / (floorRow.p95 ?? Number.NaN), 2)}× the floor's p95, ${round((percentile(dataAll.map((s) => s.ms), 50)) / (floorRow.p50 ?? Number.NaN), 2)}× its p50`,
        ),
      );
      // Each keystroke's median over the passes: a keystroke slow in one pass only was the
      // machine (another process, a collection), one slow in every pass is the index's own cost.
      const medianByKeystroke = (samples: ReadonlyArray<{ query: string; ms: number }>) => {
        const byQuery = new Map<string, number[]>();
        for (const sample of samples) byQuery.set(sample.query, [...(byQuery.get(sample.query) ?? []), sample.ms]);
        return [...byQuery.values()].map((list) => percentile(list, 50));
      };
      const floorKeystrokes = floor.samples.length / plan.lookupRounds;
      const floorMedians = medianByKeystroke(floor.samples.map((ms, i) => ({ query: String(i % floorKeystrokes), ms })));
      const indexMedians = medianByKeystroke(dataAll);
      log(
        `per-keystroke medians over the passes: index p95 ${round(percentile(indexMedians, 95))} / max ${round(Math.max(...indexMedians))} ms; floor p95 ${round(percentile(floorMedians, 95))} / max ${round(Math.max(...floorMedians))} ms`,
      );
      rows[rows.length - 1]!.notes += `; p95 of each keystroke's median over the passes ${round(percentile(indexMedians, 95))} ms (floor ${round(percentile(floorMedians, 95))} ms): the rest of the tail is passes the machine took from the page`;
      const slowest = [...dataAll].sort((a, b) => b.ms - a.ms).slice(0, 8);
      log(`slowest lookups: ${slowest.map((s) => `"${s.query}" ${s.ms.toFixed(1)} ms (${s.results} results, pass ${s.round + 1})`).join(', ')}`);
      rows.push(
        withFloor(
          timingRow(
            'browser.lookup.ui',
            'Lookup keystroke → results, in the side panel',
            uiSamples,
            TARGETS.lookupUiP95Ms,
            `real key events into #sn-search-input, timed from the key event to the frame after the list shows that prefix's results (DOM updated: p50 ${round(percentile(uiDomSamples, 50))} / p95 ${round(percentile(uiDomSamples, 95))} ms; frames every ${round(frameMs, 1)} ms); ${uiSkipped} keystrokes left the list unchanged and are not timed${uiTimeouts ? `; ${uiTimeouts} TIMED OUT (5 s)` : ''}; floor: the same keystrokes into a bare input over the panel whose input handler writes the same titles as plain rows, same watch (p50 ${round(percentile(uiFloor, 50))} ms)`,
          ),
          uiFloor,
        ),
      );
    }

    const writeReport = () => {
      const report = {
        suite: 'browser',
        measuredAt: new Date().toISOString(),
        mode: options.quick ? 'quick' : 'full',
        machine: machineInfo(chromiumVersion),
        extension: { dir: path.relative(ROOT, options.extDir), id: extensionId },
        dataset: { ...size, bigAccountContacts: 30, bigAccountDeals: 10 },
        seeding,
        results: rows,
      };
      writeFileSync(path.join(RESULTS_DIR, 'browser.json'), `${JSON.stringify(report, null, 2)}\n`);
      console.log(`\nSidebar benchmarks in ${chromiumVersion}, ${report.machine.cpuCount} CPUs (${report.machine.cpuModel}), ${options.quick ? 'QUICK data set' : 'full data set'}`);
      console.log(formatTable(rows));
      log(`wrote ${path.relative(ROOT, path.join(RESULTS_DIR, 'browser.json'))}`);
    };

    if (wants('card')) {
      // ---- Account card with a 1,000-activity timeline, through the UI.
      log('account card: picked from search');
      const dataCard = await call(panel, 'measureAccountData', bigAccountIds.map((b) => b.id), 1);
      const expectedItems = Math.min(CARD_FIRST_ITEMS, dataCard.items);
      const openSamples: number[] = [];
      const openDomSamples: number[] = [];
      let openTimeouts = 0;
      const notFound = new Set<string>();
      // SIDENOTE_CARD_PROBE=1 times each DOM removal in the panel during the opens and prints the slowest (what was removed, from where).
      if (process.env.SIDENOTE_CARD_PROBE) {
        // A string, not a function: tsx would wrap the named helpers in its own `__name`, which the page lacks.
        await panel.evaluate(`(() => {
          const describe = (node) => {
            if (!node.tagName) return node.nodeName;
            const cls = typeof node.className === 'string' && node.className ? '.' + node.className.split(' ').join('.') : '';
            const testId = node.getAttribute('data-testid') ? '[' + node.getAttribute('data-testid') + ']' : '';
            return node.tagName.toLowerCase() + (node.id ? '#' + node.id : '') + cls + testId + '(' + node.querySelectorAll('*').length + ' inside)';
          };
          const log = [];
          window.cardProbe = log;
          const remove = Node.prototype.removeChild;
          Node.prototype.removeChild = function (child) {
            const what = describe(child) + ' from ' + describe(this) + '; focus in it: ' + child.contains(document.activeElement);
            const start = performance.now();
            const removed = remove.call(this, child);
            log.push({ ms: performance.now() - start, what });
            return removed;
          };
        })()`);
      }
      for (let round = 0; round < plan.accountOpenRounds; round++) {
        for (const account of bigAccountIds) {
          await panel.focus('#sn-search-input');
          await panel.keyboard.press('Escape');
          await panel.keyboard.type(account.name);
          const option = await panel
            .waitForFunction(
              (name: string) => Array.from(document.querySelectorAll('#sn-search-results [role="option"]')).find((el) => el.querySelector('.sn-result__name')?.textContent === name),
              { timeout: 5_000 },
              account.name,
            )
            .catch(() => null);
          if (!option) {
            // Typing the account's whole name did not list it: a lookup miss, reported below.
            notFound.add(account.name);
            continue;
          }
          await sleep(100);
          await panel.evaluate((name: string, items: number) => {
            const bench = (window as unknown as { sidenoteBench: BenchApi }).sidenoteBench;
            bench.armAccountWatch(name, items, 10_000);
          }, account.name, expectedItems);
          // SIDENOTE_CARD_TRACE=/tmp/card writes a Chrome trace of each open (click to painted card) for profiling.
          const tracePath = process.env.SIDENOTE_CARD_TRACE ? `${process.env.SIDENOTE_CARD_TRACE}-${round}-${account.id}.json` : null;
          if (tracePath) await panel.tracing.start({ path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink.user_timing', 'disabled-by-default-v8.cpu_profiler', 'IndexedDB'] });
          await (option.asElement() as ElementHandle<Element>).click();
          const { ms, domMs } = await call(panel, 'waitWatch');
          if (tracePath) await panel.tracing.stop();
          if (ms === null || domMs === null) openTimeouts++;
          else {
            openSamples.push(ms);
            openDomSamples.push(domMs);
          }
          // Back to the page, which matches nothing: the card goes away.
          await panel.evaluate(() => (Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Back to this page') as HTMLButtonElement | undefined)?.click());
          await panel.waitForFunction(() => !document.querySelector('[data-testid="account-card"]'), { timeout: 10_000 });
          await sleep(100);
        }
      }
      if (process.env.SIDENOTE_CARD_PROBE) {
        const probe = await panel.evaluate(() => (window as unknown as { cardProbe: Array<{ ms: number; what: string }> }).cardProbe);
        const byWhat = new Map<string, number[]>();
        for (const { ms, what } of probe) byWhat.set(what, [...(byWhat.get(what) ?? []), ms]);
        const rowsByTime = [...byWhat].map(([what, list]) => ({ what, n: list.length, median: percentile(list, 50), max: Math.max(...list) })).sort((a, b) => b.median * b.n - a.median * a.n);
        for (const row of rowsByTime.slice(0, 15)) log(`removal ${row.n}× median ${round(row.median, 2)} max ${round(row.max, 2)} ms: ${row.what}`);
      }
      const cardFloor = await call(panel, 'measureCardFloor', bigAccountIds.map((b) => b.id), expectedItems, plan.accountOpenRounds);
      rows.push(
        withFloor(
          timingRow(
            'browser.account-card.ui',
            'Account card open, 1,000-activity timeline, in the side panel',
            openSamples,
            TARGETS.cardPaintP95Ms,
            `click on a search result → the frame showing the card with its first ${expectedItems} timeline items (DOM: p50 ${round(percentile(openDomSamples, 50))} / p95 ${round(percentile(openDomSamples, 95))} ms); ${bigAccountIds.length} accounts with ${size.bigAccountActivities} activities, 30 contacts, 10 deals each; floor: the card's four reads and the same name, contacts, deals and first ${expectedItems} items as plain DOM to the painted frame (p50 ${round(percentile(cardFloor, 50))} ms)${openTimeouts ? `; ${openTimeouts} TIMED OUT` : ''}${notFound.size ? `; NOT LISTED when typing the whole name, so not timed: ${[...notFound].join(', ')}` : ''}`,
          ),
          cardFloor,
        ),
      );
      // The cards opened above leave their funnel guidance reads running for seconds; let them
      // finish so the data-layer numbers below are not theirs.
      await sleep(8_000);
      const accountData = await call(panel, 'measureAccountData', bigAccountIds.map((b) => b.id), plan.accountDataRounds);
      rows.push(
        timingRow(
          'browser.account-card.data',
          'Account card data (account, contacts, deals, timeline page)',
          accountData.card,
          null,
          `the four reads the card makes, in parallel; listTimeline alone p50 ${round(percentile(accountData.timeline, 50))} / p95 ${round(percentile(accountData.timeline, 95))} ms for ${accountData.items} items`,
        ),
      );

      const guidance = await call(panel, 'measureGuidanceData', bigAccountIds.map((b) => b.id), plan.accountDataRounds);
      rows.push(
        timingRow(
          'browser.account-card.guidance-data',
          'Account card funnel guidance data (suggestion input + success-case pool)',
          guidance.suggestion.map((ms, i) => ms + guidance.pool[i]!),
          null,
          `loadSuggestionInput p50 ${round(percentile(guidance.suggestion, 50))} / p95 ${round(percentile(guidance.suggestion, 95))} ms; loadSuccessCasePool p50 ${round(percentile(guidance.pool, 50))} / p95 ${round(percentile(guidance.pool, 95))} ms, largest pool ${JSON.stringify(guidance.largestPool)}`,
        ),
      );
    }

    if (wants('today')) {
      // ---- Today (issue 11 §3): one rep's list, read and built as the panel does.
      log(`today: ${plan.todayRounds} rounds of three reads for rep-1`);
      await call(panel, 'measureTodayReads', 'rep-1', 3);
      const today = await call(panel, 'measureTodayReads', 'rep-1', plan.todayRounds);
      const { firstPage, showMore, before } = today;
      const ms = (times: number[]) => `p50 ${round(percentile(times, 50))} / p95 ${round(percentile(times, 95))} ms`;
      const readNote = (run: { accounts: number; items: number; readTimes: number[] }) => `${run.accounts} accounts read, ${run.items} items; the read alone ${ms(run.readTimes)}`;
      const ratioNote = (run: { times: number[] }) =>
        `${round(percentile(run.times, 50) / percentile(before.times, 50))}× / ${round(percentile(run.times, 95) / percentile(before.times, 95))}× the read before the split in the same rounds (${ms(before.times)}, ${before.accounts} accounts, ${before.items} items, counts included)`;
      rows.push(
        timingRow(
          'browser.today',
          `Today view: first page, read + list (${size.accounts.toLocaleString('en')} accounts, ${size.activities.toLocaleString('en')} activities)`,
          firstPage.times,
          TARGETS.todayP95Ms,
          `loadTodayFirstPage + buildToday for rep-1 of the generated reps, Asia/Shanghai, the first page (what opening Today waits for before it shows the list), after 3 warm-up rounds; ${readNote(firstPage)}; ${ratioNote(firstPage)}`,
        ),
      );
      rows.push(
        timingRow(
          'browser.today.counts',
          'Today view: the "N more" counts after the first page (countTodayLeftOut)',
          firstPage.countTimes,
          null,
          `run right after each first page, the list already shown; ${firstPage.leftOut} items left out in all; first page + counts ${ms(firstPage.times.map((t, i) => t + firstPage.countTimes[i]!))}`,
        ),
      );
      rows.push(
        timingRow(
          'browser.today.show-more',
          'Today view: one "show more" of the biggest left-out kind (first page, read + list)',
          showMore.times,
          null,
          `the same first page with ${showMore.kind} raised by a page (${showMore.leftOut} left out on the first page); ${readNote(showMore)}; its counts ${ms(showMore.countTimes)}; ${ratioNote(showMore)}`,
        ),
      );
    }

    if (wants('save')) {
      // ---- Note save to durable commit.
      log(`note saves: ${plan.saves} logActivity calls`);
      const saves = await call(panel, 'measureSaves', bigAccountIds.map((b) => b.id), plan.saves, { warmup: 5, pauseMs: 20 });
      rows.push(
        withFloor(
          timingRow(
            'browser.save',
            'Note save → durable commit',
            saves.samples,
            TARGETS.saveP95Ms,
            `logActivity (validation, record + outbox entry in one transaction, strict durability) on the loaded database, one at a time; notes and calls on the 1,000-activity accounts, the panel open; floor: the same two rows put in one transaction right after each save through a plain Dexie connection to the same database (no product middleware) (p50 ${round(percentile(saves.floor, 50))} ms)`,
          ),
          saves.floor,
        ),
      );
      await call(panel, 'removeBenchWrites');
      await call(panel, 'close');
    }

    if (wants('cold')) {
      // ---- Cold open: close the panel, click the toolbar on a prospect's page, N times.
      log(`cold open: ${plan.coldOpens} toolbar clicks`);
      await closePanel(browser, extensionId, panel);
      await tab.goto(sites.url(coldOpenHost));
      const wallInteractive: number[] = [];
      const wallMatch: number[] = [];
      const markInteractive: number[] = [];
      const markMatch: number[] = [];
      for (let i = 0; i < plan.coldOpens; i++) {
        await sleep(300);
        const opened = await clickToolbar(browser, extensionId, tab);
        panel = opened.panel;
        const marks = await readMarks(panel, 30_000);
        if (marks.interactive !== null) {
          markInteractive.push(marks.interactive);
          wallInteractive.push(marks.timeOrigin + marks.interactive - opened.clickedAtEpochMs);
        }
        if (marks.matchShown !== null) {
          markMatch.push(marks.matchShown);
          wallMatch.push(marks.timeOrigin + marks.matchShown - opened.clickedAtEpochMs);
        }
        // Let the card finish rendering before closing, as a rep would read it.
        await panel.waitForSelector('[data-testid="timeline-item"]', { timeout: 30_000 }).catch(() => undefined);
        await closePanel(browser, extensionId, panel);
      }
      // ---- The first keystroke right after a cold open, on a page matching nothing.
      await tab.goto(sites.url(unmatchedHost));
      await sleep(300);
      const coldFirst: number[] = [];
      let coldFirstIndexReady = 0;
      for (let i = 0; i < plan.coldOpens / 2; i++) {
        const opened = await clickToolbar(browser, extensionId, tab);
        panel = opened.panel;
        await readMarks(panel, 30_000);
        await panel.waitForSelector('#sn-search-input');
        await inject(panel, harness);
        const letter = i % 2 === 0 ? 'a' : '华';
        await call(panel, 'armAnyLookupWatch', letter, 10_000);
        await panel.focus('#sn-search-input');
        await panel.keyboard.type(letter);
        const { ms } = await call(panel, 'waitWatch');
        if (ms !== null) coldFirst.push(ms);
        const ready = await call(panel, 'lookupReadyMark');
        if (ready) coldFirstIndexReady++;
        await panel.waitForFunction(() => performance.getEntriesByName('sidenote:lookup-ready').length > 0, { timeout: 300_000, polling: 100 });
        await closePanel(browser, extensionId, panel);
        await sleep(300);
      }
      rows.push(
        timingRow(
          'browser.lookup.cold-first-keystroke',
          'Lookup: first keystroke right after a cold open, to painted results',
          coldFirst,
          null,
          `the panel opened by a toolbar click, a letter typed as soon as the search box exists; the index was already loaded for ${coldFirstIndexReady} of ${coldFirst.length} (the others were answered by the database's prefix path)`,
        ),
      );

      const coldNote = `panel closed and reopened by a toolbar click on ${coldOpenHost} (matches a 1,000-activity account), ${plan.coldOpens} times with the full database`;
      rows.push(timingRow('browser.cold-open.interactive', 'Sidebar cold open: toolbar click → interactive', wallInteractive, null, `wall clock from the click to the 'sidenote:interactive' mark; ${coldNote}`));
      rows.push(timingRow('browser.cold-open.match', 'Sidebar cold open: toolbar click → page match shown', wallMatch, null, `wall clock from the click to 'sidenote:match-shown'; ${coldNote}`));
      rows.push(timingRow('browser.cold-open.interactive-mark', "Sidebar cold open: 'interactive' mark (panel's own clock)", markInteractive, null, 'performance mark startTime inside the panel (from its navigation start)'));
      rows.push(timingRow('browser.cold-open.match-mark', "Sidebar cold open: 'match-shown' mark (panel's own clock)", markMatch, null, 'performance mark startTime inside the panel (from its navigation start)'));
      if (firstMarks.interactive !== null) {
        rows.push(
          valueRow(
            'browser.first-open.interactive',
            'First open after browser start: click → interactive',
            'ms',
            firstMarks.timeOrigin + firstMarks.interactive - firstOpen.clickedAtEpochMs,
            null,
            `one sample, on a page matching no account; match shown at ${round(firstMarks.timeOrigin + (firstMarks.matchShown ?? Number.NaN) - firstOpen.clickedAtEpochMs)} ms`,
          ),
        );
      }
    }

    writeReport();
  } finally {
    await browser.close();
    await sites.close();
  }
}

await main();
