/**
 * Pipeline view over 10,000 deals: p95 target ≤ 50 ms.
 * Run: npx tsx bench/funnel/pipeline.ts
 */
import { computePipelineStats, type PipelineInput } from '../../lib/funnel/pipeline';
import { defaultPlaybook } from '../../lib/funnel/playbook';
import { DAY_MS } from '../../lib/funnel/time';
import { T0, makeAccount, makeActivity, makeDeal, makeStageChange } from '../../lib/funnel/testing';
import type { Activity, Deal, DealStage } from '../../lib/schemas';
import { measure, report } from './harness';

const PATH: DealStage[] = ['lead', 'qualified', 'proposal', 'negotiation', 'won'];
const CURRENCIES = ['CNY', 'CNY', 'CNY', 'USD', 'EUR'];

/** 10,000 deals over 2,500 accounts with their full stage histories and touches. */
function team(dealCount: number): PipelineInput {
  const accounts = Array.from({ length: Math.ceil(dealCount / 4) }, () => makeAccount());
  const deals: Deal[] = [];
  const activities: Activity[] = [];
  for (let i = 0; i < dealCount; i++) {
    const account = accounts[i % accounts.length]!;
    const createdAt = T0 - (30 + (i % 300)) * DAY_MS;
    const furthest = i % 5;
    const lost = furthest < 4 && i % 3 === 0;
    const stage: DealStage = lost ? 'lost' : PATH[furthest]!;
    const deal = makeDeal(account, { stage, createdAt, amount: i % 9 === 0 ? null : 10_000 + (i % 50) * 5_000, currency: CURRENCIES[i % CURRENCIES.length]! });
    deals.push(deal);
    for (let step = 1; step <= furthest; step++) {
      activities.push(makeStageChange(account, { type: 'deal', id: deal.id }, PATH[step - 1]!, PATH[step]!, createdAt + step * 5 * DAY_MS));
    }
    if (lost) activities.push(makeStageChange(account, { type: 'deal', id: deal.id }, PATH[furthest]!, 'lost', createdAt + (furthest + 1) * 5 * DAY_MS));
    if (i % 2 === 0) activities.push(makeActivity(account, { type: 'call', dealId: deal.id, occurredAt: T0 - (i % 20) * DAY_MS }));
  }
  return { deals, activities, playbook: defaultPlaybook(), conversion: { base: 'CNY', rates: { USD: 7.2, EUR: 7.8 } } };
}

const input = team(10_000);
const sample = computePipelineStats(input, T0);
console.log(`${input.deals.length} deals, ${input.activities.length} activities → ${sample.openCount} open, ${sample.stale.length} stale`);

report([
  measure('pipeline: 10,000 deals', () => computePipelineStats(input, T0), {
    runs: 100,
    warmup: 10,
    targetP95Ms: 50,
    notes: `computePipelineStats: ${input.deals.length} deals, ${input.activities.length} stage changes and touches, amounts per currency plus converted to CNY`,
  }),
]);
