import Dexie from 'dexie';
import type { Account, Activity, Deal, SuggestionState } from '../schemas';
import { resolvePlaybook, type ResolvedPlaybook } from '../funnel/playbook';
import { LIVE_CUSTOMER_STAGES, PRE_SALE_STAGES } from '../funnel/stages';
import { RENEWAL_SURVEY_LEAD_DAYS } from '../funnel/suggest';
import { addDaysToDate, calendarDateOf, DAY_MS } from '../funnel/time';
import { thisWeekEndMs, type TodayAccountInput, type TodayInput } from '../today/build';
import type { AccountRow, SidenoteDb } from './database';
import { fromRow } from './derived';
import { ownKeysOf } from './today-keys';

/**
 * The Dexie read behind Today. Every read goes through an index (schema v8) and is bounded
 * by the rep: their open tasks and dated promises by author, their accounts and open deals
 * by owner and stage, renewals by date and recent wins by close date. Then, per account
 * found, its most recent activities (the last touch and what was done since, which the
 * rules need) through the account's time index, never its whole history.
 */

/** Recent activities read per account: enough to find the last touch and the keys used since. */
export const TODAY_RECENT_ACTIVITIES = 20;
/** Promises older than this that were never kept stay on the account's card, not in Today. */
export const TODAY_PROMISE_LOOKBACK_DAYS = 90;
/**
 * Wins this recent are read for their handoff (due 72 h after) and needs verification (30
 * days); an older win still open shows on its account's card, not in Today.
 */
export const TODAY_WIN_LOOKBACK_DAYS = 90;
/** A renewal date this far behind still shows as passed. */
export const TODAY_RENEWAL_PASSED_DAYS = 30;

const STALE_ACCOUNT_STAGES = [...PRE_SALE_STAGES, ...LIVE_CUSTOMER_STAGES];

export interface TodayReadOptions {
  /** The rep: server id, else the local identity; their unassigned records count too. */
  repId: string | null;
  /** The team's reps, so a handoff names the CSM as the card does. */
  reps?: ReadonlyArray<{ id: string; name: string }>;
  timeZone?: string;
  playbook?: ResolvedPlaybook;
}

function live<T extends { deletedAt: number | null }>(record: T): boolean {
  return record.deletedAt === null;
}

function pairs(keys: readonly string[], values: readonly string[]): Array<[string, string]> {
  return keys.flatMap((key) => values.map((value): [string, string] => [key, value]));
}

