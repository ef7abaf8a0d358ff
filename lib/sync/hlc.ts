import type { Hlc } from '../schemas';

/**
 * Hybrid logical clocks (Kulkarni et al.): wall time when clocks agree, a counter when
 * they tie or run backwards, and the node id as the final tie-break. Stamps are strings
 * whose lexicographic order is the clock order.
 */

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const COUNTER_RADIX = 36;
export const MAX_HLC_COUNTER = COUNTER_RADIX ** COUNTER_DIGITS - 1;

export interface HlcParts {
  wallMs: number;
  counter: number;
  node: string;
}

export function formatHlc({ wallMs, counter, node }: HlcParts): Hlc {
  return `${String(wallMs).padStart(WALL_DIGITS, '0')}:${counter.toString(COUNTER_RADIX).padStart(COUNTER_DIGITS, '0')}:${node}`;
}

export function parseHlc(stamp: Hlc): HlcParts {
  const [wall, counter, node] = stamp.split(':');
  if (wall === undefined || counter === undefined || node === undefined) {
    throw new Error(`Not a clock stamp: "${stamp}"`);
  }
  return { wallMs: Number(wall), counter: parseInt(counter, COUNTER_RADIX), node };
}

export function compareHlc(a: Hlc, b: Hlc): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function advance(wallMs: number, counter: number, node: string): Hlc {
  if (counter > MAX_HLC_COUNTER) {
    // Only reachable with more than 1.6M writes in one millisecond: borrow the next one.
    return formatHlc({ wallMs: wallMs + 1, counter: 0, node });
  }
  return formatHlc({ wallMs, counter, node });
}

/** The stamp for a local write, strictly after `previous`. */
export function nextHlc(previous: Hlc | null, nowMs: number, node: string): Hlc {
  const last = previous ? parseHlc(previous) : null;
  if (!last || nowMs > last.wallMs) return formatHlc({ wallMs: nowMs, counter: 0, node });
  return advance(last.wallMs, last.counter + 1, node);
}

/** Folds a stamp seen from elsewhere into the local clock, so later local writes order after it. */
export function observeHlc(previous: Hlc | null, remote: Hlc, nowMs: number, node: string): Hlc {
  const last = previous ? parseHlc(previous) : null;
  const seen = parseHlc(remote);
  const wallMs = Math.max(nowMs, seen.wallMs, last?.wallMs ?? 0);
  let counter = 0;
  if (last && wallMs === last.wallMs && wallMs === seen.wallMs) counter = Math.max(last.counter, seen.counter) + 1;
  else if (last && wallMs === last.wallMs) counter = last.counter + 1;
  else if (wallMs === seen.wallMs) counter = seen.counter + 1;
  return advance(wallMs, counter, node);
}

/** Wall time of a stamp, for display and for deriving `updatedAt`. */
export function hlcWallMs(stamp: Hlc): number {
  return Number(stamp.slice(0, WALL_DIGITS));
}

const NODE_ID_LENGTH = 12;
/** A random node id for this browser profile (or test client). */
export function newNodeId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < NODE_ID_LENGTH; i++) id += Math.floor(random() * 36).toString(36);
  return id;
}
