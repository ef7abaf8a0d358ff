// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findSuccessCases } from '@/lib/funnel/success-cases';
import { DAY_MS } from '@/lib/funnel/time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, makeStageChange } from '@/lib/funnel/testing';
import { LocaleProvider } from '../i18n';
import { SuccessCases } from './SuccessCases';

afterEach(cleanup);

function cases() {
  const peer = makeAccount({ name: 'Peer Retail', industry: 'retail', sizeTier: 'growth' });
  const deal = makeDeal(peer, { name: 'Rollout', stage: 'won', amount: 250_000, currency: 'CNY', createdAt: daysAgo(90), closedAt: daysAgo(30) });
  const activities = [
    makeStageChange(peer, { type: 'deal', id: deal.id }, 'qualified', 'proposal', daysAgo(70)),
    makeStageChange(peer, { type: 'deal', id: deal.id }, 'proposal', 'negotiation', daysAgo(58)),
    makeStageChange(peer, { type: 'deal', id: deal.id }, 'negotiation', 'won', daysAgo(30)),
    makeActivity(peer, { type: 'meeting', dealId: deal.id, occurredAt: daysAgo(70) + DAY_MS, body: 'Demo of store replenishment to the COO.', nextStep: 'Send the ROI sheet' }),
  ];
  const me = makeAccount({ industry: 'retail', sizeTier: 'growth' });
  return findSuccessCases({ account: me, stage: 'proposal', pool: { accounts: [peer], deals: [deal], activities } }, T0);
}

describe('SuccessCases', () => {
  it('shows each case: the match, the time in this stage, the path and the key notes', () => {
    render(
      <LocaleProvider locale="en">
        <SuccessCases cases={cases()} stage="proposal" timeZone="UTC" />
      </LocaleProvider>,
    );
    expect(screen.getByRole('article', { name: 'Peer Retail: Rollout' })).toBeTruthy();
    expect(screen.getByText('Same industry (retail) and size (growth)')).toBeTruthy();
    expect(screen.getByText('12 days in Proposal')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Stage path' }).textContent).toBe('QualifiedProposalNegotiationWon');
    expect(screen.getByText(/Demo of store replenishment/)).toBeTruthy();
    expect(screen.getByText('→ Send the ROI sheet', { exact: false })).toBeTruthy();
  });

  it('opens a case', async () => {
    const user = userEvent.setup();
    const onOpenCase = vi.fn();
    const list = cases();
    render(
      <LocaleProvider locale="zh-CN">
        <SuccessCases cases={list} stage="proposal" onOpenCase={onOpenCase} />
      </LocaleProvider>,
    );
    expect(screen.getByText('在方案阶段停留 12 天')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Peer Retail · Rollout' }));
    expect(onOpenCase).toHaveBeenCalledWith(list[0]);
  });

  it('explains how to get cases when there are none', () => {
    render(
      <LocaleProvider locale="en">
        <SuccessCases cases={[]} stage="lead" />
      </LocaleProvider>,
    );
    expect(screen.getByText(/No won deals of the same industry and size yet/)).toBeTruthy();
  });

  it.each([
    ['en', 'No won deals from other “Retail” accounts yet.', 'Closest industry with wins: Retail Banking (2 won deals).'],
    ['zh-CN', '暂无其他“Retail”行业客户的赢单。', '最相近且有赢单的行业：Retail Banking（2 个赢单）。'],
  ] as const)('with no peers, says so and names the closest industry (%s)', (locale, none, closest) => {
    render(
      <LocaleProvider locale={locale}>
        <SuccessCases cases={[]} stage="proposal" industry="Retail" closestIndustry={{ industry: 'Retail Banking', wonDeals: 2 }} />
      </LocaleProvider>,
    );
    expect(screen.getByText(none)).toBeTruthy();
    expect(screen.getByText(closest)).toBeTruthy();
  });
});
