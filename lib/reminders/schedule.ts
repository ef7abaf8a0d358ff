import type { Activity } from '../schemas';
import { DAY_MS } from '../funnel/time';

/**
 * Which reminder alarms should exist, given the tasks and the clock. Pure: the browser adapter
 * (./browser.ts) reconciles the real alarms with this plan.
 *
 * An alarm's name carries the task id and its due time, so a rescheduled task gets a new alarm
 * and a reminder that already fired for the old time does not block the new one.
 */

export const REMINDER_ALARM_PREFIX = 'sidenote-reminder:';
export const REMINDER_NOTIFICATION_PREFIX = 'sidenote-reminder:';
/** The adapter's own periodic alarm: re-plans reminders and checks no-reply threads. */
export const REMINDER_REFRESH_ALARM = 'sidenote-reminders-refresh';
export const REMINDER_REFRESH_MINUTES = 30;
/** A reminder that fell due while the browser was closed still fires at start-up, up to this late. */
export const MISSED_REMINDER_WINDOW_MS = 7 * DAY_MS;
/**
 * Chrome allows an extension 500 active alarms; keep the nearest ones and let the periodic
 * refresh schedule later ones as their time approaches.
 */
export const MAX_REMINDER_ALARMS = 400;

/** An open task whose due time should raise a notification. */
export function needsReminder(task: Activity): boolean {
  return task.type === 'task' && task.deletedAt === null && task.completedAt === null && task.dueAt !== null && task.reminder !== null;
}

export function alarmNameFor(task: Pick<Activity, 'id' | 'dueAt'>): string {
  return `${REMINDER_ALARM_PREFIX}${task.id}@${task.dueAt ?? 0}`;
}

export function parseAlarmName(name: string): { taskId: string; dueAt: number } | null {
  if (!name.startsWith(REMINDER_ALARM_PREFIX)) return null;
  const rest = name.slice(REMINDER_ALARM_PREFIX.length);
  const at = rest.lastIndexOf('@');
  if (at <= 0) return null;
  const dueAt = Number(rest.slice(at + 1));
  if (!Number.isSafeInteger(dueAt)) return null;
  return { taskId: rest.slice(0, at), dueAt };
}

/** The notification's id names the task and its account, so a click can open the sidebar there. */
export function notificationIdFor(task: Pick<Activity, 'id' | 'accountId'>): string {
  return `${REMINDER_NOTIFICATION_PREFIX}${task.id}:${task.accountId ?? ''}`;
}

function parseNotificationId(notificationId: string): { taskId: string; accountId: string | null } | null {
  if (!notificationId.startsWith(REMINDER_NOTIFICATION_PREFIX)) return null;
  const [taskId, accountId] = notificationId.slice(REMINDER_NOTIFICATION_PREFIX.length).split(':');
  if (!taskId) return null;
  return { taskId, accountId: accountId ? accountId : null };
}

/** The account a clicked reminder notification is about; null for other notifications. */
export function accountIdFromNotificationId(notificationId: string): string | null {
  return parseNotificationId(notificationId)?.accountId ?? null;
}

export function taskIdFromNotificationId(notificationId: string): string | null {
  return parseNotificationId(notificationId)?.taskId ?? null;
}

export interface PlannedAlarm {
  name: string;
  when: number;
  taskId: string;
}

export interface ReminderPlan {
  /** Alarms that should exist, nearest first. */
  alarms: PlannedAlarm[];
  /** Tasks already due that were never notified (the browser was closed): notify now. */
  fireNow: Activity[];
  /** Names of every reminder still relevant, to prune the record of what was notified. */
  relevant: Set<string>;
}

/**
 * @param notified alarm names whose notification was already shown.
 */
export function planReminders(tasks: readonly Activity[], now: number, notified: ReadonlySet<string>): ReminderPlan {
  const alarms: PlannedAlarm[] = [];
  const fireNow: Activity[] = [];
  const relevant = new Set<string>();
  for (const task of tasks) {
    if (!needsReminder(task)) continue;
    const name = alarmNameFor(task);
    const dueAt = task.dueAt!;
    relevant.add(name);
    if (dueAt > now) alarms.push({ name, when: dueAt, taskId: task.id });
    else if (!notified.has(name) && now - dueAt <= MISSED_REMINDER_WINDOW_MS) fireNow.push(task);
  }
  alarms.sort((a, b) => a.when - b.when || (a.name < b.name ? -1 : 1));
  fireNow.sort((a, b) => a.dueAt! - b.dueAt!);
  return { alarms: alarms.slice(0, MAX_REMINDER_ALARMS), fireNow, relevant };
}
