import { describe, expect, it } from 'vitest';
import { factsMessages } from './facts';

describe('facts UI text', () => {
  it('has every English key in zh-CN, and no empty text', () => {
    expect(Object.keys(factsMessages['zh-CN']).sort()).toEqual(Object.keys(factsMessages.en).sort());
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(factsMessages[locale])) {
        const text = typeof value === 'function' ? (value as (...args: unknown[]) => string)('x', 'y') : value;
        expect(text.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });
});
