import { describe, expect, it } from 'vitest';
import { findSuccessCases, stagePathOf } from './success-cases';
import { DAY_MS } from './time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, makeStageChange } from './testing';

function wonCase(industry: string | null, sizeTier: 'strategic' | 'growth' | 'smb' | null, closedAgo = 30) {
  const account = makeAccount({ industry, sizeTier, stage: 'adoption', name: `Peer ${industry}/${sizeTier}` });
  const deal = makeDeal(account, { stage: 'won', createdAt: daysAgo(closedAgo + 60), closedAt: daysAgo(closedAgo), amount: 200_000 });
  const toProposal = daysAgo(closedAgo + 40);
  const toNegotiation = daysAgo(closedAgo + 25);
  const activities = [
    makeStageChange(account, { type: 'deal', id: deal.id }, 'lead', 'qualified', daysAgo(closedAgo + 55), { authorId: 'rep-a' }),
    makeStageChange(account, { type: 'deal', id: deal.id }, 'qualified', 'proposal', toProposal, { authorId: 'rep-a' }),
    makeStageChange(account, { type: 'deal', id: deal.id }, 'proposal', 'negotiation', toNegotiation, { authorId: 'rep-b' }),
    makeStageChange(account, { type: 'deal', id: deal.id }, 'negotiation', 'won', daysAgo(closedAgo)),
    makeActivity(account, { type: 'meeting', dealId: deal.id, occurredAt: toProposal + DAY_MS, body: 'Demo of the replenishment scenario to the COO; she asked for the store-level numbers.', nextStep: 'Send store-level ROI' }),
    makeActivity(account, { type: 'email', dealId: deal.id, occurredAt: toProposal + 3 * DAY_MS, body: 'Sent the case of a peer retailer.' }),
    makeActivity(account, { type: 'note', dealId: deal.id, occurredAt: toNegotiation + DAY_MS, body: 'Negotiation note, after the proposal stage.' }),
  ];
  return { account, deal, activities };
}

describe('findSuccessCases', () => {
  const me = makeAccount({ industry: 'Retail ', sizeTier: 'growth', stage: 'proposal' });

  it('finds won deals of the same industry and tier first, then the same industry', () => {
    const sameTier = wonCase('retail', 'growth', 30);
    const otherTier = wonCase('retail', 'strategic', 10);
    const otherIndustry = wonCase('banking', 'growth');
    const pool = {
      accounts: [sameTier.account, otherTier.account, otherIndustry.account],
      deals: [sameTier.deal, otherTier.deal, otherIndustry.deal],
      activities: [...sameTier.activities, ...otherTier.activities, ...otherIndustry.activities],
    };
    const cases = findSuccessCases({ account: me, stage: 'proposal', pool }, T0);
    expect(cases.map((c) => [c.dealId, c.match])).toEqual([
      [sameTier.deal.id, 'industryAndTier'],
      [otherTier.deal.id, 'industry'],
    ]);
  });

  it('tells what moved the case through the stage in view: its days there and the notes written then', () => {
    const peer = wonCase('retail', 'growth');
    const [found] = findSuccessCases({ account: me, stage: 'proposal', pool: { accounts: [peer.account], deals: [peer.deal], activities: peer.activities } }, T0);
    expect(found!.stageWindow).toEqual({ enteredAt: daysAgo(70), leftAt: daysAgo(55), days: 15 });
    expect(found!.keyNotes.map((note) => note.type)).toEqual(['meeting', 'email']);
    expect(found!.keyNotes[0]!.nextStep).toBe('Send store-level ROI');
    expect(found!.daysToClose).toBe(60);
    expect(found!.path.map((step) => step.stage)).toEqual(['lead', 'qualified', 'proposal', 'negotiation', 'won']);
    expect(found!.path[3]).toMatchObject({ by: 'rep-b', enteredAt: daysAgo(55), leftAt: daysAgo(30) });
  });

  it.each([
    ['no industry on the account in view', makeAccount({ industry: null }), 0],
    ['an industry with no won peer', makeAccount({ industry: 'mining' }), 0],
  ])('returns nothing for %s', (_name, account, count) => {
    const peer = wonCase('retail', 'growth');
    expect(findSuccessCases({ account, stage: 'proposal', pool: { accounts: [peer.account], deals: [peer.deal], activities: peer.activities } }, T0)).toHaveLength(count);
  });

  it('skips open, lost, deleted deals and the deal in view', () => {
    const peer = wonCase('retail', 'growth');
    const open = makeDeal(peer.account, { stage: 'negotiation' });
    const lost = makeDeal(peer.account, { stage: 'lost' });
    const deleted = makeDeal(peer.account, { stage: 'won', deletedAt: 1 });
    const pool = { accounts: [peer.account], deals: [peer.deal, open, lost, deleted], activities: [] };
    expect(findSuccessCases({ account: me, stage: 'proposal', pool, excludeDealId: peer.deal.id }, T0)).toEqual([]);
  });

  it('reads post-sale stages from the account’s path', () => {
    const peer = wonCase('retail', 'growth', 200);
    const onboarding = makeStageChange(peer.account, { type: 'account', id: peer.account.id }, 'negotiation', 'onboarding', daysAgo(200));
    const adoption = makeStageChange(peer.account, { type: 'account', id: peer.account.id }, 'onboarding', 'adoption', daysAgo(150));
    const checkIn = makeActivity(peer.account, { type: 'call', occurredAt: daysAgo(100), body: 'Quarterly check-in; they want multi-store reports.' });
    const [found] = findSuccessCases({ account: { ...me, stage: 'adoption' }, stage: 'adoption', pool: { accounts: [peer.account], deals: [peer.deal], activities: [...peer.activities, onboarding, adoption, checkIn] } }, T0);
    expect(found!.stageWindow).toEqual({ enteredAt: daysAgo(150), leftAt: null, days: 150 });
    expect(found!.keyNotes.map((note) => note.id)).toEqual([checkIn.id]);
    expect(found!.path.map((step) => step.stage).slice(-2)).toEqual(['onboarding', 'adoption']);
  });

  it('keeps at most three cases', () => {
    const peers = [1, 2, 3, 4].map((n) => wonCase('retail', 'growth', n * 10));
    const pool = { accounts: peers.map((p) => p.account), deals: peers.map((p) => p.deal), activities: [] };
    const cases = findSuccessCases({ account: me, stage: 'proposal', pool }, T0);
    expect(cases).toHaveLength(3);
    expect(cases[0]!.dealId).toBe(peers[0]!.deal.id);
  });
});

describe('stagePathOf', () => {
  it('starts with the stage the first move left, from the record’s creation', () => {
    const account = makeAccount();
    const moves = [makeStageChange(account, { type: 'account', id: account.id }, 'lead', 'qualified', 20)];
    expect(stagePathOf(moves, account.id, 5)).toEqual([
      { stage: 'lead', enteredAt: 5, leftAt: 20, by: null },
      { stage: 'qualified', enteredAt: 20, leftAt: null, by: null },
    ]);
  });
});
