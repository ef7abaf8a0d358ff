import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { describeWriteError } from './write-errors';

const refusal = () => {
  try {
    z.strictObject({ email: z.email(), name: z.string().max(3) }).parse({ email: 'nope', name: 'Too long' });
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

describe('describeWriteError', () => {
  it('names the field and the problem of a schema refusal in zh-CN, with no English left', () => {
    const text = describeWriteError(refusal(), 'zh-CN');
    expect(text).toBe('邮箱：不是有效的邮箱地址；名称：内容过长');
    expect(text).not.toMatch(/[A-Za-z]/);
  });

  it('says the same in English', () => {
    expect(describeWriteError(refusal(), 'en')).toBe('Email: not an email address; Name: too long');
  });

  it('keeps our own English message for English readers and gives zh-CN a sentence', () => {
    const cause = new Error('No deal with id d-1 is stored in this browser.');
    expect(describeWriteError(cause, 'en')).toBe('No deal with id d-1 is stored in this browser.');
    expect(describeWriteError(cause, 'zh-CN')).toBe('保存时出错，输入的内容仍保留在这里，请重试。');
  });

  it('explains a full storage quota', () => {
    const cause = Object.assign(new Error('quota'), { name: 'QuotaExceededError' });
    expect(describeWriteError(cause, 'zh-CN')).toContain('存储空间已满');
  });
});

describe('describeParkedReason', () => {
  it('says in Chinese why the server set a change aside, from its rejection code', async () => {
    const { describeParkedReason } = await import('./sync');
    expect(describeParkedReason({ parkedReason: 'Record belongs to another rep', lastError: 'forbidden: Record belongs to another rep' }, 'zh-CN')).toBe('你没有权限修改这条记录（可能属于其他团队成员的私密记录）。');
    expect(describeParkedReason({ parkedReason: 'The server failed 5 times…', lastError: 'internal: boom', pushFailures: 5 }, 'zh-CN')).toContain('5 次');
    expect(describeParkedReason({ parkedReason: 'Record belongs to another rep', lastError: 'forbidden: x' }, 'en')).toBe('Record belongs to another rep');
  });
});

describe('changes held back by the server', () => {
  it('says in Chinese why, from the rejection code, never with the server\'s English text', async () => {
    const { syncErrorWords } = await import('./sync');
    const words = syncErrorWords['zh-CN'].changes_held({ count: 2, reason: 'Clock is 10 minutes ahead of the server', reasonCode: 'clock_skew' });
    expect(words.message).toContain('本机时钟与服务器相差太大');
    expect(words.message).not.toMatch(/[A-Za-z]{3,}/);
    const unknown = syncErrorWords['zh-CN'].changes_held({ count: 1, reason: 'Something new', reasonCode: 'brand_new_code' });
    expect(unknown.message).not.toMatch(/[A-Za-z]{3,}/);
    expect(syncErrorWords.en.changes_held({ count: 2, reason: 'Clock is 10 minutes ahead of the server', reasonCode: 'clock_skew' }).message).toContain('Clock is 10 minutes ahead');
  });
});
