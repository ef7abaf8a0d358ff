/**
 * Page-context extraction on a large webmail page (a Gmail inbox beside an open 60-message
 * thread, about 2.1 MB of markup): p50/p95 of extractPageContext over 200 runs. Target:
 * p95 ≤ 10 ms. Run: npx tsx bench/capture/extract.ts
 *
 * jsdom's DOM is much slower than a browser's, so the Node number is an upper bound; the
 * Chromium run is the one that matches a rep's tab.
 */
import { JSDOM } from 'jsdom';
import { timingRow, type ResultRow } from '../browser/stats';
import { hasChromium, startChromiumBench } from './chromium';
import { recordResults } from './results';
import { LARGE_WEBMAIL_URL, generateLargeWebmailHtml, runExtractWork } from './workloads';

const RUNS = process.env.SIDENOTE_BENCH_QUICK === '1' ? 50 : 200;
const TARGET_MS = 10;
const html = generateLargeWebmailHtml();
const notes = (where: string, run: { participants: number; emails: number }) =>
  `${where}: ${(html.length / 1e6).toFixed(1)} MB page, ${run.participants} participants and ${run.emails} other addresses found each run`;

const rows: ResultRow[] = [];
const dom = new JSDOM(html, { url: LARGE_WEBMAIL_URL });
const node = runExtractWork(dom.window.document, RUNS);
rows.push(timingRow('capture.extract.jsdom', 'extract context, large webmail page (Node, jsdom)', node.samples, TARGET_MS, notes('jsdom', node)));

if (hasChromium) {
  const chromium = await startChromiumBench();
  try {
    const page = await chromium.open(html);
    const result = await page.evaluate((runs) => (globalThis as unknown as { captureBench: { runExtract(runs: number): { samples: number[]; participants: number; emails: number } } }).captureBench.runExtract(runs), RUNS);
    rows.push(timingRow('capture.extract.chromium', 'extract context, large webmail page (Chromium)', result.samples, TARGET_MS, notes('Chromium', result)));
  } finally {
    await chromium.close();
  }
} else {
  console.warn(`Chromium not found at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}: browser numbers skipped.`);
}

recordResults(rows);
