// `npm test`: every check the project has, in order, then one summary line.
// Typecheck, lint (ESLint + the architecture rules), the Vitest projects (unit, server,
// end to end in real browsers) and web-ext lint of the Firefox build. Each non-Vitest
// check counts as one test in the summary. Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const REPORT_DIR = '.vitest-reports';
mkdirSync(REPORT_DIR, { recursive: true });
const results = [];

function run(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
  const outcome = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = outcome.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function check(name, command, args, env) {
  results.push({ name, ok: run(name, command, args, env) });
}

check('typecheck (extension)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
if (existsSync('server/tsconfig.json')) check('typecheck (server)', 'npx', ['tsc', '--noEmit', '-p', 'server/tsconfig.json']);
check('lint', 'npx', ['eslint', '.']);
check('architecture rules', 'npx', ['depcruise', '--config', '.dependency-cruiser.cjs', 'entrypoints', 'components', 'lib', 'server']);

const vitestReport = `${REPORT_DIR}/vitest.json`;
const vitestOk = run('vitest (unit, server, end to end)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`]);
let passed = results.filter((r) => r.ok).length;
let failed = results.length - passed;
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.testResults ?? []).filter((file) => file.status === 'failed' && file.assertionResults.every((a) => a.status !== 'failed')).length;
} else {
  failed += 1;
}
if (!vitestOk && failed === 0) failed = 1;

if (existsSync('.output/firefox-mv2/manifest.json')) {
  // Errors fail the run. The warnings left are React DOM's own innerHTML (for
  // dangerouslySetInnerHTML, which ESLint forbids in Sidenote's code).
  if (run('web-ext lint (Firefox build)', 'npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv2', '--self-hosted'])) passed++;
  else failed++;
}

const summary = `${passed} passed, ${failed} failed`;
writeFileSync(`${REPORT_DIR}/summary.txt`, `${summary}\n`);
console.log(`\n${results.map((r) => `${r.ok ? '✔' : '✘'} ${r.name}`).join('\n')}`);
console.log(summary);
process.exit(failed === 0 ? 0 : 1);
