import { describe, expect, it } from 'vitest';
import type { Activity } from '../schemas';
import { HOUR_MS } from '../funnel/time';
import { T0, makeAccount, makeActivity } from '../funnel/testing';
import { clearRepliedWrites, findRepliedNoReplyTasks } from './no-reply';

const account = makeAccount();
const thread = (threadId: string) => ({ url: 'https://mail.google.com/mail/u/0/#inbox/abc', title: 'Inbox', threadSubject: 'Pricing for 40 stores', threadId, provider: 'gmail' as const });
const waiting = (fields: Partial<Activity> = {}) =>
  makeActivity(account, { type: 'task', occurredAt: T0, dueAt: T0 + 72 * HOUR_MS, reminder: 'no_reply', source: thread('t-1'), subject: 'Waiting for a reply', ...fields });
const email = (occurredAt: number, fields: Partial<Activity> = {}) => makeActivity(account, { type: 'email', occurredAt, source: thread('t-1'), ...fields });

describe('findRepliedNoReplyTasks', () => {
  it.each<[string, Activity[], boolean]>([
    ['a newer email on the same thread', [email(T0 + HOUR_MS)], true],
    ['an email on the same thread at the same moment (the rep’s own)', [email(T0)], false],
    ['an older email on the same thread', [email(T0 - HOUR_MS)], false],
    ['a newer email on another thread', [email(T0 + HOUR_MS, { source: thread('t-2') })], false],
    ['a newer call logged with the same capture key', [makeActivity(account, { type: 'call', occurredAt: T0 + HOUR_MS, captureKey: 'gmail:t-1' })], true],
    ['a deleted newer email', [email(T0 + HOUR_MS, { deletedAt: T0 + 2 * HOUR_MS })], false],
    ['another task on the thread', [makeActivity(account, { type: 'task', occurredAt: T0 + HOUR_MS, dueAt: T0 + 2 * HOUR_MS, source: thread('t-1') })], false],
  ])('%s → cleared: %s', (_name, others, cleared) => {
    const task = waiting({ captureKey: 'gmail:t-1' });
    const found = findRepliedNoReplyTasks([task, ...others]);
    expect(found.map((entry) => entry.task.id)).toEqual(cleared ? [task.id] : []);
  });

  it('leaves due-time tasks and completed ones alone', () => {
    const due = waiting({ reminder: 'due' });
    const done = waiting({ completedAt: T0 });
    expect(findRepliedNoReplyTasks([due, done, email(T0 + HOUR_MS)])).toEqual([]);
  });

  it('names the earliest answer', () => {
    const task = waiting();
    const first = email(T0 + HOUR_MS);
    expect(findRepliedNoReplyTasks([task, email(T0 + 5 * HOUR_MS), first])[0]!.reply.id).toBe(first.id);
  });
});

describe('clearRepliedWrites', () => {
  it('completes the answered task', () => {
    const task = waiting();
    expect(clearRepliedWrites([{ task, reply: email(T0 + HOUR_MS) }], T0 + 2 * HOUR_MS)).toEqual([
      { entity: 'activity', recordId: task.id, patch: { completedAt: T0 + 2 * HOUR_MS }, mustExist: true },
    ]);
  });
});
