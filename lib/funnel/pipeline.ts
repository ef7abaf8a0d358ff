import type { Activity, ActivityType, Deal, DealStage } from '../schemas';
import { defaultPlaybook, type ResolvedPlaybook } from './playbook';
import { PIPELINE_STAGES } from './stages';
import { DAY_MS, elapsedDays } from './time';

/**
 * The pipeline picture's numbers: deals per stage (count and amount), conversion between
 * stages, stale deals. Amounts are kept per currency, because adding CNY to USD is
 * meaningless; pass exchange rates to also get one converted total per stage.
 */

export type PipelineStage = (typeof PIPELINE_STAGES)[number];

export interface CurrencyAmount {
  currency: string;
  amount: number;
}

export interface CurrencyConversion {
  /** The currency totals are converted to, e.g. CNY. */
  base: string;
  /** Value of one unit of each currency in `base`; the base itself may be omitted. */
  rates: Readonly<Record<string, number>>;
}

export interface PipelineInput {
  deals: readonly Deal[];
  /** Stage changes of the deals, and touches with their accounts (notes, calls, emails...). */
  activities: readonly Activity[];
  playbook?: ResolvedPlaybook;
  conversion?: CurrencyConversion;
}

export interface StageStats {
  stage: PipelineStage;
  /** Deals in this stage now. */
  count: number;
  /** Largest first. Deals without an amount are counted, not summed. */
  amounts: CurrencyAmount[];
  withoutAmount: number;
  /** Sum in the base currency when rates were given; null otherwise. */
  convertedAmount: number | null;
  /** Deals whose currency had no rate, left out of `convertedAmount`. */
  unconverted: number;
  staleCount: number;
  /** Deals that got at least this far, wherever they are now (won and lost included). */
  reached: number;
}

export interface StageConversion {
  from: PipelineStage;
  to: PipelineStage;
  reached: number;
  advanced: number;
  /** advanced / reached; null when no deal reached `from`. */
  rate: number | null;
}

export interface StaleDeal {
  dealId: string;
  accountId: string;
  name: string;
  stage: PipelineStage;
  daysSinceTouch: number;
  cadenceDays: number;
  lastTouchAt: number | null;
  amount: number | null;
  currency: string;
}

export interface PipelineStats {
  stages: StageStats[];
  lost: { count: number; amounts: CurrencyAmount[] };
  conversions: StageConversion[];
  /** Most overdue first. */
  stale: StaleDeal[];
  openCount: number;
  totalCount: number;
  currency: { base: string | null };
}

const TOUCH_TYPES: ReadonlySet<ActivityType> = new Set(['note', 'call', 'email', 'meeting', 'visit', 'message']);
const PIPELINE_INDEX: Readonly<Record<string, number>> = Object.fromEntries(PIPELINE_STAGES.map((stage, index) => [stage, index]));

function addAmount(amounts: Map<string, number>, currency: string, amount: number): void {
  amounts.set(currency, (amounts.get(currency) ?? 0) + amount);
}

function sortedAmounts(amounts: Map<string, number>): CurrencyAmount[] {
  return [...amounts].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1));
}

/**
 * Conversion counts how far each deal got: the furthest pipeline stage in its history (a move's
 * from and to) or its current stage; a deal counts as having passed every stage before that.
 * Open deals still count as not advanced, so recent cohorts read low until they close.
 */
