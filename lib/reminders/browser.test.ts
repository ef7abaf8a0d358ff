import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Activity } from '../schemas';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import { T0, makeAccount, makeActivity } from '../funnel/testing';
import { NOTIFIED_STORAGE_KEY, createReminderService } from './browser';
import { REMINDER_REFRESH_ALARM, accountIdFromNotificationId, alarmNameFor } from './schedule';

const account = makeAccount({ name: 'Acme Retail' });
const task = (dueAt: number, fields: Partial<Activity> = {}) =>
  makeActivity(account, { type: 'task', occurredAt: T0 - DAY_MS, dueAt, reminder: 'due', subject: 'Call back Li Na', ...fields });

function service(tasks: Activity[], now: { value: number }) {
  return createReminderService({
    browser: fakeBrowser,
    loadTasks: async () => tasks,
    loadTask: async (id) => {
      const found = tasks.find((candidate) => candidate.id === id);
      return found ? { task: found, accountName: account.name } : null;
    },
    locale: () => 'en',
    iconUrl: 'chrome-extension://test/icon/128.png',
    now: () => now.value,
  });
}

const reminderAlarms = async () => (await fakeBrowser.alarms.getAll()).filter((alarm) => alarm.name !== REMINDER_REFRESH_ALARM);
const shown = () => fakeBrowser.notifications.getAllCreateOptions() as Record<string, { title: string; message: string }>;

beforeEach(() => {
  fakeBrowser.reset();
});

describe('reminder service', () => {
  it('sets an alarm at each due time and a periodic refresh', async () => {
    const soon = task(T0 + HOUR_MS);
    const later = task(T0 + DAY_MS);
    await service([soon, later], { value: T0 }).sync();
    expect((await reminderAlarms()).map((alarm) => [alarm.name, alarm.scheduledTime]).sort()).toEqual(
      [[alarmNameFor(soon), T0 + HOUR_MS], [alarmNameFor(later), T0 + DAY_MS]].sort(),
    );
    expect((await fakeBrowser.alarms.get(REMINDER_REFRESH_ALARM))?.periodInMinutes).toBe(30);
  });

  it('raises a notification when the alarm fires, whose id leads back to the account', async () => {
    const due = task(T0 + HOUR_MS);
    const now = { value: T0 };
    const reminders = service([due], now);
    await reminders.sync();
    now.value = T0 + HOUR_MS;
    expect(await reminders.handleAlarm({ name: alarmNameFor(due) })).toBe(true);
    const notifications = shown();
    const [id] = Object.keys(notifications);
    expect(notifications[id!]).toMatchObject({ type: 'basic', title: 'Follow-up due: Call back Li Na', message: 'Acme Retail' });
    expect(accountIdFromNotificationId(id!)).toBe(account.id);
  });

  it('recomputes when tasks change: a done task loses its alarm, a moved one gets a new one', async () => {
    const first = task(T0 + HOUR_MS);
    const second = task(T0 + 2 * HOUR_MS);
    const tasks = [first, second];
    const reminders = service(tasks, { value: T0 });
    await reminders.sync();
    tasks[0] = { ...first, completedAt: T0 };
    tasks[1] = { ...second, dueAt: T0 + 5 * HOUR_MS };
    const result = await reminders.sync();
    expect(result).toMatchObject({ cleared: 2, scheduled: 1 });
    expect((await reminderAlarms()).map((alarm) => alarm.scheduledTime)).toEqual([T0 + 5 * HOUR_MS]);
  });

  it('leaves alarms it does not own alone', async () => {
    await fakeBrowser.alarms.create('sync', { periodInMinutes: 5 });
    await service([], { value: T0 }).sync();
    expect(await fakeBrowser.alarms.get('sync')).toBeDefined();
  });

  it('after a restart, shows a reminder that fell due while the browser was closed, once', async () => {
    const missed = task(T0 - 3 * HOUR_MS);
    const reminders = service([missed], { value: T0 });
    expect((await reminders.sync()).notified).toHaveLength(1);
    await fakeBrowser.notifications.clear(Object.keys(shown())[0]!);
    expect((await reminders.sync()).notified).toHaveLength(0);
    expect(Object.keys(shown())).toHaveLength(0);
  });

  it('stays quiet when the task was completed, deleted or rescheduled after the alarm was set', async () => {
    const original = task(T0 + HOUR_MS);
    for (const changed of [{ ...original, completedAt: T0 }, { ...original, deletedAt: T0 }, { ...original, dueAt: T0 + DAY_MS }]) {
      fakeBrowser.reset();
      expect(await service([changed], { value: T0 + HOUR_MS }).handleAlarm({ name: alarmNameFor(original) })).toBe(true);
      expect(Object.keys(shown())).toHaveLength(0);
    }
  });

  it('does not notify twice for one alarm, and forgets what it showed once the task is done', async () => {
    const due = task(T0 + HOUR_MS);
    const tasks = [due];
    const reminders = service(tasks, { value: T0 + HOUR_MS });
    await reminders.handleAlarm({ name: alarmNameFor(due) });
    await fakeBrowser.notifications.clear(Object.keys(shown())[0]!);
    await reminders.handleAlarm({ name: alarmNameFor(due) });
    expect(Object.keys(shown())).toHaveLength(0);
    tasks[0] = { ...due, completedAt: T0 + 2 * HOUR_MS };
    await reminders.sync();
    expect((await fakeBrowser.storage.local.get(NOTIFIED_STORAGE_KEY))[NOTIFIED_STORAGE_KEY]).toEqual({});
  });

  it('ignores other alarms, and re-plans on its refresh alarm', async () => {
    const due = task(T0 + HOUR_MS);
    const reminders = service([due], { value: T0 });
    expect(await reminders.handleAlarm({ name: 'sync' })).toBe(false);
    expect(await reminders.handleAlarm({ name: REMINDER_REFRESH_ALARM })).toBe(true);
    expect(await reminderAlarms()).toHaveLength(1);
  });
});
