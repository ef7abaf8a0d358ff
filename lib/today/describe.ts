import type { Activity, Locale } from '../schemas';
import { cutText } from '../schemas/text';
import { explainSuggestion } from '../funnel/explain';
import { funnelFormatters } from '../funnel/format';
import { funnelMessages } from '../i18n/messages/funnel';
import { todayMessages } from '../i18n/messages/today';
import type { TodayItem } from './build';

export interface TodayItemText {
  title: string;
  reason: string;
}

/** What a task is called: the card's wording (subject, else next step, else the body's first line). */
export function taskTitleOf(task: Activity): string {
  return task.subject ?? task.nextStep ?? cutText(task.body.split('\n')[0] ?? '', 120);
}

/** An item's title and reason; card items in the card's own words, so the two never disagree. */
export function describeTodayItem(item: TodayItem, locale: Locale, timeZone?: string): TodayItemText {
  if (item.suggestion) {
    const text = explainSuggestion(item.suggestion, locale, timeZone);
    return { title: text.title, reason: text.reason };
  }
  const activity = item.activity!;
  const f = funnelFormatters(locale, timeZone);
  const t = todayMessages[locale];
  if (item.kind === 'task') return { title: taskTitleOf(activity), reason: t.taskReason(f.dateTime(activity.dueAt!)) };
  return {
    title: funnelMessages[locale].titleFollowUp(activity.nextStep),
    reason: t.followUpReason(f.date(activity.occurredAt), f.date(activity.followUpAt!)),
  };
}
