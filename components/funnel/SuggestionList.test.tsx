// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { suggestNextSteps } from '@/lib/funnel/suggest';
import type { Suggestion } from '@/lib/funnel/suggestion-types';
import { HOUR_MS } from '@/lib/funnel/time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal } from '@/lib/funnel/testing';
import type { Locale } from '@/lib/schemas';
import { LocaleProvider } from '../i18n';
import { SuggestionList, type SuggestionListProps } from './SuggestionList';

afterEach(cleanup);

function scenario(): Suggestion[] {
  const account = makeAccount({ stage: 'onboarding', name: 'Acme Retail' });
  const won = makeDeal(account, { stage: 'won', closedAt: T0 - 10 * HOUR_MS, name: 'Store rollout' });
  const proposal = makeDeal(account, { stage: 'proposal', name: 'Upsell' });
  const activities = [
    makeActivity(account, { type: 'call', occurredAt: daysAgo(21) }),
    makeActivity(account, { type: 'task', dueAt: daysAgo(2), occurredAt: daysAgo(4), subject: 'Send the pricing sheet' }),
  ];
  const forAccount = suggestNextSteps({ subject: { type: 'account', account }, deals: [won, proposal], contacts: [], activities, suggestionStates: [] }, T0);
  return forAccount;
}

function renderList(props: Partial<SuggestionListProps> = {}, locale: Locale = 'en') {
  const handlers = {
    onCreateTask: vi.fn(),
    onWriteNote: vi.fn(),
    onDismiss: vi.fn(),
    onSnooze: vi.fn(),
    onCompleteTask: vi.fn(),
    onMoveStage: vi.fn(),
  };
  const suggestions = props.suggestions ?? scenario();
  render(
    <LocaleProvider locale={locale}>
      <SuggestionList suggestions={suggestions} timeZone="UTC" initialLimit={20} {...handlers} {...props} />
    </LocaleProvider>,
  );
  return { handlers, suggestions };
}

describe('SuggestionList', () => {
  it('shows each suggestion with its reason and numbers', () => {
    renderList();
    expect(screen.getByRole('heading', { name: 'Next steps' })).toBeTruthy();
    expect(screen.getByText('No touch for 21 days; Onboarding stage expects one every 7.')).toBeTruthy();
    expect(screen.getByText(/hand over within 72 hours — 62 hours left/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Send the pricing sheet' })).toBeTruthy();
  });

  it('turns a suggestion into a task or a note, each button named for its suggestion', async () => {
    const user = userEvent.setup();
    const { handlers, suggestions } = renderList();
    await user.click(screen.getByRole('button', { name: 'Create task: Hand over to customer success' }));
    expect(handlers.onCreateTask).toHaveBeenCalledWith(suggestions.find((s) => s.rule === 'handoff'));
    await user.click(screen.getByRole('button', { name: 'Write note: Hand over to customer success' }));
    expect(handlers.onWriteNote).toHaveBeenCalledWith(suggestions.find((s) => s.rule === 'handoff'));
  });

  it('offers “mark done” instead of a second task for an overdue task', async () => {
    const user = userEvent.setup();
    const { handlers } = renderList();
    const item = screen.getByRole('listitem', { name: 'Send the pricing sheet' });
    expect(within(item).queryByRole('button', { name: /Create task/ })).toBeNull();
    await user.click(within(item).getByRole('button', { name: 'Mark done: Send the pricing sheet' }));
    expect(handlers.onCompleteTask).toHaveBeenCalledOnce();
  });

  it('dismisses, and snoozes by keyboard alone', async () => {
    const user = userEvent.setup();
    const { handlers, suggestions } = renderList();
    const stale = suggestions.find((s) => s.rule === 'stale')!;
    await user.click(screen.getByRole('button', { name: 'Dismiss: Get back in touch' }));
    expect(handlers.onDismiss).toHaveBeenCalledWith(stale);

    const toggle = screen.getByRole('button', { name: 'Snooze: Get back in touch' });
    toggle.focus();
    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Until tomorrow');
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Enter}');
    await user.tab();
    await user.keyboard('{Enter}');
    expect(handlers.onSnooze).toHaveBeenCalledWith(stale, 'threeDays');
  });

  it('shows the handoff checklist, and says which items are missing', async () => {
    const user = userEvent.setup();
    renderList();
    await user.click(screen.getByText('Handoff checklist (0/10)'));
    expect(screen.getAllByText(/missing:/)).toHaveLength(10);
  });

  it('keeps long lists short until asked', async () => {
    const user = userEvent.setup();
    const { suggestions } = renderList({ initialLimit: 2 });
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: `Show ${suggestions.length - 2} more` }));
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(suggestions.length);
  });

  it('offers the proposed stage move', async () => {
    const user = userEvent.setup();
    const account = makeAccount({ stage: 'adoption', renewalDate: '2025-08-01', createdAt: daysAgo(400) });
    const suggestions = suggestNextSteps({ subject: { type: 'account', account }, deals: [], contacts: [], activities: [], suggestionStates: [] }, T0);
    const { handlers } = renderList({ suggestions });
    await user.click(screen.getByRole('button', { name: 'Move to Renewal' }));
    expect(handlers.onMoveStage).toHaveBeenCalledWith(suggestions.find((s) => s.rule === 'renewalSurvey'), 'renewal');
  });

  it('speaks Chinese', () => {
    renderList({}, 'zh-CN');
    expect(screen.getByRole('heading', { name: '下一步' })).toBeTruthy();
    expect(screen.getByText('已 21 天未跟进；交付阶段应每 7 天跟进一次。')).toBeTruthy();
    expect(screen.getByRole('button', { name: '创建任务：向客户成功经理交接' })).toBeTruthy();
  });

  it('says when there is nothing to do, and how many are hidden', async () => {
    const user = userEvent.setup();
    const onShowHidden = vi.fn();
    renderList({ suggestions: [], hiddenCount: 2, onShowHidden });
    expect(screen.getByText('Nothing needs doing here right now.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '2 dismissed or snoozed' }));
    expect(onShowHidden).toHaveBeenCalledOnce();
  });
});
