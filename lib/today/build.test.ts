import { describe, expect, it } from 'vitest';
import type { Account, Activity, Deal, SuggestionState } from '../schemas';
import { explainSuggestion } from '../funnel/explain';
import { computeSuggestions } from '../funnel/suggest';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, makeSuggestionState } from '../funnel/testing';
import { buildToday, flattenToday, groupOf, type TodayAccountInput, type TodayItem } from './build';
import { describeTodayItem } from './describe';

// T0 is Monday 2025-06-02 09:00 UTC: the frozen clock of every case.

interface Case {
  name: string;
  account?: Partial<Account>;
  deals?: (account: Account) => Deal[];
  activities: (account: Account) => Activity[];
  /** Ids of activities that are the rep's own tasks or promises; default: every task and dated promise. */
  states?: (account: Account, activities: Activity[]) => SuggestionState[];
  timeZone?: string;
  expected: string[];
}

/** A touch yesterday, so the account is neither stale nor quiet unless a case says so. */
const recentTouch = (account: Account) => makeActivity(account, { type: 'call', occurredAt: daysAgo(1) });

function run(entry: TodayAccountInput, own: Activity[], timeZone?: string) {
  return buildToday({ accounts: [entry], ownActivityIds: new Set(own.map((activity) => activity.id)), timeZone }, T0);
}

/** `group kind/rule subjectType` per item, in list order. */
function summarize(items: TodayItem[]): string[] {
  return items.map((item) => `${item.group} ${item.suggestion?.rule ?? item.kind} ${item.subject.type}`);
}

const cases: Case[] = [
  {
    name: 'a task due yesterday is overdue, as the card says',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', subject: 'Send quote', occurredAt: daysAgo(3), dueAt: daysAgo(1) })],
    expected: ['overdue overdueTask account'],
  },
  {
    name: 'a task due in three hours is for today',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', occurredAt: daysAgo(1), dueAt: T0 + 3 * HOUR_MS })],
    expected: ['today taskDueSoon account'],
  },
  {
    name: 'a task due in three days is this week, before the card raises it',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', occurredAt: daysAgo(1), dueAt: T0 + 3 * DAY_MS })],
    expected: ['thisWeek task account'],
  },
  {
    name: 'a task due in twenty days is later',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', occurredAt: daysAgo(1), dueAt: T0 + 20 * DAY_MS })],
    expected: ['later task account'],
  },
  {
    name: 'a done task is not listed',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', occurredAt: daysAgo(3), dueAt: daysAgo(1), completedAt: daysAgo(1) })],
    expected: [],
  },
  {
    name: 'a follow-up promised for two days ago with no touch since is overdue',
    activities: (a) => [makeActivity(a, { type: 'call', occurredAt: daysAgo(4), nextStep: 'Send pricing', followUpAt: daysAgo(2) })],
    expected: ['overdue overdueFollowUp account'],
  },
  {
    name: 'a follow-up promised for Wednesday is this week',
    activities: (a) => [makeActivity(a, { type: 'call', occurredAt: daysAgo(1), nextStep: 'Send pricing', followUpAt: T0 + 2 * DAY_MS })],
    expected: ['thisWeek followUp account'],
  },
  {
    name: 'a follow-up promised for Wednesday and already kept on Tuesday is not listed',
    activities: (a) => [
      makeActivity(a, { type: 'call', occurredAt: daysAgo(1), nextStep: 'Send pricing', followUpAt: T0 + 2 * DAY_MS }),
      makeActivity(a, { type: 'email', occurredAt: T0 + DAY_MS + HOUR_MS }),
    ],
    expected: [],
  },
  {
    name: 'a deal won yesterday needs its handoff within 72 hours: due in two days',
    account: { stage: 'onboarding' },
    deals: (a) => [makeDeal(a, { stage: 'won', closedAt: daysAgo(1) })],
    activities: (a) => [recentTouch(a)],
    expected: ['thisWeek handoff deal'],
  },
  {
    name: 'a deal won 28 days ago needs its needs verification in two days',
    account: { stage: 'onboarding' },
    deals: (a) => [makeDeal(a, { stage: 'won', closedAt: daysAgo(28) })],
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'note', occurredAt: daysAgo(20), suggestionKey: 'x' })],
    expected: ['overdue handoff deal', 'thisWeek needsVerification deal'],
  },
  {
    name: 'a renewal in five days is this week',
    account: { stage: 'renewal', renewalDate: '2025-06-07', health: { usage: 90, meetings: 90, issues: 90, nps: 90, measuredOn: '2025-05-20' } },
    activities: (a) => [recentTouch(a)],
    expected: ['thisWeek renewalSurvey account'],
  },
  {
    name: 'a renewal in sixty days is later',
    account: { stage: 'adoption', renewalDate: '2025-08-01', health: { usage: 90, meetings: 90, issues: 90, nps: 90, measuredOn: '2025-05-20' } },
    activities: (a) => [recentTouch(a)],
    expected: ['later renewalSurvey account'],
  },
  {
    name: 'a customer quiet for 40 days raises the churn warning',
    account: { stage: 'adoption', health: { usage: 90, meetings: 90, issues: 90, nps: 90, measuredOn: '2025-05-20' } },
    activities: (a) => [makeActivity(a, { type: 'call', occurredAt: daysAgo(40) })],
    expected: ['overdue churnWarning account'],
  },
  {
    name: 'an open deal quiet past its stage cadence is stale (the account and the deal)',
    account: { stage: 'proposal' },
    deals: (a) => [makeDeal(a, { stage: 'proposal', createdAt: daysAgo(60) })],
    activities: (a) => [makeActivity(a, { type: 'call', occurredAt: daysAgo(20) })],
    expected: ['overdue stale account', 'overdue stale deal'],
  },
  {
    name: 'missing facts and playbook steps stay on the card',
    account: { stage: 'qualified' },
    activities: (a) => [recentTouch(a)],
    expected: [],
  },
  {
    name: 'a snoozed overdue task is hidden until the snooze ends',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', occurredAt: daysAgo(3), dueAt: daysAgo(1) })],
    states: (a, activities) => [
      makeSuggestionState({ subjectType: 'account', subjectId: a.id, suggestionKey: `task:${activities[1]!.id}`, status: 'snoozed', snoozedUntil: T0 + DAY_MS }),
    ],
    expected: [],
  },
  {
    name: 'a snoozed task not yet due is hidden under the card key',
    activities: (a) => [recentTouch(a), makeActivity(a, { type: 'task', occurredAt: daysAgo(1), dueAt: T0 + 3 * DAY_MS })],
    states: (a, activities) => [
      makeSuggestionState({ subjectType: 'account', subjectId: a.id, suggestionKey: `task:${activities[1]!.id}`, status: 'snoozed', snoozedUntil: T0 + DAY_MS }),
    ],
    expected: [],
  },
];

