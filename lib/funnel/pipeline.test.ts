import { describe, expect, it } from 'vitest';
import type { Deal, DealStage } from '../schemas';
import { computePipelineStats } from './pipeline';
import { DAY_MS } from './time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, makeStageChange } from './testing';

const account = makeAccount();
const deal = (stage: DealStage, fields: Partial<Deal> = {}) => makeDeal(account, { stage, createdAt: daysAgo(3), ...fields });
const path = (target: Deal, stages: DealStage[], start = 50) =>
  stages.slice(1).map((to, index) => makeStageChange(account, { type: 'deal', id: target.id }, stages[index]!, to, daysAgo(start - index)));

describe('computePipelineStats', () => {
  it('counts deals and sums amounts per stage and per currency', () => {
    const deals = [
      deal('proposal', { amount: 100, currency: 'CNY' }),
      deal('proposal', { amount: 300, currency: 'CNY' }),
      deal('proposal', { amount: 50, currency: 'USD' }),
      deal('proposal', { amount: null }),
      deal('won', { amount: 1000 }),
    ];
    const stats = computePipelineStats({ deals, activities: [] }, T0);
    const proposal = stats.stages.find((stage) => stage.stage === 'proposal')!;
    expect(proposal).toMatchObject({ count: 4, withoutAmount: 1, convertedAmount: null, amounts: [{ currency: 'CNY', amount: 400 }, { currency: 'USD', amount: 50 }] });
    expect(stats.openCount).toBe(4);
    expect(stats.totalCount).toBe(5);
  });

  it('converts to one currency when given rates, and says what it could not convert', () => {
    const deals = [deal('proposal', { amount: 100, currency: 'CNY' }), deal('proposal', { amount: 10, currency: 'USD' }), deal('proposal', { amount: 5, currency: 'EUR' })];
    const stats = computePipelineStats({ deals, activities: [], conversion: { base: 'CNY', rates: { USD: 7.2 } } }, T0);
    expect(stats.stages[2]).toMatchObject({ convertedAmount: 172, unconverted: 1 });
    expect(stats.currency.base).toBe('CNY');
  });

  it('computes conversion from how far each deal got, lost deals included', () => {
    const won = deal('won');
    const lostInProposal = deal('lost');
    const open = deal('qualified');
    const stillLead = deal('lead');
    const activities = [
      ...path(won, ['lead', 'qualified', 'proposal', 'negotiation', 'won']),
      ...path(lostInProposal, ['lead', 'qualified', 'proposal', 'lost']),
      ...path(open, ['lead', 'qualified']),
    ];
    const stats = computePipelineStats({ deals: [won, lostInProposal, open, stillLead], activities }, T0);
    expect(stats.conversions.map((c) => [c.from, c.to, c.reached, c.advanced])).toEqual([
      ['lead', 'qualified', 4, 3],
      ['qualified', 'proposal', 3, 2],
      ['proposal', 'negotiation', 2, 1],
      ['negotiation', 'won', 1, 1],
    ]);
    expect(stats.conversions[0]!.rate).toBe(0.75);
    expect(stats.lost.count).toBe(1);
  });

  it('counts a deal created at a later stage as having passed the earlier ones', () => {
    const stats = computePipelineStats({ deals: [deal('negotiation')], activities: [] }, T0);
    expect(stats.stages.map((stage) => stage.reached)).toEqual([1, 1, 1, 1, 0]);
  });

  it('gives no rate when no deal reached a stage', () => {
    const stats = computePipelineStats({ deals: [], activities: [] }, T0);
    expect(stats.conversions.every((c) => c.rate === null)).toBe(true);
  });

  it.each([
    ['touched exactly 7 days ago (proposal cadence)', 7 * DAY_MS, false],
    ['touched 7 days and a millisecond ago', 7 * DAY_MS + 1, true],
    ['touched 2 days ago', 2 * DAY_MS, false],
  ])('a proposal deal %s → stale: %s', (_name, silence, isStale) => {
    const proposal = deal('proposal', { createdAt: daysAgo(60) });
    const stats = computePipelineStats({ deals: [proposal], activities: [makeActivity(account, { type: 'call', occurredAt: T0 - silence })] }, T0);
    expect(stats.stale.map((s) => s.dealId)).toEqual(isStale ? [proposal.id] : []);
    expect(stats.stages[2]!.staleCount).toBe(isStale ? 1 : 0);
  });

  it('counts from the stage entry for a deal never touched, and never calls won or lost stale', () => {
    const negotiation = deal('negotiation', { createdAt: daysAgo(60) });
    const won = deal('won', { createdAt: daysAgo(60) });
    const activities = [makeStageChange(account, { type: 'deal', id: negotiation.id }, 'proposal', 'negotiation', daysAgo(5))];
    const stats = computePipelineStats({ deals: [negotiation, won, deal('lost', { createdAt: daysAgo(90) })], activities }, T0);
    expect(stats.stale).toEqual([expect.objectContaining({ dealId: negotiation.id, daysSinceTouch: 5, cadenceDays: 3, lastTouchAt: null })]);
  });

  it('ignores deleted deals and deleted activities', () => {
    const gone = deal('proposal', { deletedAt: 1 });
    const stats = computePipelineStats({ deals: [gone], activities: [makeActivity(account, { type: 'call', deletedAt: 1 })] }, T0);
    expect(stats.totalCount).toBe(0);
  });
});
