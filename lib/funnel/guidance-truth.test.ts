import { describe, expect, it } from 'vitest';
import type { Account, Activity, Contact, Deal, Locale } from '../schemas';
import { noteFromSuggestion, taskFromSuggestion } from './actions';
import { explainHandoffStatus, explainStageMoveWarning, explainSuggestion } from './explain';
import { healthTrendOf, recordHealthMeasurement } from './health';
import { stageMoveWarnings } from './stage-change';
import { computeStageMedians } from './stage-medians';
import { stagePathOf } from './success-cases';
import { computeSuggestions, suggestNextSteps, type SuggestionInput } from './suggest';
import type { Suggestion, SuggestionRule } from './suggestion-types';
import { DAY_MS, HOUR_MS } from './time';
import { T0, daysAgo, knownFact, makeAccount, makeActivity, makeContact, makeDeal, makeStageChange, makeSuggestionState, testId } from './testing';

/**
 * Guidance a rep can trust (issue 10): every row is a situation a rep or a CSM meets in the
 * first week, with the clock frozen at T0 (2025-06-02 09:00 UTC) and the reason checked in
 * both languages with the same numbers.
 */

interface Records {
  deals?: Deal[];
  contacts?: Contact[];
  activities?: Activity[];
  states?: SuggestionInput['suggestionStates'];
}

function suggestionsFor(subject: SuggestionInput['subject'], records: Records = {}, now = T0): Suggestion[] {
  return suggestNextSteps(
    {
      subject,
      deals: records.deals ?? (subject.type === 'deal' ? [subject.deal] : []),
      contacts: records.contacts ?? [],
      activities: records.activities ?? [],
      suggestionStates: records.states ?? [],
    },
    now,
  );
}

const computeSuggestionsFor = (input: SuggestionInput) => computeSuggestions(input, T0);

const ofRule = (list: Suggestion[], rule: SuggestionRule) => list.filter((suggestion) => suggestion.rule === rule);
const reasons = (suggestion: Suggestion) => ({ en: explainSuggestion(suggestion, 'en').reason, zh: explainSuggestion(suggestion, 'zh-CN').reason });
const factKeys = (list: Suggestion[]) =>
  list.flatMap((suggestion) => (suggestion.detail.rule === 'missingExitCriterion' || suggestion.detail.rule === 'missingKeyFact' || suggestion.detail.rule === 'unconfirmedFact' ? [suggestion.detail.factKey] : []));
const stepKeys = (list: Suggestion[]) => list.flatMap((suggestion) => (suggestion.detail.rule === 'playbookStep' ? [suggestion.detail.stepKey] : []));

