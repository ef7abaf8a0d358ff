import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import { buildToday, flattenToday } from '../today/build';
import { describeTodayItem } from '../today/describe';
import { createAccount, updateAccount } from './accounts';
import { logActivity } from './activities';
import type { SidenoteDb } from './database';
import { completeTask, createDealInStage, decideSuggestion, moveToStage } from './funnel-queries';
import { deleteRecord } from './records';
import { TODAY_PAGE_STEP, withNextPage } from '../today/left-out';
import { loadTodayInput, TODAY_FIRST_PAGE, TODAY_OVERDUE_PROMISE_LIMIT, TODAY_RENEWAL_LIMIT, TODAY_STALE_DEAL_LIMIT, TODAY_STALE_LIMIT, TODAY_TASK_LIMIT, TODAY_WIN_LIMIT, type TodayReadOptions } from './today';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const me = { repId: 'rep-1', now: FIXED_NOW - 10 * DAY_MS };
const them = { repId: 'rep-2', now: FIXED_NOW - 10 * DAY_MS };

async function today(repId: string | null = 'rep-1', now = FIXED_NOW, limits?: TodayReadOptions['limits']) {
  return buildToday(await loadTodayInput(db, now, { repId, timeZone: 'UTC', limits }), now);
}

const lines = (result: Awaited<ReturnType<typeof today>>) =>
  flattenToday(result).map((item) => `${item.group} ${item.account.name}: ${describeTodayItem(item, 'en', 'UTC').title}`);

