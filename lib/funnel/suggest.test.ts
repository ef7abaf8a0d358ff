import { describe, expect, it } from 'vitest';
import type { Account, Activity, Contact, Deal, SuggestionState } from '../schemas';
import { explainSuggestion } from './explain';
import { computeSuggestions, suggestNextSteps, type SuggestionInput } from './suggest';
import type { Suggestion, SuggestionRule } from './suggestion-types';
import { DAY_MS, HOUR_MS } from './time';
import { T0, daysAgo, makeAccount, makeActivity, makeContact, makeDeal, makeStageChange, makeSuggestionState, knownFact, unconfirmedFact } from './testing';

interface Extras {
  deals?: Deal[];
  contacts?: Contact[];
  activities?: Activity[];
  states?: SuggestionState[];
  timeZone?: string;
}

function inputFor(subject: SuggestionInput['subject'], extras: Extras): SuggestionInput {
  return {
    subject,
    deals: extras.deals ?? (subject.type === 'deal' ? [subject.deal] : []),
    contacts: extras.contacts ?? [],
    activities: extras.activities ?? [],
    suggestionStates: extras.states ?? [],
    timeZone: extras.timeZone,
  };
}

function forAccount(account: Account, extras: Extras = {}, now = T0): Suggestion[] {
  return suggestNextSteps(inputFor({ type: 'account', account }, extras), now);
}

function forDeal(deal: Deal, account: Account, extras: Extras = {}, now = T0): Suggestion[] {
  return suggestNextSteps(inputFor({ type: 'deal', deal, account }, extras), now);
}

const ofRule = (list: Suggestion[], rule: SuggestionRule) => list.filter((suggestion) => suggestion.rule === rule);
const one = (list: Suggestion[], rule: SuggestionRule) => {
  const found = ofRule(list, rule);
  expect(found, `expected one ${rule} in ${list.map((s) => s.rule).join(', ')}`).toHaveLength(1);
  return found[0]!;
};
const touch = (account: Account, at: number, fields: Partial<Activity> = {}) => makeActivity(account, { type: 'call', occurredAt: at, ...fields });

describe('staleness by stage cadence', () => {
  const account = makeAccount({ stage: 'proposal' });
  const deal = makeDeal(account, { stage: 'proposal', createdAt: daysAgo(60) });

  it.each([
    ['touched 6 days ago', 6 * DAY_MS, null],
    ['touched exactly 7 days ago (the cadence)', 7 * DAY_MS, null],
    ['touched 7 days and a millisecond ago', 7 * DAY_MS + 1, 7],
    ['touched 21 days ago', 21 * DAY_MS, 21],
  ])('a proposal deal %s', (_name, silence, expectedDays) => {
    const list = forDeal(deal, account, { activities: [touch(account, T0 - silence)] });
    const stale = ofRule(list, 'stale');
    if (expectedDays === null) {
      expect(stale).toHaveLength(0);
    } else {
      expect(stale[0]!.detail).toMatchObject({ rule: 'stale', daysSinceTouch: expectedDays, cadenceDays: 7 });
      expect(stale[0]!.urgency).toBe('overdue');
    }
  });

  it('says why with the numbers', () => {
    const stale = one(forDeal(deal, account, { activities: [touch(account, daysAgo(21))] }), 'stale');
    expect(explainSuggestion(stale, 'en').reason).toBe('No touch for 21 days; Proposal stage expects one every 7.');
    expect(explainSuggestion(stale, 'zh-CN').reason).toBe('已 21 天未跟进；方案阶段应每 7 天跟进一次。');
  });

  it('counts from the stage entry when nothing was ever logged', () => {
    const entered = makeStageChange(account, { type: 'deal', id: deal.id }, 'qualified', 'proposal', daysAgo(10));
    const stale = one(forDeal(deal, account, { activities: [entered] }), 'stale');
    expect(stale.detail).toMatchObject({ daysSinceTouch: 10, lastTouchAt: null });
  });

  it('does not count tasks or stage changes as touches', () => {
    const activities = [
      touch(account, daysAgo(20)),
      makeActivity(account, { type: 'task', occurredAt: daysAgo(1), dueAt: T0 + 5 * DAY_MS }),
      makeStageChange(account, { type: 'deal', id: deal.id }, 'qualified', 'proposal', daysAgo(30)),
    ];
    expect(one(forDeal(deal, account, { activities }), 'stale').detail).toMatchObject({ daysSinceTouch: 20 });
  });

  it('ignores deleted activities', () => {
    const activities = [touch(account, daysAgo(20)), touch(account, daysAgo(1), { deletedAt: T0 })];
    expect(one(forDeal(deal, account, { activities }), 'stale').detail).toMatchObject({ daysSinceTouch: 20 });
  });

  it('keys the suggestion to the last touch, so a new silence after a new touch is a new suggestion', () => {
    const first = one(forDeal(deal, account, { activities: [touch(account, daysAgo(21))] }), 'stale');
    const later = touch(account, daysAgo(10));
    const second = one(forDeal(deal, account, { activities: [touch(account, daysAgo(21)), later] }), 'stale');
    expect(first.key).not.toBe(second.key);
    expect(second.key).toContain(later.id);
  });

  it('never calls a lost deal stale', () => {
    const lost = makeDeal(account, { stage: 'lost', closedAt: daysAgo(50) });
    expect(ofRule(forDeal(lost, account, { activities: [touch(account, daysAgo(40))] }), 'stale')).toHaveLength(0);
  });
});

