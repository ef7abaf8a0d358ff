import Dexie, { type Collection, type InsertType } from 'dexie';
import type { Account, Activity, Deal, SuggestionState } from '../schemas';
import { resolvePlaybook, type ResolvedPlaybook } from '../funnel/playbook';
import { isLiveCustomerStage, PRE_SALE_STAGES } from '../funnel/stages';
import { CHURN_WARNING_DAYS, FOLLOW_UP_EARLY_HOURS, RENEWAL_SURVEY_LEAD_DAYS } from '../funnel/suggest';
import { addDaysToDate, calendarDateOf, DAY_MS, HOUR_MS } from '../funnel/time';
import { thisWeekEndMs, type TodayAccountInput, type TodayInput } from '../today/build';
import type { TodayLeftOut, TodayLimits } from '../today/left-out';
import type { AccountRow, DealRow, SidenoteDb } from './database';
import { fromRow } from './derived';
import { ownKeysOf, UNASSIGNED_KEY } from './today-keys';
import { STALE_ACCOUNT_STAGES } from './touch-summary';

/**
 * The Dexie read behind Today. Every read goes through an index (schema v8 to v10) and is
 * bounded by the rep: their open tasks and dated promises by author, their open deals by owner
 * and stage, their renewals by date and recent wins by close date. Their quiet accounts come
 * from each account's last touch kept on its row (lib/db/touch-summary.ts): only those silent
 * past their stage's cadence (or the churn warning's 30 days), the most silent first, up to
 * the caller's limit (`TodayReadOptions.limits`, the first page by default). Then, per account
 * found, its most recent activities and everything since its last touch (what the rules need)
 * through the account's time index, never its whole history.
 *
 * Two steps: `loadTodayFirstPage` is what the list waits for (each kind's first rows, no count);
 * `countTodayLeftOut` then counts what each kind left out, which walks the ranges and so grows
 * with the rep's book. `loadTodayInput` is both.
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

// The first page: what the first screen of the list holds (30 items a group before the list's
// own "show more"), not hundreds of items the rep never scrolls to. The kinds whose accounts'
// histories must be read (every one a request or two, and the card's rules run over it) list a
// few each; tasks, which need only their account's row, a few more. Each left-out line then
// loads the next `TODAY_PAGE_STEP` of its kind (`withNextPage`).
/** Renewals listed first, the earliest date first (a passed one, then the soonest); the rest are counted. */
export const TODAY_RENEWAL_LIMIT = 6;
/** Wins of the lookback listed first, the latest first (a fresh win's 72-hour handoff); the rest are counted. */
export const TODAY_WIN_LIMIT = 6;
/** Quiet accounts listed first, the most silent first; the rest are counted. */
export const TODAY_STALE_LIMIT = 6;
/**
 * Open tasks listed first beyond the next week, on each side: the most overdue and the soonest
 * after the week. Those due from now to the end of the week are all read; the rest are
 * counted, so the read does not grow with a backlog of old tasks.
 */
export const TODAY_TASK_LIMIT = 10;
/**
 * The rep's open deals gone quiet listed first (their account's last touch is the deal's: the
 * rules count a touch on the account for every deal), the most silent first; the rest are
 * counted.
 */
export const TODAY_STALE_DEAL_LIMIT = 6;
/**
 * Overdue promises read with their account's history first (a task made from one carries it
 * on, which only the history shows), the most overdue first; the rest are counted.
 */
export const TODAY_OVERDUE_PROMISE_LIMIT = 6;

/** The limits of the read the rep waits for when opening Today. */
export const TODAY_FIRST_PAGE: TodayLimits = {
  moreOverdueTasks: TODAY_TASK_LIMIT,
  moreOverduePromises: TODAY_OVERDUE_PROMISE_LIMIT,
  moreStaleDeals: TODAY_STALE_DEAL_LIMIT,
  moreWins: TODAY_WIN_LIMIT,
  moreRenewals: TODAY_RENEWAL_LIMIT,
  moreQuietAccounts: TODAY_STALE_LIMIT,
  moreLaterTasks: TODAY_TASK_LIMIT,
};

