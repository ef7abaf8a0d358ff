import type { Activity, Locale } from '../schemas';
import { funnelFormatters } from '../funnel/format';
import { funnelMessages } from '../i18n/messages/funnel';

export interface ReminderText {
  title: string;
  message: string;
}

const MAX_DETAIL_CHARACTERS = 140;

function firstLine(text: string | null | undefined): string | null {
  const line = text?.split('\n').find((candidate) => candidate.trim() !== '')?.trim();
  if (!line) return null;
  const characters = Array.from(line);
  return characters.length > MAX_DETAIL_CHARACTERS ? `${characters.slice(0, MAX_DETAIL_CHARACTERS - 1).join('')}…` : line;
}

/** What a reminder notification says, in the rep's language. */
export function describeReminder(task: Activity, accountName: string | null, locale: Locale, timeZone?: string): ReminderText {
  const m = funnelMessages[locale];
  if (task.reminder === 'no_reply') {
    const subject = firstLine(task.source?.threadSubject) ?? firstLine(task.subject) ?? m.reminderUntitledTask;
    const sentOn = funnelFormatters(locale, timeZone).dateTime(task.occurredAt);
    return { title: m.reminderNoReplyTitle(subject), message: m.reminderMessage(accountName, m.reminderNoReplyDetail(sentOn)) };
  }
  const title = firstLine(task.subject) ?? firstLine(task.nextStep) ?? firstLine(task.body) ?? m.reminderUntitledTask;
  const detail = firstLine(task.subject) ? (firstLine(task.nextStep) ?? firstLine(task.body)) : null;
  return { title: m.reminderDueTitle(title), message: m.reminderMessage(accountName, detail === title ? null : detail) };
}
