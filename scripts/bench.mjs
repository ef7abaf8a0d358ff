#!/usr/bin/env node
// Runs every benchmark in the repository and prints one table: `npm run bench`.
//
//   npm run bench                         everything, full data sets (a few minutes on 2 cores)
//   npm run bench -- --quick              smaller data and fewer repetitions, for iterating
//   npm run bench -- --only browser       one area (repeatable, or comma-separated: browser,funnel)
//   npm run bench -- --fresh              re-seed the browser suite's database (kept between runs)
//   npm run bench -- --skip-build         benchmark the existing .output/bench/chrome-mv3
//   npm run bench -- --report             run nothing: the table from every file in bench-results/
//                                         (e.g. after areas were run separately)
//   npm run bench -- --compaction-1m      the compaction bench at 1M mutations (about 8 more minutes
//                                         on 2 cores) instead of 200k; storage grows linearly in between
//
// Areas are the folders of bench/. The browser suite (bench/browser/run.ts) builds the
// extension and measures it in Chromium; every other area is a set of scripts run with
// `npx tsx bench/<area>/<file>.ts`, each writing bench-results/<name>.json. A file that a
// sibling imports (or names as a bundle entry) is a helper, not a benchmark. Results are
// numbers against targets: a benchmark over its target is reported, not failed.
// Writes bench-results/summary.json and bench-results/summary.md (a Markdown table for the README).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const BENCH_DIR = path.join(ROOT, 'bench');
const RESULTS_DIR = path.join(ROOT, 'bench-results');
const KNOWN_AREAS = ['browser', 'sync', 'funnel', 'capture'];
/** Not benchmark results: the size report the browser suite reads, and this script's own output. */
const NOT_RESULTS = new Set(['summary.json', 'bundle.json']);
const FILE_TIMEOUT_MS = 20 * 60_000;

function parseArgs(argv) {
  const options = { quick: false, fresh: false, skipBuild: false, report: false, compaction1m: false, only: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') options.quick = true;
    else if (arg === '--fresh') options.fresh = true;
    else if (arg === '--skip-build') options.skipBuild = true;
    else if (arg === '--report') options.report = true;
    else if (arg === '--compaction-1m') options.compaction1m = true;
    else if (arg === '--only') options.only.push(...String(argv[++i] ?? '').split(',').filter(Boolean));
    else if (arg.startsWith('--only=')) options.only.push(...arg.slice(7).split(',').filter(Boolean));
    else if (arg === '--help' || arg === '-h') {
      console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(1, 19).map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
      process.exit(0);
    } else {
      console.error(`Unknown option ${arg}; see npm run bench -- --help`);
      process.exit(2);
    }
  }
  return options;
}

/** Benchmark scripts of an area: .ts files no sibling imports or bundles. */
function discoverScripts(area) {
  const dir = path.join(BENCH_DIR, area);
  const files = readdirSync(dir).filter((file) => file !== 'shared-servers.ts' && file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(test|spec)\.ts$/.test(file) && !/\.config\.ts$/.test(file));
  const texts = new Map(files.map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const helpers = new Set();
  for (const file of files) {
    const base = escape(file.replace(/\.ts$/, ''));
    const imported = new RegExp(`(?:from\\s*|import\\s*\\(?\\s*)['"]\\./${base}(?:\\.[jt]s)?['"]`);
    const named = new RegExp(`['"\`][^'"\`\\n]*\\b${base}\\.ts['"\`]`);
    for (const [other, text] of texts) if (other !== file && (imported.test(text) || named.test(text))) helpers.add(file);
  }
  return { scripts: files.filter((file) => !helpers.has(file)).sort(), helpers: [...helpers].sort() };
}

function run(command, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_NO_WARNINGS: '1', ...env } });
    const timer = setTimeout(() => child.kill('SIGTERM'), FILE_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, seconds: Math.round((Date.now() - started) / 100) / 10 });
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, signal: null, error: error.message, seconds: 0 });
    });
  });
}

/**
 * One server for all the sync scripts (bench/sync/shared-servers.ts): starting one took
 * minutes on a loaded 2-core machine. Each script gets its own slot of teams.
 */
function startSharedServers(slots) {
  return new Promise((resolve) => {
    const started = Date.now();
    const seconds = () => Math.round((Date.now() - started) / 100) / 10;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sync/shared-servers.ts', String(slots)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    const exited = new Promise((done) => child.once('exit', done));
    const close = async () => {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 30_000);
      await exited;
      clearTimeout(timer);
    };
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk.toString();
      const line = /^SIDENOTE_BENCH_SERVERS=(.*)$/m.exec(output);
      if (line) {
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        console.log(`-- shared sync server up in ${seconds()} s`);
        resolve({ env: line[1], seconds: seconds(), close });
      }
    });
    child.once('exit', () => resolve({ env: null, seconds: seconds(), close: async () => undefined }));
  });
}

