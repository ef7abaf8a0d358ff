import { describe, expect, it } from 'vitest';
import { computeHealthScore, healthBandOf } from './health';

describe('computeHealthScore', () => {
  it.each([
    // usage, meetings, issues, nps → score, band
    [100, 100, 100, 100, 100, 'healthy'],
    [80, 80, 80, 80, 80, 'healthy'],
    [60, 60, 60, 60, 60, 'watch'],
    [0, 0, 0, 0, 0, 'atRisk'],
    // 0.4*90 + 0.3*70 + 0.2*80 + 0.1*70 = 36 + 21 + 16 + 7 = 80: exactly the healthy boundary.
    [90, 70, 80, 70, 80, 'healthy'],
    // 0.4*70 + 0.3*50 + 0.2*60 + 0.1*50 = 28 + 15 + 12 + 5 = 60: exactly the watch boundary.
    [70, 50, 60, 50, 60, 'watch'],
    // one point below each boundary
    [90, 70, 80, 60, 79, 'watch'],
    [70, 50, 60, 40, 59, 'atRisk'],
    // decimals: bands on the unrounded score, shown cut to one decimal so the number never
    // crosses the band's edge. 0.4*79.9 + 0.3*80 + 0.2*80 + 0.1*80 = 79.96: watch, shown 79.9.
    [79.9, 80, 80, 80, 79.9, 'watch'],
    [79.7, 80, 80, 80, 79.8, 'watch'],
    // 59.99 is at risk (rounded first it read 60.0, "watch").
    [59.99, 59.99, 59.99, 59.99, 59.9, 'atRisk'],
    [60.01, 60, 60, 60, 60, 'watch'],
  ])('usage %d, meetings %d, issues %d, NPS %d → %d (%s)', (usage, meetings, issues, nps, score, band) => {
    const result = computeHealthScore({ usage, meetings, issues, nps });
    expect(result.score).toBe(score);
    expect(result.exactScore).toBeCloseTo(usage * 0.4 + meetings * 0.3 + issues * 0.2 + nps * 0.1, 9);
    expect(result.band).toBe(band);
  });

  it('weighs usage 40%, meeting time 30%, issue feedback 20% and NPS 10%', () => {
    expect(computeHealthScore({ usage: 100, meetings: 0, issues: 0, nps: 0 }).score).toBe(40);
    expect(computeHealthScore({ usage: 0, meetings: 100, issues: 0, nps: 0 }).score).toBe(30);
    expect(computeHealthScore({ usage: 0, meetings: 0, issues: 100, nps: 0 }).score).toBe(20);
    expect(computeHealthScore({ usage: 0, meetings: 0, issues: 0, nps: 100 }).score).toBe(10);
  });

  it('reports each input’s points and the input that costs the most', () => {
    const result = computeHealthScore({ usage: 50, meetings: 90, issues: 90, nps: 0 });
    expect(result.contributions).toEqual({ usage: 20, meetings: 27, issues: 18, nps: 0 });
    // usage loses 50 × 40% = 20 points, NPS 100 × 10% = 10: usage is where to start.
    expect(result.weakest).toBe('usage');
  });
});

describe('healthBandOf', () => {
  it.each([
    [100, 'healthy'],
    [80, 'healthy'],
    [79.9, 'watch'],
    [60, 'watch'],
    [59.9, 'atRisk'],
    [0, 'atRisk'],
  ])('%d is %s', (score, band) => {
    expect(healthBandOf(score)).toBe(band);
  });
});
