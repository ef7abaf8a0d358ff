/**
 * Runs the capture workloads in headless Chromium on a local page: bundles
 * bench/capture/browser-entry.ts to an IIFE and calls `window.captureBench` there.
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);

export interface ChromiumBench {
  /** Opens a page with this HTML and the bench script loaded. */
  open(html: string): Promise<Page>;
  close(): Promise<void>;
}

export async function startChromiumBench(): Promise<ChromiumBench> {
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, 'browser-entry.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: process.env.SIDENOTE_BENCH_NO_MINIFY !== '1',
    write: false,
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.text;
  const pages = new Map<string, string>();
  const server = http.createServer((request, response) => {
    if (request.url === '/bench.js') return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    const html = pages.get(request.url ?? '');
    if (html) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser: Browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // A slow import is a result to report, not a protocol failure.
    protocolTimeout: 30 * 60_000,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  let count = 0;
  return {
    async open(html) {
      const url = `/page-${++count}.html`;
      pages.set(url, html);
      const page = await browser.newPage();
      page.setDefaultTimeout(300_000);
      await page.goto(`http://127.0.0.1:${port}${url}`);
      await page.addScriptTag({ url: '/bench.js' });
      return page;
    },
    async close() {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