const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const round = (value, digits = 2) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

/** Reads one result entry in either shape the suites write (stats.ts rows, or the funnel harness's). */
function normalizeRow(row, suite) {
  const unit = row.unit ?? 'ms';
  const p50 = num(row.p50) ?? num(row.p50Ms);
  const p95 = num(row.p95) ?? num(row.p95Ms);
  const value = num(row.value) ?? (p50 === null && p95 === null ? (num(row.ms) ?? num(row.valueMs)) : null);
  const target = num(row.target) ?? num(row.targetP95Ms) ?? num(row.targetMs);
  const measured = row.targetOf === 'value' || (row.targetOf === undefined && p95 === null) ? value : p95;
  const ratio = num(row.ratio) ?? (target !== null && measured !== null ? round(measured / target, 3) : null);
  const pass = typeof row.pass === 'boolean' ? row.pass : target !== null && measured !== null ? measured <= target : null;
  return {
    suite,
    id: row.id ?? `${suite}.${row.name}`,
    name: row.name ?? row.id ?? '(unnamed)',
    unit,
    runs: num(row.runs),
    p50,
    p95,
    value,
    target,
    targetOf: target === null ? null : (row.targetOf ?? (p95 !== null ? 'p95' : 'value')),
    ratio,
    pass: target === null ? null : pass,
    floor: num(row.floor),
    floorRatio: num(row.floorRatio),
    floorRatioP50: num(row.floorRatioP50),
    notes: row.notes ?? '',
  };
}

function readResults(file, since) {
  const full = path.join(RESULTS_DIR, file);
  const fresh = statSync(full).mtimeMs >= since;
  try {
    const json = JSON.parse(readFileSync(full, 'utf8'));
    const suite = json.suite ?? file.replace(/\.json$/, '');
    if (!Array.isArray(json.results)) return { file, suite, fresh, rows: [], problem: 'no "results" array in the file' };
    return { file, suite, fresh, measuredAt: json.measuredAt ?? null, machine: json.machine ?? null, rows: json.results.map((row) => normalizeRow(row, suite)) };
  } catch (error) {
    return { file, suite: file, fresh, rows: [], problem: `unreadable: ${error.message}` };
  }
}

function cell(value, unit) {
  return value === null ? '–' : `${value}${unit ? ` ${unit}` : ''}`;
}

function columns(row) {
  return [
    row.suite,
    row.name,
    cell(row.p50, row.p50 === null ? '' : row.unit),
    row.value !== null ? cell(row.value, row.unit) : cell(row.p95, row.unit),
    // Throughputs (a unit per second) have a floor, not a ceiling; their suites say pass and ratio.
    row.target === null ? '–' : `${row.targetOf === 'p95' ? 'p95 ' : ''}${/\/s$/.test(row.unit) ? '≥' : '≤'} ${row.target} ${row.unit}`,
    row.ratio === null ? '–' : `${row.ratio.toFixed(2)}×`,
    row.pass === null ? '–' : row.pass ? 'pass' : 'OVER',
    row.floor === null ? '–' : cell(row.floor, row.unit),
    row.floorRatio === null ? '–' : `${row.floorRatio.toFixed(2)}×${row.floorRatioP50 === null ? '' : ` (p50 ${row.floorRatioP50.toFixed(2)}×)`}`,
  ];
}
/** ratio: measured ÷ target. floor: the same work done the plainest way, in the same run; × floor: measured ÷ floor. */
const HEADER = ['suite', 'metric', 'p50', 'p95 / value', 'target', 'ratio', 'verdict', 'floor', '× floor'];

function textTable(rows) {
  const lines = rows.map(columns);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...lines.map((line) => [...line[i]].length)));
  const pad = (text, width) => text + ' '.repeat(Math.max(0, width - [...text].length));
  return [HEADER, widths.map((w) => '-'.repeat(w)), ...lines].map((line) => line.map((c, i) => pad(c, widths[i])).join('  ')).join('\n');
}