describe('churn warning on a live customer', () => {
  it.each([
    ['adoption, silent exactly 30 days', 'adoption', 30 * DAY_MS, true],
    ['adoption, silent 30 days less a millisecond', 'adoption', 30 * DAY_MS - 1, false],
    ['renewal, silent 45 days', 'renewal', 45 * DAY_MS, true],
    ['onboarding, silent 31 days', 'onboarding', 31 * DAY_MS, true],
    ['a prospect (negotiation), silent 45 days', 'negotiation', 45 * DAY_MS, false],
    ['churned, silent 100 days', 'churned', 100 * DAY_MS, false],
  ] as const)('%s → warning: %s', (_name, stage, silence, warned) => {
    const account = makeAccount({ stage, createdAt: daysAgo(400), renewalDate: null, health: null });
    const list = forAccount(account, { activities: [touch(account, T0 - silence)] });
    expect(ofRule(list, 'churnWarning')).toHaveLength(warned ? 1 : 0);
  });

  it('replaces the staleness prompt, says the numbers and offers the re-engage play', () => {
    const account = makeAccount({ stage: 'adoption', createdAt: daysAgo(400) });
    const list = forAccount(account, { activities: [touch(account, daysAgo(34))] });
    expect(ofRule(list, 'stale')).toHaveLength(0);
    const churn = one(list, 'churnWarning');
    expect(churn.detail).toMatchObject({ daysSinceTouch: 34, thresholdDays: 30 });
    expect(churn.title?.en).toMatch(/Re-engage/);
    expect(explainSuggestion(churn, 'en').reason).toBe('No touch logged for 34 days with a paying customer; the churn warning starts at 30.');
    expect(explainSuggestion(churn, 'zh-CN').reason).toBe('付费客户已 34 天没有跟进记录；连续 30 天没有跟进记录即触发流失预警。');
  });

  it('leaves the staleness prompt to adoption before 30 days (cadence 21)', () => {
    const account = makeAccount({ stage: 'adoption', createdAt: daysAgo(400) });
    const list = forAccount(account, { activities: [touch(account, daysAgo(25))] });
    expect(one(list, 'stale').detail).toMatchObject({ daysSinceTouch: 25, cadenceDays: 21 });
  });
});

