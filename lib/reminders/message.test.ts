import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../funnel/time';
import { T0, makeAccount, makeActivity } from '../funnel/testing';
import { describeReminder } from './message';

const account = makeAccount();

describe('describeReminder', () => {
  it('names the task and the account', () => {
    const task = makeActivity(account, { type: 'task', dueAt: T0, subject: 'Send the pricing sheet', nextStep: 'Include the 40-store tier' });
    expect(describeReminder(task, 'Acme Retail', 'en')).toEqual({ title: 'Follow-up due: Send the pricing sheet', message: 'Acme Retail — Include the 40-store tier' });
    expect(describeReminder(task, 'Acme Retail', 'zh-CN').title).toBe('跟进到期：Send the pricing sheet');
  });

  it('falls back to the first line of the body, and to a word when there is nothing', () => {
    const fromBody = makeActivity(account, { type: 'task', dueAt: T0, body: '\nCall Li Na about the contract\nmore' });
    expect(describeReminder(fromBody, null, 'en')).toEqual({ title: 'Follow-up due: Call Li Na about the contract', message: 'Open Sidenote to follow up.' });
    const empty = makeActivity(account, { type: 'task', dueAt: T0 });
    expect(describeReminder(empty, null, 'zh-CN').title).toBe('跟进到期：任务');
  });

  it('says a no-reply reminder is about the thread, since when', () => {
    const task = makeActivity(account, {
      type: 'task',
      occurredAt: T0 - 3 * DAY_MS,
      dueAt: T0,
      reminder: 'no_reply',
      source: { url: 'https://mail.example/x', title: 'Mail', threadSubject: 'Pricing for 40 stores', threadId: 't-1', provider: 'other' },
    });
    const text = describeReminder(task, 'Acme Retail', 'en', 'UTC');
    expect(text.title).toBe('No reply yet: Pricing for 40 stores');
    expect(text.message).toMatch(/^Acme Retail — No newer message on the thread since May 30/);
  });
});
