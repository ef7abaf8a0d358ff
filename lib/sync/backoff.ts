/**
 * Retry delays after failed syncs: exponential, capped, with jitter so a team's browsers
 * that failed together (server restart, office network drop) do not retry in lockstep.
 * "Equal jitter": half the delay is fixed, half random, so a retry never comes right away.
 */

export const SYNC_BACKOFF_BASE_MS = 5_000;
export const SYNC_BACKOFF_MAX_MS = 15 * 60_000;

export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
}

/** Delay before retry number `failures` (1 after the first failure). `random` returns [0, 1). */
export function computeBackoffMs(failures: number, random: () => number = Math.random, options: BackoffOptions = {}): number {
  const baseMs = options.baseMs ?? SYNC_BACKOFF_BASE_MS;
  const maxMs = options.maxMs ?? SYNC_BACKOFF_MAX_MS;
  if (failures <= 0) return 0;
  // 2 ** 30 already exceeds any sensible cap; clamping keeps the arithmetic finite.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 30));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}

/**
 * While the server does not answer at all (connection refused, no route, a proxy's 502–504),
 * a probe costs it nothing, so the browser asks again every 1–2 s: pending writes go out
 * within seconds of the server coming back instead of after minutes of backoff. After ten
 * minutes of silence (maintenance, a long outage) it asks every 15–30 s.
 */
export const SERVER_PROBE_FAST_MS = 2_000;
export const SERVER_PROBE_FAST_FOR_MS = 10 * 60_000;
export const SERVER_PROBE_SLOW_MS = 30_000;

/** Delay before the next probe of a server that has not answered for `downForMs`. */
export function computeServerProbeDelayMs(downForMs: number, random: () => number = Math.random): number {
  const ceiling = downForMs < SERVER_PROBE_FAST_FOR_MS ? SERVER_PROBE_FAST_MS : SERVER_PROBE_SLOW_MS;
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}