describe('open tasks', () => {
  const account = makeAccount({ stage: 'qualified' });
  const task = (dueAt: number, fields: Partial<Activity> = {}) =>
    makeActivity(account, { type: 'task', subject: 'Send the pricing sheet', occurredAt: daysAgo(3), dueAt, reminder: 'due', ...fields });

  it.each([
    ['due 3 days ago', T0 - 3 * DAY_MS, 'overdueTask'],
    ['due a millisecond ago', T0 - 1, 'overdueTask'],
    ['due right now', T0, 'taskDueSoon'],
    ['due in 23 hours', T0 + 23 * HOUR_MS, 'taskDueSoon'],
    ['due in exactly 24 hours', T0 + 24 * HOUR_MS, 'taskDueSoon'],
    ['due in 24 hours and a millisecond', T0 + 24 * HOUR_MS + 1, null],
  ])('a task %s', (_name, dueAt, rule) => {
    const list = forAccount(account, { activities: [task(dueAt), touch(account, daysAgo(1))] });
    const found = list.filter((suggestion) => suggestion.rule === 'overdueTask' || suggestion.rule === 'taskDueSoon');
    expect(found.map((suggestion) => suggestion.rule)).toEqual(rule ? [rule] : []);
  });

  it('leaves completed and deleted tasks alone', () => {
    const list = forAccount(account, { activities: [task(daysAgo(2), { completedAt: daysAgo(1) }), task(daysAgo(2), { deletedAt: daysAgo(1) })] });
    expect(ofRule(list, 'overdueTask')).toHaveLength(0);
  });

  it('shows an overdue task with its numbers and points at it', () => {
    const overdue = task(T0 - 50 * HOUR_MS);
    const suggestion = one(forAccount(account, { activities: [overdue] }), 'overdueTask');
    expect(suggestion.detail).toMatchObject({ overdueDays: 2, overdueHours: 50, taskTitle: 'Send the pricing sheet' });
    expect(suggestion.action.taskId).toBe(overdue.id);
    expect(explainSuggestion(suggestion, 'en').title).toBe('Send the pricing sheet');
  });

  it('keeps another deal’s tasks out of a deal’s view, but shows them on the account', () => {
    const dealA = makeDeal(account, { stage: 'qualified' });
    const dealB = makeDeal(account, { stage: 'qualified' });
    const onB = task(daysAgo(1), { dealId: dealB.id });
    expect(ofRule(forDeal(dealA, account, { deals: [dealA, dealB], activities: [onB] }), 'overdueTask')).toHaveLength(0);
    expect(ofRule(forDeal(dealB, account, { deals: [dealA, dealB], activities: [onB] }), 'overdueTask')).toHaveLength(1);
    expect(ofRule(forAccount(account, { deals: [dealA, dealB], activities: [onB] }), 'overdueTask')).toHaveLength(1);
  });
});

describe('promised follow-ups', () => {
  const account = makeAccount({ stage: 'proposal' });
  const note = (fields: Partial<Activity>) => makeActivity(account, { type: 'note', occurredAt: daysAgo(5), ...fields });

  it.each([
    ['a follow-up date 2 days ago, nothing since', [note({ followUpAt: daysAgo(2), nextStep: 'Send the quote' })], 2],
    ['a follow-up date exactly now', [note({ followUpAt: T0 })], null],
    ['a follow-up date tomorrow', [note({ followUpAt: T0 + DAY_MS })], null],
    ['kept by a call a day before the date', [note({ followUpAt: daysAgo(2) }), touch(account, daysAgo(3))], null],
    ['not kept by a call two days before the date', [note({ followUpAt: daysAgo(1) }), touch(account, daysAgo(3) - 1)], 1],
    ['a next step without a date, 8 days ago (proposal cadence 7)', [note({ occurredAt: daysAgo(8), nextStep: 'Book the demo' })], 1],
    ['a next step without a date, 6 days ago', [note({ occurredAt: daysAgo(6), nextStep: 'Book the demo' })], null],
    ['a follow-up promised on a deleted note', [note({ followUpAt: daysAgo(2), deletedAt: daysAgo(1) })], null],
  ])('%s', (_name, activities, overdueDays) => {
    const found = ofRule(forAccount(account, { activities }), 'overdueFollowUp');
    if (overdueDays === null) expect(found).toHaveLength(0);
    else expect(found[0]!.detail).toMatchObject({ overdueDays });
  });

  it('retires once a note is logged from it', () => {
    const promise = note({ followUpAt: daysAgo(2), nextStep: 'Send the quote' });
    const suggestion = one(forAccount(account, { activities: [promise] }), 'overdueFollowUp');
    expect(explainSuggestion(suggestion, 'en').title).toBe('Follow up: Send the quote');
    // The note made from the suggestion is a touch too, but even a backdated one retires it.
    const logged = makeActivity(account, { type: 'note', occurredAt: daysAgo(4), suggestionKey: suggestion.key });
    expect(ofRule(forAccount(account, { activities: [promise, logged] }), 'overdueFollowUp')).toHaveLength(0);
  });
});

