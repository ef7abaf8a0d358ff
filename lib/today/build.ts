import type { Account, Activity, Deal, SuggestionState } from '../schemas';
import type { ResolvedPlaybook } from '../funnel/playbook';
import { isOpenDealStage } from '../funnel/stages';
import { computeSuggestions, FOLLOW_UP_EARLY_HOURS } from '../funnel/suggest';
import { isSuggestionHidden } from '../funnel/suggestion-state';
import type { SubjectRef, Suggestion, SuggestionRule } from '../funnel/suggestion-types';
import { addDaysToDate, calendarDateOf, HOUR_MS, startOfDateMs } from '../funnel/time';
import { leftOutCounts, type TodayLeftOut } from './left-out';

/**
 * Today: the rep's own work across accounts, grouped by urgency. A pure function of the
 * records the Dexie read gathered (lib/db/today.ts) and the clock. Every item that the
 * account's card also shows comes from the same rules (`computeSuggestions`), so its key,
 * reason and done/snooze are the card's; the only items of Today's own are open tasks and
 * promised follow-ups not yet due, which no card rule raises before their time.
 */

/** The card's rules that are the rep's work for Today; facts and playbook steps stay on the card. */
export const TODAY_RULES: ReadonlySet<SuggestionRule> = new Set<SuggestionRule>([
  'overdueTask',
  'taskDueSoon',
  'overdueFollowUp',
  'handoff',
  'needsVerification',
  'renewalSurvey',
  'renewalDatePassed',
  'stale',
  'churnWarning',
]);

export const TODAY_GROUPS = ['overdue', 'today', 'thisWeek', 'later'] as const;
export type TodayGroup = (typeof TODAY_GROUPS)[number];

/** "This week" is the next seven calendar days after today in the rep's time zone. */
export const THIS_WEEK_DAYS = 7;

/** One account's records as the read found them: recent history plus the rep's tasks and promises on it. */
export interface TodayAccountInput {
  account: Account;
  /** Won deals closed recently and the rep's open deals on this account. */
  deals: readonly Deal[];
  activities: readonly Activity[];
  suggestionStates: readonly SuggestionState[];
  /**
   * Found only through the rep's tasks or promises not yet due on it: its history was not
   * read, so only those are listed, never a silence the missing history would fake.
   */
  tasksOnly?: boolean;
}

const TASK_RULES: ReadonlySet<SuggestionRule> = new Set<SuggestionRule>(['overdueTask', 'taskDueSoon']);

export interface TodayInput extends Partial<TodayLeftOut> {
  accounts: readonly TodayAccountInput[];
  /** Open tasks and promised follow-ups the rep wrote; a task or promise on an account not listed is skipped. */
  ownActivityIds: ReadonlySet<string>;
  playbook?: ResolvedPlaybook;
  timeZone?: string;
  /** The rep looking and the team's reps: the card's handoff and verification words depend on them. */
  viewerId?: string | null;
  reps?: ReadonlyArray<{ id: string; name: string }>;
}

export type TodayItemKind = 'suggestion' | 'task' | 'followUp';

export interface TodayItem {
  /** Unique in the list: the subject and the suggestion key. */
  id: string;
  kind: TodayItemKind;
  group: TodayGroup;
  /** When it is (or was) due; renewal items carry the renewal day; null when undated. */
  at: number | null;
  account: Pick<Account, 'id' | 'name'>;
  subject: SubjectRef;
  /** The card's suggestion, for the card's text, dismiss and snooze; null for Today's own items. */
  suggestion: Suggestion | null;
  /** Today's own items: the task or the note holding the promise. */
  activity: Activity | null;
  /** The task that "done" completes, when the item is about one. */
  taskId: string | null;
  /** The key snooze and dismiss record under (the card's key for the same situation). */
  key: string;
}

export interface TodayResult extends TodayLeftOut {
  groups: Record<TodayGroup, TodayItem[]>;
  /** Items hidden by the rep's snooze or dismiss, for an "n snoozed" note. */
  hiddenCount: number;
}

/** Which group a due time falls in, by calendar day in the rep's time zone. */
export function groupOf(at: number | null, now: number, timeZone: string): TodayGroup {
  if (at === null) return 'later';
  if (at < now) return 'overdue';
  const today = calendarDateOf(now, timeZone);
  const tomorrowStart = startOfDateMs(addDaysToDate(today, 1), timeZone);
  if (at < tomorrowStart) return 'today';
  const weekEnd = startOfDateMs(addDaysToDate(today, THIS_WEEK_DAYS + 1), timeZone);
  return at < weekEnd ? 'thisWeek' : 'later';
}

/** The end of the window the read must cover for the "this week" group. */
export function thisWeekEndMs(now: number, timeZone = 'UTC'): number {
  return startOfDateMs(addDaysToDate(calendarDateOf(now, timeZone), THIS_WEEK_DAYS + 1), timeZone);
}

/**
 * When a card item belongs: its due time; a renewal by its renewal day (the survey is due
 * while the window is open, the date says how close it is); stale and churn by when the
 * silence began to count.
 */
function itemAt(suggestion: Suggestion, timeZone: string): number | null {
  const detail = suggestion.detail;
  if (detail.rule === 'renewalSurvey') return startOfDateMs(detail.renewalDate, timeZone);
  return suggestion.dueAt;
}

function taskIdOf(suggestion: Suggestion): string | null {
  return suggestion.action.taskId;
}