function markdownTable(rows) {
  const escapeCell = (text) => text.replace(/\|/g, '\\|');
  const lines = rows.map((row) => columns(row).map((c, i) => (i === 6 && c === 'OVER' ? '**over**' : escapeCell(c))));
  return [`| ${HEADER.join(' | ')} |`, `|${HEADER.map((_, i) => (i >= 2 ? ' ---: ' : ' --- ')).join('|')}|`, ...lines.map((line) => `| ${line.join(' | ')} |`)].join('\n');
}

/** One line for the summary: the whole run and each area's share, so a slow area is seen before it grows. */
function timeSummary(runs, seconds) {
  if (!runs.length) return null;
  const areas = [...new Set(runs.map((entry) => entry.area))].map((area) => {
    const entries = runs.filter((entry) => entry.area === area);
    const total = entries.reduce((sum, entry) => sum + entry.seconds, 0);
    const slowest = [...entries].sort((a, b) => b.seconds - a.seconds)[0];
    return `${area} ${Math.round(total)} s${entries.length > 1 ? ` (slowest ${slowest.script} ${Math.round(slowest.seconds)} s)` : ''}`;
  });
  return `Time: ${seconds} s in all (${Math.floor(seconds / 60)} min ${seconds % 60} s); ${areas.join(', ')}.`;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const loadAtStart = os.loadavg().map((value) => round(value, 1));
  mkdirSync(RESULTS_DIR, { recursive: true });
  // A dot-folder (scratch work, editor state) is not an area.
  const present = existsSync(BENCH_DIR) ? readdirSync(BENCH_DIR).filter((entry) => !entry.startsWith('.') && statSync(path.join(BENCH_DIR, entry)).isDirectory()) : [];
  const areas = options.report ? [] : [...new Set([...KNOWN_AREAS, ...present])].filter((area) => options.only.length === 0 || options.only.includes(area));
  for (const wanted of options.only) if (!KNOWN_AREAS.includes(wanted) && !present.includes(wanted)) console.warn(`No bench/${wanted} folder: nothing to run for "${wanted}".`);

  const notes = [];
  const runs = [];
  const env = { ...(options.quick ? { SIDENOTE_BENCH_QUICK: '1' } : {}), ...(options.compaction1m ? { SIDENOTE_COMPACTION_MUTATIONS: '1000000' } : {}) };
  for (const area of areas) {
    if (!present.includes(area)) {
      notes.push(`bench/${area}: not in this checkout, skipped.`);
      console.log(`\n== bench/${area}: missing, skipped`);
      continue;
    }
    if (area === 'browser') {
      console.log('\n== bench/browser: the sidebar in Chromium (run.ts)');
      const args = ['tsx', 'bench/browser/run.ts', ...(options.quick ? ['--quick'] : []), ...(options.fresh ? ['--fresh'] : []), ...(options.skipBuild ? ['--skip-build'] : [])];
      const result = await run('npx', args, env);
      runs.push({ area, script: 'run.ts', ...result });
      console.log(`-- bench/browser/run.ts: ${result.seconds} s`);
      if (result.code !== 0) notes.push(`bench/browser/run.ts exited with ${result.signal ?? `code ${result.code}`}${result.error ? ` (${result.error})` : ''}.`);
      continue;
    }
    const { scripts, helpers } = discoverScripts(area);
    console.log(`\n== bench/${area}: ${scripts.join(', ') || 'no benchmark scripts'}${helpers.length ? ` (helpers: ${helpers.join(', ')})` : ''}`);
    if (!scripts.length) notes.push(`bench/${area}: no benchmark scripts found.`);
    const shared = area === 'sync' && scripts.length > 1 ? await startSharedServers(scripts.length) : null;
    if (shared) {
      runs.push({ area, script: 'shared-servers.ts (start)', code: shared.env ? 0 : 1, signal: null, seconds: shared.seconds });
      if (!shared.env) notes.push('bench/sync/shared-servers.ts did not start; each sync script started its own server.');
    }
    for (const [slot, script] of scripts.entries()) {
      console.log(`\n-- npx tsx bench/${area}/${script}`);
      const result = await run('npx', ['tsx', `bench/${area}/${script}`], { ...env, ...(shared?.env ? { SIDENOTE_BENCH_SERVERS: shared.env, SIDENOTE_BENCH_TEAM_SLOT: String(slot) } : {}) });
      runs.push({ area, script, ...result });
      console.log(`-- bench/${area}/${script}: ${result.seconds} s`);
      // The funnel harness sets a non-zero exit code when a target is missed; the table says so.
      if (result.code !== 0) notes.push(`bench/${area}/${script} exited with ${result.signal ?? `code ${result.code}`}${result.error ? ` (${result.error})` : ''}; its results, if written, are below.`);
    }
    await shared?.close();
  }

  const files = readdirSync(RESULTS_DIR).filter((file) => file.endsWith('.json') && !NOT_RESULTS.has(file));
  const suites = files.map((file) => readResults(file, options.report ? 0 : started));
  const fresh = suites.filter((suite) => suite.fresh);
  for (const suite of suites) {
    if (!suite.fresh) continue;
    if (suite.problem) notes.push(`bench-results/${suite.file}: ${suite.problem}.`);
  }
  for (const area of areas) {
    if (present.includes(area) && !fresh.some((suite) => suite.suite === area || suite.file.startsWith(area))) notes.push(`bench/${area} wrote no results in this run.`);
  }
  const order = (suite) => {
    const i = KNOWN_AREAS.indexOf(suite);
    return i < 0 ? KNOWN_AREAS.length : i;
  };
  const rows = fresh.sort((a, b) => order(a.suite) - order(b.suite) || a.suite.localeCompare(b.suite)).flatMap((suite) => suite.rows);
  // Only the browser suite's machine has the full shape; the sync files' { cpus, model } printed "undefined CPUs".
  const machineFromBrowser = fresh.find((suite) => suite.machine?.cpuCount)?.machine;
  const machine = machineFromBrowser ?? { cpuCount: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: round(os.totalmem() / 1024 ** 3, 1), node: process.version };
  const seconds = Math.round((Date.now() - started) / 1000);
  // Other jobs on the machine inflate every number; the ratios to floors measured beside them less so.
  const loadAverage = { atStart: loadAtStart, atEnd: os.loadavg().map((value) => round(value, 1)) };

  const timeLine = timeSummary(runs, seconds);
  if (runs.length) {
    console.log('\n== Time per file');
    for (const entry of runs) console.log(`${String(entry.seconds).padStart(7)} s  bench/${entry.area}/${entry.script}${entry.code === 0 ? '' : ` (${entry.signal ?? `exit ${entry.code}`})`}`);
    console.log(`${String(seconds).padStart(7)} s  in all`);
  }
  console.log(`\n== Sidenote benchmarks (${options.quick ? 'QUICK mode, smaller data' : 'full'}), ${machine.cpuCount} CPUs${machine.chromium ? `, ${machine.chromium}` : ''}, ${seconds} s, load average ${loadAverage.atStart.join('/')} → ${loadAverage.atEnd.join('/')}`);
  console.log(rows.length ? textTable(rows) : '(no results)');
  for (const note of notes) console.log(`note: ${note}`);
  const over = rows.filter((row) => row.pass === false);
  if (timeLine) console.log(timeLine);
  console.log(`${rows.length} numbers, ${rows.filter((row) => row.pass === true).length} within target, ${over.length} over target, ${rows.filter((row) => row.pass === null).length} without a target.`);

  const summary = {
    measuredAt: new Date().toISOString(),
    mode: options.quick ? 'quick' : 'full',
    seconds,
    secondsByArea: Object.fromEntries([...new Set(runs.map((entry) => entry.area))].map((area) => [area, round(runs.filter((entry) => entry.area === area).reduce((sum, entry) => sum + entry.seconds, 0), 1)])),
    loadAverage,
    machine,
    runs,
    suites: fresh.map(({ file, suite, measuredAt, rows: suiteRows, problem }) => ({ file, suite, measuredAt, rows: suiteRows.length, problem: problem ?? null })),
    notes,
    results: rows,
  };
  writeFileSync(path.join(RESULTS_DIR, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const md = [
    `Measured ${summary.measuredAt.slice(0, 10)} on ${machine.cpuCount} CPUs (${machine.cpuModel})${machine.chromium ? `, ${machine.chromium}` : ''}, Node ${machine.node ?? process.version}, load average (1/5/15 min) ${loadAverage.atStart.join(' / ')} at the start and ${loadAverage.atEnd.join(' / ')} at the end, ${seconds} s in all${options.quick ? ' — **quick mode (smaller data), not the reference numbers**' : ''}. Ratio is measured ÷ target; below 1 is within target. Floor is the same work done the plainest way the browser allows, measured in the same run; × floor is measured ÷ floor (p95, or the value).`,
    '',
    ...(timeLine ? [timeLine, ''] : []),
    markdownTable(rows),
    ...(notes.length ? ['', ...notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
  writeFileSync(path.join(RESULTS_DIR, 'summary.md'), md);
  console.log('wrote bench-results/summary.json and bench-results/summary.md');
}

await main();