describe('won: the 72-hour handoff', () => {
  const account = makeAccount({ stage: 'onboarding', renewalDate: null });
  const wonDeal = (closedAgo: number, fields: Partial<Deal> = {}) =>
    makeDeal(account, { stage: 'won', closedAt: T0 - closedAgo, amount: 300_000, ...fields });

  it.each([
    ['10 hours after closing', 10 * HOUR_MS, 'upcoming', 62],
    ['exactly 72 hours after closing', 72 * HOUR_MS, 'due', 0],
    ['72 hours and a millisecond after closing', 72 * HOUR_MS + 1, 'overdue', -1],
    ['5 days after closing', 5 * DAY_MS, 'overdue', -48],
  ])('%s', (_name, closedAgo, urgency, hoursLeft) => {
    const deal = wonDeal(closedAgo);
    const handoff = one(forDeal(deal, account, { deals: [deal] }), 'handoff');
    expect(handoff.urgency).toBe(urgency);
    expect(handoff.detail).toMatchObject({ hoursLeft, deadlineHours: 72 });
    expect(handoff.subject).toEqual({ type: 'deal', id: deal.id });
  });

  it('stays up, overdue, until it is done: no quiet disappearance after 30 days', () => {
    const deal = wonDeal(31 * DAY_MS, { createdAt: daysAgo(40) });
    const handoff = one(forDeal(deal, account), 'handoff');
    expect(handoff.urgency).toBe('overdue');
    expect(explainSuggestion(handoff, 'en').reason).toMatch(/the 72-hour handoff is 28 days overdue/);
  });

  it('lists the ten handoff items with what the records already say', () => {
    const deal = wonDeal(HOUR_MS, { facts: { coreNeeds: knownFact('Multi-store inventory') } });
    const handoff = one(forDeal(deal, makeAccount({ ...account, facts: { keyPains: knownFact('Stock-outs') } })), 'handoff');
    if (handoff.detail.rule !== 'handoff') throw new Error('not a handoff');
    expect(handoff.detail.items).toHaveLength(10);
    // Core needs and key pains from facts, the contract value from the deal's amount.
    expect(handoff.detail.knownCount).toBe(3);
    expect(handoff.detail.items.find((item) => item.key === 'coreNeeds')).toMatchObject({ known: true, value: 'Multi-store inventory' });
    expect(handoff.detail.items.find((item) => item.key === 'budget')).toMatchObject({ known: true, value: '300000 CNY' });
    expect(explainSuggestion(handoff, 'en').reason).toMatch(/hand over within 72 hours — 71 hours left\. 3 of 10 handoff items known\./);
  });

  it('shows on the account too, about the deal', () => {
    const deal = wonDeal(HOUR_MS);
    const handoff = one(forAccount(account, { deals: [deal] }), 'handoff');
    expect(handoff.subject).toEqual({ type: 'deal', id: deal.id });
  });

  it('does not retire when the handoff note is saved: only when its items are filled', () => {
    const deal = wonDeal(HOUR_MS);
    const note = makeActivity(account, { type: 'note', dealId: deal.id, suggestionKey: `handoff:${deal.id}`, body: 'Handoff' });
    expect(ofRule(forDeal(deal, account, { activities: [note] }), 'handoff')).toHaveLength(1);
  });

  it('falls back to the recorded move to won when closedAt is missing', () => {
    const deal = wonDeal(0, { closedAt: null });
    const move = makeStageChange(account, { type: 'deal', id: deal.id }, 'negotiation', 'won', T0 - 80 * HOUR_MS);
    expect(one(forDeal(deal, account, { activities: [move] }), 'handoff').urgency).toBe('overdue');
  });
});

describe('won: the 30-day needs verification', () => {
  const account = makeAccount({ stage: 'onboarding' });
  it.each([
    ['2 days after closing (handoff first)', 2 * DAY_MS, null],
    ['exactly 72 hours after closing', 72 * HOUR_MS, 'upcoming'],
    ['25 days after closing', 25 * DAY_MS, 'upcoming'],
    ['exactly 30 days after closing', 30 * DAY_MS, 'due'],
    // Day-scale: "due today" all through the due date, overdue from the next day on.
    ['30 days and a millisecond after closing', 30 * DAY_MS + 1, 'due'],
    ['31 days after closing', 31 * DAY_MS, 'overdue'],
    // Still up until it is done (it used to vanish after 60 days).
    ['61 days after closing', 61 * DAY_MS, 'overdue'],
  ])('%s', (_name, closedAgo, urgency) => {
    const deal = makeDeal(account, { stage: 'won', closedAt: T0 - closedAgo, createdAt: T0 - closedAgo - DAY_MS });
    const found = ofRule(forDeal(deal, account, { activities: [touch(account, daysAgo(1))] }), 'needsVerification');
    if (urgency === null) expect(found).toHaveLength(0);
    else expect(found[0]!.urgency).toBe(urgency);
  });

  it('says how many days are left', () => {
    const deal = makeDeal(account, { stage: 'won', closedAt: daysAgo(23) });
    const verify = one(forDeal(deal, account), 'needsVerification');
    expect(explainSuggestion(verify, 'en').reason).toBe('Won 23 days ago; customer success verifies the needs landed within 30 days — 7 days left.');
  });
});

