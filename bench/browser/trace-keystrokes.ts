/**
 * Reads a Chrome trace of keystrokes (SIDENOTE_LOOKUP_TRACE in run.ts) and prints, per
 * keystroke, the renderer main thread's time from its keydown to the end of the first paint
 * after it, split into script, style, layout and paint, with medians over the keystrokes.
 * Tracing slows every figure; compare the split, and the panel against the floor's trace.
 *
 *   npx tsx bench/browser/trace-keystrokes.ts /tmp/lookup-panel.json [/tmp/lookup-floor.json]
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

const KINDS: Record<string, 'script' | 'style' | 'layout' | 'paint'> = {
  EventDispatch: 'script',
  FunctionCall: 'script',
  RunMicrotasks: 'script',
  FireAnimationFrame: 'script',
  TimerFire: 'script',
  'v8.execute': 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  'Document::updateStyleAndLayout': 'layout',
};

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function summarise(file: string): void {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const keydowns = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  if (!keydowns.length) throw new Error(`${file}: no keydown in the trace`);
  const { pid, tid } = keydowns[0]!;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const rows: Array<Record<string, number>> = [];
  for (const key of keydowns) {
    const paint = main.find((e) => e.name === 'Paint' && e.ts > key.ts);
    if (!paint) continue;
    const end = paint.ts + paint.dur!;
    const within = main.filter((e) => e.ts >= key.ts && e.ts < end && KINDS[e.name]);
    // Count each event once: not when it sits inside another counted event of the same kind.
    const row: Record<string, number> = { total: (end - key.ts) / 1000, script: 0, style: 0, layout: 0, paint: 0 };
    for (const e of within) {
      const kind = KINDS[e.name]!;
      const inside = within.some((o) => o !== e && KINDS[o.name] === kind && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur! && (o.ts < e.ts || o.dur! > e.dur!));
      if (!inside) row[kind]! += e.dur! / 1000;
    }
    // Style and layout forced from script count as style and layout, not twice.
    row.script = Math.max(0, row.script! - within.filter((e) => KINDS[e.name] !== 'script' && within.some((o) => KINDS[o.name] === 'script' && o.ts <= e.ts && o.ts + o.dur! >= e.ts + e.dur!)).reduce((sum, e) => sum + e.dur! / 1000, 0));
    rows.push(row);
  }
  const columns = ['total', 'script', 'style', 'layout', 'paint'];
  console.log(`${file}: ${rows.length} keystrokes, medians (ms): ${columns.map((c) => `${c} ${median(rows.map((r) => r[c]!)).toFixed(2)}`).join(', ')}`);
  console.log(`  p90: ${columns.map((c) => `${c} ${[...rows.map((r) => r[c]!)].sort((a, b) => a - b)[Math.floor(rows.length * 0.9)]!.toFixed(2)}`).join(', ')}`);
}

for (const file of process.argv.slice(2)) summarise(file);
