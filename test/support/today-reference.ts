/**
 * Today's read as it was before it was split into a first page and its counts (lib/db/today.ts
 * at 1f89619): one transaction reading every promise of the lookback with its account's row and
 * counting each range. Kept as the reference the split read must agree with
 * (lib/db/today.test.ts), as lookup-reference.ts is for the lookup index.
 */
import Dexie from 'dexie';
import type { Account, Activity, Deal, SuggestionState } from '../../lib/schemas';
import { resolvePlaybook } from '../../lib/funnel/playbook';
import { PRE_SALE_STAGES } from '../../lib/funnel/stages';
import { FOLLOW_UP_EARLY_HOURS, RENEWAL_SURVEY_LEAD_DAYS } from '../../lib/funnel/suggest';
import { addDaysToDate, calendarDateOf, DAY_MS, HOUR_MS } from '../../lib/funnel/time';
import { thisWeekEndMs, type TodayAccountInput, type TodayInput } from '../../lib/today/build';
import type { AccountRow, DealRow, SidenoteDb } from '../../lib/db/database';
import { fromRow } from '../../lib/db/derived';
import { ownKeysOf, UNASSIGNED_KEY } from '../../lib/db/today-keys';
import { STALE_ACCOUNT_STAGES } from '../../lib/db/touch-summary';
import {
  silenceThresholdDays,
  TODAY_FIRST_PAGE,
  TODAY_PROMISE_LOOKBACK_DAYS,
  TODAY_RECENT_ACTIVITIES,
  TODAY_RENEWAL_PASSED_DAYS,
  TODAY_WIN_LOOKBACK_DAYS,
  type TodayReadOptions,
} from '../../lib/db/today';

/** The indexes Today reads by owner or author, with how many parts follow the owner key. */
const UNASSIGNED_INDEXES = [
  ['accounts', '[ownerKey+stage+silentSince]', 2],
  ['accounts', '[ownerKey+renewalDate]', 1],
  ['deals', '[ownerKey+stage+closedAt]', 2],
  ['accounts', 'dealSilence', 3],
  ['activities', '[authorKey+openTaskDueAt]', 1],
  ['activities', '[authorKey+followUpAt]', 1],
] as const;

/** Whether any index Today reads holds a record under the unassigned key (''). */
async function holdsUnassigned(db: SidenoteDb): Promise<boolean> {
  const probes = UNASSIGNED_INDEXES.map(([table, index, parts]) => {
    // A fresh [[]] per part: IndexedDB rejects a key that holds the same array twice.
    const upper = [UNASSIGNED_KEY, ...Array.from({ length: parts }, () => [[]])];
    const lower = [UNASSIGNED_KEY, ...Array.from({ length: parts }, () => Dexie.minKey)];
    return db.table(table).where(index).between(lower, upper, true, true).limit(1).primaryKeys();
  });
  return (await Promise.all(probes)).some((keys) => keys.length > 0);
}

function live<T extends { deletedAt: number | null }>(record: T): boolean {
  return record.deletedAt === null;
}

/** The account's latest activities, newest first: the first of the two reads below. */
function latestActivities(db: SidenoteDb, accountId: string): Promise<Activity[]> {
  return db.activities.where('[accountId+occurredAt]').between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]).reverse().limit(TODAY_RECENT_ACTIVITIES).toArray();
}

/**
 * The account's latest activities, and everything back to its last touch when that is older:
 * the rules need the last touch (staleness, kept promises) and what was done since (a task
 * or note made from a suggestion retires it). `latest` may already be under way.
 */
async function recentActivities(db: SidenoteDb, row: AccountRow, latest = latestActivities(db, row.id)): Promise<Activity[]> {
  const recent = await latest;
  const lastTouchAt = row.lastTouchAt;
  const oldest = recent[recent.length - 1]?.occurredAt;
  if (recent.length < TODAY_RECENT_ACTIVITIES || typeof lastTouchAt !== 'number' || oldest === undefined || oldest <= lastTouchAt) return recent;
  const since = await db.activities.where('[accountId+occurredAt]').between([row.id, lastTouchAt], [row.id, oldest], true, true).toArray();
  const seen = new Set(recent.map((activity) => activity.id));
  return [...recent, ...since.filter((activity) => !seen.has(activity.id))];
}