describe('adoption: health', () => {
  const health = (usage: number, meetings: number, issues: number, nps: number, measuredOn = '2025-05-20') => ({ usage, meetings, issues, nps, measuredOn });
  const adoption = (fields: Partial<Account>) => makeAccount({ stage: 'adoption', createdAt: daysAgo(400), ...fields });
  const recent = (account: Account) => ({ activities: [touch(account, daysAgo(2))] });

  it.each([
    ['score exactly 80', health(90, 70, 80, 70), null],
    ['score 79', health(90, 70, 80, 60), 'healthWatch'],
    ['score exactly 60', health(70, 50, 60, 50), 'healthWatch'],
    ['score 59', health(70, 50, 60, 40), 'healthAtRisk'],
  ] as const)('%s', (_name, inputs, rule) => {
    const account = adoption({ health: inputs });
    const list = forAccount(account, recent(account));
    const found = list.filter((suggestion) => suggestion.rule === 'healthWatch' || suggestion.rule === 'healthAtRisk');
    expect(found.map((suggestion) => suggestion.rule)).toEqual(rule ? [rule] : []);
  });

  it('at risk: the retention play, with the score and the weakest input', () => {
    const account = adoption({ health: health(30, 70, 60, 40) });
    const play = one(forAccount(account, recent(account)), 'healthAtRisk');
    expect(play.title?.en).toMatch(/Retention play/);
    expect(play.action.kind).toBe('task');
    expect(explainSuggestion(play, 'en').reason).toBe('Health score 49 — at risk (below 60). Weakest input: feature usage.');
    expect(explainSuggestion(play, 'zh-CN').reason).toBe('健康度 49，属于风险客户（低于 60 分）。最弱指标：功能使用率。');
  });

  it('healthy (80 exactly): an upsell prompt instead', () => {
    const account = adoption({ health: health(90, 70, 80, 70) });
    expect(one(forAccount(account, recent(account)), 'upsell').detail).toMatchObject({ score: 80, band: 'healthy' });
  });

  it.each([
    ['never measured', null, true],
    ['measured exactly 90 days ago', health(90, 90, 90, 90, '2025-03-04'), false],
    ['measured 91 days ago', health(90, 90, 90, 90, '2025-03-03'), true],
  ])('health %s → outdated: %s', (_name, inputs, outdated) => {
    const account = adoption({ health: inputs });
    expect(ofRule(forAccount(account, recent(account)), 'healthOutdated')).toHaveLength(outdated ? 1 : 0);
  });
});

