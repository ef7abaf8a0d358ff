/**
 * The fact extractor as a page script for Chromium: bundled to an IIFE by bench/facts/extract.ts
 * and run on a local page, so the numbers are the browser's JIT and Intl, as in the side panel.
 */
import { extractFacts, type ExtractOptions } from '../../lib/facts/extract';

interface BenchNote {
  text: string;
  options: ExtractOptions;
}

/** Per-note time: the mean of `repeats` calls, after `warmup` passes over all notes (ms). */
function run(notes: BenchNote[], repeats: number, warmup: number): { samples: number[]; proposals: number } {
  let proposals = 0;
  for (let pass = 0; pass < warmup; pass++) for (const note of notes) extractFacts(note.text, note.options);
  const samples: number[] = [];
  for (const note of notes) {
    const started = performance.now();
    for (let i = 0; i < repeats; i++) proposals += extractFacts(note.text, note.options).length;
    samples.push((performance.now() - started) / repeats);
  }
  return { samples, proposals: proposals / repeats };
}

(globalThis as unknown as { factsBench: unknown }).factsBench = { run };
