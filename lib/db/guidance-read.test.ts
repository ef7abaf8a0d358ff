import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createRandom } from '../../bench/browser/generate';
import { createTestDb } from '../../test/support/db';
import { checkStageFacts } from '../funnel/facts';
import { computeSuggestions, type SuggestionInput } from '../funnel/suggest';
import { makeAccount, makeActivity, makeContact, makeDeal, makeStageChange, testId } from '../funnel/testing';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import type { Account, Activity, ActivityType, Deal, Stage } from '../schemas';
import { STAGES } from '../schemas/enums';
import type { SidenoteDb } from './database';
import { toRow } from './derived';
import { loadSuggestionInput, stageChangesOf } from './funnel-queries';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
const LOGGED: ActivityType[] = ['note', 'call', 'email', 'meeting', 'visit', 'message', 'task'];
const STEP_KEYS = ['discoveryCall', 'scenarioDemo', 'closePlan', 'introduceCsm', 'adminTraining', 'needsResurvey', 'checkIn'];
const BODIES = ['Called about pricing.', 'Scenario demo with the COO went well.', '演示效果不错', 'Sent the proposal.', 'Left a voicemail.', 'Budget confirmed for Q3.'];

/**
 * A long history the way years of work leave it: every kind of activity, tasks open and
 * done, promises kept and not, activities made from suggestions, stage moves of the account
 * and its deals, deleted rows, and several activities at the same instant.
 */
function longHistory(seed: number, size: number, options: { demos: boolean }) {
  const r = createRandom(seed);
  const stage = r.pick(STAGES.filter((s) => s !== 'won')) as Stage;
  const account: Account = makeAccount({ stage, createdAt: NOW - 800 * DAY_MS, renewalDate: r.chance(0.5) ? '2026-05-01' : null, sizeTier: r.pick(['growth', 'smb', 'strategic', null] as const) });
  const deals: Deal[] = Array.from({ length: r.int(1, 4) }, () => {
    const dealStage = r.pick(['qualified', 'proposal', 'negotiation', 'won', 'lost'] as const);
    const createdAt = NOW - r.int(10, 700) * DAY_MS;
    return makeDeal(account, { stage: dealStage, createdAt, closedAt: dealStage === 'won' || dealStage === 'lost' ? createdAt + r.int(1, 60) * DAY_MS : null });
  });
  const contacts = [makeContact(account, { role: 'decision_maker' }), makeContact(account, { role: null })];
  const activities: Activity[] = [];
  let at = NOW - 790 * DAY_MS;
  for (let i = 0; i < size; i++) {
    // Some activities share an instant (an import, a batch of captured mail).
    if (!r.chance(0.1)) at += r.int(1, Math.max(2, Math.floor((780 * DAY_MS) / size)));
    if (at > NOW + 20 * DAY_MS) at = NOW - r.int(0, 5) * HOUR_MS;
    const deal = r.chance(0.4) ? r.pick(deals) : null;
    if (r.chance(0.06)) {
      const subject = deal ? { type: 'deal' as const, id: deal.id } : { type: 'account' as const, id: account.id };
      activities.push(makeStageChange(account, subject, r.pick(STAGES), r.pick(STAGES), at, { id: testId() }));
      continue;
    }
    const type = r.pick(LOGGED);
    let body = r.pick(BODIES);
    if (!options.demos) body = body.replace(/demo/gi, 'call').replace('演示', '沟通');
    const keyed = r.chance(0.08)
      ? r.pick([
          `step:${account.id}:${stage}:${r.pick(STEP_KEYS)}`,
          `fact:${account.id}:${r.pick(['scenarioDemo', 'budget', 'decisionMaker'])}`,
          `handoff:${r.pick(deals).id}`,
          `verify:${r.pick(deals).id}`,
        ])
      : null;
    activities.push(
      makeActivity(account, {
        id: testId(),
        type,
        occurredAt: at,
        dealId: deal?.id ?? null,
        body,
        subject: r.chance(0.2) ? (options.demos ? 'Re: scenario demo' : 'Re: pricing') : null,
        suggestionKey: keyed,
        dueAt: type === 'task' ? at + r.int(-3, 20) * DAY_MS : null,
        completedAt: type === 'task' && r.chance(0.6) ? at + DAY_MS : null,
        nextStep: type !== 'task' && r.chance(0.2) ? 'Send pricing' : null,
        followUpAt: type !== 'task' && r.chance(0.15) ? at + r.int(-1, 60) * DAY_MS : null,
        deletedAt: r.chance(0.03) ? at + HOUR_MS : null,
      }),
    );
  }
  return { account, deals, contacts, activities };
}