describe('the handoff checklist is done when its items are', () => {
  const account = makeAccount({ name: 'Acme Retail', stage: 'onboarding', renewalDate: null });
  const deal = makeDeal(account, { name: 'Store rollout', stage: 'won', closedAt: T0 - 10 * HOUR_MS, createdAt: daysAgo(40), amount: null });
  const handoffOf = (records: Records) => ofRule(suggestionsFor({ type: 'deal', deal, account }, { deals: [deal], ...records }), 'handoff');
  const savedNote = (body: string) => makeActivity(account, { type: 'note', dealId: deal.id, occurredAt: T0 - HOUR_MS, suggestionKey: `handoff:${deal.id}`, body });

  const prefill = (locale: Locale) => noteFromSuggestion(handoffOf({})[0]!, { accountId: account.id, locale, timeZone: 'UTC' }).body;
  const fillAll = (body: string) => body.replace(/\((to fill in)\)|（待补充）/g, 'written down');

  it.each([
    ['the template saved blank (en)', () => prefill('en'), 1, 10],
    ['the template saved blank (zh-CN)', () => prefill('zh-CN'), 1, 10],
    ['three items written in the English note', () => prefill('en').replace('1. Decision chain: (to fill in)', '1. Decision chain: Wang (CEO) decides').replace('3. Core needs: (to fill in)', '3. Core needs: stock sync').replace('10. Risks, concerns and the decision maker\'s preferences: (to fill in)', '10. Risks, concerns and the decision maker\'s preferences: IT is slow'), 1, 7],
    ['two items written in the Chinese note, one on an indented line', () => prefill('zh-CN').replace('3. 核心需求：（待补充）', '3. 核心需求：\n   多门店库存同步').replace('4. 关键痛点：（待补充）', '4. 关键痛点：缺货'), 1, 8],
    ['every item written (en)', () => fillAll(prefill('en')), 0, 0],
    ['every item written (zh-CN)', () => fillAll(prefill('zh-CN')), 0, 0],
  ])('%s', (_name, body, shown, blank) => {
    const found = handoffOf({ activities: [savedNote(body())] });
    expect(found).toHaveLength(shown);
    if (shown === 0) return;
    expect(found[0]!.detail).toMatchObject({ rule: 'handoff', blankCount: blank, knownCount: 10 - blank });
    expect(reasons(found[0]!).en).toContain(`The handoff note saved on Jun 2, 2025 leaves ${blank} of 10 items blank.`);
    expect(reasons(found[0]!).zh).toContain(`2025年6月2日 保存的交接记录中仍有 ${blank}/10 项空白。`);
  });

  it('an open task made from it carries it; a completed task does not retire it', () => {
    const task = (completedAt: number | null) =>
      makeActivity(account, { type: 'task', dealId: deal.id, dueAt: T0 + DAY_MS, completedAt, suggestionKey: `handoff:${deal.id}` });
    expect(handoffOf({ activities: [task(null)] })).toHaveLength(0);
    expect(handoffOf({ activities: [task(T0 - HOUR_MS)] })).toHaveLength(1);
  });

  it('contacts with roles fill the decision chain with names and roles; the amount fills the contract value', () => {
    const contacts = [
      makeContact(account, { name: 'Li Lei', role: 'champion' }),
      makeContact(account, { name: 'Wang Fang', title: 'CEO', role: 'decision_maker' }),
      makeContact(account, { name: 'Zhao Min', role: 'contact_person' }),
    ];
    const priced = { ...deal, amount: 850_000 };
    const [handoff] = ofRule(suggestionsFor({ type: 'deal', deal: priced, account }, { deals: [priced], contacts }), 'handoff');
    expect(handoff!.detail).toMatchObject({ knownCount: 2, blankCount: 8 });
    const en = noteFromSuggestion(handoff!, { accountId: account.id, locale: 'en' }).body;
    const zh = noteFromSuggestion(handoff!, { accountId: account.id, locale: 'zh-CN' }).body;
    // The decision maker leads; a contact person is not part of the chain.
    expect(en).toContain('1. Decision chain: Wang Fang (CEO, Decision maker), Li Lei (Champion)');
    expect(zh).toContain('1. 客户决策链：Wang Fang（CEO，决策人），Li Lei（支持者）');
    expect(en).toContain('2. Contract value and budget: 850000 CNY');
  });

  it('a chain without its decision maker does not fill the item', () => {
    const contacts = [makeContact(account, { name: 'Li Lei', role: 'champion' }), makeContact(account, { name: 'Sun Yu', role: 'influencer' })];
    const [handoff] = ofRule(suggestionsFor({ type: 'deal', deal, account }, { deals: [deal], contacts }), 'handoff');
    expect(handoff!.detail).toMatchObject({ knownCount: 0 });
  });
});

describe('history is history: a win recorded after its window starts no countdown', () => {
  const account = makeAccount({ stage: 'onboarding', renewalDate: null });

  it.each([
    // name, deal fields, handoff expected: [key prefix, urgency] or null, verification shown
    ['won 10 hours ago in this browser', { closedAt: T0 - 10 * HOUR_MS, createdAt: daysAgo(40) }, ['handoff:', 'upcoming'], false],
    ['won 5 days ago in this browser, never handed over', { closedAt: daysAgo(5), createdAt: daysAgo(40) }, ['handoff:', 'overdue'], true],
    ['imported today, won 200 days ago (close date from the file)', { closedAt: daysAgo(200), createdAt: T0 - HOUR_MS }, ['handoffMissed:', 'info'], false],
    ['imported today, won 10 days ago', { closedAt: daysAgo(10), createdAt: T0 - HOUR_MS }, ['handoffMissed:', 'info'], true],
    ['restored without a close date: its expected close date dates the win', { closedAt: null, expectedCloseDate: '2024-11-15', createdAt: T0 - HOUR_MS, updatedAt: T0 - HOUR_MS }, ['handoffMissed:', 'info'], false],
  ] as const)('%s', (_name, fields, handoff, verification) => {
    const deal = makeDeal(account, { stage: 'won', ...fields });
    const list = suggestionsFor({ type: 'deal', deal, account }, { deals: [deal], activities: [makeActivity(account, { type: 'call', occurredAt: daysAgo(1) })] });
    const found = ofRule(list, 'handoff');
    expect(found).toHaveLength(1);
    expect(found[0]!.key.startsWith(handoff[0])).toBe(true);
    expect(found[0]!.urgency).toBe(handoff[1]);
    expect(ofRule(list, 'needsVerification')).toHaveLength(verification ? 1 : 0);
  });

  it('says a long-closed window was missed, once: dismissed, it stays gone', () => {
    const deal = makeDeal(account, { stage: 'won', closedAt: Date.UTC(2024, 10, 15, 12), createdAt: T0 - HOUR_MS });
    const [missed] = ofRule(suggestionsFor({ type: 'deal', deal, account }, { deals: [deal] }), 'handoff');
    expect(reasons(missed!)).toEqual({
      en: 'Won on Nov 15, 2024, recorded here after its 72-hour handoff window had closed: missed. 0 of 10 handoff items known; write them down for customer success.',
      zh: '2024年11月15日 赢单，录入时 72 小时交接期限早已过去：已错过。交接信息已掌握 0/10 项；请补齐后交给客户成功。',
    });
    const dismissed = makeSuggestionState({ subjectType: 'deal', subjectId: deal.id, suggestionKey: missed!.key });
    expect(ofRule(suggestionsFor({ type: 'deal', deal, account }, { deals: [deal], states: [dismissed] }), 'handoff')).toHaveLength(0);
  });

  it('a new account shows the date it entered its stage, not "date not recorded"', () => {
    const created = Date.UTC(2025, 4, 20, 8);
    expect(stagePathOf([], testId(900), created, 'lead')).toEqual([{ stage: 'lead', enteredAt: created, leftAt: null, by: null }]);
    // Success cases read paths without a current stage: no invented step.
    expect(stagePathOf([], testId(900), created)).toEqual([]);
  });
});

