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
