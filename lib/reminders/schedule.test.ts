import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from '../funnel/time';
import { T0, makeAccount, makeActivity, testId } from '../funnel/testing';
import {
  MAX_REMINDER_ALARMS,
  accountIdFromNotificationId,
  alarmNameFor,
  notificationIdFor,
  parseAlarmName,
  planReminders,
  taskIdFromNotificationId,
} from './schedule';

const account = makeAccount();
const task = (dueAt: number, fields: Parameters<typeof makeActivity>[1] extends infer F ? Partial<F> : never = {}) =>
  makeActivity(account, { type: 'task', occurredAt: T0 - DAY_MS, dueAt, reminder: 'due', ...fields });

describe('planReminders', () => {
  it.each([
    ['due in an hour', task(T0 + HOUR_MS), 'alarm'],
    ['due right now', task(T0), 'fireNow'],
    ['due 2 days ago, never shown (the browser was closed)', task(T0 - 2 * DAY_MS), 'fireNow'],
    ['due exactly 7 days ago, never shown', task(T0 - 7 * DAY_MS), 'fireNow'],
    ['due 7 days and a millisecond ago', task(T0 - 7 * DAY_MS - 1), 'none'],
    ['completed', task(T0 + HOUR_MS, { completedAt: T0 - 1 }), 'none'],
    ['deleted', task(T0 + HOUR_MS, { deletedAt: T0 - 1 }), 'none'],
    ['without a reminder', task(T0 + HOUR_MS, { reminder: null }), 'none'],
    ['a no-reply reminder', task(T0 + HOUR_MS, { reminder: 'no_reply' }), 'alarm'],
  ])('a task %s', (_name, candidate, expected) => {
    const plan = planReminders([candidate], T0, new Set());
    expect(plan.alarms.map((alarm) => alarm.taskId)).toEqual(expected === 'alarm' ? [candidate.id] : []);
    expect(plan.fireNow.map((t) => t.id)).toEqual(expected === 'fireNow' ? [candidate.id] : []);
    if (expected === 'alarm') expect(plan.alarms[0]!.when).toBe(candidate.dueAt);
  });

  it('does not show a past reminder twice', () => {
    const past = task(T0 - HOUR_MS);
    expect(planReminders([past], T0, new Set([alarmNameFor(past)])).fireNow).toEqual([]);
  });

  it('gives a rescheduled task a new alarm, not blocked by the old one having fired', () => {
    const original = task(T0 - HOUR_MS);
    const moved = { ...original, dueAt: T0 + DAY_MS };
    const plan = planReminders([moved], T0, new Set([alarmNameFor(original)]));
    expect(plan.alarms).toEqual([{ name: alarmNameFor(moved), when: T0 + DAY_MS, taskId: moved.id }]);
    expect(plan.relevant.has(alarmNameFor(original))).toBe(false);
  });

  it('keeps the nearest alarms within Chrome’s limit', () => {
    const many = Array.from({ length: MAX_REMINDER_ALARMS + 10 }, (_, index) => task(T0 + (index + 1) * HOUR_MS));
    const plan = planReminders([...many].reverse(), T0, new Set());
    expect(plan.alarms).toHaveLength(MAX_REMINDER_ALARMS);
    expect(plan.alarms[0]!.when).toBe(T0 + HOUR_MS);
  });
});

describe('names and ids', () => {
  it('round-trips an alarm name', () => {
    const t = task(T0 + HOUR_MS);
    expect(parseAlarmName(alarmNameFor(t))).toEqual({ taskId: t.id, dueAt: T0 + HOUR_MS });
    expect(parseAlarmName('sync-every-5-minutes')).toBeNull();
    expect(parseAlarmName('sidenote-reminder:abc@soon')).toBeNull();
  });

  it('maps a notification id back to the account and the task', () => {
    const t = task(T0, { accountId: testId(77) });
    const id = notificationIdFor(t);
    expect(accountIdFromNotificationId(id)).toBe(testId(77));
    expect(taskIdFromNotificationId(id)).toBe(t.id);
    expect(accountIdFromNotificationId(notificationIdFor({ id: t.id, accountId: null }))).toBeNull();
    expect(accountIdFromNotificationId('someone-else:123')).toBeNull();
  });
});
