/**
 * Calendar days as plain numbers (days since 1970-01-01, UTC), so that date arithmetic never
 * meets a time zone or a DST gap. The one place a zone matters is "what day is it for the
 * rep", answered with Intl in the rep's zone.
 */

const DAY_MS = 86_400_000;

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

const todayFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = todayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    todayFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar day an instant falls on in a time zone, as a day number. */
export function dayInZone(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return dayFromYmd(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1);
}

export function dayFromYmd(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function ymdOf(dayNumber: number): Ymd {
  const date = new Date(dayNumber * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

export function isoOf(dayNumber: number): string {
  const { year, month, day } = ymdOf(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Monday … 6 = Sunday: weeks start on Monday, as Chinese and ISO calendars do. */
export function weekdayOf(dayNumber: number): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber + 3) % 7) + 7) % 7;
}

export function mondayOf(dayNumber: number): number {
  return dayNumber - weekdayOf(dayNumber);
}

export function lastDayOfMonth(year: number, month: number): number {
  return dayFromYmd(year, month + 1, 0);
}

export function isValidYmd(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= ymdOf(lastDayOfMonth(year, month)).day;
}