/** Days of silence after which an account in this stage can raise stale or churn; null: never. */
export function silenceThresholdDays(stage: AccountRow['stage'], playbook: ResolvedPlaybook): number | null {
  const cadence = playbook.stages[stage].cadenceDays;
  if (isLiveCustomerStage(stage)) return cadence === null ? CHURN_WARNING_DAYS : Math.min(cadence, CHURN_WARNING_DAYS);
  return cadence;
}

export interface TodayReadOptions {
  /** The rep: server id, else the local identity; their unassigned records count too. */
  repId: string | null;
  /** The team's reps, so a handoff names the CSM as the card does. */
  reps?: ReadonlyArray<{ id: string; name: string }>;
  timeZone?: string;
  playbook?: ResolvedPlaybook;
  /** How many of each bounded kind to list; the first page (`TODAY_FIRST_PAGE`) where not given. */
  limits?: Partial<TodayLimits>;
}

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

/** The windows of one read, the same for the first page and its counts. */
interface TodayWindow {
  now: number;
  /** Today's calendar date in the rep's time zone (renewals are dates). */
  today: string;
  weekEnd: number;
  /** Per stage with staleness: an account silent since this or earlier is quiet. */
  quietBefore: ReadonlyArray<readonly [string, number]>;
  /** Per open-deal stage with a cadence: a deal silent since before this (strictly) is stale. */
  staleDealBefore: ReadonlyArray<readonly [string, number]>;
}

function windowOf(now: number, timeZone: string, playbook: ResolvedPlaybook): TodayWindow {
  const quietBefore: Array<[string, number]> = [];
  for (const stage of STALE_ACCOUNT_STAGES) {
    const days = silenceThresholdDays(stage, playbook);
    if (days !== null) quietBefore.push([stage, now - days * DAY_MS]);
  }
  const staleDealBefore: Array<[string, number]> = [];
  for (const stage of PRE_SALE_STAGES) {
    const cadence = playbook.stages[stage].cadenceDays;
    if (cadence !== null) staleDealBefore.push([stage, now - cadence * DAY_MS]);
  }
  return { now, today: calendarDateOf(now, timeZone), weekEnd: thisWeekEndMs(now, timeZone), quietBefore, staleDealBefore };
}

/**
 * One owner key's index ranges, each a fresh collection in its index order: the first page reads
 * the first rows of each, the counts step counts them.
 */
function rangesOf(db: SidenoteDb, key: string, w: TodayWindow) {
  const taskIndex = () => db.activities.where('[authorKey+openTaskDueAt]');
  return {
    overdueTasks: () => taskIndex().between([key, Dexie.minKey], [key, w.now], true, false),
    weekTasks: () => taskIndex().between([key, w.now], [key, w.weekEnd], true, false),
    laterTasks: () => taskIndex().between([key, w.weekEnd], [key, Dexie.maxKey], true, true),
    promises: () => db.activities.where('[authorKey+followUpAt]').between([key, w.now - TODAY_PROMISE_LOOKBACK_DAYS * DAY_MS], [key, w.weekEnd], true, false),
    quiet: () => w.quietBefore.map(([stage, before]) => db.accounts.where('[ownerKey+stage+silentSince]').between([key, stage, Dexie.minKey], [key, stage, before], true, true)),
    // An open deal goes stale when its account's silence passes the deal stage's cadence:
    // strictly, as the rule says. The account row carries one key per open deal (v16,
    // lib/db/touch-summary.ts): [deal owner, deal stage, silent since, deal id].
    staleDeals: () => w.staleDealBefore.map(([stage, before]) => db.accounts.where('dealSilence').between([key, stage, Dexie.minKey], [key, stage, before], true, false)),
    renewals: () => db.accounts.where('[ownerKey+renewalDate]').between([key, addDaysToDate(w.today, -TODAY_RENEWAL_PASSED_DAYS)], [key, addDaysToDate(w.today, RENEWAL_SURVEY_LEAD_DAYS)], true, true),
    wins: () => db.deals.where('[ownerKey+stage+closedAt]').between([key, 'won', w.now - TODAY_WIN_LOOKBACK_DAYS * DAY_MS], [key, 'won', w.now], true, true),
  };
}

