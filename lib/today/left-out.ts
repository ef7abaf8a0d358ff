/**
 * What the read left out beyond its limits, in the order the list words them: the rep's
 * overdue tasks and promises (it lists the most overdue), quiet deals (the most silent), recent
 * wins (the latest), renewals in the window (the earliest), quiet accounts (the most silent)
 * and tasks due after this week (the soonest).
 */
export const TODAY_LEFT_OUT = ['moreOverdueTasks', 'moreOverduePromises', 'moreStaleDeals', 'moreWins', 'moreRenewals', 'moreQuietAccounts', 'moreLaterTasks'] as const;
export type TodayLeftOutKey = (typeof TODAY_LEFT_OUT)[number];
export type TodayLeftOut = Record<TodayLeftOutKey, number>;

/**
 * How many of each bounded kind the read lists, keyed like the count of what it leaves out: the
 * rep pages through a kind by raising its limit (`withNextPage`), so nothing counted is out of
 * reach.
 */
export type TodayLimits = Record<TodayLeftOutKey, number>;

/** Items of one kind a "show more" adds. */
export const TODAY_PAGE_STEP = 25;

/** Each left-out count of a partial set, 0 where none was given. */
export function leftOutCounts(counts: Partial<TodayLeftOut> | null | undefined): TodayLeftOut {
  return Object.fromEntries(TODAY_LEFT_OUT.map((key) => [key, counts?.[key] ?? 0])) as TodayLeftOut;
}

/** The limits with one kind's raised by a page; the others stay. */
export function withNextPage(limits: TodayLimits, key: TodayLeftOutKey, step = TODAY_PAGE_STEP): TodayLimits {
  return { ...limits, [key]: limits[key] + step };
}