describe('loadTodayInput (fake-indexeddb)', () => {
  it('lists the rep\'s own tasks, promises and quiet accounts, not a teammate\'s', async () => {
    db = createTestDb();
    const acme = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    const globex = await createAccount(db, { name: 'Globex', stage: 'qualified' }, them);
    // Touched yesterday, so neither account is quiet.
    for (const account of [acme, globex]) await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    await logActivity(db, { type: 'task', accountId: acme.id, body: '', subject: 'Send the quote', dueAt: FIXED_NOW - HOUR_MS, occurredAt: FIXED_NOW - 2 * DAY_MS }, me);
    await logActivity(db, { type: 'task', accountId: globex.id, body: '', subject: 'Their task', dueAt: FIXED_NOW - HOUR_MS, occurredAt: FIXED_NOW - 2 * DAY_MS }, them);
    await logActivity(
      db,
      { type: 'call', accountId: acme.id, body: 'Wants pricing', callOutcome: 'connected', nextStep: 'Send pricing', followUpAt: FIXED_NOW + 2 * DAY_MS, occurredAt: FIXED_NOW - DAY_MS + 1 },
      me,
    );

    expect(lines(await today())).toEqual(['overdue Acme: Send the quote', 'thisWeek Acme: Follow up: Send pricing']);
    expect(lines(await today('rep-2'))).toEqual(['overdue Globex: Their task']);
  });

  it('counts records written before any identity (no author, no owner) as the rep\'s own', async () => {
    db = createTestDb();
    const local = { repId: null, now: FIXED_NOW - 40 * DAY_MS };
    const account = await createAccount(db, { name: 'Solo Ltd', stage: 'adoption' }, local);
    await logActivity(db, { type: 'visit', accountId: account.id, body: 'On site', occurredAt: FIXED_NOW - 40 * DAY_MS }, local);
    await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: 'Value report', dueAt: FIXED_NOW + 30 * DAY_MS, occurredAt: FIXED_NOW - 40 * DAY_MS }, local);
    const result = await today('rep-1');
    expect(lines(result)).toEqual(['overdue Solo Ltd: Re-engage: no contact for a month', 'later Solo Ltd: Value report']);
  });

  it('drops a task once done and an item once snoozed, through the card\'s write paths', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    const { activity: task } = await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: 'Send the quote', dueAt: FIXED_NOW - HOUR_MS, occurredAt: FIXED_NOW - 2 * DAY_MS }, me);
    const { activity: later } = await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: 'Book the demo', dueAt: FIXED_NOW + 3 * DAY_MS, occurredAt: FIXED_NOW - 2 * DAY_MS }, me);
    const before = flattenToday(await today());
    expect(before.map((item) => item.taskId)).toEqual([task.id, later.id]);

    await completeTask(db, before[0]!.taskId!, { repId: 'rep-1', now: FIXED_NOW });
    await decideSuggestion(db, before[1]!, { status: 'snoozed', until: FIXED_NOW + DAY_MS }, { repId: 'rep-1', now: FIXED_NOW });
    const after = await today();
    expect(flattenToday(after)).toEqual([]);
    expect(after.hiddenCount).toBe(1);
    // The snooze ends and the task is back.
    expect(lines(await today('rep-1', FIXED_NOW + DAY_MS + 1))).toEqual(['thisWeek Acme: Book the demo']);
  });

  it('finds renewals inside 90 days, recent wins and stale deals through the owner indexes', async () => {
    db = createTestDb();
    const customer = await createAccount(db, { name: 'Renewing Co', stage: 'adoption', renewalDate: '2026-04-15' }, me);
    await updateAccount(db, customer.id, { health: { usage: 90, meetings: 90, issues: 90, nps: 90, measuredOn: '2026-02-20' } }, me);
    await logActivity(db, { type: 'call', accountId: customer.id, body: 'Fine', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    const far = await createAccount(db, { name: 'Far Renewal', stage: 'adoption', renewalDate: '2026-12-01' }, me);
    await logActivity(db, { type: 'call', accountId: far.id, body: 'Fine', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    const prospect = await createAccount(db, { name: 'Prospect', stage: 'lead' }, me);
    const deal = await createDealInStage(db, { accountId: prospect.id, name: 'Pilot', stage: 'proposal' }, { repId: 'rep-1', now: FIXED_NOW - 20 * DAY_MS });
    const winner = await createAccount(db, { name: 'Winner', stage: 'lead' }, me);
    const won = await createDealInStage(db, { accountId: winner.id, name: 'Rollout', stage: 'negotiation' }, { repId: 'rep-1', now: FIXED_NOW - 5 * DAY_MS });
    await moveToStage(db, { type: 'deal', id: won.id }, 'won', { repId: 'rep-1', now: FIXED_NOW - DAY_MS });
    await logActivity(db, { type: 'call', accountId: winner.id, body: 'Signed', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);

    const items = flattenToday(await today());
    const summary = items.map((item) => `${item.group} ${item.account.name} ${item.suggestion?.rule ?? item.kind}`);
    expect(summary).toContain('later Renewing Co renewalSurvey');
    expect(summary).toContain('thisWeek Winner handoff');
    expect(summary).toContain('overdue Prospect stale');
    expect(items.find((item) => item.subject.id === deal.id)?.suggestion?.rule).toBe('stale');
    expect(summary.some((line) => line.includes('Far Renewal'))).toBe(false);
    // Another rep sees none of it.
    expect(flattenToday(await today('rep-2'))).toEqual([]);
  });

  it('forgets a deleted task', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    const { activity } = await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: 'Send the quote', dueAt: FIXED_NOW + HOUR_MS, occurredAt: FIXED_NOW - 2 * DAY_MS }, me);
    expect(flattenToday(await today())).toHaveLength(1);
    await deleteRecord(db, 'activity', activity.id, { repId: 'rep-1', now: FIXED_NOW });
    expect(flattenToday(await today())).toEqual([]);
    expect(await db.activities.where('[authorKey+openTaskDueAt]').between(['rep-1', 0], ['rep-1', Infinity]).count()).toBe(0);
  });

  it('lists the most overdue and the soonest later tasks in full up to a limit, every task of the week, and counts the rest', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    const task = (subject: string, dueAt: number) =>
      logActivity(db, { type: 'task', accountId: account.id, body: '', subject, dueAt, occurredAt: FIXED_NOW - 30 * DAY_MS }, me);
    for (let i = 0; i < TODAY_TASK_LIMIT + 3; i++) await task(`Old ${i}`, FIXED_NOW - (i + 1) * DAY_MS);
    for (let i = 0; i < 3; i++) await task(`Week ${i}`, FIXED_NOW + (i + 1) * DAY_MS);
    for (let i = 0; i < TODAY_TASK_LIMIT + 2; i++) await task(`Far ${i}`, FIXED_NOW + (30 + i) * DAY_MS);

    const result = await today();
    const titles = (group: 'overdue' | 'thisWeek' | 'later') => result.groups[group].map((item) => describeTodayItem(item, 'en', 'UTC').title);
    // The most overdue: Old 27 (28 days late) down to Old 3; the three least overdue are counted.
    expect(titles('overdue')).toEqual(Array.from({ length: TODAY_TASK_LIMIT }, (_, i) => `Old ${TODAY_TASK_LIMIT + 2 - i}`));
    expect(result.moreOverdueTasks).toBe(3);
    expect(titles('thisWeek')).toEqual(['Week 0', 'Week 1', 'Week 2']);
    expect(titles('later')).toEqual(Array.from({ length: TODAY_TASK_LIMIT }, (_, i) => `Far ${i}`));
    expect(result.moreLaterTasks).toBe(2);
  });

  it('does not count an overdue task twice when the account\'s history brings it in', async () => {
    db = createTestDb();
    // Quiet for 20 days, so its recent history is read.
    const account = await createAccount(db, { name: 'Quiet Co', stage: 'qualified' }, { repId: 'rep-1', now: FIXED_NOW - 40 * DAY_MS });
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - 20 * DAY_MS }, me);
    for (let i = 0; i < TODAY_TASK_LIMIT + 2; i++) {
      await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: `Old ${i}`, dueAt: FIXED_NOW - (i + 1) * HOUR_MS, occurredAt: FIXED_NOW - 10 * DAY_MS + i }, me);
    }
    const result = await today();
    const overdueTasks = result.groups.overdue.filter((item) => item.suggestion?.rule === 'overdueTask').length;
    expect(overdueTasks + result.moreOverdueTasks).toBe(TODAY_TASK_LIMIT + 2);
  });

  it('reads history only for open deals whose account\'s silence can make them stale, the most silent first, and counts the rest', async () => {
    db = createTestDb();
    const quiet: string[] = [];
    for (let i = 0; i < TODAY_STALE_DEAL_LIMIT + 2; i++) {
      // A live customer touched days ago (inside its 21-day cadence) with a negotiation deal
      // (3-day cadence): the deal is stale, the account is not.
      const account = await createAccount(db, { name: `Customer ${i}`, stage: 'adoption' }, { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS });
      const deal = await createDealInStage(db, { accountId: account.id, name: `Expansion ${i}`, stage: 'negotiation' }, { repId: 'rep-1', now: FIXED_NOW - 30 * DAY_MS });
      await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - 5 * DAY_MS - i * HOUR_MS }, me);
      quiet.push(deal.id);
    }
    const busy = await createAccount(db, { name: 'Busy', stage: 'adoption' }, { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS });
    await createDealInStage(db, { accountId: busy.id, name: 'Fresh', stage: 'negotiation' }, { repId: 'rep-1', now: FIXED_NOW - 30 * DAY_MS });
    await logActivity(db, { type: 'call', accountId: busy.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - HOUR_MS }, me);

    const input = await loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC' });
    expect(input.accounts.map((entry) => entry.account.name)).not.toContain('Busy');
    const result = buildToday(input, FIXED_NOW);
    const staleDeals = result.groups.overdue.filter((item) => item.suggestion?.rule === 'stale' && item.subject.type === 'deal').map((item) => item.subject.id);
    // The most silent are the last made (touched longest ago).
    expect(new Set(staleDeals)).toEqual(new Set(quiet.slice(2)));
    expect(result.moreStaleDeals).toBe(2);
  });

  it('reads history for the most overdue promises up to a limit and counts the rest', async () => {
    db = createTestDb();
    const promised: string[] = [];
    for (let i = 0; i < TODAY_OVERDUE_PROMISE_LIMIT + 2; i++) {
      // A live customer silent 10 days (inside its 21-day cadence): only the promise is due.
      const account = await createAccount(db, { name: `Customer ${i}`, stage: 'adoption' }, { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS });
      const { activity } = await logActivity(
        db,
        { type: 'call', accountId: account.id, body: 'Asked', callOutcome: 'connected', nextStep: 'Send the plan', followUpAt: FIXED_NOW - 5 * DAY_MS - i * HOUR_MS, occurredAt: FIXED_NOW - 10 * DAY_MS },
        me,
      );
      promised.push(activity.id);
    }
    const result = await today();
    const listed = result.groups.overdue.filter((item) => item.suggestion?.rule === 'overdueFollowUp').map((item) => item.key);
    // The most overdue are the last made (promised earliest).
    expect(new Set(listed)).toEqual(new Set(promised.slice(2).map((id) => `followUp:${id}`)));
    expect(result.moreOverduePromises).toBe(2);
  });

  it('lists an overdue promise past the limit when its account\'s history is read anyway, even one older than the history read', async () => {
    db = createTestDb();
    // Quiet since a touch 25 days ago, which did not keep the promise made five days before it
    // (due 10 days ago); 21 tasks since push the promise out of the latest 20 activities.
    const quiet = await createAccount(db, { name: 'Quiet Co', stage: 'qualified' }, { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS });
    const { activity: promise } = await logActivity(
      db,
      { type: 'call', accountId: quiet.id, body: 'Asked', callOutcome: 'connected', nextStep: 'Send the plan', followUpAt: FIXED_NOW - 10 * DAY_MS, occurredAt: FIXED_NOW - 30 * DAY_MS },
      me,
    );
    await logActivity(db, { type: 'email', accountId: quiet.id, body: 'Sent the deck', occurredAt: FIXED_NOW - 25 * DAY_MS }, me);
    for (let i = 0; i < 21; i++) {
      await logActivity(db, { type: 'task', accountId: quiet.id, body: '', subject: `Prep ${i}`, dueAt: FIXED_NOW + 60 * DAY_MS, occurredAt: FIXED_NOW - 24 * DAY_MS + i * HOUR_MS }, me);
    }
    // A more overdue promise elsewhere takes the one place on the page.
    const other = await createAccount(db, { name: 'Other', stage: 'adoption' }, { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS });
    await logActivity(
      db,
      { type: 'call', accountId: other.id, body: 'Asked', callOutcome: 'connected', nextStep: 'Send the quote', followUpAt: FIXED_NOW - 20 * DAY_MS, occurredAt: FIXED_NOW - 21 * DAY_MS },
      me,
    );
    const result = await today('rep-1', FIXED_NOW, { ...TODAY_FIRST_PAGE, moreOverduePromises: 1 });
    const promised = result.groups.overdue.filter((item) => item.suggestion?.rule === 'overdueFollowUp').map((item) => `${item.account.name} ${item.key}`);
    expect(promised).toContain(`Quiet Co followUp:${promise.id}`);
    expect(promised.filter((line) => line.startsWith('Other '))).toHaveLength(1);
    expect(result.moreOverduePromises).toBe(0);
  });

  it('lists the earliest renewals up to a limit and counts the rest, unless another reason brings their account in', async () => {
    db = createTestDb();
    const renewing: string[] = [];
    for (let i = 0; i < TODAY_RENEWAL_LIMIT + 3; i++) {
      // Touched yesterday, so only the renewal is due; dates a day apart from 2026-04-01.
      const renewalDate = `2026-04-${String(1 + i).padStart(2, '0')}`;
      const account = await createAccount(db, { name: `Renewing ${i}`, stage: 'adoption', renewalDate }, me);
      await logActivity(db, { type: 'call', accountId: account.id, body: 'Fine', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
      renewing.push(account.id);
    }
    const result = await today();
    const listed = flattenToday(result).filter((item) => item.suggestion?.rule === 'renewalSurvey').map((item) => item.account.id);
    expect(new Set(listed)).toEqual(new Set(renewing.slice(0, TODAY_RENEWAL_LIMIT)));
    expect(result.moreRenewals).toBe(3);

    // The latest renewal's account gets an overdue promise: read for that, it shows its renewal too, and is not counted.
    const last = renewing[renewing.length - 1]!;
    await logActivity(db, { type: 'note', accountId: last, body: 'Promised the plan', followUpAt: FIXED_NOW - HOUR_MS, occurredAt: FIXED_NOW - 2 * HOUR_MS }, me);
    const again = await today();
    expect(flattenToday(again).some((item) => item.account.id === last && item.suggestion?.rule === 'renewalSurvey')).toBe(true);
    expect(again.moreRenewals).toBe(2);
  });

  it('lists the latest wins up to a limit and counts the rest', async () => {
    db = createTestDb();
    const won: string[] = [];
    for (let i = 0; i < TODAY_WIN_LIMIT + 2; i++) {
      const account = await createAccount(db, { name: `Winner ${i}`, stage: 'lead' }, me);
      const deal = await createDealInStage(db, { accountId: account.id, name: `Rollout ${i}`, stage: 'negotiation' }, { repId: 'rep-1', now: FIXED_NOW - 20 * DAY_MS });
      // Won i hours apart, the first latest.
      await moveToStage(db, { type: 'deal', id: deal.id }, 'won', { repId: 'rep-1', now: FIXED_NOW - DAY_MS - i * HOUR_MS });
      await logActivity(db, { type: 'call', accountId: account.id, body: 'Signed', callOutcome: 'connected', occurredAt: FIXED_NOW - HOUR_MS }, me);
      won.push(deal.id);
    }
    const result = await today();
    const handoffs = flattenToday(result).filter((item) => item.suggestion?.rule === 'handoff').map((item) => item.subject.id);
    expect(new Set(handoffs)).toEqual(new Set(won.slice(0, TODAY_WIN_LIMIT)));
    expect(result.moreWins).toBe(2);
  });

  it('follows an open deal\'s staleness through its account\'s touches and deletion (the deals carry the silence)', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Prospect', stage: 'lead' }, { repId: 'rep-1', now: FIXED_NOW - 40 * DAY_MS });
    const deal = await createDealInStage(db, { accountId: account.id, name: 'Pilot', stage: 'proposal' }, { repId: 'rep-1', now: FIXED_NOW - 30 * DAY_MS });
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - 20 * DAY_MS }, me);
    const staleDeals = async () => flattenToday(await today()).filter((item) => item.subject.type === 'deal' && item.suggestion?.rule === 'stale').map((item) => item.subject.id);
    expect(await staleDeals()).toEqual([deal.id]);
    // A touch on the account today: the deal is no longer quiet.
    await logActivity(db, { type: 'email', accountId: account.id, body: 'Sent the plan', occurredAt: FIXED_NOW - HOUR_MS }, me);
    expect(await staleDeals()).toEqual([]);
    // That touch deleted: quiet again.
    const latest = await db.activities.where('[accountId+occurredAt]').between([account.id, FIXED_NOW - HOUR_MS], [account.id, FIXED_NOW]).first();
    await deleteRecord(db, 'activity', latest!.id, { repId: 'rep-1', now: FIXED_NOW });
    expect(await staleDeals()).toEqual([deal.id]);
    // The account deleted: its deal leaves the index, so it is neither listed nor counted.
    await deleteRecord(db, 'account', account.id, { repId: 'rep-1', now: FIXED_NOW });
    const result = await today();
    expect(flattenToday(result)).toEqual([]);
    expect(result.moreStaleDeals).toBe(0);
  });

  it('reads histories only for the first page of each kind, and a "show more" lists the next page of that kind alone, the counts following', async () => {
    db = createTestDb();
    const quiet: string[] = [];
    for (let i = 0; i < TODAY_STALE_LIMIT + TODAY_PAGE_STEP + 2; i++) {
      const account = await createAccount(db, { name: `Quiet ${String(i).padStart(2, '0')}`, stage: 'qualified' }, { repId: 'rep-1', now: FIXED_NOW - 90 * DAY_MS });
      // Quiet 00 is the most silent.
      await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - (80 - i) * DAY_MS }, me);
      quiet.push(account.id);
    }
    for (let i = 0; i < TODAY_OVERDUE_PROMISE_LIMIT + 3; i++) {
      // A live customer touched 10 days ago (inside its cadence): only the promise is due.
      const account = await createAccount(db, { name: `Promised ${i}`, stage: 'adoption' }, { repId: 'rep-1', now: FIXED_NOW - 60 * DAY_MS });
      await logActivity(
        db,
        { type: 'call', accountId: account.id, body: 'Asked', callOutcome: 'connected', nextStep: 'Send the plan', followUpAt: FIXED_NOW - 5 * DAY_MS - i * HOUR_MS, occurredAt: FIXED_NOW - 10 * DAY_MS },
        me,
      );
    }
    const quietListed = (result: Awaited<ReturnType<typeof today>>) => flattenToday(result).filter((item) => item.suggestion?.rule === 'stale').map((item) => item.account.id);
    const promisesListed = (result: Awaited<ReturnType<typeof today>>) => flattenToday(result).filter((item) => item.suggestion?.rule === 'overdueFollowUp').length;

    const input = await loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC' });
    expect(input.accounts.filter((entry) => !entry.tasksOnly)).toHaveLength(TODAY_STALE_LIMIT + TODAY_OVERDUE_PROMISE_LIMIT);
    const first = buildToday(input, FIXED_NOW);
    expect(new Set(quietListed(first))).toEqual(new Set(quiet.slice(0, TODAY_STALE_LIMIT)));
    expect(first.moreQuietAccounts).toBe(TODAY_PAGE_STEP + 2);
    expect(promisesListed(first)).toBe(TODAY_OVERDUE_PROMISE_LIMIT);
    expect(first.moreOverduePromises).toBe(3);

    const second = await today('rep-1', FIXED_NOW, withNextPage(TODAY_FIRST_PAGE, 'moreQuietAccounts'));
    expect(new Set(quietListed(second))).toEqual(new Set(quiet.slice(0, TODAY_STALE_LIMIT + TODAY_PAGE_STEP)));
    expect(second.moreQuietAccounts).toBe(2);
    // The other kinds keep their first page.
    expect(promisesListed(second)).toBe(TODAY_OVERDUE_PROMISE_LIMIT);
    expect(second.moreOverduePromises).toBe(3);

    // Every one is reachable: a page more lists the last ones and counts none.
    const third = await today('rep-1', FIXED_NOW, withNextPage(withNextPage(TODAY_FIRST_PAGE, 'moreQuietAccounts'), 'moreQuietAccounts'));
    expect(new Set(quietListed(third))).toEqual(new Set(quiet));
    expect(third.moreQuietAccounts).toBe(0);
  });

  it('pages through overdue tasks (no history read for them) until the count is spent', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme', stage: 'qualified' }, me);
    await logActivity(db, { type: 'call', accountId: account.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - DAY_MS }, me);
    const total = TODAY_TASK_LIMIT + 4;
    for (let i = 0; i < total; i++) {
      await logActivity(db, { type: 'task', accountId: account.id, body: '', subject: `Old ${i}`, dueAt: FIXED_NOW - (i + 1) * DAY_MS, occurredAt: FIXED_NOW - 30 * DAY_MS }, me);
    }
    const first = await today();
    expect(first.groups.overdue).toHaveLength(TODAY_TASK_LIMIT);
    expect(first.moreOverdueTasks).toBe(4);
    const input = await loadTodayInput(db, FIXED_NOW, { repId: 'rep-1', timeZone: 'UTC', limits: withNextPage(TODAY_FIRST_PAGE, 'moreOverdueTasks') });
    expect(input.accounts.every((entry) => entry.tasksOnly)).toBe(true);
    const next = buildToday(input, FIXED_NOW);
    expect(next.groups.overdue.map((item) => describeTodayItem(item, 'en', 'UTC').title)).toEqual(Array.from({ length: total }, (_, i) => `Old ${total - 1 - i}`));
    expect(next.moreOverdueTasks).toBe(0);
  });

  it('reads the unassigned key beside the rep\'s own when records written before any identity exist, and lists them in one order', async () => {
    db = createTestDb();
    const local = { repId: null, now: FIXED_NOW - 90 * DAY_MS };
    const older = await createAccount(db, { name: 'Before identity', stage: 'qualified' }, local);
    await logActivity(db, { type: 'call', accountId: older.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - 60 * DAY_MS }, local);
    const mine = await createAccount(db, { name: 'Mine', stage: 'qualified' }, { repId: 'rep-1', now: FIXED_NOW - 90 * DAY_MS });
    await logActivity(db, { type: 'call', accountId: mine.id, body: 'Talked', callOutcome: 'connected', occurredAt: FIXED_NOW - 50 * DAY_MS }, me);
    // One quiet account a page: the most silent wins, whichever key it is under.
    const limits = { ...TODAY_FIRST_PAGE, moreQuietAccounts: 1 };
    const result = await today('rep-1', FIXED_NOW, limits);
    expect(flattenToday(result).map((item) => item.account.name)).toEqual(['Before identity']);
    expect(result.moreQuietAccounts).toBe(1);
  });
});
