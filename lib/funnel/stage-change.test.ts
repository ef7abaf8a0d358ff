import { describe, expect, it } from 'vitest';
import type { Stage } from '../schemas';
import { planStageChange, StageChangeError } from './stage-change';
import { T0, makeAccount, makeDeal, testId } from './testing';

let next = 3000;
const options = () => ({ now: T0, newId: () => testId(++next), actorId: 'rep-1' });

describe('planStageChange: a deal', () => {
  it('moves the deal and records who moved it from where to where, when', () => {
    const account = makeAccount({ stage: 'qualified' });
    const deal = makeDeal(account, { stage: 'qualified' });
    const plan = planStageChange({ type: 'deal', deal, account, deals: [deal] }, 'proposal', options());
    expect(plan.writes[0]).toEqual({ entity: 'deal', recordId: deal.id, patch: { stage: 'proposal', closedAt: null }, mustExist: true });
    expect(plan.writes[1]).toMatchObject({
      entity: 'activity',
      localOnCreate: { authorId: 'rep-1' },
      patch: { type: 'stage_change', accountId: account.id, dealId: deal.id, occurredAt: T0, visibility: 'team', stageChange: { subject: 'deal', subjectId: deal.id, from: 'qualified', to: 'proposal' } },
    });
    expect(plan.accountMove).toEqual({ from: 'qualified', to: 'proposal' });
  });

  it('sets closedAt when won or lost, keeps the loss reason, and clears both on reopening', () => {
    const account = makeAccount({ stage: 'negotiation' });
    const deal = makeDeal(account, { stage: 'negotiation' });
    expect(planStageChange({ type: 'deal', deal, account, deals: [deal] }, 'won', options()).writes[0]!.patch).toEqual({ stage: 'won', closedAt: T0 });
    expect(planStageChange({ type: 'deal', deal, account, deals: [deal] }, 'lost', { ...options(), lostReason: ' Price ' }).writes[0]!.patch).toEqual({ stage: 'lost', closedAt: T0, lostReason: 'Price' });
    const lost = makeDeal(account, { stage: 'lost', closedAt: 1, lostReason: 'Price' });
    expect(planStageChange({ type: 'deal', deal: lost, account, deals: [lost] }, 'negotiation', options()).writes[0]!.patch).toEqual({ stage: 'negotiation', closedAt: null, lostReason: null });
  });

  it('refuses a customer stage for a deal, with the way out', () => {
    const account = makeAccount({ stage: 'negotiation' });
    const deal = makeDeal(account, { stage: 'negotiation' });
    expect(() => planStageChange({ type: 'deal', deal, account, deals: [deal] }, 'onboarding', options())).toThrow(StageChangeError);
    expect(() => planStageChange({ type: 'deal', deal, account, deals: [deal] }, 'onboarding', options())).toThrow(/Move the account to onboarding/);
  });

  it('writes nothing for a move to the stage it is in', () => {
    const account = makeAccount({ stage: 'proposal' });
    const deal = makeDeal(account, { stage: 'proposal' });
    expect(planStageChange({ type: 'deal', deal, account, deals: [deal] }, 'proposal', options())).toEqual({ writes: [], accountMove: null });
  });

  // account stage, the deal's move, the account's other deals → where the account goes
  it.each<[string, Stage, [Stage, Stage], Stage[], Stage | null]>([
    ['a lead follows its only deal forward', 'lead', ['lead', 'qualified'], [], 'qualified'],
    ['a prospect follows its most advanced open deal', 'proposal', ['proposal', 'qualified'], ['negotiation'], 'negotiation'],
    ['a prospect steps back with its only deal', 'proposal', ['proposal', 'qualified'], [], 'qualified'],
    ['the first won deal makes a customer', 'negotiation', ['negotiation', 'won'], [], 'onboarding'],
    ['a lost prospect re-engaged by a new deal', 'lost', ['lead', 'qualified'], [], 'qualified'],
    ['the last open deal lost: the account is lost', 'negotiation', ['negotiation', 'lost'], ['lost'], 'lost'],
    ['one of two deals lost: the account follows the other', 'negotiation', ['negotiation', 'lost'], ['proposal'], 'proposal'],
    ['an upsell deal at a customer does not move it', 'adoption', ['qualified', 'proposal'], ['won'], null],
    ['an upsell won during adoption keeps it in adoption', 'adoption', ['negotiation', 'won'], ['won'], null],
    ['a renewal deal won: back to adoption for the next cycle', 'renewal', ['negotiation', 'won'], ['won'], 'adoption'],
    ['a win-back deal won: a customer again', 'churned', ['negotiation', 'won'], ['won'], 'onboarding'],
    ['a win-back deal still open: still churned', 'churned', ['lead', 'qualified'], ['won'], null],
  ])('%s', (_name, accountStage, [from, to], otherStages, expected) => {
    const account = makeAccount({ stage: accountStage });
    const deal = makeDeal(account, { stage: from as never });
    const others = otherStages.map((stage) => makeDeal(account, { stage: stage as never }));
    const plan = planStageChange({ type: 'deal', deal, account, deals: [deal, ...others] }, to, options());
    expect(plan.accountMove?.to ?? null).toBe(expected);
    if (expected) {
      expect(plan.writes).toHaveLength(4);
      expect(plan.writes[2]).toEqual({ entity: 'account', recordId: account.id, patch: { stage: expected }, mustExist: true });
      expect(plan.writes[3]!.patch).toMatchObject({ type: 'stage_change', dealId: null, stageChange: { subject: 'account', subjectId: account.id, from: accountStage, to: expected } });
    } else {
      expect(plan.writes).toHaveLength(2);
    }
  });
});

describe('planStageChange: an account', () => {
  it('moves the account and records the move', () => {
    const account = makeAccount({ stage: 'adoption' });
    const plan = planStageChange({ type: 'account', account }, 'renewal', options());
    expect(plan.writes[0]).toEqual({ entity: 'account', recordId: account.id, patch: { stage: 'renewal' }, mustExist: true });
    expect(plan.writes[1]!.patch).toMatchObject({ stageChange: { subject: 'account', subjectId: account.id, from: 'adoption', to: 'renewal' } });
  });

  it('refuses to move a deleted account', () => {
    const account = makeAccount({ deletedAt: 1 });
    expect(() => planStageChange({ type: 'account', account }, 'qualified', options())).toThrow(/deleted/);
  });
});
