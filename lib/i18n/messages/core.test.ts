import { describe, expect, it } from 'vitest';
import { coreMessages } from './core';

describe('core UI text', () => {
  it('has every English key in zh-CN, and no empty text', () => {
    expect(Object.keys(coreMessages['zh-CN']).sort()).toEqual(Object.keys(coreMessages.en).sort());
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(coreMessages[locale])) {
        const text = typeof value === 'function' ? (value as (...args: unknown[]) => string)('x', 'y') : value;
        expect(text.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });
});
