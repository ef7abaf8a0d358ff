import { availableParallelism } from 'node:os';

/**
 * Long suites measure work, and work takes longer on a small or busy machine: their
 * timeouts scale by this factor instead of guessing one number for every machine.
 * SIDENOTE_TEST_TIMEOUT_FACTOR sets it; otherwise it is 8 ÷ the cores (at least 1), so a
 * 2-core machine shared with other jobs gets four times the time of an 8-core one.
 */
export const TEST_TIMEOUT_FACTOR = ((): number => {
  const fromEnv = Number(process.env.SIDENOTE_TEST_TIMEOUT_FACTOR);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, 8 / availableParallelism());
})();

export function scaledTimeout(ms: number): number {
  return Math.round(ms * TEST_TIMEOUT_FACTOR);
}