describe('adoption: periodic steps', () => {
  const adoption = (tier: Account['sizeTier'], enteredAgo: number) => {
    const account = makeAccount({ stage: 'adoption', sizeTier: tier, createdAt: daysAgo(400), health: { usage: 90, meetings: 90, issues: 90, nps: 90, measuredOn: '2025-05-30' } });
    const entered = makeStageChange(account, { type: 'account', id: account.id }, 'onboarding', 'adoption', daysAgo(enteredAgo));
    return { account, entered };
  };
  const stepKeys = (list: Suggestion[]) => ofRule(list, 'playbookStep').map((suggestion) => (suggestion.detail.rule === 'playbookStep' ? suggestion.detail.stepKey : ''));

  it.each([
    // The one-off first-month feedback shows from the stage entry; repeating steps a week ahead.
    ['22 days in (check-in due at 30, shown a week ahead from 23)', 22, ['firstMonthFeedback']],
    ['23 days in', 23, ['checkIn', 'firstMonthFeedback']],
    ['53 days in (value report due at 60)', 53, ['checkIn', 'firstMonthFeedback', 'valueReport']],
  ])('%s', (_name, enteredAgo, expected) => {
    const { account, entered } = adoption('smb', enteredAgo);
    // An internal note is not a touch with the customer: it does not do the check-in.
    const internal = makeActivity(account, { type: 'note', occurredAt: daysAgo(1) });
    expect(stepKeys(forAccount(account, { activities: [entered, internal] })).sort()).toEqual([...expected].sort());
  });

  it('comes back a period after it was last done', () => {
    const { account, entered } = adoption('smb', 40);
    const first = ofRule(forAccount(account, { activities: [entered, makeActivity(account, { type: 'note', occurredAt: daysAgo(1) })] }), 'playbookStep').find((s) => s.key.includes('checkIn'))!;
    const done = makeActivity(account, { type: 'call', occurredAt: daysAgo(10), suggestionKey: first.key });
    expect(stepKeys(forAccount(account, { activities: [entered, done] }))).not.toContain('checkIn');
    const later = forAccount(account, { activities: [entered, done] }, T0 + 14 * DAY_MS);
    const again = ofRule(later, 'playbookStep').find((s) => s.key.includes('checkIn'))!;
    expect(again.key).not.toBe(first.key);
    expect(again.dueAt).toBe(daysAgo(10) + 30 * DAY_MS);
  });

  it('adds the quarterly review for growth customers and the site visit for strategic ones', () => {
    const growth = adoption('growth', 85);
    const strategic = adoption('strategic', 85);
    const smb = adoption('smb', 85);
    expect(stepKeys(forAccount(growth.account, { activities: [growth.entered] }))).toContain('quarterlyNeedsReview');
    expect(stepKeys(forAccount(strategic.account, { activities: [strategic.entered] }))).toContain('strategicSiteVisit');
    const smbKeys = stepKeys(forAccount(smb.account, { activities: [smb.entered] }));
    expect(smbKeys).not.toContain('quarterlyNeedsReview');
    expect(smbKeys).not.toContain('strategicSiteVisit');
  });
});

describe('renewal: re-survey from 90 days before', () => {
  const account = (renewalDate: string, stage: Account['stage'] = 'adoption') =>
    makeAccount({ stage, renewalDate, createdAt: daysAgo(400), health: { usage: 70, meetings: 70, issues: 70, nps: 70, measuredOn: '2025-05-30' } });
  // T0 is 2025-06-02 (UTC).
  it.each([
    ['91 days ahead', '2025-09-01', null],
    ['exactly 90 days ahead', '2025-08-31', 90],
    ['30 days ahead', '2025-07-02', 30],
    ['today', '2025-06-02', 0],
  ])('renewal %s', (_name, renewalDate, daysUntil) => {
    const found = ofRule(forAccount(account(renewalDate)), 'renewalSurvey');
    if (daysUntil === null) expect(found).toHaveLength(0);
    else expect(found[0]!.detail).toMatchObject({ daysUntilRenewal: daysUntil, leadDays: 90 });
  });

  it('proposes the renewal stage from adoption, and not once in it', () => {
    expect(one(forAccount(account('2025-08-01')), 'renewalSurvey').action.suggestedStage).toBe('renewal');
    expect(one(forAccount(account('2025-08-01', 'renewal')), 'renewalSurvey').action.suggestedStage).toBeNull();
  });

  it('grows more urgent as the date nears', () => {
    const far = one(forAccount(account('2025-08-31')), 'renewalSurvey');
    const near = one(forAccount(account('2025-06-12')), 'renewalSurvey');
    expect(near.priority).toBeGreaterThan(far.priority);
  });

  it('counts calendar days in the rep’s time zone', () => {
    const now = Date.UTC(2025, 5, 1, 20, 0); // 2025-06-01 in UTC, already 2025-06-02 in Shanghai
    const inShanghai = suggestNextSteps(inputFor({ type: 'account', account: account('2025-08-31') }, { timeZone: 'Asia/Shanghai' }), now);
    const inUtc = suggestNextSteps(inputFor({ type: 'account', account: account('2025-08-31') }, { timeZone: 'UTC' }), now);
    expect(one(inShanghai, 'renewalSurvey').detail).toMatchObject({ daysUntilRenewal: 90 });
    expect(ofRule(inUtc, 'renewalSurvey')).toHaveLength(0);
  });

  it('says when a renewal date went by without an outcome', () => {
    const passed = one(forAccount(account('2025-05-30', 'renewal')), 'renewalDatePassed');
    expect(passed.detail).toMatchObject({ daysSinceRenewal: 3 });
  });

  it('prompts an upsell in the renewal stage', () => {
    expect(ofRule(forAccount(account('2025-08-01', 'renewal')), 'upsell')).toHaveLength(1);
  });
});

