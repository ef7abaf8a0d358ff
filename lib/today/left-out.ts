/**
 * What the read left out beyond its limits, in the order the list words them: the rep's
 * overdue tasks and promises (it lists the most overdue), quiet deals (the most silent), recent
 * wins (the latest), renewals in the window (the earliest), quiet accounts (the most silent)
 * and tasks due after this week (the soonest).
 */
export const TODAY_LEFT_OUT = ['moreOverdueTasks', 'moreOverduePromises', 'moreStaleDeals', 'moreWins', 'moreRenewals', 'moreQuietAccounts', 'moreLaterTasks'] as const;
export type TodayLeftOut = Record<(typeof TODAY_LEFT_OUT)[number], number>;

/** Each left-out count of a partial set, 0 where none was given. */
export function leftOutCounts(counts: Partial<TodayLeftOut> | null | undefined): TodayLeftOut {
  return Object.fromEntries(TODAY_LEFT_OUT.map((key) => [key, counts?.[key] ?? 0])) as TodayLeftOut;
}
