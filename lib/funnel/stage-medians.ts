import type { Activity, Stage } from '../schemas';
import { DAY_MS } from './time';

/**
 * How long the team's deals stay in each stage: the median of finished stays (entered and
 * left again, from the recorded stage changes), so a deal far past it can be flagged however
 * often it is touched ("120 days in proposal; the team's median is 25").
 */

export interface StageMedian {
  /** Median days of a finished stay in the stage. */
  medianDays: number;
  /** How many finished stays it is drawn from. */
  sample: number;
}

export type StageMedians = Partial<Record<Stage, StageMedian>>;

/** Fewer finished stays than this say nothing about the team: no median. */
export const STAGE_MEDIAN_MIN_SAMPLE = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median days per stage from deals' stage changes (any order; other activities are ignored). */
export function computeStageMedians(activities: readonly Activity[]): StageMedians {
  const byDeal = new Map<string, Activity[]>();
  for (const activity of activities) {
    const move = activity.stageChange;
    if (activity.deletedAt !== null || activity.type !== 'stage_change' || !move || move.subject !== 'deal') continue;
    const moves = byDeal.get(move.subjectId) ?? [];
    moves.push(activity);
    byDeal.set(move.subjectId, moves);
  }
  const stays = new Map<Stage, number[]>();
  for (const moves of byDeal.values()) {
    moves.sort((a, b) => a.occurredAt - b.occurredAt || (a.id < b.id ? -1 : 1));
    for (let index = 0; index + 1 < moves.length; index++) {
      const stage = moves[index]!.stageChange!.to;
      const days = (moves[index + 1]!.occurredAt - moves[index]!.occurredAt) / DAY_MS;
      const list = stays.get(stage) ?? [];
      list.push(days);
      stays.set(stage, list);
    }
  }
  const medians: StageMedians = {};
  for (const [stage, list] of stays) {
    if (list.length >= STAGE_MEDIAN_MIN_SAMPLE) medians[stage] = { medianDays: Math.round(median(list) * 10) / 10, sample: list.length };
  }
  return medians;
}

/** "Far longer" than the median: more than twice it, and at least two weeks past it. */
export function isFarPastMedian(daysInStage: number, medianDays: number): boolean {
  return daysInStage > 2 * medianDays && daysInStage >= medianDays + 14;
}
