/**
 * Clock arithmetic for the funnel rules. Durations (72 hours, 30 days) are exact spans of
 * milliseconds from a timestamp; calendar dates (`renewalDate`, `YYYY-MM-DD`) are days in the
 * rep's time zone, because "90 days before the renewal" means calendar days to a rep.
 * Intl covers the zone offsets, so no date library is needed for these few operations.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Whole days elapsed from `fromMs` to `nowMs` (0 for less than a day; negative in the future). */
export function elapsedDays(fromMs: number, nowMs: number): number {
  return Math.floor((nowMs - fromMs) / DAY_MS);
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTime(ms: number, timeZone: string): WallTime {
  const wall: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') wall[part.type] = Number(part.value);
  }
  return {
    year: wall.year ?? 1970,
    month: wall.month ?? 1,
    day: wall.day ?? 1,
    hour: wall.hour ?? 0,
    minute: wall.minute ?? 0,
    second: wall.second ?? 0,
  };
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function calendarDateOf(ms: number, timeZone: string): string {
  const wall = wallTime(ms, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date written YYYY-MM-DD`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function dayNumber(date: string): number {
  const { year, month, day } = parseDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetweenDates(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDaysToDate(date: string, days: number): string {
  const ms = (dayNumber(date) + days) * DAY_MS;
  const shifted = new Date(ms);
  return `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`;
}

/** The instant a calendar date begins (local midnight) in a time zone. */
export function startOfDateMs(date: string, timeZone: string): number {
  const { year, month, day } = parseDate(date);
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset even when midnight sits next to a DST switch.
  let instant = guess;
  for (let pass = 0; pass < 2; pass++) {
    const wall = wallTime(instant, timeZone);
    const offset = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - instant;
    instant = guess - offset;
  }
  return instant;
}
