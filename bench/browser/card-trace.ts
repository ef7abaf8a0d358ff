/**
 * A diagnostic, not part of the suite: reads the Chrome traces `SIDENOTE_CARD_TRACE=/tmp/card`
 * writes for each card open (run.ts) and splits each open's main-thread CPU time, from the
 * click to the end of the task that paints the card, by kind (script, style, layout, paint,
 * IndexedDB callbacks, GC), and the script's sampled time by source file and function (through
 * the build's source maps).
 *   npx tsx bench/browser/card-trace.ts '/tmp/card-*.json' [--ext .output/bench/chrome-mv3] [--top 30]
 * Map the traces with the build they were taken from: the next bench run replaces it.
 * source-map-js is the copy Vite installs (not a declared dependency of this diagnostic).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { data?: Record<string, unknown> & { type?: string; cpuProfile?: CpuChunk; timeDeltas?: number[] } };
}
interface CpuNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface CpuChunk {
  nodes?: CpuNode[];
  samples?: number[];
}

const argv = process.argv.slice(2);
const pattern = argv[0] ?? '/tmp/card-*.json';
const extDir = argv.includes('--ext') ? argv[argv.indexOf('--ext') + 1]! : path.join(import.meta.dirname, '../../.output/bench/chrome-mv3');
const top = argv.includes('--top') ? Number(argv[argv.indexOf('--top') + 1]) : 30;
const dir = path.dirname(pattern);
const base = new RegExp(`^${path.basename(pattern).replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`);
const files = readdirSync(dir)
  .filter((name) => base.test(name))
  .map((name) => path.join(dir, name));

const maps = new Map<string, SourceMapConsumer | null>();
function consumerFor(url: string): SourceMapConsumer | null {
  const file = url.replace(/^chrome-extension:\/\/[^/]+\//, '');
  if (maps.has(file)) return maps.get(file)!;
  const mapPath = path.join(extDir, `${file}.map`);
  const consumer = existsSync(mapPath) ? new SourceMapConsumer(JSON.parse(readFileSync(mapPath, 'utf8')) as RawSourceMap) : null;
  maps.set(file, consumer);
  return consumer;
}
function place(frame: CpuNode['callFrame']): { file: string; fn: string } {
  if (!frame.url) return { file: `(${frame.functionName || 'native'})`, fn: frame.functionName || '(native)' };
  const consumer = consumerFor(frame.url);
  if (!consumer) return { file: frame.url.replace(/^.*\//, ''), fn: frame.functionName || '(anonymous)' };
  const original = consumer.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber });
  const file = (original.source ?? '?').replace(/^.*node_modules\//, 'npm:').replace(/^(\.\.\/)+/, '');
  return { file, fn: `${original.name ?? frame.functionName ?? '?'} ${file}:${original.line ?? '?'}` };
}

const kinds = ['script', 'style', 'layout', 'paint', 'gc', 'other'] as const;
type Kind = (typeof kinds)[number];
function kindOf(name: string): Kind | null {
  if (name === 'UpdateLayoutTree' || name === 'RecalculateStyles') return 'style';
  if (name === 'Layout') return 'layout';
  if (['Paint', 'PrePaint', 'Layerize', 'Commit', 'PaintImage', 'UpdateLayer'].includes(name)) return 'paint';
  if (name.startsWith('V8.GC') || name === 'MajorGC' || name === 'MinorGC') return 'gc';
  if (['FunctionCall', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'IDBRequest::dispatchEvent', 'IDBTransaction::dispatchEvent', 'V8.Execute', 'EvaluateScript', 'v8.compile', 'FireIdleCallback'].includes(name)) return 'script';
  return null;
}

const totals: Record<string, number[]> = Object.fromEntries(['cpu', 'wall', 'tasks', ...kinds].map((k) => [k, []]));
const byFile = new Map<string, number>();
const byFn = new Map<string, number>();
let sampledMs = 0;
let samplesInWindow = 0;
/** React's phases (and the few product entry points) a sample is counted under, innermost first. */
const PHASES = ['flushPassiveEffects', 'commitPassiveMountOnFiber', 'commitMutationEffectsOnFiber', 'commitLayoutEffectOnFiber', 'commitDeletionEffects', 'performUnitOfWork', 'completeUnitOfWork', 'commitRoot', 'loadCardData', 'startCardRead', 'cardReadSettled'];
const byPhase = new Map<string, number>();
for (const file of files) {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : raw.traceEvents;
  const click = events.filter((e) => e.name === 'EventDispatch' && ['pointerdown', 'mousedown'].includes(e.args?.data?.type ?? '')).sort((a, b) => a.ts - b.ts)[0];
  if (!click) continue;
  const onMain = (e: TraceEvent) => e.pid === click.pid && e.tid === click.tid && e.ph === 'X';
  const main = events.filter(onMain).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = main.filter((e) => e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= click.ts);
  const inside = (task: TraceEvent, e: TraceEvent) => e !== task && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0);
  // The open ends with the first task after the biggest script task that paints (the card's frame).
  const scriptOf = (task: TraceEvent) => main.filter((e) => inside(task, e) && kindOf(e.name) === 'script').reduce((sum, e) => Math.max(sum, e.tdur ?? e.dur ?? 0), 0);
  const render = tasks.reduce((best, task) => (scriptOf(task) > scriptOf(best) ? task : best), tasks[0]!);
  const paintTask = tasks.find((task) => task.ts >= render.ts && main.some((e) => inside(task, e) && e.name === 'Paint'));
  if (!paintTask) continue;
  const end = paintTask.ts + (paintTask.dur ?? 0);
  const window = tasks.filter((task) => task.ts <= end);
  const split: Record<Kind, number> = { script: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0 };
  let cpu = 0;
  for (const task of window) {
    const taskCpu = (task.tdur ?? task.dur ?? 0) / 1000;
    cpu += taskCpu;
    // Top-level kinds inside the task (nested events are counted in their parent), by thread time.
    let counted = 0;
    const tops: TraceEvent[] = [];
    for (const e of main.filter((e) => inside(task, e) && kindOf(e.name) !== null)) {
      if (tops.some((t) => inside(t, e))) continue;
      tops.push(e);
    }
    for (const e of tops) {
      const ms = (e.tdur ?? e.dur ?? 0) / 1000;
      split[kindOf(e.name)!] += ms;
      counted += ms;
    }
    split.other += Math.max(0, taskCpu - counted);
  }
  totals.cpu!.push(cpu);
  totals.wall!.push((end - click.ts) / 1000);
  totals.tasks!.push(window.length);
  for (const kind of kinds) totals[kind]!.push(split[kind]);

  // CPU samples in [click, end] on the main thread, by leaf frame.
  const profile = events.find((e) => e.name === 'Profile' && e.pid === click.pid && e.tid === click.tid);
  if (!profile) continue;
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.id === profile.id && e.pid === click.pid);
  const nodes = new Map<number, CpuNode>();
  let t = (profile.args?.data?.startTime as number | undefined) ?? profile.ts;
  for (const chunk of chunks) {
    const data = chunk.args!.data!;
    for (const node of data.cpuProfile?.nodes ?? []) nodes.set(node.id, node);
    const samples = data.cpuProfile?.samples ?? [];
    const deltas = data.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) {
      const next = t + (deltas[i] ?? 0);
      const ms = (deltas[i + 1] ?? 0) / 1000;
      t = next;
      if (t < click.ts || t > end) continue;
      const node = nodes.get(samples[i]!);
      if (!node || ['(idle)', '(program)', '(root)'].includes(node.callFrame.functionName)) continue;
      const where = place(node.callFrame);
      // Inclusive: the React phase or product function the sample sits under (first match walking up).
      for (let up: CpuNode | undefined = node; up; up = up.parent === undefined ? undefined : nodes.get(up.parent)) {
        const name = place(up.callFrame).fn.split(' ')[0]!;
        const phase = PHASES.find((p) => p === name);
        if (phase) {
          byPhase.set(phase, (byPhase.get(phase) ?? 0) + 1);
          break;
        }
      }
      samplesInWindow++;
      sampledMs += ms;
      byFile.set(where.file, (byFile.get(where.file) ?? 0) + ms);
      byFn.set(where.fn, (byFn.get(where.fn) ?? 0) + ms);
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)]! : Number.NaN;
};
const r = (x: number) => Math.round(x * 10) / 10;
console.log(`${totals.cpu!.length} opens traced (${files.length} files). Medians, ms of main-thread CPU from the click to the end of the card's painting task:`);
console.log(['wall', 'cpu', ...kinds, 'tasks'].map((k) => `${k} ${r(median(totals[k]!))}`).join(' | '));
console.log(`p95-ish (max of 20): cpu ${r(Math.max(...totals.cpu!))}, wall ${r(Math.max(...totals.wall!))}`);
console.log(`\n${samplesInWindow} samples in the windows; by React phase or entry (innermost match, samples): ${[...byPhase].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`\nsampled script by source file (sum over opens, ${r(sampledMs)} ms):`);
for (const [file, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${r(ms).toString().padStart(7)}  ${file}`);
console.log('\nby function (self):');
for (const [fn, ms] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${r(ms).toString().padStart(7)}  ${fn}`);
