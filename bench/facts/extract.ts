/**
 * Fact extraction per note over the whole corpus (test/fixtures/facts, every blind set included): p50/p95 of the time
 * one `extractFacts` call takes, in Node and in headless Chromium. Target: p95 ≤ 5 ms per note
 * in Chromium. Run: npx tsx bench/facts/extract.ts (or `npm run bench -- --only facts`).
 *
 * Each sample is one note's mean over several calls after a warm-up, because a browser's
 * performance.now() is coarsened to about 0.1 ms and a single call is shorter than that.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { parseCorpus } from '../../lib/facts/corpus';
import { extractFacts, type ExtractOptions } from '../../lib/facts/extract';
import { HOSTILE_FACT_NOTES } from '../../test/support/hostile-fact-notes';
import { formatTable, timingRow, valueRow, type ResultRow } from '../browser/stats';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CORPUS_DIR = path.join(ROOT, 'test/fixtures/facts');
const RESULTS_FILE = path.join(ROOT, 'bench-results/facts.json');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const QUICK = process.env.SIDENOTE_BENCH_QUICK === '1';
const REPEATS = QUICK ? 5 : 20;
const WARMUP = QUICK ? 1 : 3;
const TARGET_P95_MS = 5;

const files = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(CORPUS_DIR, name), 'utf8') }));
const notes = parseCorpus(files).map((note) => ({
  text: note.text,
  options: { now: note.now, timeZone: note.timeZone, ...(note.team ? { vocabulary: { competitors: note.team.competitors, products: note.team.products } } : {}) } satisfies ExtractOptions,
}));
const describeCorpus = `${notes.length} corpus notes (zh, en, mixed; ${Math.round(notes.reduce((sum, note) => sum + note.text.length, 0) / notes.length)} chars on average), mean of ${REPEATS} calls per note`;

function runInNode(): number[] {
  for (let pass = 0; pass < WARMUP; pass++) for (const note of notes) extractFacts(note.text, note.options);
  return notes.map((note) => {
    const started = performance.now();
    for (let i = 0; i < REPEATS; i++) extractFacts(note.text, note.options);
    return (performance.now() - started) / REPEATS;
  });
}

async function runInChromium(): Promise<{ samples: number[]; bundleKb: number; version: string }> {
  const bundle = await build({
    entryPoints: [path.join(import.meta.dirname, 'browser-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const server = http.createServer((request, response) => {
    if (request.url === '/facts.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><meta charset="utf-8"><title>facts bench</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    protocolTimeout: 10 * 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(600_000);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.addScriptTag({ url: '/facts.js' });
    const result = await page.evaluate(
      (input, repeats, warmup) =>
        (globalThis as unknown as { factsBench: { run(n: unknown, r: number, w: number): { samples: number[] } } }).factsBench.run(input, repeats, warmup),
      notes,
      REPEATS,
      WARMUP,
    );
    return { samples: result.samples, bundleKb: script.length / 1024, version: await browser.version() };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}

const rows: ResultRow[] = [];
rows.push(timingRow('facts.extract.node', 'extract facts from a note (Node)', runInNode(), null, `${describeCorpus}; Node ${process.version}`));
// The unit test only proves these finish; how long the worst takes is a number here.
const hostile = Object.entries(HOSTILE_FACT_NOTES).map(([name, text]) => {
  extractFacts(text, { now: Date.UTC(2026, 11, 1), timeZone: 'Asia/Shanghai' });
  const started = performance.now();
  extractFacts(text, { now: Date.UTC(2026, 11, 1), timeZone: 'Asia/Shanghai' });
  return { name, ms: performance.now() - started };
});
const slowest = hostile.reduce((worst, entry) => (entry.ms > worst.ms ? entry : worst));
rows.push(valueRow('facts.hostile.node', 'extract facts from the slowest hostile 64K-char note (Node)', 'ms', Math.round(slowest.ms * 10) / 10, null, `${hostile.length} notes built to make a regex backtrack (test/support/hostile-fact-notes.ts); slowest: ${slowest.name}`));
let chromium: string | undefined;
if (existsSync(CHROMIUM_PATH)) {
  const result = await runInChromium();
  chromium = result.version;
  rows.push(timingRow('facts.extract.chromium', 'extract facts from a note (Chromium)', result.samples, TARGET_P95_MS, `${describeCorpus}; ${result.version}`));
  rows.push(valueRow('facts.bundle', 'fact extractor bundle (minified, not gzipped)', 'KB', Math.round(result.bundleKb * 10) / 10, null, 'esbuild IIFE of lib/facts/extract.ts and what it imports'));
} else {
  console.warn(`Chromium not found at ${CHROMIUM_PATH}: browser numbers skipped.`);
}

mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
writeFileSync(
  RESULTS_FILE,
  `${JSON.stringify({ suite: 'facts', measuredAt: new Date().toISOString(), machine: { cpuCount: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version, ...(chromium ? { chromium } : {}) }, results: rows }, null, 2)}\n`,
);
console.log(formatTable(rows));
console.log(`\nWritten to ${path.relative(process.cwd(), RESULTS_FILE)}`);