export function computePipelineStats(input: PipelineInput, now: number): PipelineStats {
  const playbook = input.playbook ?? defaultPlaybook();
  const rates = input.conversion ? { [input.conversion.base]: 1, ...input.conversion.rates } : null;

  // Live deals by position, with typed arrays for what the pass over activities learns: one map
  // lookup per stage change and no per-deal objects, which keeps 10,000 deals inside a frame.
  const deals: Deal[] = [];
  const positionOf = new Map<string, number>();
  for (const deal of input.deals) {
    if (deal.deletedAt !== null || positionOf.has(deal.id)) continue;
    positionOf.set(deal.id, deals.length);
    deals.push(deal);
  }
  const furthest = new Int8Array(deals.length);
  const enteredCurrentAt = new Float64Array(deals.length).fill(-1);
  deals.forEach((deal, position) => {
    furthest[position] = PIPELINE_INDEX[deal.stage] ?? -1;
  });
  const lastTouchByAccount = new Map<string, number>();
  for (const activity of input.activities) {
    if (activity.deletedAt !== null) continue;
    if (activity.type === 'stage_change') {
      const move = activity.stageChange;
      if (!move || move.subject !== 'deal') continue;
      const position = positionOf.get(move.subjectId);
      if (position === undefined) continue;
      const reach = Math.max(PIPELINE_INDEX[move.to] ?? -1, move.from === null ? -1 : (PIPELINE_INDEX[move.from] ?? -1));
      if (reach > furthest[position]!) furthest[position] = reach;
      if (move.to === deals[position]!.stage && activity.occurredAt > enteredCurrentAt[position]!) enteredCurrentAt[position] = activity.occurredAt;
      continue;
    }
    if (activity.accountId !== null && TOUCH_TYPES.has(activity.type)) {
      const previous = lastTouchByAccount.get(activity.accountId);
      if (previous === undefined || activity.occurredAt > previous) lastTouchByAccount.set(activity.accountId, activity.occurredAt);
    }
  }

  const perStage = PIPELINE_STAGES.map(() => ({ count: 0, amounts: new Map<string, number>(), withoutAmount: 0, converted: 0, unconverted: 0, staleCount: 0 }));
  const reachedAtLeast = PIPELINE_STAGES.map(() => 0);
  const lostAmounts = new Map<string, number>();
  let lostCount = 0;
  let totalCount = 0;
  const stale: StaleDeal[] = [];

  for (let position = 0; position < deals.length; position++) {
    const deal = deals[position]!;
    totalCount++;
    const currentIndex = PIPELINE_INDEX[deal.stage] ?? -1;
    const reach = Math.max(furthest[position]!, 0);
    for (let index = 0; index <= reach; index++) reachedAtLeast[index]!++;

    if (deal.stage === 'lost') {
      lostCount++;
      if (deal.amount !== null) addAmount(lostAmounts, deal.currency, deal.amount);
      continue;
    }
    const bucket = perStage[currentIndex]!;
    bucket.count++;
    if (deal.amount === null) {
      bucket.withoutAmount++;
    } else {
      addAmount(bucket.amounts, deal.currency, deal.amount);
      if (rates) {
        const rate = rates[deal.currency];
        if (rate === undefined) bucket.unconverted++;
        else bucket.converted += deal.amount * rate;
      }
    }
    if (deal.stage === 'won') continue;
    const cadenceDays = playbook.stages[deal.stage as DealStage].cadenceDays;
    if (cadenceDays === null) continue;
    const lastTouchAt = lastTouchByAccount.get(deal.accountId) ?? null;
    const since = lastTouchAt ?? Math.max(deal.createdAt, enteredCurrentAt[position]!);
    if (now - since > cadenceDays * DAY_MS) {
      bucket.staleCount++;
      stale.push({
        dealId: deal.id,
        accountId: deal.accountId,
        name: deal.name,
        stage: deal.stage as PipelineStage,
        daysSinceTouch: elapsedDays(since, now),
        cadenceDays,
        lastTouchAt,
        amount: deal.amount,
        currency: deal.currency,
      });
    }
  }

  stale.sort((a, b) => b.daysSinceTouch / b.cadenceDays - a.daysSinceTouch / a.cadenceDays || (a.dealId < b.dealId ? -1 : 1));
  const stages: StageStats[] = PIPELINE_STAGES.map((stage, index) => {
    const bucket = perStage[index]!;
    return {
      stage,
      count: bucket.count,
      amounts: sortedAmounts(bucket.amounts),
      withoutAmount: bucket.withoutAmount,
      convertedAmount: rates ? bucket.converted : null,
      unconverted: bucket.unconverted,
      staleCount: bucket.staleCount,
      reached: reachedAtLeast[index]!,
    };
  });
  const conversions: StageConversion[] = PIPELINE_STAGES.slice(0, -1).map((from, index) => {
    const reached = reachedAtLeast[index]!;
    const advanced = reachedAtLeast[index + 1]!;
    return { from, to: PIPELINE_STAGES[index + 1]!, reached, advanced, rate: reached === 0 ? null : advanced / reached };
  });
  const openCount = stages.slice(0, -1).reduce((sum, stage) => sum + stage.count, 0);
  return {
    stages,
    lost: { count: lostCount, amounts: sortedAmounts(lostAmounts) },
    conversions,
    stale,
    openCount,
    totalCount,
    currency: { base: input.conversion?.base ?? null },
  };
}
