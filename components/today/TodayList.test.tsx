// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '../i18n';
import { TodayList, type TodayGroupView, type TodayItemView } from './TodayList';

afterEach(cleanup);

const item = (id: string, accountName: string, title: string, overdue = false): TodayItemView => ({ id, accountName, title, reason: `Reason for ${title}.`, overdue });

const GROUPS: TodayGroupView[] = [
  { group: 'overdue', items: [item('a', 'Acme', 'Send the quote', true), item('b', 'Globex', 'Follow up: pricing', true)] },
  { group: 'today', items: [item('c', 'Initech', 'Call the CFO')] },
  { group: 'thisWeek', items: [] },
  { group: 'later', items: [item('d', 'Umbrella', 'Renewal survey')] },
];

/** The list as the panel holds it: items leave once done or snoozed. */
function Harness({ onOpen, locale = 'en', initialLimit }: { onOpen: (id: string) => void; locale?: 'en' | 'zh-CN'; initialLimit?: number }) {
  const [gone, setGone] = useState<string[]>([]);
  const groups = GROUPS.map((group) => ({ ...group, items: group.items.filter((entry) => !gone.includes(entry.id)) }));
  const remove = (id: string) => setGone((ids) => [...ids, id]);
  return (
    <LocaleProvider locale={locale}>
      <TodayList groups={groups} hiddenCount={gone.length} onOpen={onOpen} onDone={remove} onSnooze={remove} focusFirst initialLimit={initialLimit} />
    </LocaleProvider>
  );
}