/** The first `limit` deals of a quiet-deal range (keys on their accounts, v16), each with the silence its key says. */
async function readStaleDeals(db: SidenoteDb, range: Collection<AccountRow, string, InsertType<AccountRow, 'id'>>, limit: number): Promise<DealRow[]> {
  const dealKeys = (await range.limit(limit).keys()) as unknown as Array<[string, string, number, string]>;
  const rows = await db.deals.bulkGet(dealKeys.map((dealKey) => dealKey[3]));
  return rows.flatMap((row, position) => (row ? [{ ...row, silentSince: dealKeys[position]![2] }] : []));
}

/** A promise kept by a later touch (the card's rule: one no earlier than a day before the promised date), by its account's last touch. */
function keptBy(promise: Activity, lastTouchAt: unknown): boolean {
  return typeof lastTouchAt === 'number' && lastTouchAt >= Math.max(promise.occurredAt + 1, promise.followUpAt! - FOLLOW_UP_EARLY_HOURS * HOUR_MS);
}

/**
 * What the left-out counts depend on, from the first page: the ranges to count, how many of each
 * the page listed, and the overdue promises it did not tell kept or unkept.
 */
export interface TodayTally {
  window: TodayWindow;
  /** The owner keys read: the rep's, and '' when records written before any identity exist. */
  keys: readonly string[];
  /** Rows of each bounded kind the first page holds (what the counts leave out). */
  listed: { overdueTasks: number; laterTasks: number; staleDeals: number; wins: number; quietAccounts: number };
  /** Accounts whose history the first page read: a renewal on one shows there and is not counted. */
  shown: ReadonlySet<string>;
  /**
   * Overdue promises past the page's, on accounts whose history was not read, the page's order:
   * each is counted unless its account's last touch keeps it.
   */
  promisesLeft: readonly Activity[];
  /** The last touch of the accounts the page read, so a promise left on one needs no read. */
  lastTouch: ReadonlyMap<string, unknown>;
}

/** The first page (what the list shows, no left-out counts) and what its counts need. */
export interface TodayFirstPage {
  input: TodayInput;
  tally: TodayTally;
}

/**
 * Everything `buildToday` needs for the first screen, read in one transaction: each kind's
 * first rows by index (`limit`), never a whole range nor a count, so its time does not grow with
 * the rep's book. The counts of what it leaves out come after (`countTodayLeftOut`); the input has
 * none (buildToday reads them as 0).
 */
