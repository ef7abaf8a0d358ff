import type { Activity, Locale } from '../schemas';
import { describeReminder } from './message';
import {
  REMINDER_ALARM_PREFIX,
  REMINDER_REFRESH_ALARM,
  REMINDER_REFRESH_MINUTES,
  alarmNameFor,
  needsReminder,
  notificationIdFor,
  parseAlarmName,
  planReminders,
} from './schedule';

/**
 * The thin layer between the reminder plan and the browser: alarms (which survive restarts in
 * Chrome), notifications, and a little storage for which reminders were already shown (so a
 * restart or a re-sync never shows the same one twice). The browser API is injected: the
 * background passes `browser` from WXT, tests pass WXT's fakeBrowser.
 */

export interface ReminderAlarm {
  name: string;
  scheduledTime: number;
}

export interface ReminderBrowser {
  alarms: {
    create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void>;
    clear(name: string): Promise<boolean>;
    getAll(): Promise<ReminderAlarm[]>;
  };
  notifications: {
    create(id: string, options: { type: 'basic'; iconUrl: string; title: string; message: string; priority?: number }): Promise<string>;
    clear(id: string): Promise<boolean>;
  };
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
}

/** The reminders' state in `storage.local`: alarm name → when its notification was shown. */
export const NOTIFIED_STORAGE_KEY = 'sidenote.reminders.notified';

export interface ReminderTaskContext {
  task: Activity;
  accountName: string | null;
}

export interface ReminderServiceOptions {
  browser: ReminderBrowser;
  /** Open tasks that have a reminder (see `loadReminderTasks` in lib/db/funnel-queries). */
  loadTasks: () => Promise<Activity[]>;
  /**
   * One task as it stands now, with its account's name; null when it is gone. Clear answered
   * no-reply tasks before answering, so a reply that arrived stops the reminder.
   */
  loadTask: (taskId: string) => Promise<ReminderTaskContext | null>;
  locale: () => Locale | Promise<Locale>;
  timeZone?: string;
  /** Chrome requires an icon, e.g. `browser.runtime.getURL('/icon/128.png')`. */
  iconUrl: string;
  now?: () => number;
}

export interface ReminderSyncResult {
  scheduled: number;
  cleared: number;
  notified: string[];
}

export interface ReminderService {
  /** Recompute alarms from the tasks and show reminders missed while the browser was closed. */
  sync(): Promise<ReminderSyncResult>;
  /** For `alarms.onAlarm`: true when the alarm was a reminder's (or the refresh) and was handled. */
  handleAlarm(alarm: { name: string }): Promise<boolean>;
}

async function readNotified(browser: ReminderBrowser): Promise<Record<string, number>> {
  const stored = (await browser.storage.local.get(NOTIFIED_STORAGE_KEY))[NOTIFIED_STORAGE_KEY];
  if (!stored || typeof stored !== 'object') return {};
  const notified: Record<string, number> = {};
  for (const [name, at] of Object.entries(stored as Record<string, unknown>)) if (typeof at === 'number') notified[name] = at;
  return notified;
}

export function createReminderService(options: ReminderServiceOptions): ReminderService {
  const { browser } = options;
  const clock = options.now ?? Date.now;
  // One sync at a time: a storm of task writes must not interleave alarm clears and creates.
  let running: Promise<unknown> = Promise.resolve();
  const serialize = <T>(work: () => Promise<T>): Promise<T> => {
    const next = running.then(work, work);
    running = next.catch(() => undefined);
    return next;
  };

  async function show(context: ReminderTaskContext, notified: Record<string, number>, now: number): Promise<string> {
    const locale = await options.locale();
    const text = describeReminder(context.task, context.accountName, locale, options.timeZone);
    const id = notificationIdFor(context.task);
    await browser.notifications.create(id, { type: 'basic', iconUrl: options.iconUrl, title: text.title, message: text.message, priority: 2 });
    notified[alarmNameFor(context.task)] = now;
    return id;
  }

  async function syncNow(): Promise<ReminderSyncResult> {
    const now = clock();
    const [tasks, notified, existing] = await Promise.all([options.loadTasks(), readNotified(browser), browser.alarms.getAll()]);
    const plan = planReminders(tasks, now, new Set(Object.keys(notified)));
    const wanted = new Map(plan.alarms.map((alarm) => [alarm.name, alarm.when]));
    let cleared = 0;
    const present = new Set<string>();
    for (const alarm of existing) {
      if (!alarm.name.startsWith(REMINDER_ALARM_PREFIX)) continue;
      if (wanted.get(alarm.name) === alarm.scheduledTime) present.add(alarm.name);
      else if (await browser.alarms.clear(alarm.name)) cleared++;
    }
    let scheduled = 0;
    for (const alarm of plan.alarms) {
      if (present.has(alarm.name)) continue;
      await browser.alarms.create(alarm.name, { when: alarm.when });
      scheduled++;
    }
    if (!existing.some((alarm) => alarm.name === REMINDER_REFRESH_ALARM)) {
      await browser.alarms.create(REMINDER_REFRESH_ALARM, { periodInMinutes: REMINDER_REFRESH_MINUTES, delayInMinutes: REMINDER_REFRESH_MINUTES });
    }
    const shown: string[] = [];
    for (const task of plan.fireNow) {
      const context = await options.loadTask(task.id);
      if (!context || !needsReminder(context.task) || context.task.dueAt !== task.dueAt) continue;
      shown.push(await show(context, notified, now));
    }
    const kept: Record<string, number> = {};
    for (const [name, at] of Object.entries(notified)) if (plan.relevant.has(name)) kept[name] = at;
    await browser.storage.local.set({ [NOTIFIED_STORAGE_KEY]: kept });
    return { scheduled, cleared, notified: shown };
  }

  async function fireAlarm(name: string): Promise<boolean> {
    const parsed = parseAlarmName(name);
    if (!parsed) return false;
    const context = await options.loadTask(parsed.taskId);
    // Done, deleted, rescheduled or answered since the alarm was set: stay quiet.
    if (!context || !needsReminder(context.task) || context.task.dueAt !== parsed.dueAt) return true;
    const notified = await readNotified(browser);
    if (notified[name] !== undefined) return true;
    await show(context, notified, clock());
    await browser.storage.local.set({ [NOTIFIED_STORAGE_KEY]: notified });
    return true;
  }

  return {
    sync: () => serialize(syncNow),
    handleAlarm: (alarm) => {
      if (alarm.name === REMINDER_REFRESH_ALARM) return serialize(syncNow).then(() => true);
      if (!alarm.name.startsWith(REMINDER_ALARM_PREFIX)) return Promise.resolve(false);
      return serialize(() => fireAlarm(alarm.name));
    },
  };
}