function compareItems(a: TodayItem, b: TodayItem): number {
  const aAt = a.at ?? Number.POSITIVE_INFINITY;
  const bAt = b.at ?? Number.POSITIVE_INFINITY;
  if (aAt !== bAt) return aAt - bAt;
  const aPriority = a.suggestion?.priority ?? 0;
  const bPriority = b.suggestion?.priority ?? 0;
  if (aPriority !== bPriority) return bPriority - aPriority;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function openDealsOf(entry: TodayAccountInput): Deal[] {
  return entry.deals.filter((deal) => deal.deletedAt === null && isOpenDealStage(deal.stage));
}

/**
 * The rep's Today list: card suggestions of the Today rules for each account (and "stale"
 * for each of the rep's open deals), plus the rep's open tasks and dated promises that no
 * rule has raised yet. Same input and clock, same list.
 */
export function buildToday(input: TodayInput, now: number): TodayResult {
  const timeZone = input.timeZone ?? 'UTC';
  const groups: Record<TodayGroup, TodayItem[]> = { overdue: [], today: [], thisWeek: [], later: [] };
  const seen = new Set<string>();
  let hiddenCount = 0;
  const push = (item: Omit<TodayItem, 'group' | 'id'>) => {
    const id = `${item.subject.type}:${item.subject.id}:${item.key}`;
    if (seen.has(id)) return;
    seen.add(id);
    groups[groupOf(item.at, now, timeZone)].push({ ...item, id, group: groupOf(item.at, now, timeZone) });
  };

  for (const entry of input.accounts) {
    const account = entry.account;
    if (account.deletedAt !== null) continue;
    const accountRef = { id: account.id, name: account.name };
    const base = {
      contacts: [],
      deals: entry.deals,
      activities: entry.activities,
      suggestionStates: entry.suggestionStates,
      playbook: input.playbook,
      timeZone,
      viewerId: input.viewerId ?? null,
      reps: input.reps ?? [],
    };
    const results = [computeSuggestions({ ...base, subject: { type: 'account', account } }, now)];
    for (const deal of openDealsOf(entry)) {
      results.push(computeSuggestions({ ...base, subject: { type: 'deal', deal, account } }, now));
    }
    const raised = new Set<string>();
    const rules = entry.tasksOnly ? TASK_RULES : TODAY_RULES;
    for (const [index, result] of results.entries()) {
      for (const hidden of result.hidden) {
        if (!rules.has(hidden.suggestion.rule) || (index > 0 && hidden.suggestion.rule !== 'stale')) continue;
        raised.add(hidden.suggestion.key);
        hiddenCount++;
      }
      for (const suggestion of result.visible) {
        if (!rules.has(suggestion.rule)) continue;
        // A deal's view repeats the account's tasks and promises; Today keeps the deal's staleness only.
        if (index > 0 && suggestion.rule !== 'stale') continue;
        raised.add(suggestion.key);
        push({
          kind: 'suggestion',
          at: itemAt(suggestion, timeZone),
          account: accountRef,
          subject: suggestion.subject,
          suggestion,
          activity: null,
          taskId: taskIdOf(suggestion),
          key: suggestion.key,
        });
      }
    }
    // The rep's own tasks and promises that are not due yet: the card raises them only late.
    for (const activity of entry.activities) {
      if (activity.deletedAt !== null || !input.ownActivityIds.has(activity.id)) continue;
      const subject: SubjectRef = { type: 'account', id: account.id };
      if (activity.type === 'task' && activity.completedAt === null && activity.dueAt !== null) {
        const key = `task:${activity.id}`;
        if (raised.has(key)) continue;
        if (isSuggestionHidden({ subject, key }, entry.suggestionStates, now)) {
          hiddenCount++;
          continue;
        }
        push({ kind: 'task', at: activity.dueAt, account: accountRef, subject, suggestion: null, activity, taskId: activity.id, key });
      } else if (activity.type !== 'task' && activity.followUpAt !== null && activity.followUpAt >= now) {
        const key = `followUp:${activity.id}`;
        if (raised.has(key) || keptAfter(activity, entry.activities)) continue;
        if (isSuggestionHidden({ subject, key }, entry.suggestionStates, now)) {
          hiddenCount++;
          continue;
        }
        push({ kind: 'followUp', at: activity.followUpAt, account: accountRef, subject, suggestion: null, activity, taskId: null, key });
      }
    }
  }
  for (const group of TODAY_GROUPS) groups[group].sort(compareItems);
  return {
    groups,
    hiddenCount,
    ...leftOutCounts(input),
  };
}

const TOUCH_TYPES = new Set(['note', 'call', 'email', 'meeting', 'visit', 'message']);

/** The card's rule for a kept promise: a touch after it was made, no earlier than a day before its date. */
function keptAfter(promise: Activity, activities: readonly Activity[]): boolean {
  const keptFrom = Math.max(promise.occurredAt + 1, (promise.followUpAt ?? promise.occurredAt) - FOLLOW_UP_EARLY_HOURS * HOUR_MS);
  return activities.some((other) => other.id !== promise.id && other.deletedAt === null && TOUCH_TYPES.has(other.type) && other.occurredAt >= keptFrom);
}

/** The items in the order the list shows them, for arrow-key navigation. */
export function flattenToday(result: TodayResult): TodayItem[] {
  return TODAY_GROUPS.flatMap((group) => result.groups[group]);
}
