import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './fields';
import { stageChangeInstant } from './plan';
import { stageDateSource } from './review';

describe('stageDateSource', () => {
  it.each<[string, string[], ColumnMapping, ReturnType<typeof stageDateSource>]>([
    ['no stage column', ['Company'], ['account.name'], { kind: 'none' }],
    ['a stage date column', ['Deal', 'Stage', 'Stage date'], ['deal.name', 'deal.stage', 'deal.stageDate'], { kind: 'column', columns: ['Stage date'] }],
    ['only a close date', ['Deal', 'Stage', 'Close'], ['deal.name', 'deal.stage', 'deal.expectedCloseDate'], { kind: 'closeDate', column: 'Close' }],
    ['an account stage without a date', ['Company', 'Lifecycle'], ['account.name', 'account.stage'], { kind: 'importTime' }],
  ])('%s', (_name, header, mapping, source) => {
    expect(stageDateSource(mapping, header)).toEqual(source);
  });
});

describe('stageChangeInstant', () => {
  const now = new Date(2026, 2, 2, 9).getTime();
  it('is local noon of the file’s date, the import time without one, and never after the import', () => {
    expect(stageChangeInstant('2026-01-05', now)).toBe(new Date(2026, 0, 5, 12).getTime());
    expect(stageChangeInstant(undefined, now)).toBe(now);
    expect(stageChangeInstant('2026-03-02', now)).toBe(now);
    expect(stageChangeInstant('2030-01-01', now)).toBe(now);
  });
});
