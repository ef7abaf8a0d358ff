import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';

/**
 * The side panel's first paint loads its entry script and the chunks it imports statically
 * (scripts/bundle-report.mjs). The shipped build, which global-setup has just built, must keep
 * that under the budget: twice a small import (a constant, a touch-type set) pulled Zod and the
 * whole funnel into the first paint, 40–60 KB gzipped, and nothing failed.
 */
const INITIAL_JS_BUDGET_BYTES = 150 * 1024;

test('the side panel’s initial JavaScript stays within 150 KB gzipped in the shipped build', () => {
  const report = path.join(mkdtempSync(path.join(tmpdir(), 'sidenote-bundle-')), 'bundle.json');
  execFileSync('node', ['scripts/bundle-report.mjs', '--dir', '.output/chrome-mv3', '--json', report], { stdio: ['ignore', 'ignore', 'inherit'] });
  const { files, gzipBytes } = JSON.parse(readFileSync(report, 'utf8')) as { files: string[]; gzipBytes: number };
  expect(files.length).toBeGreaterThan(0);
  expect(gzipBytes, `initial JS ${(gzipBytes / 1024).toFixed(1)} KB gzipped in ${files.join(', ')}`).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
});