export async function loadTodayFirstPage(db: SidenoteDb, now: number, options: TodayReadOptions): Promise<TodayFirstPage> {
  const timeZone = options.timeZone ?? 'UTC';
  const ownKeys = ownKeysOf(options.repId);
  const own = new Set(ownKeys);

  return db.transaction('r', [db.accounts, db.deals, db.activities, db.suggestionStates, db.playbooks], async () => {
    // The cadences decide which silences count, so the playbook comes first.
    const playbook = options.playbook ?? resolvePlaybook(await db.playbooks.toArray());
    const limits = { ...TODAY_FIRST_PAGE, ...options.limits };
    const w = windowOf(now, timeZone, playbook);
    const quietBefore = new Map(w.quietBefore);
    /** Silent past its stage's threshold: what the quiet ranges hold. */
    const isQuiet = (row: AccountRow) => {
      const before = quietBefore.get(row.stage);
      return before !== undefined && typeof row.silentSince === 'number' && row.silentSince <= before && own.has(row.ownerKey ?? '');
    };
    // Every range is read in its index order and cut at its limit, so its first rows are the ones
    // listed (the most overdue, the soonest, the most silent). The week's tasks and the promises
    // are read whole: the week's are all listed, and a promise's place depends on whether it was
    // kept, which its account row says.
    const readRanges = (keys: readonly string[]) => {
      const ranges = keys.map((key) => rangesOf(db, key, w));
      const each = <T>(read: (range: (typeof ranges)[number]) => Promise<T>) => Promise.all(ranges.map(read));
      return Promise.all([
        each((range) => range.overdueTasks().limit(limits.moreOverdueTasks).toArray()),
        each((range) => range.weekTasks().toArray()),
        each((range) => range.laterTasks().limit(limits.moreLaterTasks).toArray()),
        each((range) => range.promises().toArray()),
        Promise.all(ranges.flatMap((range) => range.quiet().map((quiet) => quiet.limit(limits.moreQuietAccounts).toArray()))),
        each((range) => range.renewals().limit(limits.moreRenewals).toArray()),
        each((range) => range.wins().reverse().limit(limits.moreWins).toArray()),
        Promise.all(ranges.flatMap((range) => range.staleDeals().map((deals) => readStaleDeals(db, deals, limits.moreStaleDeals)))),
      ]);
    };
    type Ranges = Awaited<ReturnType<typeof readRanges>>;
    // The rep's own key in every range, and the unassigned key ('') only when some index holds it
    // (records written before any identity): the probe costs one request per index instead of
    // doubling every range, and runs beside the rep's ranges, so no extra wait when it is empty.
    const [mine, unassigned] = await Promise.all([readRanges(ownKeys.slice(0, 1)), ownKeys.length > 1 ? holdsUnassigned(db) : Promise.resolve(false)]);
    const keys = unassigned ? ownKeys : ownKeys.slice(0, 1);
    const ranges = unassigned ? ((await readRanges(ownKeys.slice(1))).map((pages, index) => [...mine[index]!, ...pages]) as Ranges) : mine;
    const [tasksOverdue, tasksThisWeek, tasksLater, promisePages, quietPages, renewalPages, winPages, staleDealPages] = ranges;
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
    // Promises not yet due are all listed unless kept; overdue ones are told kept or unkept in
    // order, the most overdue first, until the page holds its limit of unkept ones.
    const promises = promisePages.flat().filter(live);
    const overdue = promises.filter((promise) => now > promise.followUpAt!).sort((a, b) => a.followUpAt! - b.followUpAt! || byId(a, b));
    const notDue = promises.filter((promise) => !(now > promise.followUpAt!));

    const accountRows = new Map<string, AccountRow>();
    for (const row of [...quietAccounts, ...renewalAccounts]) accountRows.set(row.id, row);
    const looked = new Set<string>(accountRows.keys());
    const accountIds = new Set<string>([...accountRows.keys(), ...wonDeals.map((deal) => deal.accountId), ...staleDealsListed.map((deal) => deal.accountId)]);
    for (const activity of [...tasks.filter(live), ...notDue, ...overdue.slice(0, limits.moreOverduePromises)]) if (activity.accountId) accountIds.add(activity.accountId);
    const readAccounts = async (ids: readonly string[]) => {
      const unread = [...new Set(ids)].filter((id) => !looked.has(id));
      for (const id of unread) looked.add(id);
      if (unread.length) for (const row of await db.accounts.bulkGet(unread)) if (row) accountRows.set(row.id, row);
    };

    const historyFor = new Set<string>([
      ...quietAccounts.map((row) => row.id),
      ...renewalAccounts.map((row) => row.id),
      ...wonDeals.map((deal) => deal.accountId),
      ...staleDealsListed.map((deal) => deal.accountId),
    ]);
    // The latest activities of the accounts already known to need them are read beside the
    // account rows, not after them (only the promises' accounts wait for their rows).
    const latest = new Map([...historyFor].map((id) => [id, latestActivities(db, id)] as const));
    await readAccounts([...accountIds]);

    const kept = (promise: Activity) => keptBy(promise, accountRows.get(promise.accountId!)?.lastTouchAt);
    const overdueListed: Activity[] = [];
    let checked = 0;
    // The first page's worth of overdue promises had their accounts read above; a kept one makes
    // room for the next, whose accounts are read a page's worth at a time.
    while (overdueListed.length < limits.moreOverduePromises && checked < overdue.length) {
      const next = overdue.slice(checked, checked + Math.max(1, limits.moreOverduePromises));
      await readAccounts(next.flatMap((promise) => (promise.accountId ? [promise.accountId] : [])));
      for (const promise of next) {
        if (overdueListed.length >= limits.moreOverduePromises) break;
        checked++;
        if (!kept(promise)) overdueListed.push(promise);
      }
    }
    for (const promise of overdueListed) historyFor.add(promise.accountId!);
    // Past the page's, an overdue promise still shows when its account is read anyway (the
    // card's rule raises it there; its row is known); elsewhere it is only counted (step two).
    const promisesLeft: Activity[] = [];
    const openIds = new Set<string>([...notDue, ...overdueListed].filter((promise) => !kept(promise)).map((promise) => promise.id));
    for (const promise of overdue.slice(checked)) {
      if (!historyFor.has(promise.accountId!)) promisesLeft.push(promise);
      else if (!kept(promise)) openIds.add(promise.id);
    }
    const openPromises = promises.filter((promise) => openIds.has(promise.id));
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
        else if (row.openTaskDueAt >= w.weekEnd && ownActivityIds.has(row.id)) listedLater.add(row.id);
      }
      const suggestionStates = [id, ...deals.map((deal) => deal.id)].flatMap((subjectId) => statesBySubject.get(subjectId) ?? []);
      return { account, deals, activities: [...byId.values()], suggestionStates, tasksOnly: tasksOnly.has(id) };
    });

    const shown = new Set(ids.filter((id) => !tasksOnly.has(id)));
    const lastTouch = new Map<string, unknown>();
    for (const [id, row] of accountRows) lastTouch.set(id, row.lastTouchAt);
    return {
      input: { accounts, ownActivityIds, playbook, timeZone, viewerId: options.repId, reps: options.reps ?? [] },
      tally: {
        window: w,
        keys,
        listed: {
          overdueTasks: listedOverdue.size,
          laterTasks: listedLater.size,
          staleDeals: staleDealsListed.length,
          wins: wonDeals.length,
          // Quiet accounts listed: those in the ranges whose history was read.
          quietAccounts: [...shown].filter((id) => isQuiet(accountRows.get(id)!)).length,
        },
        shown,
        promisesLeft,
        lastTouch,
      },
    };
  });
}

