import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERVER_PROBE_FAST_FOR_MS, SERVER_PROBE_FAST_MS, SERVER_PROBE_SLOW_MS, SYNC_BACKOFF_BASE_MS, SYNC_BACKOFF_MAX_MS, computeBackoffMs, computeServerProbeDelayMs } from './backoff';

describe('computeBackoffMs', () => {
  it.each([
    [0, 0, 0],
    [1, SYNC_BACKOFF_BASE_MS / 2, SYNC_BACKOFF_BASE_MS],
    [2, SYNC_BACKOFF_BASE_MS, SYNC_BACKOFF_BASE_MS * 2],
    [3, SYNC_BACKOFF_BASE_MS * 2, SYNC_BACKOFF_BASE_MS * 4],
    [50, SYNC_BACKOFF_MAX_MS / 2, SYNC_BACKOFF_MAX_MS],
  ])('after %i failures waits between %i and %i ms', (failures, low, high) => {
    expect(computeBackoffMs(failures, () => 0)).toBe(low);
    expect(computeBackoffMs(failures, () => 0.999_999)).toBeLessThanOrEqual(high);
    expect(computeBackoffMs(failures, () => 0.999_999)).toBeGreaterThanOrEqual(Math.floor(high * 0.999));
  });

  it('never exceeds the cap, never waits less than half the step, and grows with failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, random) => {
        const delay = computeBackoffMs(failures, () => random);
        expect(delay).toBeLessThanOrEqual(SYNC_BACKOFF_MAX_MS);
        const step = Math.min(SYNC_BACKOFF_MAX_MS, SYNC_BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 30));
        expect(delay).toBeGreaterThanOrEqual(step / 2 - 1);
        expect(computeBackoffMs(failures + 1, () => 0)).toBeGreaterThanOrEqual(computeBackoffMs(failures, () => 0));
      }),
    );
  });

  it('spreads clients that failed together', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
    const delays = new Set(Array.from({ length: 20 }, () => computeBackoffMs(4, random)));
    expect(delays.size).toBeGreaterThan(15);
  });

  it('takes its own base and cap', () => {
    expect(computeBackoffMs(3, () => 0, { baseMs: 100, maxMs: 300 })).toBe(150);
  });
});

describe('computeServerProbeDelayMs', () => {
  it('asks a silent server again within 2 s for ten minutes, then every 15 to 30 s', () => {
    expect(computeServerProbeDelayMs(0, () => 0)).toBe(SERVER_PROBE_FAST_MS / 2);
    expect(computeServerProbeDelayMs(SERVER_PROBE_FAST_FOR_MS - 1, () => 0.999_999)).toBeLessThanOrEqual(SERVER_PROBE_FAST_MS);
    expect(computeServerProbeDelayMs(SERVER_PROBE_FAST_FOR_MS, () => 0)).toBe(SERVER_PROBE_SLOW_MS / 2);
    expect(computeServerProbeDelayMs(24 * 60 * 60_000, () => 0.999_999)).toBeLessThanOrEqual(SERVER_PROBE_SLOW_MS);
  });
});