describe('buildToday', () => {
  it.each(cases)('$name', (testCase) => {
    const account = makeAccount({ stage: 'qualified', ...testCase.account });
    const activities = testCase.activities(account);
    const deals = testCase.deals?.(account) ?? [];
    const own = activities.filter((activity) => activity.type === 'task' || activity.followUpAt !== null);
    const states = testCase.states?.(account, activities) ?? [];
    const result = run({ account, deals, activities, suggestionStates: states }, own, testCase.timeZone);
    expect(summarize(flattenToday(result))).toEqual(testCase.expected);
    if (testCase.states) expect(result.hiddenCount).toBe(1);
  });

  it('words each card item exactly as the card does', () => {
    const account = makeAccount({ stage: 'adoption', renewalDate: '2025-07-01' });
    const activities = [makeActivity(account, { type: 'call', occurredAt: daysAgo(35) }), makeActivity(account, { type: 'task', subject: 'Call the CFO', occurredAt: daysAgo(3), dueAt: daysAgo(1) })];
    const items = flattenToday(run({ account, deals: [], activities, suggestionStates: [] }, [activities[1]!]));
    const card = computeSuggestions({ subject: { type: 'account', account }, contacts: [], deals: [], activities, suggestionStates: [] }, T0).visible;
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      const same = card.find((suggestion) => suggestion.key === item.key)!;
      for (const locale of ['en', 'zh-CN'] as const) {
        expect(describeTodayItem(item, locale, 'UTC').reason).toBe(explainSuggestion(same, locale, 'UTC').reason);
      }
    }
  });

  it('words its own items in both languages', () => {
    const account = makeAccount();
    const task = makeActivity(account, { type: 'task', subject: 'Book the demo', occurredAt: daysAgo(1), dueAt: Date.UTC(2025, 5, 4, 14, 0) });
    const promise = makeActivity(account, { type: 'call', occurredAt: daysAgo(1), nextStep: 'Send pricing', followUpAt: Date.UTC(2025, 5, 5, 9, 0) });
    const [first, second] = flattenToday(run({ account, deals: [], activities: [recentTouch(account), task, promise], suggestionStates: [] }, [task, promise]));
    expect(describeTodayItem(first!, 'en', 'UTC')).toEqual({ title: 'Book the demo', reason: 'Your task, due Jun 4, 02:00 PM.' });
    expect(describeTodayItem(second!, 'en', 'UTC')).toEqual({ title: 'Follow up: Send pricing', reason: 'You promised on Jun 1, 2025 to follow up by Jun 5, 2025.' });
    expect(describeTodayItem(second!, 'zh-CN', 'UTC').title).toBe('按约跟进：Send pricing');
  });

  it('orders items by due time within a group, across accounts', () => {
    const a = makeAccount({ name: 'A' });
    const b = makeAccount({ name: 'B' });
    const lateTask = makeActivity(b, { type: 'task', occurredAt: daysAgo(5), dueAt: daysAgo(1) });
    const earlyTask = makeActivity(a, { type: 'task', occurredAt: daysAgo(5), dueAt: daysAgo(3) });
    const result = buildToday(
      {
        accounts: [
          { account: a, deals: [], activities: [recentTouch(a), earlyTask], suggestionStates: [] },
          { account: b, deals: [], activities: [recentTouch(b), lateTask], suggestionStates: [] },
        ],
        ownActivityIds: new Set([lateTask.id, earlyTask.id]),
      },
      T0,
    );
    expect(result.groups.overdue.map((item) => item.account.name)).toEqual(['A', 'B']);
  });

  it('lists only the tasks of an account found through them alone, never a silence its unread history would fake', () => {
    const theirs = makeAccount({ stage: 'adoption', ownerId: 'rep-2' });
    const task = makeActivity(theirs, { type: 'task', subject: 'Send the deck', occurredAt: daysAgo(3), dueAt: daysAgo(1) });
    const result = buildToday({ accounts: [{ account: theirs, deals: [], activities: [task], suggestionStates: [], tasksOnly: true }], ownActivityIds: new Set([task.id]) }, T0);
    expect(summarize(flattenToday(result))).toEqual(['overdue overdueTask account']);
  });

  it('skips deleted accounts and tasks someone else wrote', () => {
    const gone = makeAccount({ deletedAt: daysAgo(1) });
    const other = makeAccount();
    const theirs = makeActivity(other, { type: 'task', occurredAt: daysAgo(1), dueAt: T0 + 3 * DAY_MS });
    const result = buildToday(
      {
        accounts: [
          { account: gone, deals: [], activities: [makeActivity(gone, { type: 'task', occurredAt: daysAgo(3), dueAt: daysAgo(1) })], suggestionStates: [] },
          { account: other, deals: [], activities: [recentTouch(other), theirs], suggestionStates: [] },
        ],
        ownActivityIds: new Set(),
      },
      T0,
    );
    expect(flattenToday(result)).toEqual([]);
  });
});

describe('groupOf', () => {
  it.each([
    ['a millisecond ago', T0 - 1, 'UTC', 'overdue'],
    ['now', T0, 'UTC', 'today'],
    ['the last millisecond of today (UTC)', Date.UTC(2025, 5, 3) - 1, 'UTC', 'today'],
    ['midnight tomorrow (UTC)', Date.UTC(2025, 5, 3), 'UTC', 'thisWeek'],
    ['the last millisecond of the seventh day after today', Date.UTC(2025, 5, 10) - 1, 'UTC', 'thisWeek'],
    ['the eighth day after today', Date.UTC(2025, 5, 10), 'UTC', 'later'],
    // 09:00 UTC is 17:00 in Shanghai: its day ends at 16:00 UTC.
    ['16:00 UTC, already tomorrow in Shanghai', Date.UTC(2025, 5, 2, 16), 'Asia/Shanghai', 'thisWeek'],
    ['15:59 UTC, still today in Shanghai', Date.UTC(2025, 5, 2, 15, 59), 'Asia/Shanghai', 'today'],
    ['no date', null, 'UTC', 'later'],
  ] as const)('%s → %s', (_name, at, timeZone, group) => {
    expect(groupOf(at, T0, timeZone)).toBe(group);
  });
});