describe('a step and the exit criterion it serves are one thing; records count', () => {
  const account = makeAccount({ stage: 'proposal', createdAt: daysAgo(30) });
  const deal = makeDeal(account, { stage: 'proposal', createdAt: daysAgo(20) });
  const entered = makeStageChange(account, { type: 'deal', id: deal.id }, 'qualified', 'proposal', daysAgo(8));
  const demoStep = `step:${deal.id}:proposal:scenarioDemo`;

  it.each([
    ['nothing logged', [], true],
    ['the demo meeting logged from "Demo against their scenario"', [makeActivity(account, { type: 'meeting', dealId: deal.id, suggestionKey: demoStep, body: 'Attendees:' })], false],
    ['a meeting tagged as a demo, logged by hand', [makeActivity(account, { type: 'meeting', dealId: deal.id, subject: 'Product demo for the ops team' })], false],
    ['a 演示 meeting in Chinese', [makeActivity(account, { type: 'meeting', subject: '给运营团队做场景演示' })], false],
    ['a note that mentions a demo is not a demo held', [makeActivity(account, { type: 'note', subject: 'Plan the demo' })], true],
    ["another deal's demo", [makeActivity(account, { type: 'meeting', dealId: testId(990), subject: 'Demo' })], true],
  ] as const)('%s', (_name, logged, open) => {
    const list = suggestionsFor({ type: 'deal', deal, account }, { activities: [entered, ...logged] });
    expect(factKeys(list).includes('demoDone')).toBe(open);
    expect(stepKeys(list).includes('scenarioDemo')).toBe(open);
  });

  it('logging the needs verification satisfies "Core needs verified"', () => {
    const customer = makeAccount({ stage: 'onboarding', renewalDate: null, createdAt: daysAgo(60) });
    const won = makeDeal(customer, { stage: 'won', closedAt: daysAgo(20), createdAt: daysAgo(50) });
    const before = suggestionsFor({ type: 'account', account: customer }, { deals: [won] });
    expect(ofRule(before, 'needsVerification')).toHaveLength(1);
    expect(factKeys(before)).toContain('needsVerified');
    const logged = makeActivity(customer, { type: 'meeting', dealId: won.id, suggestionKey: `verify:${won.id}`, body: 'All three needs landed.' });
    const after = suggestionsFor({ type: 'account', account: customer }, { deals: [won], activities: [logged] });
    expect(ofRule(after, 'needsVerification')).toHaveLength(0);
    expect(factKeys(after)).not.toContain('needsVerified');
  });

  it.each([
    ['no contacts', [], true],
    ['three contacts, none the decision maker', [['A', 'influencer'], ['B', 'champion'], ['C', 'user']], true],
    ['a decision maker and a champion', [['A', 'decision_maker'], ['B', 'champion']], false],
    ['a decision maker alone (the chain needs two)', [['A', 'decision_maker']], true],
  ] as const)('qualified, decision chain mapped with %s: %s', (_name, people, open) => {
    const qualified = makeAccount({ stage: 'qualified' });
    const contacts = people.map(([name, role]) => makeContact(qualified, { name, role }));
    const list = suggestionsFor({ type: 'account', account: qualified }, { contacts });
    expect(factKeys(list).includes('decisionChain')).toBe(open);
  });
});

