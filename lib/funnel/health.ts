import type { HealthInputs } from '../schemas';

/**
 * Customer health (客户健康度) as the source article scores it: feature usage 40%, meeting
 * time 30%, issue feedback 20%, NPS 10%. Every input is a 0–100 sub-score where 100 is best
 * (for issue feedback: few open issues, handled quickly).
 */
export const HEALTH_WEIGHTS_PERCENT = { usage: 40, meetings: 30, issues: 20, nps: 10 } as const;
export const HEALTHY_MIN_SCORE = 80;
export const WATCH_MIN_SCORE = 60;

export type HealthBand = 'healthy' | 'watch' | 'atRisk';
export type HealthInputKey = keyof typeof HEALTH_WEIGHTS_PERCENT;
export const HEALTH_INPUT_KEYS = Object.keys(HEALTH_WEIGHTS_PERCENT) as HealthInputKey[];

export interface HealthScore {
  /**
   * 0–100, cut (not rounded) to one decimal, so the shown number never crosses a band edge:
   * 59.99 shows as 59.9 and is at risk, never "60, at risk".
   */
  score: number;
  /** The score before cutting; the band is decided on it. */
  exactScore: number;
  band: HealthBand;
  /** Points each input adds to the score, one decimal. */
  contributions: Record<HealthInputKey, number>;
  /** The input furthest below its full weight: where a conversation should start. */
  weakest: HealthInputKey;
}

/** ≥ 80 healthy, 60 up to (not including) 80 watch, below 60 at risk. */
export function healthBandOf(score: number): HealthBand {
  if (score >= HEALTHY_MIN_SCORE) return 'healthy';
  if (score >= WATCH_MIN_SCORE) return 'watch';
  return 'atRisk';
}

function roundOneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

export function computeHealthScore(inputs: Pick<HealthInputs, HealthInputKey>): HealthScore {
  // Integer percent weights keep 80 and 60 exact for whole-number inputs: 0.4*x+0.3*y... in
  // floating point can land on 79.99999 and flip the band; the sum of value*weight does not.
  let weighted = 0;
  let weakest: HealthInputKey = 'usage';
  let weakestGap = -1;
  const contributions = {} as Record<HealthInputKey, number>;
  for (const key of HEALTH_INPUT_KEYS) {
    const value = Math.min(100, Math.max(0, inputs[key]));
    const weight = HEALTH_WEIGHTS_PERCENT[key];
    weighted += value * weight;
    contributions[key] = roundOneDecimal((value * weight) / 100);
    const gap = (100 - value) * weight;
    if (gap > weakestGap) {
      weakestGap = gap;
      weakest = key;
    }
  }
  // Inputs with decimals (79.9 × 40) carry float noise; a millionth of a point is below any input.
  weighted = Math.round(weighted * 1e6) / 1e6;
  const exactScore = weighted / 100;
  // Bands on the unrounded score: 59.99 is at risk (rounding it to 60.0 first made it "watch").
  const band: HealthBand = weighted >= HEALTHY_MIN_SCORE * 100 ? 'healthy' : weighted >= WATCH_MIN_SCORE * 100 ? 'watch' : 'atRisk';
  return { score: Math.floor(weighted / 10) / 10, exactScore, band, contributions, weakest };
}

/** Measurements kept for the trend. */
export const HEALTH_HISTORY_LIMIT = 24;

export interface HealthTrend {
  previousScore: number;
  score: number;
  /** Change in points, cut to one decimal like the scores. */
  delta: number;
  previousMeasuredOn: string;
  /** The input whose change moved the score most (by its weight), with its values. */
  mover: { input: HealthInputKey; from: number; to: number } | null;
}

/**
 * The trend since the measurement before the current one: the score's change and the input that
 * moved it most ("usage fell from 72 to 41"). Null without an earlier measurement.
 */
export function healthTrendOf(current: HealthInputs, history: readonly HealthInputs[] | undefined): HealthTrend | null {
  const earlier = (history ?? []).filter((entry) => entry.measuredOn < current.measuredOn).sort((a, b) => (a.measuredOn < b.measuredOn ? -1 : 1));
  const previous = earlier[earlier.length - 1];
  if (!previous) return null;
  const now = computeHealthScore(current);
  const before = computeHealthScore(previous);
  let mover: HealthTrend['mover'] = null;
  let moved = 0;
  for (const key of HEALTH_INPUT_KEYS) {
    const effect = Math.abs(current[key] - previous[key]) * HEALTH_WEIGHTS_PERCENT[key];
    if (effect > moved) {
      moved = effect;
      mover = { input: key, from: previous[key], to: current[key] };
    }
  }
  return {
    previousScore: before.score,
    score: now.score,
    delta: Math.trunc((now.exactScore - before.exactScore) * 10) / 10,
    previousMeasuredOn: previous.measuredOn,
    mover,
  };
}

/** The account's health fields after a new measurement: the current one joins the history. */
export function recordHealthMeasurement(
  account: { health: HealthInputs | null; healthHistory?: readonly HealthInputs[] },
  inputs: HealthInputs,
): { health: HealthInputs; healthHistory: HealthInputs[] } {
  const history = [...(account.healthHistory ?? [])];
  // Re-measuring the same day corrects that day's numbers rather than adding a point.
  if (account.health && account.health.measuredOn !== inputs.measuredOn) history.push(account.health);
  return { health: inputs, healthHistory: history.filter((entry) => entry.measuredOn !== inputs.measuredOn).slice(-HEALTH_HISTORY_LIMIT) };
}
