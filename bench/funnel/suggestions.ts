/**
 * Suggestions for an account with 1,000 activities: p95 target ≤ 5 ms.
 * Run: npx tsx bench/funnel/suggestions.ts
 */
import { explainSuggestion } from '../../lib/funnel/explain';
import { findSuccessCases } from '../../lib/funnel/success-cases';
import { defaultPlaybook } from '../../lib/funnel/playbook';
import { suggestNextSteps, type SuggestionInput } from '../../lib/funnel/suggest';
import { DAY_MS, HOUR_MS } from '../../lib/funnel/time';
import { T0, makeAccount, makeActivity, makeContact, makeDeal, makeStageChange, makeSuggestionState, unconfirmedFact } from '../../lib/funnel/testing';
import type { Activity, ActivityType } from '../../lib/schemas';
import { measure, report } from './harness';

const TOUCH_TYPES: ActivityType[] = ['note', 'call', 'email', 'meeting', 'visit', 'message'];

/** A two-year customer in adoption: a thousand activities, the kind of account that raises most rules. */
function busyAccount(activityCount: number): SuggestionInput {
  const account = makeAccount({
    stage: 'adoption',
    createdAt: T0 - 730 * DAY_MS,
    renewalDate: '2025-07-30',
    health: { usage: 55, meetings: 60, issues: 70, nps: 40, measuredOn: '2025-05-01' },
    facts: { valueMetrics: unconfirmedFact('about 12%'), sizeTier: null },
  });
  const deals = [
    makeDeal(account, { stage: 'won', closedAt: T0 - 20 * DAY_MS, amount: 400_000 }),
    makeDeal(account, { stage: 'won', closedAt: T0 - 400 * DAY_MS, amount: 300_000 }),
    makeDeal(account, { stage: 'negotiation', expectedCloseDate: '2025-05-25', amount: 120_000 }),
    ...Array.from({ length: 7 }, () => makeDeal(account, { stage: 'lost', closedAt: T0 - 300 * DAY_MS })),
  ];
  const contacts = Array.from({ length: 30 }, (_, i) => makeContact(account, { role: i === 0 ? 'decision_maker' : i < 4 ? 'champion' : 'user' }));
  const activities: Activity[] = [];
  for (let i = 0; i < activityCount; i++) {
    const occurredAt = T0 - 35 * DAY_MS - Math.floor((i / activityCount) * 700 * DAY_MS);
    const type = TOUCH_TYPES[i % TOUCH_TYPES.length]!;
    if (i % 20 === 0) {
      activities.push(makeActivity(account, { type: 'task', occurredAt, dueAt: occurredAt + 3 * DAY_MS, completedAt: i % 40 === 0 ? null : occurredAt + DAY_MS, subject: `Task ${i}` }));
    } else if (i % 50 === 1) {
      activities.push(makeStageChange(account, { type: 'deal', id: deals[i % deals.length]!.id }, 'qualified', 'proposal', occurredAt));
    } else {
      activities.push(
        makeActivity(account, {
          type,
          occurredAt,
          dealId: i % 3 === 0 ? deals[i % deals.length]!.id : null,
          body: `Note ${i}: talked about rollout in region ${i % 7}.`,
          nextStep: i % 11 === 0 ? 'Send the summary' : null,
          followUpAt: i % 11 === 0 ? occurredAt + 2 * DAY_MS : null,
          suggestionKey: i % 97 === 0 ? `step:${account.id}:adoption:checkIn:2024-0${(i % 9) + 1}-01` : null,
        }),
      );
    }
  }
  activities.push(makeStageChange(account, { type: 'account', id: account.id }, 'onboarding', 'adoption', T0 - 300 * DAY_MS));
  const suggestionStates = Array.from({ length: 20 }, (_, i) => makeSuggestionState({ subjectType: 'account', subjectId: account.id, suggestionKey: `stale:${i}` }));
  return { subject: { type: 'account', account }, deals, contacts, activities, suggestionStates, playbook: defaultPlaybook(), timeZone: 'Asia/Shanghai' };
}

const input = busyAccount(1000);
const now = T0 + 3 * HOUR_MS;
const sample = suggestNextSteps(input, now);
console.log(`${input.activities.length} activities → ${sample.length} suggestions: ${[...new Set(sample.map((s) => s.rule))].join(', ')}`);

const dealInput: SuggestionInput = { ...input, subject: { type: 'deal', deal: input.deals[2]!, account: input.subject.account } };
const pool = { accounts: [input.subject.account], deals: input.deals, activities: input.activities };

report([
  measure('suggestions: account with 1,000 activities', () => suggestNextSteps(input, now), {
    runs: 500,
    warmup: 50,
    targetP95Ms: 5,
    notes: 'suggestNextSteps over an adoption account: 1,000 activities, 10 deals, 30 contacts, 20 suggestion states, default playbook',
  }),
  measure('suggestions: deal view on that account', () => suggestNextSteps(dealInput, now), {
    runs: 500,
    warmup: 50,
    targetP95Ms: 5,
    notes: 'suggestNextSteps for an open deal of the same account',
  }),
  measure('suggestions + explain (what the list renders)', () => suggestNextSteps(input, now).map((s) => explainSuggestion(s, 'zh-CN', 'Asia/Shanghai')), {
    runs: 500,
    warmup: 50,
    targetP95Ms: 5,
    notes: 'ranking plus the zh-CN title and reason of every suggestion',
  }),
  measure('success cases from that account’s records', () => findSuccessCases({ account: { ...input.subject.account, id: 'other' }, stage: 'proposal', pool }, now), {
    runs: 500,
    warmup: 50,
    targetP95Ms: 5,
    notes: 'findSuccessCases over 10 deals and 1,000 activities',
  }),
]);