describe('"find out" retires when the fact is known, not when a note was saved', () => {
  const account = makeAccount({ stage: 'lead', createdAt: daysAgo(3) });
  const key = `fact:${account.id}:scenarioFit`;

  it('a note saved blank leaves it up, and says so', () => {
    const note = makeActivity(account, { type: 'note', occurredAt: daysAgo(1), suggestionKey: key, body: 'Fits a business scenario we serve: ' });
    const [found] = suggestionsFor({ type: 'account', account }, { activities: [note] }).filter((suggestion) => suggestion.key === key);
    expect(found!.rule).toBe('missingExitCriterion');
    expect(reasons(found!)).toEqual({
      en: 'Exit criterion for Lead: 0 of 4 known. A note was saved for it on Jun 1, 2025, but it does not say this yet.',
      zh: '线索阶段的推进条件：已满足 0/4 项。 2025年6月1日 已为此保存过记录，但记录中还没有写明这一项。',
    });
  });

  it('a note that wrote it down makes it "confirm", with what was written', () => {
    const note = makeActivity(account, { type: 'note', occurredAt: daysAgo(1), suggestionKey: key, body: '符合业务场景：门店补货' });
    const [found] = suggestionsFor({ type: 'account', account }, { activities: [note] }).filter((suggestion) => suggestion.key === key);
    expect(found!.rule).toBe('unconfirmedFact');
    expect(reasons(found!)).toEqual({ en: 'Noted as “门店补货” but not confirmed.', zh: '已记录为“门店补货”，但尚未确认。' });
  });

  it('confirmed in the facts, it is gone', () => {
    const known = { ...account, facts: { scenarioFit: knownFact('Store replenishment') } };
    expect(suggestionsFor({ type: 'account', account: known }).some((suggestion) => suggestion.key === key)).toBe(false);
  });
});

describe('any touch with the customer does the relationship check-in', () => {
  const customer = makeAccount({ stage: 'adoption', sizeTier: 'smb', createdAt: daysAgo(400), health: { usage: 90, meetings: 90, issues: 90, nps: 90, measuredOn: '2025-05-30' } });
  const entered = makeStageChange(customer, { type: 'account', id: customer.id }, 'onboarding', 'adoption', daysAgo(40));
  it.each([
    ['nothing logged', null, true],
    ['an internal note', 'note', true],
    ['a call logged by hand', 'call', false],
    ['a WeChat message', 'message', false],
    ['a visit', 'visit', false],
    ['an email', 'email', false],
    ['a meeting', 'meeting', false],
  ] as const)('%s, 5 days ago', (_name, type, due) => {
    const activities = type ? [entered, makeActivity(customer, { type, occurredAt: daysAgo(5), channel: type === 'message' ? 'wechat' : null })] : [entered];
    expect(stepKeys(suggestionsFor({ type: 'account', account: customer }, { activities })).includes('checkIn')).toBe(due);
  });
});