/** Everything `buildToday` needs, read in one transaction. */
export async function loadTodayInputReference(db: SidenoteDb, now: number, options: TodayReadOptions): Promise<TodayInput> {
  const timeZone = options.timeZone ?? 'UTC';
  const ownKeys = ownKeysOf(options.repId);
  const own = new Set(ownKeys);
  const today = calendarDateOf(now, timeZone);
  const weekEnd = thisWeekEndMs(now, timeZone);

  return db.transaction('r', [db.accounts, db.deals, db.activities, db.suggestionStates, db.playbooks], async () => {
    // The cadences decide which silences count, so the playbook comes first.
    const playbook = options.playbook ?? resolvePlaybook(await db.playbooks.toArray());
    const limits = { ...TODAY_FIRST_PAGE, ...options.limits };
    const thresholds = new Map<string, number>();
    for (const stage of STALE_ACCOUNT_STAGES) {
      const days = silenceThresholdDays(stage, playbook);
      if (days !== null) thresholds.set(stage, now - days * DAY_MS);
    }
    /** Silent past its stage's threshold: what the quiet ranges hold. */
    const isQuiet = (row: AccountRow) => {
      const before = thresholds.get(row.stage);
      return before !== undefined && typeof row.silentSince === 'number' && row.silentSince <= before && own.has(row.ownerKey ?? '');
    };
    const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
    const taskIndex = () => db.activities.where('[authorKey+openTaskDueAt]');
    // Every range is read in its index order and cut at its limit, so its first rows are the ones
    // listed (the most overdue, the soonest, the most silent); the rest of each is counted.
    const readRanges = (keys: readonly string[]) => {
      const quietRanges = keys.flatMap((key) => [...thresholds].map(([stage, before]) => db.accounts.where('[ownerKey+stage+silentSince]').between([key, stage, Dexie.minKey], [key, stage, before], true, true)));
      // An open deal goes stale when its account's silence (carried on the deal, v11) passes the
      // deal stage's cadence: strictly, as the rule says.
      const staleDealRanges = keys.flatMap((key) =>
        PRE_SALE_STAGES.flatMap((stage) => {
          const cadence = playbook.stages[stage].cadenceDays;
          if (cadence === null) return [];
          return [db.accounts.where('dealSilence').between([key, stage, Dexie.minKey], [key, stage, now - cadence * DAY_MS], true, false)];
        }),
      );
      const renewalRanges = keys.map((key) =>
        db.accounts.where('[ownerKey+renewalDate]').between([key, addDaysToDate(today, -TODAY_RENEWAL_PASSED_DAYS)], [key, addDaysToDate(today, RENEWAL_SURVEY_LEAD_DAYS)], true, true),
      );
      const winRanges = keys.map((key) => db.deals.where('[ownerKey+stage+closedAt]').between([key, 'won', now - TODAY_WIN_LOOKBACK_DAYS * DAY_MS], [key, 'won', now], true, true));
      const overdueRanges = keys.map((key) => taskIndex().between([key, Dexie.minKey], [key, now], true, false));
      const laterRanges = keys.map((key) => taskIndex().between([key, weekEnd], [key, Dexie.maxKey], true, true));
      return Promise.all([
        Promise.all(overdueRanges.map((range) => range.clone().limit(limits.moreOverdueTasks).toArray())),
        Promise.all(keys.map((key) => taskIndex().between([key, now], [key, weekEnd], true, false).toArray())),
        Promise.all(laterRanges.map((range) => range.clone().limit(limits.moreLaterTasks).toArray())),
        Promise.all(overdueRanges.map((range) => range.clone().count())),
        Promise.all(laterRanges.map((range) => range.clone().count())),
        Promise.all(keys.map((key) => db.activities.where('[authorKey+followUpAt]').between([key, now - TODAY_PROMISE_LOOKBACK_DAYS * DAY_MS], [key, weekEnd], true, false).toArray())),
        Promise.all(quietRanges.map((range) => range.clone().limit(limits.moreQuietAccounts).toArray())),
        Promise.all(quietRanges.map((range) => range.clone().count())),
        Promise.all(renewalRanges.map((range) => range.clone().limit(limits.moreRenewals).toArray())),
        // Ids only: a renewal past the limit still shows when its account is read anyway, and is then not counted.
        Promise.all(renewalRanges.map((range) => range.clone().primaryKeys())),
        Promise.all(winRanges.map((range) => range.clone().reverse().limit(limits.moreWins).toArray())),
        Promise.all(winRanges.map((range) => range.clone().count())),
        // Since v16 the keys are on the accounts ([deal owner, deal stage, silent since, deal id]); the deals by id.
        Promise.all(
          staleDealRanges.map(async (range) => {
            const dealKeys = (await range.clone().limit(limits.moreStaleDeals).keys()) as unknown as Array<[string, string, number, string]>;
            const rows = await db.deals.bulkGet(dealKeys.map((dealKey) => dealKey[3]));
            return rows.flatMap((row, position) => (row ? [{ ...row, silentSince: dealKeys[position]![2] }] : []));
          }),
        ),
        Promise.all(staleDealRanges.map((range) => range.clone().count())),
      ]);
    };
    type Ranges = Awaited<ReturnType<typeof readRanges>>;
    // The rep's own key in every range, and the unassigned key ('') only when some index holds it
    // (records written before any identity): the probe costs one request per index instead of
    // doubling every range, and runs beside the rep's ranges, so no extra wait when it is empty.
    const [mine, unassigned] = await Promise.all([readRanges(ownKeys.slice(0, 1)), ownKeys.length > 1 ? holdsUnassigned(db) : Promise.resolve(false)]);
    const ranges = unassigned ? ((await readRanges(ownKeys.slice(1))).map((pages, index) => [...mine[index]!, ...pages]) as Ranges) : mine;
    const [tasksOverdue, tasksThisWeek, tasksLater, overdueCounts, laterCounts, promises, quietPages, quietCounts, renewalPages, renewalIds, winPages, winCounts, staleDealPages, staleDealCounts] = ranges;
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const quietAccounts = quietPages
      .flat()
      .sort((a, b) => a.silentSince! - b.silentSince! || byId(a, b))
      .slice(0, limits.moreQuietAccounts);
    const renewalAccounts = renewalPages
      .flat()
      .filter(live)
      .sort((a, b) => (a.renewalDate! < b.renewalDate! ? -1 : a.renewalDate! > b.renewalDate! ? 1 : byId(a, b)))
      .slice(0, limits.moreRenewals);
    const wonDeals = winPages
      .flat()
      .filter(live)
      .sort((a, b) => b.closedAt! - a.closedAt! || byId(a, b))
      .slice(0, limits.moreWins);
    const moreWins = sum(winCounts) - wonDeals.length;
    const staleDealsListed = (staleDealPages.flat() as DealRow[])
      .filter(live)
      .sort((a, b) => a.silentSince! - b.silentSince! || byId(a, b))
      .slice(0, limits.moreStaleDeals);

    const byDue = (a: Activity, b: Activity) => a.dueAt! - b.dueAt! || byId(a, b);
    const tasks = [
      ...tasksOverdue.flat().sort(byDue).slice(0, limits.moreOverdueTasks),
      ...tasksThisWeek.flat(),
      ...tasksLater.flat().sort(byDue).slice(0, limits.moreLaterTasks),
    ];
    const found = [...tasks, ...promises.flat()].filter(live);
    const accountRows = new Map<string, AccountRow>();
    for (const row of [...quietAccounts, ...renewalAccounts]) accountRows.set(row.id, row);
    const accountIds = new Set<string>([...accountRows.keys(), ...wonDeals.map((deal) => deal.accountId), ...staleDealsListed.map((deal) => deal.accountId)]);
    for (const activity of found) if (activity.accountId) accountIds.add(activity.accountId);

    const historyFor = new Set<string>([
      ...quietAccounts.map((row) => row.id),
      ...renewalAccounts.map((row) => row.id),
      ...wonDeals.map((deal) => deal.accountId),
      ...staleDealsListed.map((deal) => deal.accountId),
    ]);
    // The latest activities of the accounts already known to need them are read beside the
    // account rows, not after them (only the promises' accounts wait for their rows).
    const latest = new Map([...historyFor].map((id) => [id, latestActivities(db, id)] as const));
    const missing = [...accountIds].filter((id) => !accountRows.has(id));
    for (const row of await db.accounts.bulkGet(missing)) if (row) accountRows.set(row.id, row);

    // Quiet deals past the limit: counted; the index holds a deal only while its account is live.
    const moreStaleDeals = sum(staleDealCounts) - staleDealsListed.length;

    // A promise kept by a later touch raises nothing, on the card or here (the card's rule: a
    // touch no earlier than a day before the promised date); the account's last touch says so.
    const kept = (promise: Activity) => {
      const lastTouchAt = accountRows.get(promise.accountId!)?.lastTouchAt;
      return typeof lastTouchAt === 'number' && lastTouchAt >= Math.max(promise.occurredAt + 1, promise.followUpAt! - FOLLOW_UP_EARLY_HOURS * HOUR_MS);
    };
    const unkept = promises.flat().filter((promise) => live(promise) && !kept(promise));
    const overduePromises = unkept
      .filter((promise) => now > promise.followUpAt!)
      .sort((a, b) => a.followUpAt! - b.followUpAt! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const overdueListed = overduePromises.slice(0, limits.moreOverduePromises);
    const overdueLeft = overduePromises.slice(limits.moreOverduePromises);
    for (const promise of overdueListed) historyFor.add(promise.accountId!);
    // One past the limit still shows when its account is read anyway (the card's rule raises it there).
    const leftOut = new Set(overdueLeft.filter((promise) => !historyFor.has(promise.accountId!)).map((promise) => promise.id));
    const openPromises = unkept.filter((promise) => !leftOut.has(promise.id));
    const ownActivities = [...tasks.filter(live), ...openPromises];
    // History is read where a card rule needs it: quiet accounts, renewals, wins and open
    // deals, and promises gone overdue (a note made from one retires it). Elsewhere the rep's
    // own tasks and promises not yet due are all Today shows (buildToday keeps task rules only).
    const needsHistory = new Set<string>(historyFor);
    // The wins and quiet deals listed, on their accounts (read whole): the card's words name them.
    const dealsByAccount = new Map<string, Deal[]>();
    for (const deal of [...wonDeals, ...staleDealsListed]) {
      if (!needsHistory.has(deal.accountId)) continue;
      const list = dealsByAccount.get(deal.accountId) ?? [];
      if (!list.some((known) => known.id === deal.id)) list.push(fromRow(deal));
      dealsByAccount.set(deal.accountId, list);
    }
    const withOwn = new Set(ownActivities.map((activity) => activity.accountId));
    const ids = [...accountRows.keys()].filter((id) => live(accountRows.get(id)!) && (needsHistory.has(id) || withOwn.has(id)));
    const subjects: Array<[string, string]> = [];
    for (const id of ids) {
      subjects.push(['account', id]);
      for (const deal of dealsByAccount.get(id) ?? []) subjects.push(['deal', deal.id]);
    }
    const tasksOnly = new Set(ids.filter((id) => !needsHistory.has(id)));
    const [recent, states] = await Promise.all([
      Promise.all(ids.map((id) => (tasksOnly.has(id) ? Promise.resolve([] as Activity[]) : recentActivities(db, accountRows.get(id)!, latest.get(id))))),
      subjects.length ? db.suggestionStates.where('[subjectType+subjectId]').anyOf(subjects).toArray() : Promise.resolve([] as SuggestionState[]),
    ]);

    // Quiet accounts not listed: those in the ranges whose history was not read anyway.
    const quietListed = ids.filter((id) => !tasksOnly.has(id) && isQuiet(accountRows.get(id)!)).length;
    const moreQuietAccounts = Math.max(0, quietCounts.reduce((sum, count) => sum + count, 0) - quietListed);

    const ownActivityIds = new Set(ownActivities.map((activity) => activity.id));
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

    // Open tasks of the rep's the list holds: the bounded reads' and any an account's history brought.
    const listedOverdue = new Set<string>();
    const listedLater = new Set<string>();
    const accounts: TodayAccountInput[] = ids.map((id, index) => {
      const account: Account = fromRow(accountRows.get(id)!);
      const deals = dealsByAccount.get(id) ?? [];
      const byId = new Map<string, Activity>();
      for (const activity of [...recent[index]!, ...(ownByAccount.get(id) ?? [])]) {
        byId.set(activity.id, fromRow(activity));
        const row = activity as Activity & { authorKey?: string; openTaskDueAt?: number };
        if (typeof row.openTaskDueAt !== 'number' || !own.has(row.authorKey ?? '')) continue;
        if (row.openTaskDueAt < now) listedOverdue.add(row.id);
        // A later task shows only when the read found it (buildToday lists the rep's own by id).
        else if (row.openTaskDueAt >= weekEnd && ownActivityIds.has(row.id)) listedLater.add(row.id);
      }
      const suggestionStates = [id, ...deals.map((deal) => deal.id)].flatMap((subjectId) => statesBySubject.get(subjectId) ?? []);
      return { account, deals, activities: [...byId.values()], suggestionStates, tasksOnly: tasksOnly.has(id) };
    });

    // Renewals past the limit, unless their account was read anyway (its card rule then raises them).
    const shown = new Set(ids.filter((id) => !tasksOnly.has(id)));
    const moreRenewals = renewalIds.flat().filter((id) => !shown.has(id as string)).length;
    return {
      accounts,
      ownActivityIds,
      playbook,
      timeZone,
      viewerId: options.repId,
      reps: options.reps ?? [],
      moreQuietAccounts,
      moreOverdueTasks: Math.max(0, sum(overdueCounts) - listedOverdue.size),
      moreLaterTasks: Math.max(0, sum(laterCounts) - listedLater.size),
      moreStaleDeals,
      moreOverduePromises: leftOut.size,
      moreRenewals,
      moreWins,
    };
  });
}
