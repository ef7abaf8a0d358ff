// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '@/lib/schemas';
import { AccountHeader } from './AccountHeader';
import { CardSection } from './CardSection';
import { LocaleProvider } from './i18n';

afterEach(cleanup);

const meta = { createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {} };
const acme: Account = { id: 'a1', name: 'Acme Robotics', domains: ['acme-robotics.com'], industry: 'Robotics', sizeTier: 'growth', ownerId: 'r1', stage: 'qualified', renewalDate: null, health: null, facts: {}, ...meta };
const steps = [
  { key: 'a1:overdue', title: 'Send the pricing sheet', reason: 'Due 2 days ago', urgency: 'overdue' as const },
  { key: 'a1:fact', title: 'Find out: Buying process known', reason: 'Exit criterion for Qualified: 1 of 4 known.', urgency: 'info' as const },
];

describe('AccountHeader', () => {
  it('says who this is and the top next steps with their reasons, in zh-CN with the stage as 商机确认', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(
      <LocaleProvider locale="zh-CN">
        <AccountHeader account={acme} ownerName="我" nextSteps={steps} onOpenNextStep={onOpen} onEdit={() => {}} onDelete={() => {}} />
      </LocaleProvider>,
    );
    const card = screen.getByTestId('account-card');
    expect(within(card).getByRole('heading', { level: 1 }).textContent).toBe('Acme Robotics');
    expect(screen.getByTestId('account-stage').textContent).toBe('商机确认');
    expect(card.textContent).toContain('负责人：我');
    const items = screen.getAllByTestId('next-step');
    expect(items.map((item) => item.textContent)).toEqual(['已逾期 Send the pricing sheetDue 2 days ago', '待办 Find out: Buying process knownExit criterion for Qualified: 1 of 4 known.']);
    await user.click(within(items[0]!).getByRole('button'));
    expect(onOpen).toHaveBeenCalledWith('a1:overdue');
    expect(screen.getByRole('button', { name: '编辑客户' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '删除客户' })).toBeTruthy();
  });
});

describe('CardSection', () => {
  it('shows a placeholder until the first screen has painted, then the content; a jump scrolls to it and focuses it', () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this);
    };
    try {
      const { rerender, unmount } = render(
        <CardSection id="sn-section-timeline" label="Timeline" ready={false} jumpSeq={null}>
          <p>the timeline</p>
        </CardSection>,
      );
      expect(screen.queryByText('the timeline')).toBeNull();
      rerender(
        <CardSection id="sn-section-timeline" label="Timeline" ready jumpSeq={1}>
          <p>the timeline</p>
        </CardSection>,
      );
      const section = screen.getByRole('region', { name: 'Timeline' });
      expect(screen.getByText('the timeline')).toBeTruthy();
      expect(scrolled).toContain(section);
      expect(document.activeElement).toBe(section);

      // Another account's card opening after that jump does not jump again.
      unmount();
      scrolled.length = 0;
      render(
        <CardSection id="sn-section-timeline" label="Timeline" ready jumpSeq={1}>
          <p>another timeline</p>
        </CardSection>,
      );
      expect(scrolled).toEqual([]);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});