describe('words match the clock', () => {
  const account = makeAccount({ stage: 'proposal', createdAt: daysAgo(5) });
  it.each([
    // promised follow-up date → urgency, en, zh
    ['promised for 08:00 today', T0 - HOUR_MS, 'due', 'due today', '今天到期'],
    ['promised for yesterday 10:00', T0 - 23 * HOUR_MS, 'overdue', '1 day overdue', '已逾期 1 天'],
    ['promised three days ago', daysAgo(3), 'overdue', '3 days overdue', '已逾期 3 天'],
  ] as const)('a follow-up %s', (_name, followUpAt, urgency, en, zh) => {
    const promise = makeActivity(account, { type: 'call', occurredAt: daysAgo(4), followUpAt, nextStep: 'Send the quote' });
    const [found] = ofRule(suggestionsFor({ type: 'account', account }, { activities: [promise] }), 'overdueFollowUp');
    expect(found!.urgency).toBe(urgency);
    expect(reasons(found!).en).toContain(en);
    expect(reasons(found!).zh).toContain(zh);
  });

  it.each([
    ['due at 20:00 today', 'due', T0 + 11 * HOUR_MS],
    ['due at 08:00 tomorrow, within 24 hours', 'upcoming', T0 + 23 * HOUR_MS],
  ] as const)('a task %s is %s', (_name, urgency, dueAt) => {
    const task = makeActivity(account, { type: 'task', occurredAt: daysAgo(1), dueAt, subject: 'Call back' });
    expect(ofRule(suggestionsFor({ type: 'account', account }, { activities: [task] }), 'taskDueSoon')[0]!.urgency).toBe(urgency);
  });

  it('no note or task text carries an unfilled {placeholder}', () => {
    const scenarios: Array<[Account, Records]> = [];
    for (const stage of ['lead', 'qualified', 'proposal', 'negotiation', 'onboarding', 'adoption', 'renewal', 'lost', 'churned'] as const) {
      const subject = makeAccount({ stage, createdAt: daysAgo(400), renewalDate: stage === 'renewal' || stage === 'adoption' ? '2025-07-01' : null, health: stage === 'adoption' ? { usage: 20, meetings: 40, issues: 50, nps: 30, measuredOn: '2025-05-30' } : null });
      const won = makeDeal(subject, { stage: 'won', closedAt: T0 - 10 * HOUR_MS, name: 'Won deal' });
      scenarios.push([subject, { deals: stage === 'onboarding' ? [won] : [] }]);
    }
    let checked = 0;
    for (const [subject, records] of scenarios) {
      for (const suggestion of suggestionsFor({ type: 'account', account: subject }, records, T0 + 200 * DAY_MS)) {
        for (const locale of ['en', 'zh-CN'] as const) {
          const note = noteFromSuggestion(suggestion, { accountId: subject.id, locale });
          expect(`${note.subject}\n${note.body}`).not.toMatch(/\{[a-zA-Z]/);
          if (suggestion.action.taskId === null) {
            const task = taskFromSuggestion(suggestion, { accountId: subject.id, locale }, { now: T0, newId: () => testId(5000) });
            expect(`${String(task.patch.subject)}\n${String(task.patch.body)}`).not.toMatch(/\{[a-zA-Z]/);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('health 59.99 is at risk, and reads 59.9, not 60', () => {
    const customer = makeAccount({ stage: 'adoption', createdAt: daysAgo(400), health: { usage: 59.99, meetings: 59.99, issues: 59.99, nps: 59.99, measuredOn: '2025-05-30' } });
    const [risk] = ofRule(suggestionsFor({ type: 'account', account: customer }, { activities: [makeActivity(customer, { type: 'call', occurredAt: daysAgo(1) })] }), 'healthAtRisk');
    expect(reasons(risk!)).toEqual({
      en: 'Health score 59.9 — at risk (below 60). Weakest input: feature usage.',
      zh: '健康度 59.9，属于风险客户（低于 60 分）。最弱指标：功能使用率。',
    });
  });
});

describe('stageMoveWarnings: leaving qualified without a decision maker', () => {
  const account = makeAccount({ stage: 'qualified' });
  const deal = makeDeal(account, { stage: 'qualified' });
  it.each([
    ['to proposal, no decision maker', 'proposal', [], 1],
    ['to won, only a champion', 'won', [['B', 'champion']], 1],
    ['to proposal, with the decision maker', 'proposal', [['A', 'decision_maker']], 0],
    ['to lost', 'lost', [], 0],
    ['back to lead', 'lead', [], 0],
  ] as const)('%s', (_name, to, people, count) => {
    const contacts = people.map(([name, role]) => makeContact(account, { name, role }));
    expect(stageMoveWarnings({ type: 'deal', deal, account }, to, contacts)).toHaveLength(count);
  });

  it('says why, in both languages', () => {
    const [warning] = stageMoveWarnings({ type: 'deal', deal, account }, 'proposal', []);
    expect(explainStageMoveWarning(warning!, 'en')).toBe(
      'Moved on from Qualified with no decision maker among the contacts, so “Decision chain mapped” is not met. Add the decision maker as a contact with that role.',
    );
    expect(explainStageMoveWarning(warning!, 'zh-CN')).toBe('离开商机确认阶段时联系人中没有决策人，“决策链已理清”未满足。请把决策人加为联系人并标明角色。');
  });

  it('a decision maker the rep confirmed by hand counts', () => {
    const confirmed = { ...deal, facts: { decisionChain: knownFact('Wang (CEO) decides') } };
    expect(stageMoveWarnings({ type: 'deal', deal: confirmed, account }, 'proposal', [])).toHaveLength(0);
  });
});

describe('the handoff is a hand-over', () => {
  const reps = [
    { id: 'rep-li', name: 'Li Wei' },
    { id: 'rep-wang', name: 'Wang Fang' },
  ];
  const account = makeAccount({ name: 'Acme Retail', stage: 'onboarding', renewalDate: null, csmId: 'rep-wang' });
  const facts = Object.fromEntries(
    ['decisionChain', 'coreNeeds', 'keyPains', 'competitorComparison', 'successCriteria', 'commitments', 'goLiveTimeline', 'keyUsers', 'risks'].map((key) => [key, knownFact(`${key} noted`)]),
  );
  const deal = makeDeal(account, { name: 'Store rollout', stage: 'won', amount: 500_000, closedAt: daysAgo(5), createdAt: daysAgo(40), facts });
  const won = makeStageChange(account, { type: 'deal', id: deal.id }, 'negotiation', 'won', daysAgo(5), { authorId: 'rep-li' });
  const computeFor = (viewerId: string | null, subject: Account = account, withDeal: Deal = deal) =>
    computeSuggestionsFor({ subject: { type: 'account', account: subject }, deals: [withDeal], contacts: [], activities: [won], suggestionStates: [], reps, viewerId });

  it.each([
    ['the CSM', 'rep-wang', 'Handed to you by Li Wei, 10 of 10 items', 'Li Wei 已交接给你，交接信息 10/10 项'],
    ['the rep who won it', 'rep-li', 'Handed to Wang Fang by you, 10 of 10 items', '你已交接给 Wang Fang，交接信息 10/10 项'],
    ['a manager', 'rep-boss', 'Handed to Wang Fang by Li Wei, 10 of 10 items', 'Li Wei 已交接给 Wang Fang，交接信息 10/10 项'],
  ] as const)('%s sees who handed it to whom, and how much of it', (_name, viewer, en, zh) => {
    const [status] = computeFor(viewer).handoffs;
    expect(status).toMatchObject({ csmName: 'Wang Fang', handedByName: 'Li Wei', knownCount: 10 });
    expect(explainHandoffStatus(status!, 'en')).toBe(en);
    expect(explainHandoffStatus(status!, 'zh-CN')).toBe(zh);
  });

  it('the 30-day verification is the CSM\'s, and says so', () => {
    const [forCsm] = ofRule(computeFor('rep-wang').visible, 'needsVerification');
    const [forRep] = ofRule(computeFor('rep-li').visible, 'needsVerification');
    expect(reasons(forCsm!).en).toBe('Yours: the account was handed to you. Won 5 days ago; customer success verifies the needs landed within 30 days — 25 days left.');
    expect(reasons(forCsm!).zh).toBe('由你负责：该客户已交接给你。 赢单已 5 天；客户成功需在 30 天内完成需求落地验证，还剩 25 天。');
    expect(reasons(forRep!).en).toMatch(/^Wang Fang's, who took the handoff\. Won 5 days ago/);
  });

  it('an overdue handoff is up for the CSM and the owner alike, addressed to the CSM', () => {
    const thin = { ...deal, facts: {} };
    for (const viewer of ['rep-wang', 'rep-li']) {
      const [handoff] = ofRule(computeFor(viewer, account, thin).visible, 'handoff');
      expect(handoff!.urgency).toBe('overdue');
      expect(noteFromSuggestion(handoff!, { accountId: account.id, locale: 'en' }).body).toContain('To: Wang Fang');
      expect(noteFromSuggestion(handoff!, { accountId: account.id, locale: 'zh-CN' }).body).toContain('接收人：Wang Fang');
    }
  });

  it('without a CSM yet, the checklist still works and the note leaves the addressee to fill', () => {
    const [handoff] = ofRule(computeFor('rep-li', { ...account, csmId: null }, { ...deal, facts: {} }).visible, 'handoff');
    expect(noteFromSuggestion(handoff!, { accountId: account.id, locale: 'en' }).body).toContain('To: (to fill in)');
    expect(explainHandoffStatus(computeFor('rep-li', { ...account, csmId: null }).handoffs[0]!, 'en')).toBe('Not handed to anyone yet, 10 of 10 items');
  });
});

describe('segmentation follows the money (tier bands from the playbook)', () => {
  const wonWorth = (account: Account, amount: number, closedAgoDays: number, currency = 'CNY') =>
    makeDeal(account, { stage: 'won', amount, currency, closedAt: daysAgo(closedAgoDays), createdAt: daysAgo(closedAgoDays + 30) });
  it.each([
    // tier, won amounts (days ago) → suggested tier or null
    ['growth', [[1_200_000, 100]], 'strategic'],
    ['growth', [[600_000, 100], [399_999, 20]], null],
    ['growth', [[600_000, 100], [400_000, 20]], 'strategic'],
    ['strategic', [[999_999, 100]], 'growth'],
    ['growth', [[99_999, 100]], 'smb'],
    ['smb', [[100_000, 100]], 'growth'],
    // a win over a year ago no longer counts
    ['smb', [[2_000_000, 400], [50_000, 30]], null],
    [null, [[150_000, 30]], 'growth'],
  ] as const)('%s with wins %j → %s', (tier, wins, suggested) => {
    const account = makeAccount({ stage: 'adoption', sizeTier: tier, createdAt: daysAgo(500), renewalDate: null });
    const deals = wins.map(([amount, ago]) => wonWorth(account, amount, ago));
    const found = ofRule(suggestionsFor({ type: 'account', account }, { deals, activities: [makeActivity(account, { type: 'call', occurredAt: daysAgo(1) })] }), 'tierChange');
    expect(found.map((suggestion) => (suggestion.detail.rule === 'tierChange' ? suggestion.detail.suggestedTier : null))).toEqual(suggested ? [suggested] : []);
  });

  it('says the numbers in both languages', () => {
    const account = makeAccount({ stage: 'adoption', sizeTier: 'growth', createdAt: daysAgo(500), renewalDate: null });
    const [found] = ofRule(suggestionsFor({ type: 'account', account }, { deals: [wonWorth(account, 1_200_000, 100)] }), 'tierChange');
    expect(explainSuggestion(found!, 'en')).toMatchObject({
      title: 'Move the account to the strategic tier',
      reason: 'Won deals in the last 12 months come to CN¥1,200,000 (1 deal): the strategic band, CN¥1,000,000 or more; the account is marked growth.',
    });
    expect(explainSuggestion(found!, 'zh-CN')).toMatchObject({
      title: '将客户调整为战略客户',
      reason: '近 12 个月赢单合计 ¥1,200,000（1 个）：属于战略客户区间（¥1,000,000 及以上）；当前标记为成长客户。',
    });
  });

  it('SMB takes the lighter path: no scenario-solution document to write or get accepted', () => {
    const smb = makeAccount({ stage: 'proposal', sizeTier: 'smb', createdAt: daysAgo(10) });
    const growth = makeAccount({ stage: 'proposal', sizeTier: 'growth', createdAt: daysAgo(10) });
    const smbList = suggestionsFor({ type: 'account', account: smb });
    const growthList = suggestionsFor({ type: 'account', account: growth });
    expect(stepKeys(smbList)).not.toContain('scenarioSolution');
    expect(factKeys(smbList)).not.toContain('solutionAccepted');
    expect(stepKeys(growthList)).toContain('scenarioSolution');
    expect(factKeys(growthList)).toContain('solutionAccepted');
  });
});

describe('go-live within 7 days of signing, escalating after', () => {
  const account = makeAccount({ stage: 'onboarding', renewalDate: null, createdAt: daysAgo(200) });
  it.each([
    ['7 days after signing', 7, null, null],
    ['8 days after signing', 8, 1, 'Signed 8 days ago and not live yet; the target is live within 7 days.'],
    ['14 days after signing', 14, 2, 'Signed 14 days ago and not live yet; the target is live within 7 days. Escalate: agree a dated go-live plan with the customer’s sponsor.'],
    ['31 days after signing', 31, 3, 'Signed 31 days ago and not live yet; the target is live within 7 days. Escalate to your manager and the customer success lead.'],
  ] as const)('%s', (_name, ago, level, en) => {
    const deal = makeDeal(account, { stage: 'won', closedAt: daysAgo(ago), createdAt: daysAgo(ago + 20) });
    const found = ofRule(suggestionsFor({ type: 'account', account }, { deals: [deal] }), 'goLiveLate');
    if (level === null) return expect(found).toHaveLength(0);
    expect(found[0]!.detail).toMatchObject({ level, daysSinceClose: ago, targetDays: 7 });
    expect(reasons(found[0]!).en).toBe(en);
    expect(reasons(found[0]!).zh).toContain(`签约已 ${ago} 天仍未上线；目标是签约后 7 天内上线。`);
  });

  it('stops once go-live is known', () => {
    const live = { ...account, facts: { goLiveDone: knownFact('Live on 3 June') } };
    const deal = makeDeal(account, { stage: 'won', closedAt: daysAgo(20), createdAt: daysAgo(40) });
    expect(ofRule(suggestionsFor({ type: 'account', account: live }, { deals: [deal] }), 'goLiveLate')).toHaveLength(0);
  });
});

describe('customer health a CSM can act on', () => {
  it.each([
    ['usage 39 with a healthy-looking total', 39, true],
    ['usage exactly 40', 40, false],
  ] as const)('%s', (_name, usage, warned) => {
    const account = makeAccount({ stage: 'adoption', createdAt: daysAgo(400), health: { usage, meetings: 100, issues: 100, nps: 100, measuredOn: '2025-05-30' } });
    const found = ofRule(suggestionsFor({ type: 'account', account }, { activities: [makeActivity(account, { type: 'call', occurredAt: daysAgo(1) })] }), 'lowUsage');
    expect(found).toHaveLength(warned ? 1 : 0);
    if (warned) {
      expect(reasons(found[0]!)).toEqual({
        en: 'Feature usage 39 of 100 (measured May 30, 2025), under 40: customers who stop using the product are the ones who leave.',
        zh: '功能使用率 39/100（测算于 2025年5月30日），低于 40：不再使用产品的客户最容易流失。',
      });
    }
  });
});

describe('time in stage against the team median', () => {
  const account = makeAccount({ stage: 'proposal', createdAt: daysAgo(300) });
  // Five finished proposal stays of 20, 25, 25, 30 and 40 days: the median is 25.
  const history = [20, 25, 25, 30, 40].flatMap((days, index) => {
    const peer = testId(700 + index);
    return [
      makeStageChange(account, { type: 'deal', id: peer }, 'qualified', 'proposal', daysAgo(200)),
      makeStageChange(account, { type: 'deal', id: peer }, 'proposal', 'negotiation', daysAgo(200 - days)),
    ];
  });
  const medians = computeStageMedians(history);

  it('draws the median from finished stays, and none from too few', () => {
    expect(medians.proposal).toEqual({ medianDays: 25, sample: 5 });
    expect(computeStageMedians(history.slice(0, 8)).proposal).toBeUndefined();
  });

  it.each([
    ['40 days in proposal', 40, false],
    ['50 days in proposal (twice the median)', 50, false],
    ['51 days in proposal', 51, true],
    ['120 days in proposal, touched yesterday', 120, true],
  ] as const)('%s', (_name, daysIn, flagged) => {
    const deal = makeDeal(account, { name: 'Store rollout', stage: 'proposal', createdAt: daysAgo(daysIn + 10) });
    const entered = makeStageChange(account, { type: 'deal', id: deal.id }, 'qualified', 'proposal', daysAgo(daysIn));
    const found = ofRule(
      suggestNextSteps(
        { subject: { type: 'deal', deal, account }, deals: [deal], contacts: [], activities: [entered, makeActivity(account, { type: 'call', occurredAt: daysAgo(1) })], suggestionStates: [], stageMedians: medians },
        T0,
      ),
      'timeInStage',
    );
    expect(found).toHaveLength(flagged ? 1 : 0);
    if (daysIn === 120) {
      expect(reasons(found[0]!)).toEqual({
        en: "120 days in Proposal; the team's median is 25 (over 5 deals). Touches are not progress: switch to a success case from the same industry.",
        zh: '在方案阶段已 120 天；团队中位数为 25 天（基于 5 个商机）。跟进不等于推进：换用同行业的成功案例。',
      });
    }
  });
});

describe('health history and its trend', () => {
  const measured = (usage: number, measuredOn: string, rest = 80) => ({ usage, meetings: rest, issues: rest, nps: rest, measuredOn });

  it.each([
    ['no earlier measurement', measured(41, '2025-05-30'), [], null],
    ['usage fell', measured(41, '2025-05-30'), [measured(72, '2025-03-01')], { input: 'usage', from: 72, to: 41 }],
    ['usage rose', measured(72, '2025-05-30'), [measured(41, '2025-03-01')], { input: 'usage', from: 41, to: 72 }],
  ] as const)('%s', (_name, current, history, mover) => {
    const trend = healthTrendOf(current, history);
    if (mover === null) return expect(trend).toBeNull();
    expect(trend!.mover).toEqual(mover);
  });

  it('says which input moved the score, in both languages, on the at-risk play', () => {
    const customer = makeAccount({ stage: 'adoption', createdAt: daysAgo(400), health: measured(41, '2025-05-30', 60), healthHistory: [measured(72, '2025-03-01', 60)] });
    const [risk] = ofRule(suggestionsFor({ type: 'account', account: customer }, { activities: [makeActivity(customer, { type: 'call', occurredAt: daysAgo(1) })] }), 'healthAtRisk');
    expect(reasons(risk!)).toEqual({
      en: 'Health score 52.4 — at risk (below 60). Weakest input: feature usage. Since Mar 1, 2025: feature usage fell from 72 to 41; score 64.8 → 52.4.',
      zh: '健康度 52.4，属于风险客户（低于 60 分）。最弱指标：功能使用率。 自 2025年3月1日 以来：功能使用率从 72 降至 41；健康度 64.8 → 52.4。',
    });
  });

  it('a new measurement keeps the one before; re-measuring the same day corrects it', () => {
    const first = recordHealthMeasurement({ health: null }, measured(72, '2025-03-01'));
    expect(first).toEqual({ health: measured(72, '2025-03-01'), healthHistory: [] });
    const second = recordHealthMeasurement(first, measured(41, '2025-05-30'));
    expect(second.healthHistory).toEqual([measured(72, '2025-03-01')]);
    const corrected = recordHealthMeasurement(second, measured(45, '2025-05-30'));
    expect(corrected).toEqual({ health: measured(45, '2025-05-30'), healthHistory: [measured(72, '2025-03-01')] });
  });
});
