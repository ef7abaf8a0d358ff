import { describe, expect, it } from 'vitest';
import { captureMessages } from './capture';

describe('capture UI text', () => {
  it('has every English key in zh-CN, and no empty text', () => {
    expect(Object.keys(captureMessages['zh-CN']).sort()).toEqual(Object.keys(captureMessages.en).sort());
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(captureMessages[locale])) {
        const text = typeof value === 'function' ? (value as (...args: unknown[]) => string)('x', 2, 3) : value;
        expect(text.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });
});