/** Everything `buildToday` needs, read in one transaction. */
export async function loadTodayInput(db: SidenoteDb, now: number, options: TodayReadOptions): Promise<TodayInput> {
  const timeZone = options.timeZone ?? 'UTC';
  const ownKeys = ownKeysOf(options.repId);
  const own = new Set(ownKeys);
  const today = calendarDateOf(now, timeZone);
  const weekEnd = thisWeekEndMs(now, timeZone);

  return db.transaction('r', [db.accounts, db.deals, db.activities, db.suggestionStates, db.playbooks], async () => {
    const [tasks, promises, ownAccounts, renewalAccounts, wonDeals, openDeals, playbookRows] = await Promise.all([
      Promise.all(ownKeys.map((key) => db.activities.where('[authorKey+openTaskDueAt]').between([key, Dexie.minKey], [key, Dexie.maxKey]).toArray())),
      Promise.all(
        ownKeys.map((key) =>
          db.activities.where('[authorKey+followUpAt]').between([key, now - TODAY_PROMISE_LOOKBACK_DAYS * DAY_MS], [key, weekEnd], true, false).toArray(),
        ),
      ),
      db.accounts.where('[ownerKey+stage]').anyOf(pairs(ownKeys, STALE_ACCOUNT_STAGES)).toArray(),
      db.accounts
        .where('renewalDate')
        .between(addDaysToDate(today, -TODAY_RENEWAL_PASSED_DAYS), addDaysToDate(today, RENEWAL_SURVEY_LEAD_DAYS), true, true)
        .filter((row) => own.has(row.ownerKey ?? ''))
        .toArray(),
      db.deals
        .where('[stage+closedAt]')
        .between(['won', now - TODAY_WIN_LOOKBACK_DAYS * DAY_MS], ['won', now], true, true)
        .filter((deal) => own.has((deal as Deal & { ownerKey?: string }).ownerKey ?? ''))
        .toArray(),
      db.deals.where('[ownerKey+stage]').anyOf(pairs(ownKeys, PRE_SALE_STAGES)).toArray(),
      options.playbook ? Promise.resolve(null) : db.playbooks.toArray(),
    ]);

    const ownActivities = [...tasks.flat(), ...promises.flat()].filter(live);
    const accountRows = new Map<string, AccountRow>();
    for (const row of [...ownAccounts, ...renewalAccounts]) accountRows.set(row.id, row);
    const dealsByAccount = new Map<string, Deal[]>();
    for (const deal of [...wonDeals, ...openDeals]) {
      if (!live(deal)) continue;
      const list = dealsByAccount.get(deal.accountId) ?? [];
      if (!list.some((known) => known.id === deal.id)) list.push(fromRow(deal));
      dealsByAccount.set(deal.accountId, list);
    }
    const accountIds = new Set<string>([...accountRows.keys(), ...dealsByAccount.keys()]);
    for (const activity of ownActivities) if (activity.accountId) accountIds.add(activity.accountId);

    const missing = [...accountIds].filter((id) => !accountRows.has(id));
    for (const row of await db.accounts.bulkGet(missing)) if (row) accountRows.set(row.id, row);

    const ids = [...accountRows.keys()].filter((id) => live(accountRows.get(id)!));
    const subjects: Array<[string, string]> = [];
    for (const id of ids) {
      subjects.push(['account', id]);
      for (const deal of dealsByAccount.get(id) ?? []) subjects.push(['deal', deal.id]);
    }
    // An account found only through the rep's tasks on it needs no history: its tasks are
    // all Today shows of it (buildToday keeps task rules only), so its activities are not read.
    const tasksOnly = new Set(tasks.flat().map((task) => task.accountId));
    for (const id of [...accountRows.keys()].filter((key) => own.has(accountRows.get(key)!.ownerKey ?? ''))) tasksOnly.delete(id);
    for (const id of [...renewalAccounts.map((row) => row.id), ...dealsByAccount.keys()]) tasksOnly.delete(id);
    for (const promise of promises.flat()) tasksOnly.delete(promise.accountId);
    const [recent, states] = await Promise.all([
      Promise.all(
        ids.map((id) =>
          tasksOnly.has(id)
            ? Promise.resolve([] as Activity[])
            : db.activities.where('[accountId+occurredAt]').between([id, Dexie.minKey], [id, Dexie.maxKey]).reverse().limit(TODAY_RECENT_ACTIVITIES).toArray(),
        ),
      ),
      subjects.length ? db.suggestionStates.where('[subjectType+subjectId]').anyOf(subjects).toArray() : Promise.resolve([] as SuggestionState[]),
    ]);

    const ownByAccount = new Map<string, Activity[]>();
    for (const activity of ownActivities) {
      const list = ownByAccount.get(activity.accountId!) ?? [];
      list.push(activity);
      ownByAccount.set(activity.accountId!, list);
    }
    const statesBySubject = new Map<string, SuggestionState[]>();
    for (const state of states) {
      const list = statesBySubject.get(state.subjectId) ?? [];
      list.push(state);
      statesBySubject.set(state.subjectId, list);
    }

    const accounts: TodayAccountInput[] = ids.map((id, index) => {
      const account: Account = fromRow(accountRows.get(id)!);
      const deals = dealsByAccount.get(id) ?? [];
      const byId = new Map<string, Activity>();
      for (const activity of [...recent[index]!, ...(ownByAccount.get(id) ?? [])]) byId.set(activity.id, fromRow(activity));
      const suggestionStates = [id, ...deals.map((deal) => deal.id)].flatMap((subjectId) => statesBySubject.get(subjectId) ?? []);
      return { account, deals, activities: [...byId.values()], suggestionStates, tasksOnly: tasksOnly.has(id) };
    });

    return {
      accounts,
      ownActivityIds: new Set(ownActivities.map((activity) => activity.id)),
      playbook: options.playbook ?? resolvePlaybook(playbookRows ?? []),
      timeZone,
      viewerId: options.repId,
      reps: options.reps ?? [],
    };
  });
}
