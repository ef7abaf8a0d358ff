import { describe, expect, it } from 'vitest';
import { createFormatters } from './core';

describe('duration formatting', () => {
  it.each([
    [720, 'en', '12 min'],
    [3900, 'en', '1 h 5 min'],
    [750, 'en', '12 min 30 s'],
    [45, 'en', '45 s'],
    [3600, 'en', '1 h'],
    [0, 'en', '0 s'],
    [720, 'zh-CN', '12 分钟'],
    [3900, 'zh-CN', '1 小时 5 分钟'],
    [45, 'zh-CN', '45 秒'],
  ] as const)('%i s in %s reads "%s"', (seconds, locale, expected) => {
    expect(createFormatters(locale).duration(seconds)).toBe(expected);
  });
});
