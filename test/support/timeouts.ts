import { availableParallelism } from 'node:os';

/**
 * Long suites measure work, and work takes longer on a small or busy machine: their
 * timeouts scale by this factor instead of guessing one number for every machine.
 * SIDENOTE_TEST_TIMEOUT_FACTOR sets it; otherwise it is 4 ÷ the cores (at least 1): the base
 * numbers fit a 4-core machine, and a 2-core one (often shared with other jobs) gets twice.
 */
export const TEST_TIMEOUT_FACTOR = ((): number => {
  const fromEnv = Number(process.env.SIDENOTE_TEST_TIMEOUT_FACTOR);
  if (Number.isFinite(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, 4 / availableParallelism());
})();

export function scaledTimeout(ms: number): number {
  return Math.round(ms * TEST_TIMEOUT_FACTOR);
}
