import { describe, expect, it } from 'vitest';
import { addDaysToDate, calendarDateOf, daysBetweenDates, elapsedDays, startOfDateMs, DAY_MS } from './time';

describe('calendar arithmetic', () => {
  it.each([
    ['2025-06-02', '2025-08-31', 90],
    ['2025-06-02', '2025-06-02', 0],
    ['2025-03-01', '2025-02-28', -1],
    ['2024-02-28', '2024-03-01', 2],
  ])('from %s to %s is %d days', (from, to, expected) => {
    expect(daysBetweenDates(from, to)).toBe(expected);
  });

  it('adds days across month and year ends', () => {
    expect(addDaysToDate('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDaysToDate('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('reads the calendar date in the rep’s zone', () => {
    const instant = Date.UTC(2025, 5, 1, 20, 0); // 20:00 UTC = 04:00 next day in Shanghai
    expect(calendarDateOf(instant, 'UTC')).toBe('2025-06-01');
    expect(calendarDateOf(instant, 'Asia/Shanghai')).toBe('2025-06-02');
    expect(calendarDateOf(instant, 'America/Los_Angeles')).toBe('2025-06-01');
  });

  it('finds local midnight, also on a DST switch day', () => {
    expect(startOfDateMs('2025-06-02', 'Asia/Shanghai')).toBe(Date.UTC(2025, 5, 1, 16, 0));
    expect(startOfDateMs('2025-06-02', 'UTC')).toBe(Date.UTC(2025, 5, 2));
    expect(startOfDateMs('2025-03-09', 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 5, 0));
    expect(startOfDateMs('2025-03-10', 'America/New_York')).toBe(Date.UTC(2025, 2, 10, 4, 0));
  });

  it('counts whole days elapsed', () => {
    expect(elapsedDays(0, DAY_MS - 1)).toBe(0);
    expect(elapsedDays(0, DAY_MS)).toBe(1);
  });

  it('refuses a malformed date', () => {
    expect(() => daysBetweenDates('2025-6-2', '2025-06-02')).toThrow(/YYYY-MM-DD/);
  });
});