async function store(history: ReturnType<typeof longHistory>) {
  await db.accounts.bulkPut([toRow('account', history.account as never) as never]);
  await db.deals.bulkPut(history.deals.map((deal) => toRow('deal', deal as never) as never));
  await db.contacts.bulkPut(history.contacts.map((contact) => toRow('contact', contact as never) as never));
  await db.activities.bulkPut(history.activities.map((activity) => toRow('activity', activity as never) as never));
}

/** The input as the card read it before: every one of the account's activities. */
async function wholeHistoryInput(bounded: SuggestionInput, accountId: string): Promise<SuggestionInput> {
  const activities = await db.activities.where('[accountId+occurredAt]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey], true, true).toArray();
  return { ...bounded, activities };
}

describe('the card\'s guidance read', () => {
  it.each([
    [1, 400, true],
    [2, 600, true],
    [3, 500, false],
    [4, 1000, true],
    [5, 300, false],
    [6, 800, true],
    [7, 700, true],
    [8, 450, false],
  ])('gives the same suggestions, handoffs, facts and stage path as the whole history (seed %i, %i activities, demos logged: %s)', async (seed, size, demos) => {
    db = createTestDb();
    const history = longHistory(seed, size, { demos });
    // Another account's history must not leak in.
    await store(longHistory(seed + 100, 200, { demos: true }));
    await store(history);
    const subject = { type: 'account' as const, id: history.account.id };
    const bounded = (await loadSuggestionInput(db, subject))!;
    const whole = await wholeHistoryInput(bounded, history.account.id);
    // Without a logged demo the fact is looked for down to the first activity.
    if (demos) expect(bounded.activities.length).toBeLessThan(whole.activities.length);
    else expect(bounded.activities.length).toBe(whole.activities.length);
    for (const now of [NOW, NOW + 3 * DAY_MS, NOW + 45 * DAY_MS]) {
      expect(computeSuggestions({ ...bounded, timeZone: 'Asia/Shanghai' }, now)).toEqual(computeSuggestions({ ...whole, timeZone: 'Asia/Shanghai' }, now));
    }
    const stage = bounded.playbook!.stages[history.account.stage];
    const factsOf = (input: SuggestionInput) => checkStageFacts(stage, { account: history.account, deal: null, deals: input.deals, contacts: input.contacts, activities: input.activities });
    expect(factsOf(bounded)).toEqual(factsOf(whole));
    expect(stageChangesOf(bounded.activities, subject)).toEqual(stageChangesOf(whole.activities, subject));
  });

  it('stops reading once the card that asked is closed', async () => {
    db = createTestDb();
    const history = longHistory(9, 300, { demos: true });
    await store(history);
    const closed = new AbortController();
    closed.abort();
    await expect(loadSuggestionInput(db, { type: 'account', id: history.account.id }, undefined, closed.signal)).rejects.toThrow();
    expect(await loadSuggestionInput(db, { type: 'account', id: history.account.id }, undefined, new AbortController().signal)).not.toBeNull();
  });

  it('reads only the recent history and what the rules keep of the rest when a demo was logged lately', async () => {
    db = createTestDb();
    const account = makeAccount({ stage: 'proposal' });
    const old = Array.from({ length: 500 }, (_, i) => makeActivity(account, { id: testId(), type: 'note', occurredAt: NOW - (600 - i) * DAY_MS, body: 'Old note' }));
    const task = makeActivity(account, { id: testId(), type: 'task', occurredAt: NOW - 400 * DAY_MS, dueAt: NOW - 390 * DAY_MS, body: 'Send the contract' });
    const demo = makeActivity(account, { id: testId(), type: 'meeting', occurredAt: NOW - DAY_MS, body: 'Scenario demo' });
    await store({ account, deals: [], contacts: [], activities: [...old, task, demo] });
    const input = (await loadSuggestionInput(db, { type: 'account', id: account.id }))!;
    expect(input.activities.length).toBeLessThan(60);
    expect(input.activities.map((activity) => activity.id)).toContain(task.id);
    expect(computeSuggestions(input, NOW).visible.some((suggestion) => suggestion.rule === 'overdueTask')).toBe(true);
  });
});
