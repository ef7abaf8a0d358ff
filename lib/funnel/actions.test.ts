import { describe, expect, it } from 'vitest';
import { validActivitySchema } from '../schemas';
import { completeTaskWrite, fillTemplate, noteFromSuggestion, taskFromSuggestion } from './actions';
import { suggestNextSteps } from './suggest';
import type { Suggestion } from './suggestion-types';
import { DAY_MS, HOUR_MS } from './time';
import { T0, daysAgo, makeAccount, makeActivity, makeDeal, testId, knownFact } from './testing';

const context = { now: T0, newId: () => testId(5000), actorId: 'rep-1' };

function suggestionsFor(stage: 'onboarding' | 'adoption' | 'proposal') {
  const account = makeAccount({ stage, name: 'Acme Retail', createdAt: daysAgo(400), health: { usage: 30, meetings: 70, issues: 60, nps: 40, measuredOn: '2025-05-30' } });
  const deal = makeDeal(account, { stage: 'won', name: 'Store rollout', closedAt: T0 - 10 * HOUR_MS, facts: { coreNeeds: knownFact('Multi-store stock') } });
  const list = suggestNextSteps({ subject: { type: 'account', account }, deals: [deal], contacts: [], activities: [makeActivity(account, { type: 'call', occurredAt: daysAgo(1) })], suggestionStates: [] }, T0);
  return { account, deal, list };
}

const byRule = (list: Suggestion[], rule: Suggestion['rule']) => list.find((suggestion) => suggestion.rule === rule)!;

describe('fillTemplate', () => {
  it.each([
    ['Hello {account}', { account: 'Acme' }, 'Hello Acme'],
    // A placeholder with no value never shows as {deal}: it becomes the blank marker.
    ['{account} / {deal}', { account: 'Acme' }, 'Acme / (to fill in)'],
    ['no placeholders', {}, 'no placeholders'],
    ['{a}{a}', { a: 'x' }, 'xx'],
  ])('%s', (template, vars, expected) => {
    expect(fillTemplate(template, vars, '(to fill in)')).toBe(expected);
  });
});

describe('taskFromSuggestion', () => {
  it('builds a valid task carrying the suggestion key, due when the suggestion says, with a due reminder', () => {
    const { account, list } = suggestionsFor('adoption');
    const play = byRule(list, 'healthAtRisk');
    const write = taskFromSuggestion(play, { accountId: account.id, locale: 'en' }, context);
    expect(write).toMatchObject({ entity: 'activity', recordId: testId(5000), localOnCreate: { authorId: 'rep-1' } });
    expect(write.patch).toMatchObject({ type: 'task', accountId: account.id, dealId: null, suggestionKey: play.key, reminder: 'due', dueAt: T0 + 2 * DAY_MS });
    expect(write.patch.subject).toMatch(/Retention play/);
    expect(write.patch.body).toContain('Health score 49 (at risk)');
    const record = { id: write.recordId, createdAt: T0, updatedAt: T0, updatedBy: null, clock: {}, authorId: 'rep-1', ...write.patch };
    expect(validActivitySchema.safeParse(record).success).toBe(true);
  });

  it('ties a task about a deal to that deal', () => {
    const { account, deal, list } = suggestionsFor('onboarding');
    const handoff = byRule(list, 'handoff');
    const write = taskFromSuggestion(handoff, { accountId: account.id, locale: 'zh-CN' }, context);
    expect(write.patch).toMatchObject({ dealId: deal.id, dueAt: deal.closedAt! + 72 * HOUR_MS });
    expect(write.patch.subject).toBe('向客户成功经理交接');
  });

  it('refuses to duplicate an existing task', () => {
    const account = makeAccount({ stage: 'proposal' });
    const task = makeActivity(account, { type: 'task', dueAt: daysAgo(1), occurredAt: daysAgo(2), subject: 'Call back' });
    const overdue = byRule(suggestNextSteps({ subject: { type: 'account', account }, deals: [], contacts: [], activities: [task], suggestionStates: [] }, T0), 'overdueTask');
    expect(() => taskFromSuggestion(overdue, { accountId: account.id, locale: 'en' }, context)).toThrow(/existing task/);
  });
});

describe('noteFromSuggestion', () => {
  it('prefills the handoff note with the ten items and what is already known', () => {
    const { account, deal, list } = suggestionsFor('onboarding');
    const draft = noteFromSuggestion(byRule(list, 'handoff'), { accountId: account.id, locale: 'en' });
    expect(draft).toMatchObject({ type: 'note', accountId: account.id, dealId: deal.id, suggestionKey: `handoff:${deal.id}` });
    expect(draft.body).toContain('Handoff for Acme Retail (Store rollout)');
    expect(draft.body).toContain('3. Core needs: Multi-store stock');
    expect(draft.body).toContain('1. Decision chain: (to fill in)');
    expect(draft.body).toContain('2. Contract value and budget: (to fill in)');
    expect(draft.body.split('\n').filter((line) => /^\d+\. /.test(line))).toHaveLength(10);
  });

  it('writes the Chinese template in Chinese', () => {
    const { account, list } = suggestionsFor('onboarding');
    const draft = noteFromSuggestion(byRule(list, 'handoff'), { accountId: account.id, locale: 'zh-CN' });
    expect(draft.body).toContain('1. 客户决策链：（待补充）');
  });

  it('logs a playbook step as its own activity type', () => {
    const { account, list } = suggestionsFor('proposal');
    const demo = list.find((suggestion) => suggestion.key.endsWith(':scenarioDemo'))!;
    const draft = noteFromSuggestion(demo, { accountId: account.id, locale: 'en' });
    expect(draft.type).toBe('meeting');
    expect(draft.subject).toBe('Demo against their scenario');
    expect(draft.body).toMatch(/^Attendees/);
  });
});

describe('completeTaskWrite', () => {
  it('marks an existing task done, refusing to create one', () => {
    expect(completeTaskWrite(testId(7), T0)).toEqual({ entity: 'activity', recordId: testId(7), patch: { completedAt: T0 }, mustExist: true });
  });
});