describe('exit criteria and key facts', () => {
  const lead = () => makeAccount({ stage: 'lead', industry: 'retail' });

  it('lists the four lead validity criteria while none is known', () => {
    const account = lead();
    const missing = ofRule(forAccount(account, { activities: [touch(account, daysAgo(1))] }), 'missingExitCriterion');
    expect(missing.map((s) => (s.detail.rule === 'missingExitCriterion' ? s.detail.factKey : '')).sort()).toEqual(['decisionMaker', 'intentBudget', 'profileFit', 'scenarioFit']);
    expect(explainSuggestion(missing.find((s) => s.key.endsWith('decisionMaker'))!, 'en')).toMatchObject({
      title: 'Find out: Decision maker reached',
      reason: 'Exit criterion for Lead: 0 of 4 known.',
    });
  });

  it('counts a decision-maker contact, and a confirmed fact', () => {
    const account = makeAccount({ stage: 'lead', facts: { scenarioFit: knownFact('Store replenishment') } });
    const contacts = [makeContact(account, { role: 'decision_maker' })];
    const missing = ofRule(forAccount(account, { contacts }), 'missingExitCriterion');
    expect(missing).toHaveLength(2);
    expect(missing[0]!.detail).toMatchObject({ knownCount: 2, totalCount: 4 });
  });

  it('asks to confirm what was noted but not confirmed', () => {
    const account = makeAccount({ stage: 'lead', facts: { intentBudget: unconfirmedFact('maybe next year') } });
    const unconfirmed = one(forAccount(account), 'unconfirmedFact');
    expect(explainSuggestion(unconfirmed, 'en').reason).toBe('Noted as “maybe next year” but not confirmed.');
  });

  it('proposes the next stage once every exit criterion is known', () => {
    const account = makeAccount({
      stage: 'lead',
      facts: {
        scenarioFit: knownFact('yes'),
        profileFit: knownFact('yes'),
        intentBudget: knownFact('500k this year'),
      },
    });
    const advance = one(forAccount(account, { contacts: [makeContact(account, { role: 'decision_maker' })] }), 'readyToAdvance');
    expect(advance.action.suggestedStage).toBe('qualified');
    expect(explainSuggestion(advance, 'zh-CN').title).toBe('可推进到商机确认阶段');
  });

  it('in qualified: no decision maker identified yet is a missing criterion', () => {
    const account = makeAccount({ stage: 'qualified' });
    const deal = makeDeal(account, { stage: 'qualified', amount: 100_000 });
    const list = forDeal(deal, account, { contacts: [makeContact(account, { role: 'contact_person' })] });
    const keys = ofRule(list, 'missingExitCriterion').map((s) => (s.detail.rule === 'missingExitCriterion' ? s.detail.factKey : ''));
    expect(keys).toContain('decisionChain');
    expect(keys).not.toContain('dealAmount');
    expect(ofRule(list, 'missingKeyFact').map((s) => (s.detail.rule === 'missingKeyFact' ? s.detail.factKey : ''))).toContain('champion');
  });

  it('does not repeat the won checklist fact by fact', () => {
    const account = makeAccount({ stage: 'onboarding' });
    const deal = makeDeal(account, { stage: 'won', closedAt: daysAgo(1) });
    const list = forDeal(deal, account);
    expect(ofRule(list, 'missingKeyFact')).toHaveLength(0);
    expect(ofRule(list, 'handoff')).toHaveLength(1);
  });
});

describe('playbook steps of the stage', () => {
  it('brings up each step, due the given days after the stage was entered, until done', () => {
    const account = makeAccount({ stage: 'proposal' });
    const deal = makeDeal(account, { stage: 'proposal' });
    const entered = makeStageChange(account, { type: 'deal', id: deal.id }, 'qualified', 'proposal', daysAgo(2));
    const steps = ofRule(forDeal(deal, account, { activities: [entered] }), 'playbookStep');
    const demo = steps.find((s) => s.key.endsWith(':scenarioDemo'))!;
    expect(demo.dueAt).toBe(daysAgo(2) + 7 * DAY_MS);
    expect(demo.action.noteType).toBe('meeting');
    const logged = makeActivity(account, { type: 'meeting', dealId: deal.id, suggestionKey: demo.key });
    expect(ofRule(forDeal(deal, account, { activities: [entered, logged] }), 'playbookStep').map((s) => s.key)).not.toContain(demo.key);
  });
});