describe('TodayList', () => {
  it('groups items by urgency with counts, empty groups left out, each with its reason', () => {
    render(<Harness onOpen={() => {}} />);
    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['Overdue2 items', 'Today1 item', 'Later1 item']);
    expect(screen.getByRole('button', { name: 'Acme · Send the quote', description: 'Reason for Send the quote.' })).toBeTruthy();
  });

  it('starts on the first item, moves with the arrow keys and opens the account with Enter', async () => {
    const user = userEvent.setup();
    const onOpen = vi.fn();
    render(<Harness onOpen={onOpen} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Acme · Send the quote' }));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Initech · Call the CFO' }));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Globex · Follow up: pricing' }));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Umbrella · Renewal survey' }));
    await user.keyboard('{Home}{Enter}');
    expect(onOpen).toHaveBeenCalledWith('a');
  });

  it('marks done with D and snoozes with S, keeping focus on the next item', async () => {
    const user = userEvent.setup();
    render(<Harness onOpen={() => {}} />);
    await user.keyboard('d');
    expect(screen.queryByRole('button', { name: 'Acme · Send the quote' })).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Globex · Follow up: pricing' })));
    await user.keyboard('s');
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Initech · Call the CFO' })));
    expect(screen.getByText('2 items snoozed or dismissed.')).toBeTruthy();
  });

  it('offers Done and Snooze buttons whose names start with their visible label, reachable by Tab', async () => {
    const user = userEvent.setup();
    render(<Harness onOpen={() => {}} />);
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Done: Send the quote' }));
    expect(document.activeElement?.textContent).toBe('Done');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Snooze until tomorrow: Send the quote' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('button', { name: 'Acme · Send the quote' })).toBeNull();
  });

  it('shows the first items of a long group and the rest on request', async () => {
    const user = userEvent.setup();
    render(<Harness onOpen={() => {}} initialLimit={1} />);
    expect(screen.queryByRole('button', { name: 'Globex · Follow up: pricing' })).toBeNull();
    screen.getByRole('button', { name: 'Show 1 more' }).focus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('button', { name: 'Globex · Follow up: pricing' })).toBeTruthy();
  });

  it('speaks Chinese in the zh-CN UI', () => {
    render(<Harness onOpen={() => {}} locale="zh-CN" />);
    expect(screen.getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['已逾期2 项', '今天1 项', '以后1 项']);
    expect(screen.getByRole('button', { name: '完成：Send the quote' }).textContent).toBe('完成');
  });

  it('says how many quiet accounts it left out, in both languages', () => {
    const { rerender } = render(
      <LocaleProvider locale="en">
        <TodayList groups={GROUPS} hiddenCount={0} moreQuietAccounts={12} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText('12 more of your accounts have gone quiet; Today lists the quietest first.')).toBeTruthy();
    rerender(
      <LocaleProvider locale="zh-CN">
        <TodayList groups={[]} hiddenCount={0} moreQuietAccounts={1} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText('另有 1 个客户久未联系；今日待办先列出最久未联系的。')).toBeTruthy();
    // Not "nothing is due" while quiet accounts wait.
    expect(screen.queryByText(/没有到期事项/)).toBeNull();
  });

  it('says how many overdue and later tasks and quiet deals it left out, in both languages, never "nothing is due"', () => {
    const { rerender } = render(
      <LocaleProvider locale="en">
        <TodayList groups={[]} hiddenCount={0} moreOverdueTasks={30} moreLaterTasks={1} moreStaleDeals={4} moreOverduePromises={1} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText('30 more of your tasks are overdue; Today lists the most overdue first.')).toBeTruthy();
    expect(screen.getByText('1 more of your tasks is due later; Today lists the soonest first.')).toBeTruthy();
    expect(screen.getByText('4 more of your open deals have gone quiet; Today lists the quietest first.')).toBeTruthy();
    expect(screen.getByText('1 more of your promised follow-ups is overdue; Today lists the most overdue first.')).toBeTruthy();
    expect(screen.queryByText(/Nothing is due/)).toBeNull();
    rerender(
      <LocaleProvider locale="zh-CN">
        <TodayList groups={[]} hiddenCount={0} moreOverdueTasks={2} moreOverduePromises={3} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText('另有 2 个任务已逾期；今日待办先列出逾期最久的。')).toBeTruthy();
    expect(screen.getByText('另有 3 个承诺的跟进已逾期；今日待办先列出逾期最久的。')).toBeTruthy();
    expect(screen.queryByText(/没有到期事项/)).toBeNull();
  });

  it('says how many renewals and recent wins it left out, in both languages, never "nothing is due"', () => {
    const { rerender } = render(
      <LocaleProvider locale="en">
        <TodayList groups={[]} hiddenCount={0} moreRenewals={3} moreWins={1} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText('3 more of your accounts renew within 90 days or have just passed their renewal date; Today lists the earliest dates first.')).toBeTruthy();
    expect(screen.getByText('1 more deal you won in the last 90 days is not checked for its handoff and needs verification here; Today lists the latest wins first.')).toBeTruthy();
    expect(screen.queryByText(/Nothing is due/)).toBeNull();
    rerender(
      <LocaleProvider locale="zh-CN">
        <TodayList groups={[]} hiddenCount={0} moreRenewals={1} moreWins={2} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText('另有 1 个客户将在 90 天内续约或刚过续约日；今日待办先列出日期最早的。')).toBeTruthy();
    expect(screen.getByText('另有 2 个近 90 天赢单的商机未在此检查交接和需求确认；今日待办先列出最近赢单的。')).toBeTruthy();
    expect(screen.queryByText(/没有到期事项/)).toBeNull();
  });

  it('makes each left-out line a button that loads the next page of its kind, by keyboard, named by its visible text', async () => {
    const user = userEvent.setup();
    const onShowMore = vi.fn();
    /** The view's role: a "show more" lists the next page, and the count falls. */
    function Paged() {
      const [quiet, setQuiet] = useState(32);
      return (
        <LocaleProvider locale="en">
          <TodayList
            groups={GROUPS}
            hiddenCount={0}
            moreQuietAccounts={quiet}
            moreLaterTasks={3}
            onOpen={() => {}}
            onDone={() => {}}
            onSnooze={() => {}}
            onShowMore={(key) => {
              onShowMore(key);
              if (key === 'moreQuietAccounts') setQuiet((count) => Math.max(0, count - 25));
            }}
          />
        </LocaleProvider>
      );
    }
    render(<Paged />);
    const quiet = screen.getByRole('button', { name: '32 more of your accounts have gone quiet; Today lists the quietest first. Show 25 more' });
    expect(quiet.textContent).toBe('32 more of your accounts have gone quiet; Today lists the quietest first. Show 25 more');
    // Reached with Tab after the items' own buttons, like any other control.
    for (let i = 0; i < 20 && document.activeElement !== quiet; i++) await user.tab();
    expect(document.activeElement).toBe(quiet);
    await user.keyboard('{Enter}');
    expect(onShowMore).toHaveBeenCalledWith('moreQuietAccounts');
    // Still more: the same button, with its new count, keeps the keyboard.
    const rest = screen.getByRole('button', { name: '7 more of your accounts have gone quiet; Today lists the quietest first. Show 7 more' });
    expect(document.activeElement).toBe(rest);
    await user.keyboard(' ');
    // All listed: the line goes and the keyboard moves on to the next left-out line, not to <body>.
    expect(screen.queryByRole('button', { name: /accounts have gone quiet/ })).toBeNull();
    await vi.waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: '3 more of your tasks are due later; Today lists the soonest first. Show 3 more' })));
  });

  it('shows the list before its left-out counts: a status while they are read, never "nothing is due", then each line as a button named by its visible text', () => {
    const props = { hiddenCount: 0, onOpen: () => {}, onDone: () => {}, onSnooze: () => {}, onShowMore: () => {} };
    const { rerender } = render(
      <LocaleProvider locale="en">
        <TodayList groups={[]} counting {...props} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Counting what else is due…');
    expect(screen.queryByText(/Nothing is due/)).toBeNull();
    rerender(
      <LocaleProvider locale="en">
        <TodayList groups={GROUPS} moreQuietAccounts={12} {...props} />
      </LocaleProvider>,
    );
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: '12 more of your accounts have gone quiet; Today lists the quietest first. Show 12 more' })).toBeTruthy();
    // Recounting (the list re-read after a change or a "show more"): the last counts stay, no status.
    rerender(
      <LocaleProvider locale="en">
        <TodayList groups={GROUPS} moreQuietAccounts={12} counting {...props} />
      </LocaleProvider>,
    );
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.getByRole('button', { name: /12 more of your accounts/ })).toBeTruthy();
    rerender(
      <LocaleProvider locale="zh-CN">
        <TodayList groups={[]} counting {...props} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('status').textContent).toBe('正在统计其余到期事项…');
    expect(screen.queryByText(/没有到期事项/)).toBeNull();
  });

  it('says when nothing is due, and while it is reading', () => {
    const { rerender } = render(
      <LocaleProvider locale="en">
        <TodayList groups={null} hiddenCount={0} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByRole('status').textContent).toMatch(/Reading your tasks/);
    rerender(
      <LocaleProvider locale="en">
        <TodayList groups={[]} hiddenCount={0} onOpen={() => {}} onDone={() => {}} onSnooze={() => {}} />
      </LocaleProvider>,
    );
    expect(screen.getByText(/Nothing is due/)).toBeTruthy();
  });
});
