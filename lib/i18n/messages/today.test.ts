import { describe, expect, it } from 'vitest';
import { profileMessages } from './profile';
import { threadMessages } from './thread';
import { todayMessages } from './today';

describe.each([
  ['today', todayMessages],
  ['profile', profileMessages],
  ['thread', threadMessages],
] as const)('%s UI text', (_name, messages) => {
  it('has every English key in zh-CN, and no empty text', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(Object.keys(messages.en).sort());
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const [key, value] of Object.entries(messages[locale])) {
        const text = typeof value === 'function' ? (value as (...args: unknown[]) => string)('x', 'y') : value;
        expect(text.trim(), `${locale}.${key}`).not.toBe('');
      }
    }
  });
});
