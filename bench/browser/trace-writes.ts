/**
 * A diagnostic, not part of the suite: traces every IndexedDB request the write path makes,
 * below the product's middlewares, in real Chromium (a plain page, no extension), next to raw
 * floors; see trace-writes.page.ts and lib/db/README.md for what it found.
 *   npx tsx bench/browser/trace-writes.ts saves [rounds]
 *   npx tsx bench/browser/trace-writes.ts bulk [rounds] [accounts] [indexes]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';

const what = process.argv[2] ?? 'saves';
const rounds = Number(process.argv[3] ?? 40);
const bundle = (
  await build({ entryPoints: [path.join(import.meta.dirname, 'trace-writes.page.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent', define: { 'process.env.NODE_ENV': '"production"' } })
).outputFiles[0]!.text;
const server = http.createServer((_, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>trace</title>'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, pipe: true, protocolTimeout: 900_000, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
const page = await browser.newPage();
await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
await page.evaluate(bundle);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const r2 = (x: number) => Math.round(x * 100) / 100;
type Ev = { table: string; op: string; n: number; start: number; end: number };
type TraceApi = {
  setup(accounts: number): Promise<unknown>;
  traceSaves(kinds: string[], rounds: number): Promise<Record<string, { ms: number[]; events: Ev[][] }>>;
  bulk(shape: { name: string; stores?: Record<string, string>; product?: boolean }, accounts: number): Promise<{ ms: number; events: Ev[][] }>;
};
function summarise(lists: Ev[][]) {
  // Per (table, op, order of appearance): median start and end across samples.
  const key = (e: Ev, i: number) => `${i}:${e.table}.${e.op}(${e.n})`;
  const byKey = new Map<string, { s: number[]; e: number[] }>();
  for (const list of lists) {
    list.sort((a, b) => a.start - b.start).forEach((e, i) => {
      const k = key(e, i);
      const v = byKey.get(k) ?? { s: [], e: [] };
      v.s.push(e.start);
      v.e.push(e.end);
      byKey.set(k, v);
    });
  }
  return [...byKey].map(([k, v]) => `    ${k.padEnd(40)} start ${r2(pct(v.s, 50))} end ${r2(pct(v.e, 50))} (n=${v.s.length})`).join('\n');
}
if (what === 'saves') {
  console.log(await page.evaluate(() => (globalThis as unknown as { trace: TraceApi }).trace.setup(2000)));
  const kinds = ['product', 'benchFloor', 'rawFloor', 'rawReadThenWrite', 'productTask'];
  const out = (await page.evaluate((k, n) => (globalThis as unknown as { trace: TraceApi }).trace.traceSaves(k, n), kinds, rounds)) as Record<string, { ms: number[]; events: Ev[][] }>;
  for (const kind of kinds) {
    const { ms, events } = out[kind]!;
    console.log(`${kind}: p50 ${r2(pct(ms, 50))} p95 ${r2(pct(ms, 95))} ms`);
    console.log(summarise(events));
  }
} else {
  const accounts = Number(process.argv[4] ?? 2500);
  const A = 'id, *domains, nameKey, industryKey, [industryKey+sizeTier], renewalDate, [ownerKey+stage+silentSince], [ownerKey+renewalDate]';
  const C = 'id, accountId, email, *searchTokens';
  const drop = (spec: string, index: string) => spec.split(', ').filter((x) => x !== index).join(', ');
  const shapes: Array<{ name: string; stores?: Record<string, string>; product?: boolean }> = [
    { name: 'floor', stores: { accounts: 'id', contacts: 'id' } },
    { name: 'schema', stores: { accounts: A, contacts: C } },
    { name: 'product', product: true },
  ];
  if (process.argv[5] === 'indexes') {
    for (const index of A.split(', ').slice(1)) shapes.push({ name: `-a:${index}`, stores: { accounts: drop(A, index), contacts: C } });
    for (const index of C.split(', ').slice(1)) shapes.push({ name: `-c:${index}`, stores: { accounts: A, contacts: drop(C, index) } });
  }
  for (let round = 0; round < rounds; round++) {
    for (const shape of shapes) {
      const result = (await page.evaluate((s, n) => (globalThis as unknown as { trace: TraceApi }).trace.bulk(s, n), shape, accounts)) as { ms: number; events: Ev[][] };
      console.log(`round ${round} ${shape.name}: ${Math.round(result.ms)} ms`);
      if (round === 0 && shape.product) console.log(summarise(result.events));
    }
  }
}
await browser.close();
server.close();