/**
 * The second step: how many of each kind the first page left out, in one transaction. Counting
 * a range walks it (IndexedDB's `count` is linear in the range), so the list is shown first and
 * its "N more" lines follow. A write between the two steps re-runs both (the view reads them live).
 */
export async function countTodayLeftOut(db: SidenoteDb, tally: TodayTally): Promise<TodayLeftOut> {
  return db.transaction('r', [db.accounts, db.deals, db.activities], async () => {
    const ranges = tally.keys.map((key) => rangesOf(db, key, tally.window));
    const sum = (counts: number[]) => counts.reduce((total, count) => total + count, 0);
    const unread = [...new Set(tally.promisesLeft.map((promise) => promise.accountId!))].filter((id) => !tally.lastTouch.has(id));
    const [overdueCounts, laterCounts, quietCounts, renewalIds, winCounts, staleDealCounts, rows] = await Promise.all([
      Promise.all(ranges.map((range) => range.overdueTasks().count())),
      Promise.all(ranges.map((range) => range.laterTasks().count())),
      Promise.all(ranges.flatMap((range) => range.quiet().map((quiet) => quiet.count()))),
      // Ids only: a renewal past the limit still shows when its account is read anyway, and is then not counted.
      Promise.all(ranges.map((range) => range.renewals().primaryKeys())),
      Promise.all(ranges.map((range) => range.wins().count())),
      Promise.all(ranges.flatMap((range) => range.staleDeals().map((deals) => deals.count()))),
      unread.length ? db.accounts.bulkGet(unread) : Promise.resolve([] as Array<AccountRow | undefined>),
    ]);
    const lastTouch = new Map(tally.lastTouch);
    rows.forEach((row, position) => lastTouch.set(unread[position]!, row?.lastTouchAt));
    const { listed } = tally;
    return {
      moreOverdueTasks: Math.max(0, sum(overdueCounts) - listed.overdueTasks),
      moreOverduePromises: tally.promisesLeft.filter((promise) => !keptBy(promise, lastTouch.get(promise.accountId!))).length,
      // Quiet deals past the limit: counted; the index holds a deal only while its account is live.
      moreStaleDeals: sum(staleDealCounts) - listed.staleDeals,
      moreWins: sum(winCounts) - listed.wins,
      moreRenewals: renewalIds.flat().filter((id) => !tally.shown.has(id as string)).length,
      moreQuietAccounts: Math.max(0, sum(quietCounts) - listed.quietAccounts),
      moreLaterTasks: Math.max(0, sum(laterCounts) - listed.laterTasks),
    };
  });
}

/** The first page and its counts: everything `buildToday` needs. */
export async function loadTodayInput(db: SidenoteDb, now: number, options: TodayReadOptions): Promise<TodayInput> {
  const page = await loadTodayFirstPage(db, now, options);
  return { ...page.input, ...(await countTodayLeftOut(db, page.tally)) };
}
