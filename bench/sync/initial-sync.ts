/**
 * Initial sync of 50,000 accounts into a fresh browser, in Chromium, from the server as
 * deployed (its own process, rate limit on, request log written) over PGlite, and over
 * PostgreSQL when DATABASE_URL is set. Beside it, in the same browser and run, the floor: the
 * same pages fetched the same way and each stored with one Dexie bulkPut into a table keyed by id
 * only. The rows are the browser suite's generated accounts (60% English, 40% Chinese names,
 * real-looking domains), pushed through the API first.
 *
 * The page is served from its own origin, so every pull is a CORS request as the extension's
 * are; a counting proxy in front of the server reports how many preflights (OPTIONS) each
 * sync sent, by path. Chromium caches a preflight per URL for Access-Control-Max-Age (600 s):
 * the pull sends its cursor in a POST body to one fixed URL, so one preflight serves every page
 * (before, the cursor was in the URL and each of the 51 pages paid its own).
 *
 * Without DATABASE_URL the PostgreSQL rows say "skipped: no DATABASE_URL" (and name the error
 * when it is set but PostgreSQL does not answer), so the table never silently lacks them.
 *
 * Run: npx tsx bench/sync/initial-sync.ts   (SIDENOTE_BENCH_QUICK=1: 10k accounts)
 *      DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/sync/initial-sync.ts
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { v7 as uuidv7 } from 'uuid';
import { MAX_PULL_PAGE_SIZE, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type Mutation } from '../../lib/schemas';
import { formatHlc } from '../../lib/sync/hlc';
import { accountFields } from '../../server/testing/fixtures';
import { DatasetGenerator, planDataset } from '../browser/generate';
import { pullEverythingWithoutStoring, type InitialSyncMeasurement } from './initial-sync-client';
import { POSTGRES_URL, QUICK, round, startBenchServer, writeResults, type Driver, type ResultRow } from './support';

const ACCOUNTS = QUICK ? 10_000 : 50_000;
const TARGET_MS = 5_000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Pushes `count` generated accounts (the browser suite's mixed English and Chinese book) in batches of 500. */
async function seedGeneratedAccounts(url: string, token: string, count: number): Promise<void> {
  const generator = new DatasetGenerator(planDataset({ accounts: count, contacts: 0, activities: 0, bigAccounts: 20, bigAccountActivities: 0 }));
  const node = 'benchseed001';
  let wallMs = Date.now() - 24 * 60 * 60_000;
  for (let start = 0; start < count; start += 500) {
    const mutations: Mutation[] = [];
    for (let i = start; i < Math.min(count, start + 500); i++) {
      const { record } = generator.account(i);
      mutations.push({
        id: uuidv7(),
        entity: 'account',
        recordId: record.id,
        patch: accountFields({ name: record.name, domains: record.domains, industry: record.industry, sizeTier: record.sizeTier, stage: record.stage, renewalDate: record.renewalDate }),
        hlc: formatHlc({ wallMs: wallMs++, counter: 0, node }),
      });
    }
    const send = () =>
      fetch(`${url}/v1/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
        body: JSON.stringify({ protocolVersion: SYNC_PROTOCOL_VERSION, clientId: node, mutations }),
      });
    let response: Response;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await send();
        break;
      } catch (error) {
        // A connection the server closed under heavy load (seen at load 35): the same batch
        // again, with the same mutation ids, applies at most once.
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    if (response.status === 429) {
      // The deployed rate limit: wait as the server says, then send the batch again.
      await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
      start -= 500;
      await response.arrayBuffer();
      continue;
    }
    if (response.status !== 200) throw new Error(`seeding failed: ${response.status} ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer();
  }
}

/** A pass-through proxy on loopback that counts requests by method and path, so preflights are seen. */
async function startCountingProxy(target: string) {
  const counts: Record<string, number> = {};
  const upstream = new URL(target);
  const server = http.createServer((request, response) => {
    const key = `${request.method ?? '?'} ${(request.url ?? '').split('?')[0]}`;
    counts[key] = (counts[key] ?? 0) + 1;
    const forward = http.request({ host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers: { ...request.headers, host: upstream.host } }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => response.writeHead(502).end());
    request.pipe(forward);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Requests since the last take, by `METHOD /path`, and the preflights among them. */
    take: () => {
      const byPath = { ...counts };
      for (const key of Object.keys(counts)) delete counts[key];
      const preflights = Object.entries(byPath).filter(([key]) => key.startsWith('OPTIONS ')).reduce((sum, [, n]) => sum + n, 0);
      return { byPath, preflights, pullPreflights: byPath['OPTIONS /v1/pull'] ?? 0 };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** A page on its own origin with the sync client loaded. */
async function startPage() {
  const bundle = await build({ entryPoints: [path.join(import.meta.dirname, 'browser-entry.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent', define: { 'process.env.NODE_ENV': '"production"' } });
  const script = bundle.outputFiles[0]!.text;
  const site = http.createServer((request, response) => {
    if (request.url === '/sync-bench.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>sync bench</title><script src="/sync-bench.js"></script>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const browser = await puppeteer.launch({ executablePath: CHROMIUM_PATH, headless: true, protocolTimeout: 20 * 60_000, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'syncBench' in globalThis);
  return {
    origin,
    run: (which: 'product' | 'floor', options: { baseUrl: string; token: string; dbName: string }) =>
      page.evaluate((fn, opts) => (globalThis as unknown as { syncBench: Record<string, (o: unknown) => Promise<InitialSyncMeasurement>> }).syncBench[fn]!(opts), which, options),
    version: () => browser.version(),
    close: async () => {
      await browser.close();
      await new Promise((resolve) => site.close(resolve));
    },
  };
}

/** Why PostgreSQL is not measured in this run, or null when it is reachable. */
async function postgresSkipReason(): Promise<string | null> {
  if (!POSTGRES_URL) return 'no DATABASE_URL';
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    const url = new URL(POSTGRES_URL);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432} does not answer (${(error as { code?: string }).code ?? (error as Error).message.slice(0, 60)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function skippedRows(driver: Driver, label: string, reason: string): ResultRow[] {
  const notes = `not measured: ${reason}; run with DATABASE_URL=postgres://… (npm run bench passes it through) to measure it`;
  return [
    { id: `sync.initial.${driver}.chromium`, name: `initial sync of ${ACCOUNTS / 1000}k accounts into Chromium's IndexedDB, ${label} server — skipped: ${reason}`, unit: 'ms', notes },
    { id: `sync.initial.${driver}.chromium.first-page`, name: `  first page committed (sidebar usable), ${label} — skipped`, unit: 'ms', notes },
    { id: `sync.initial.${driver}.preflights`, name: `  CORS preflights of the pull per initial sync, ${label} — skipped`, unit: 'requests', notes },
    { id: `sync.initial.${driver}.pull-only`, name: `  pull all pages without storing (Node), ${label} — skipped`, unit: 'ms', notes },
  ];
}

const rows: ResultRow[] = [];
const postgresSkipped = await postgresSkipReason();
if (postgresSkipped) console.log(`PostgreSQL skipped: ${postgresSkipped}.`);
const drivers: Driver[] = postgresSkipped ? ['pglite'] : ['pglite', 'postgres'];
const page = await startPage();
const chromium = await page.version();
try {
  for (const driver of drivers) {
    // The rate limit is per token: the teammate's token serves the product's syncs alone; the
    // seeding rep's serves the Node pull and the floor, whose budget has refilled by then.
    const server = await startBenchServer(driver, { corsOrigins: [page.origin], asDeployed: true });
    try {
      const [seeder, productRep, floorRep] = [server.teams[0]!, server.teams[1]!, server.teams[0]!];
      const label = driver === 'pglite' ? 'PGlite' : 'PostgreSQL';
      const seeding = performance.now();
      await seedGeneratedAccounts(server.url, seeder.token, ACCOUNTS);
      console.log(`${driver}: pushed ${ACCOUNTS} accounts in ${round((performance.now() - seeding) / 1000)} s`);
      const pullOnly = await pullEverythingWithoutStoring({ baseUrl: server.url, token: server.teams[0]!.token, pageSize: MAX_PULL_PAGE_SIZE });
      // ABBA, so a drift in the machine's load falls on both alike. Each sync goes through a
      // proxy on a new port: a new server address, so no preflight is cached from an earlier
      // sync, as in a browser syncing for the first time.
      const product: InitialSyncMeasurement[] = [];
      const floor: InitialSyncMeasurement[] = [];
      const preflights = { product: 0, floor: 0, productPull: 0 };
      const productRequests: string[] = [];
      let warm: { result: InitialSyncMeasurement; options: number } | null = null;
      for (const which of ['product', 'floor', 'floor', 'product', 'warm'] as const) {
        const proxy = await startCountingProxy(server.url);
        try {
          const run = async (fn: 'product' | 'floor') => {
            const result = await page.run(fn, { baseUrl: proxy.url, token: fn === 'product' ? productRep.token : floorRep.token, dbName: `bench-initial-${driver}-${fn}-${Date.now()}` });
            if (result.records !== ACCOUNTS || result.outcome !== 'synced') throw new Error(`${fn} initial sync incomplete: ${JSON.stringify(result)}`);
            return result;
          };
          if (which === 'warm') {
            // The same sync again at the same address: every preflight (hello's, the pull's) is cached now.
            await run('product');
            proxy.take();
            const result = await run('product');
            warm = { result, options: proxy.take().preflights };
            console.log(`${driver} product, preflights cached: ${round(result.totalMs)} ms, ${warm.options} OPTIONS`);
            continue;
          }
          const result = await run(which);
          const counted = proxy.take();
          (which === 'product' ? product : floor).push(result);
          preflights[which] += counted.preflights;
          if (which === 'product') {
            preflights.productPull += counted.pullPreflights;
            productRequests.push(JSON.stringify(counted.byPath));
          }
          console.log(`${driver} ${which}: ${round(result.totalMs)} ms, ${result.pages} pages, requests ${JSON.stringify(counted.byPath)}`);
        } finally {
          await proxy.close();
        }
      }
      const mean = (list: InitialSyncMeasurement[], key: 'totalMs' | 'firstPageMs') => list.reduce((sum, m) => sum + m[key], 0) / list.length;
      const productMs = mean(product, 'totalMs');
      const floorMs = mean(floor, 'totalMs');
      const pages = product[0]!.pages;
      rows.push(
        {
          id: `sync.initial.${driver}.chromium`,
          name: `initial sync of ${ACCOUNTS / 1000}k accounts into Chromium's IndexedDB, ${label} server`,
          unit: 'ms',
          runs: product.length,
          value: round(productMs, 0),
          target: TARGET_MS,
          targetOf: 'value',
          pass: productMs <= TARGET_MS,
          floor: round(floorMs, 0),
          floorRatio: round(productMs / floorMs, 2),
          notes: `${chromium}; the sync engine (runSync) into a fresh SidenoteDb, mean of ${product.length} (${product.map((m) => round(m.totalMs, 0)).join(', ')} ms); ${pages} pages of ${MAX_PULL_PAGE_SIZE} at one URL (POST /v1/pull, cursor in the body), ${round(preflights.product / product.length, 1)} CORS preflights per sync, ${round(preflights.productPull / product.length, 1)} of them for the pull (with every preflight cached the same sync took ${warm ? `${round(warm.result.totalMs, 0)} ms, ${warm.options} preflights` : 'n/a'}); floor: the same pages fetched alike and bulkPut into a table keyed by id only (${floor.map((m) => round(m.totalMs, 0)).join(', ')} ms, ${round(preflights.floor / floor.length, 1)} preflights); server as deployed (rate limit on, request log), mixed English/Chinese generated accounts`,
        },
        {
          id: `sync.initial.${driver}.preflights`,
          name: `  CORS preflights of the pull per initial sync, ${label}`,
          unit: 'requests',
          runs: product.length,
          value: round(preflights.productPull / product.length, 1),
          target: 1,
          targetOf: 'value',
          pass: preflights.productPull / product.length <= 1,
          notes: `counted by a proxy in front of the server, each sync on a new port (nothing cached); ${pages} pages per sync; all requests per sync: ${productRequests.join(' / ')}`,
        },
        {
          id: `sync.initial.${driver}.chromium.first-page`,
          name: `  first page committed (sidebar usable), ${label}`,
          unit: 'ms',
          runs: product.length,
          value: round(mean(product, 'firstPageMs'), 0),
          target: 1_000,
          targetOf: 'value',
          pass: mean(product, 'firstPageMs') <= 1_000,
          floor: round(mean(floor, 'firstPageMs'), 0),
          floorRatio: round(mean(product, 'firstPageMs') / mean(floor, 'firstPageMs'), 2),
          notes: `${MAX_PULL_PAGE_SIZE} accounts fetched, parsed, merged and stored with their indexes and change-log row`,
        },
        {
          id: `sync.initial.${driver}.pull-only`,
          name: `  pull all pages without storing (Node), ${label}`,
          unit: 'ms',
          runs: 1,
          value: round(pullOnly.totalMs, 0),
          target: TARGET_MS,
          targetOf: 'value',
          pass: pullOnly.totalMs <= TARGET_MS,
          notes: `${pullOnly.records} records: server reads, JSON over loopback, Zod parsing of every page; no CORS (Node)`,
        },
      );
    } finally {
      await server.close();
    }
  }
  if (postgresSkipped) rows.push(...skippedRows('postgres', 'PostgreSQL', postgresSkipped));
} finally {
  await page.close();
}
writeResults('sync-initial', rows, { accounts: ACCOUNTS, chromium, postgres: postgresSkipped ? `skipped: ${postgresSkipped}` : 'measured' });