describe('expected close date', () => {
  const account = makeAccount({ stage: 'negotiation' });
  it.each([
    ['yesterday', '2025-06-01', 1],
    ['today', '2025-06-02', null],
  ])('a close date %s', (_name, expectedCloseDate, daysPast) => {
    const deal = makeDeal(account, { stage: 'negotiation', expectedCloseDate });
    const found = ofRule(forDeal(deal, account), 'closeDatePassed');
    if (daysPast === null) expect(found).toHaveLength(0);
    else expect(found[0]!.detail).toMatchObject({ daysPast });
  });
});

describe('dismiss and snooze', () => {
  const account = makeAccount({ stage: 'proposal' });
  const deal = makeDeal(account, { stage: 'proposal' });
  const activities = [touch(account, daysAgo(21))];
  const staleKey = () => one(forDeal(deal, account, { activities }), 'stale').key;
  const state = (fields: Partial<SuggestionState>) => makeSuggestionState({ subjectType: 'deal', subjectId: deal.id, suggestionKey: staleKey(), ...fields });

  it.each([
    ['dismissed', [state({ status: 'dismissed' })], false],
    ['snoozed until tomorrow', [state({ status: 'snoozed', snoozedUntil: T0 + DAY_MS })], false],
    ['snoozed until exactly now', [state({ status: 'snoozed', snoozedUntil: T0 })], true],
    ['snoozed until yesterday', [state({ status: 'snoozed', snoozedUntil: T0 - DAY_MS })], true],
    ['dismissed, then restored later', [state({ status: 'dismissed', updatedAt: 1 }), state({ status: 'active', updatedAt: 2 })], true],
    ['dismissed on another subject', [state({ subjectId: account.id, subjectType: 'account' })], true],
    ['a deleted dismissal', [state({ deletedAt: 5 })], true],
  ])('%s → shown: %s', (_name, states, shown) => {
    const result = computeSuggestions(inputFor({ type: 'deal', deal, account }, { activities, states }), T0);
    expect(ofRule(result.visible, 'stale')).toHaveLength(shown ? 1 : 0);
    expect(result.hidden.filter((hidden) => hidden.suggestion.rule === 'stale')).toHaveLength(shown ? 0 : 1);
  });
});

describe('ranking', () => {
  it('puts an overdue task before staleness, and staleness before a missing key fact', () => {
    const account = makeAccount({ stage: 'proposal' });
    const deal = makeDeal(account, { stage: 'proposal' });
    const activities = [touch(account, daysAgo(10)), makeActivity(account, { type: 'task', dealId: deal.id, dueAt: daysAgo(1), occurredAt: daysAgo(3) })];
    const rules = forDeal(deal, account, { activities }).map((s) => s.rule);
    expect(rules.indexOf('overdueTask')).toBeLessThan(rules.indexOf('stale'));
    expect(rules.indexOf('stale')).toBeLessThan(rules.indexOf('missingKeyFact'));
  });

  it('is deterministic: same records, same order, whatever order they come in', () => {
    const account = makeAccount({ stage: 'adoption', createdAt: daysAgo(400), renewalDate: '2025-07-15' });
    const deal = makeDeal(account, { stage: 'won', closedAt: daysAgo(20) });
    const activities = [touch(account, daysAgo(35)), makeActivity(account, { type: 'task', dueAt: daysAgo(2), occurredAt: daysAgo(4) }), makeActivity(account, { type: 'note', followUpAt: daysAgo(3), occurredAt: daysAgo(36) })];
    const a = forAccount(account, { deals: [deal], activities }).map((s) => s.key);
    const b = forAccount(account, { deals: [deal], activities: [...activities].reverse() }).map((s) => s.key);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
  });

  it('gives nothing for a deleted record', () => {
    const account = makeAccount({ stage: 'lead', deletedAt: daysAgo(1) });
    expect(forAccount(account)).toEqual([]);
  });
});
