import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hlcSchema } from '../schemas';
import { MAX_HLC_COUNTER, compareHlc, formatHlc, hlcWallMs, newNodeId, nextHlc, observeHlc, parseHlc } from './hlc';

describe('hybrid logical clock stamps', () => {
  it('format and parse round-trip, and every stamp passes the protocol schema', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 14 }), fc.integer({ min: 0, max: MAX_HLC_COUNTER }), fc.stringMatching(/^[0-9a-z]{4,32}$/), (wallMs, counter, node) => {
        const stamp = formatHlc({ wallMs, counter, node });
        expect(parseHlc(stamp)).toEqual({ wallMs, counter, node });
        expect(hlcSchema.safeParse(stamp).success).toBe(true);
        expect(hlcWallMs(stamp)).toBe(wallMs);
      }),
    );
  });

  it('order as strings exactly as (wall time, counter, node)', () => {
    const part = fc.record({ wallMs: fc.integer({ min: 0, max: 10 ** 14 }), counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }), node: fc.stringMatching(/^[0-9a-z]{12}$/) });
    fc.assert(
      fc.property(part, part, (a, b) => {
        const expected = a.wallMs - b.wallMs || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
        expect(Math.sign(compareHlc(formatHlc(a), formatHlc(b)))).toBe(Math.sign(expected));
      }),
    );
  });

  it('breaks a tie of wall time and counter by node id, deterministically', () => {
    const a = formatHlc({ wallMs: 1000, counter: 3, node: 'aaaa0001' });
    const b = formatHlc({ wallMs: 1000, counter: 3, node: 'bbbb0001' });
    expect(compareHlc(a, b)).toBe(-1);
    expect(compareHlc(b, a)).toBe(1);
    expect(compareHlc(a, a)).toBe(0);
  });

  it('uses wall time when it moves forward, and the counter within one millisecond', () => {
    const first = nextHlc(null, 1000, 'node0001');
    expect(parseHlc(first)).toEqual({ wallMs: 1000, counter: 0, node: 'node0001' });
    const second = nextHlc(first, 1000, 'node0001');
    expect(parseHlc(second)).toEqual({ wallMs: 1000, counter: 1, node: 'node0001' });
    expect(parseHlc(nextHlc(second, 1500, 'node0001'))).toEqual({ wallMs: 1500, counter: 0, node: 'node0001' });
  });

  it('keeps increasing when the wall clock goes backwards', () => {
    const ahead = nextHlc(null, 5000, 'node0001');
    const afterJump = nextHlc(ahead, 1000, 'node0001');
    expect(compareHlc(afterJump, ahead)).toBe(1);
    expect(parseHlc(afterJump)).toEqual({ wallMs: 5000, counter: 1, node: 'node0001' });
  });

  it('borrows the next millisecond when the counter would overflow', () => {
    const full = formatHlc({ wallMs: 1000, counter: MAX_HLC_COUNTER, node: 'node0001' });
    const next = nextHlc(full, 1000, 'node0001');
    expect(parseHlc(next)).toEqual({ wallMs: 1001, counter: 0, node: 'node0001' });
    expect(compareHlc(next, full)).toBe(1);
    expect(hlcSchema.safeParse(next).success).toBe(true);
  });

  it('orders local writes after every stamp it has observed', () => {
    const remote = formatHlc({ wallMs: 9000, counter: 7, node: 'remote01' });
    const observed = observeHlc(nextHlc(null, 1000, 'local001'), remote, 2000, 'local001');
    expect(compareHlc(observed, remote)).toBe(1);
    expect(compareHlc(nextHlc(observed, 2000, 'local001'), remote)).toBe(1);
  });

  it('stays strictly increasing under any mix of local writes, observed stamps and clock jumps', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('local' as const), now: fc.integer({ min: 0, max: 10_000 }) }),
      fc.record({
        kind: fc.constant('observe' as const),
        now: fc.integer({ min: 0, max: 10_000 }),
        remoteWall: fc.integer({ min: 0, max: 12_000 }),
        remoteCounter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 60 }), (steps) => {
        let clock: string | null = null;
        let lastLocal: string | null = null;
        let newestSeen = '';
        for (const item of steps) {
          if (item.kind === 'local') {
            const stamp = nextHlc(clock, item.now, 'local001');
            if (lastLocal) expect(compareHlc(stamp, lastLocal)).toBe(1);
            expect(compareHlc(stamp, newestSeen)).toBe(1);
            lastLocal = stamp;
            clock = stamp;
          } else {
            const remote = formatHlc({ wallMs: item.remoteWall, counter: item.remoteCounter, node: 'remote01' });
            if (remote > newestSeen) newestSeen = remote;
            clock = observeHlc(clock, remote, item.now, 'local001');
            expect(compareHlc(clock, remote)).toBe(1);
          }
        }
      }),
    );
  });

  it('makes node ids that fit the stamp format', () => {
    expect(newNodeId()).toMatch(/^[0-9a-z]{12}$/);
    expect(newNodeId(() => 0)).toBe('000000000000');
  });
});
