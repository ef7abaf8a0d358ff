import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/core';
import { explainSuggestion } from './explain';
import { suggestNextSteps } from './suggest';
import type { Suggestion } from './suggestion-types';
import { HOUR_MS } from './time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, makeStageChange, unconfirmedFact } from './testing';

/** A busy customer account that raises nearly every rule at once. */
function busyAccount(): Suggestion[] {
  const account = makeAccount({
    stage: 'adoption',
    createdAt: daysAgo(500),
    renewalDate: '2025-07-20',
    health: { usage: 55, meetings: 60, issues: 70, nps: 50, measuredOn: '2025-01-02' },
    facts: { valueMetrics: unconfirmedFact('about 10%') },
  });
  const won = makeDeal(account, { stage: 'won', closedAt: T0 - 80 * HOUR_MS });
  const open = makeDeal(account, { stage: 'negotiation', expectedCloseDate: '2025-05-20' });
  const activities = [
    makeActivity(account, { type: 'email', occurredAt: daysAgo(50) }),
    makeActivity(account, { type: 'task', occurredAt: daysAgo(5), dueAt: daysAgo(2), subject: 'Send the renewal quote' }),
    makeActivity(account, { type: 'task', occurredAt: daysAgo(5), dueAt: T0 + 3 * HOUR_MS, subject: 'Prepare the QBR' }),
    makeActivity(account, { type: 'note', occurredAt: daysAgo(45), followUpAt: daysAgo(41), nextStep: 'Share the value report' }),
    makeStageChange(account, { type: 'account', id: account.id }, 'onboarding', 'adoption', daysAgo(95)),
  ];
  return suggestNextSteps({ subject: { type: 'account', account }, deals: [won, open], contacts: [], activities, suggestionStates: [] }, T0);
}

describe('explainSuggestion', () => {
  const list = busyAccount();

  it('covers a broad set of rules in this scenario', () => {
    const rules = new Set(list.map((suggestion) => suggestion.rule));
    for (const rule of ['overdueTask', 'taskDueSoon', 'overdueFollowUp', 'handoff', 'needsVerification', 'churnWarning', 'healthAtRisk', 'healthOutdated', 'renewalSurvey', 'closeDatePassed', 'unconfirmedFact', 'playbookStep'] as const) {
      expect(rules, rule).toContain(rule);
    }
  });

  it.each(LOCALES)('gives every suggestion a title and a reason with its numbers in %s', (locale) => {
    for (const suggestion of list) {
      const text = explainSuggestion(suggestion, locale, 'UTC');
      expect(text.title.length, suggestion.key).toBeGreaterThan(0);
      expect(text.reason, suggestion.key).toMatch(/\d/);
      expect(text.reason).not.toMatch(/undefined|NaN|null/);
      if (locale === 'zh-CN') expect(text.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('states the handoff overdue in hours', () => {
    const handoff = list.find((suggestion) => suggestion.rule === 'handoff')!;
    expect(explainSuggestion(handoff, 'en', 'UTC').reason).toMatch(/the 72-hour handoff is 8 hours overdue/);
  });
});
