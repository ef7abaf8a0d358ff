// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { computePipelineStats } from '@/lib/funnel/pipeline';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, makeStageChange } from '@/lib/funnel/testing';
import { LocaleProvider } from '../i18n';
import { PipelineFunnel } from './PipelineFunnel';

afterEach(cleanup);

function stats() {
  const account = makeAccount();
  const quiet = makeAccount();
  const won = makeDeal(account, { stage: 'won', amount: 500_000, currency: 'CNY' });
  const proposal = makeDeal(account, { stage: 'proposal', amount: 200_000, currency: 'CNY' });
  const stale = makeDeal(quiet, { stage: 'negotiation', name: 'Quiet deal', amount: 80_000, currency: 'USD', createdAt: daysAgo(40) });
  const activities = [
    makeStageChange(account, { type: 'deal', id: won.id }, 'lead', 'won', daysAgo(10)),
    makeActivity(account, { type: 'call', occurredAt: daysAgo(1) }),
    makeStageChange(quiet, { type: 'deal', id: stale.id }, 'proposal', 'negotiation', daysAgo(12)),
  ];
  return computePipelineStats({ deals: [won, proposal, stale], activities }, T0);
}

describe('PipelineFunnel', () => {
  it('draws the funnel as a picture with a full text alternative', () => {
    render(
      <LocaleProvider locale="en">
        <PipelineFunnel stats={stats()} />
      </LocaleProvider>,
    );
    const picture = screen.getByRole('img', { name: 'Pipeline' });
    expect(picture.tagName.toLowerCase()).toBe('svg');
    const name = document.getElementById(picture.getAttribute('aria-describedby')!)!.textContent!;
    expect(name).toContain('2 open deals, 1 stale.');
    expect(name).toContain('Proposal: 1 deal, CN¥200,000');
    expect(name).toContain('Negotiation: 1 deal, $80,000 (1 stale)');
    expect(name).toContain('Lead → Qualified: 100% converted');
    expect(name).toContain('Negotiation → Won: 50% converted');
    expect(picture.querySelectorAll('polygon')).toHaveLength(5);
    expect(picture.querySelector('.sn-pipeline__stage--stale .sn-pipeline__band')).not.toBeNull();
  });

  it('lists stale deals with the numbers, and opens one', async () => {
    const user = userEvent.setup();
    const onOpenDeal = vi.fn();
    render(
      <LocaleProvider locale="en">
        <PipelineFunnel stats={stats()} onOpenDeal={onOpenDeal} />
      </LocaleProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Open Quiet deal: Quiet deal (Negotiation): no touch for 12 days, expected every 3' }));
    expect(onOpenDeal).toHaveBeenCalledWith(expect.objectContaining({ name: 'Quiet deal' }));
  });

  it('says so when there are no deals', () => {
    render(
      <LocaleProvider locale="zh-CN">
        <PipelineFunnel stats={computePipelineStats({ deals: [], activities: [] }, T0)} />
      </LocaleProvider>,
    );
    expect(screen.getByText('还没有商机。')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
