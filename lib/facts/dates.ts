/**
 * Dates as reps write them, in Chinese and English, resolved against the rep's "today".
 * The conventions (test/fixtures/facts/README.md) in short: weeks start on Monday; 下周三 /
 * next Wednesday is Wednesday of next week; a bare weekday is the next such day from today;
 * a week as a deadline is its Friday; a month, quarter or year as a deadline is its last
 * day; a month-day without a year is this year's unless that is long past; 12/9 is
 * ambiguous and never resolved.
 *
 * chrono-node was tried first and left out: its reference day is the machine's, not the
 * rep's zone (a Los Angeles note at 23:50 resolved "tomorrow" to the day after), its zh
 * parser counts weeks from Sunday (下周三 said on a Sunday skipped a week), and it has no
 * 月底 / 后天 / 两周内 / 年底 / 本周内 / 15号 / Q3. The forms below are the ones reps use.
 */
import { dayFromYmd, isValidYmd, lastDayOfMonth, mondayOf, weekdayOf, ymdOf } from './calendar';
import { HAN_NUMBER, parseCount, parseNumber } from './numbers';

export interface DateMention {
  start: number;
  end: number;
  /** Day number (see calendar.ts), or null when the phrase is a date too vague to resolve. */
  day: number | null;
  /** The phrase points before today (上周五, last Tuesday, a month-day just passed). */
  past: boolean;
  /** A quarter, half or year: a window to close in, never a step's due date. */
  period: boolean;
}

type Resolver = (match: RegExpExecArray, today: number) => { day: number | null; past?: boolean; period?: boolean } | null;

interface DateRule {
  pattern: RegExp;
  resolve: Resolver;
}

const NUM = `(?:\\d{1,2}|${HAN_NUMBER})`;
const ZH_WEEKDAY: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, '1': 0, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };
const EN_WEEKDAY: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };
const EN_MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const WEEKDAY_NAME = '(?:Mon(?:day)?|Tue(?:s|sday)?|Wed(?:nesday)?|Thu(?:r|rs|rsday)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)';

function monthOfName(name: string): number {
  return EN_MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function weekdayOfName(name: string): number {
  return EN_WEEKDAY[name.slice(0, 3).toLowerCase()] ?? 0;
}

/** "the 28th": that day of this month while it is still ahead, else of the next month. */
function dayOfThisOrNextMonth(today: number, day: number): { day: number } | null {
  const { year, month } = ymdOf(today);
  if (isValidYmd(year, month, day) && dayFromYmd(year, month, day) >= today) return { day: dayFromYmd(year, month, day) };
  const next = ymdOf(lastDayOfMonth(year, month) + 1);
  return isValidYmd(next.year, next.month, day) ? { day: dayFromYmd(next.year, next.month, day) } : null;
}

/** The next day (today included) falling on `weekday`. */
function nextWeekday(today: number, weekday: number): number {
  return today + ((weekday - weekdayOf(today) + 7) % 7);
}

function friday(weekMonday: number): number {
  return weekMonday + 4;
}

/** Month and day without a year: this year when ahead or long past (then next year); null when just past. */
function monthDay(today: number, month: number, day: number, yearGiven?: number): { day: number | null; past?: boolean } | null {
  const { year } = ymdOf(today);
  if (yearGiven !== undefined) {
    if (!isValidYmd(yearGiven, month, day)) return null;
    const resolved = dayFromYmd(yearGiven, month, day);
    return { day: resolved, past: resolved < today };
  }
  if (!isValidYmd(year, month, day) && !isValidYmd(year + 1, month, day)) return null;
  const thisYear = dayFromYmd(year, month, day);
  if (thisYear >= today) return { day: thisYear };
  if (today - thisYear > 90) return { day: dayFromYmd(year + 1, month, day) };
  return { day: thisYear, past: true };
}

function endOfMonth(today: number, month: number, yearOffset = 0): { day: number } {
  const { year, month: current } = ymdOf(today);
  const targetYear = year + yearOffset + (yearOffset === 0 && month < current - 2 ? 1 : 0);
  return { day: lastDayOfMonth(targetYear, month) };
}

function endOfQuarter(today: number, quarter: number, nextYear: boolean): { day: number; period: true } {
  const { year, month } = ymdOf(today);
  const currentQuarter = Math.ceil(month / 3);
  const targetYear = nextYear || quarter < currentQuarter ? year + 1 : year;
  return { day: lastDayOfMonth(targetYear, quarter * 3), period: true };
}

const ZH_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

const RULES: DateRule[] = [
  // ISO and year-first dates: 2026-12-09, 2026/12/9, 2026年12月9日.
  {
    pattern: /(\d{4})(?:-|\/|年)(\d{1,2})(?:-|\/|月)(\d{1,2})(?:日|号)?/g,
    resolve: (m, today) => monthDay(today, Number(m[2]), Number(m[3]), Number(m[1])),
  },
  // 12 月 2 日周三 / 周三（12月2日）: a weekday written beside its date is that date, one mention.
  {
    pattern: new RegExp(`(${NUM})\\s*月\\s*(${NUM})\\s*(?:日|号)\\s*[（(]?\\s*(?:周|星期|礼拜)[一二三四五六日天1-7]\\s*[)）]?|(?:周|星期|礼拜)[一二三四五六日天1-7]\\s*[（(]\\s*(${NUM})\\s*月\\s*(${NUM})\\s*(?:日|号)?\\s*[)）]`, 'g'),
    resolve: (m, today) => monthDay(today, parseNumber(m[1] ?? m[3]!) ?? 0, parseNumber(m[2] ?? m[4]!) ?? 0),
  },
  // 3月15日, 三月十五号, 3 月 6 日
  {
    pattern: new RegExp(`(${NUM})\\s*月\\s*(${NUM})\\s*(?:日|号)`, 'g'),
    resolve: (m, today) => monthDay(today, parseNumber(m[1]!) ?? 0, parseNumber(m[2]!) ?? 0),
  },
  // 6月12日 written without 日 before 前: 6月10日前 is covered above; 8 月 12 日 too.
  // 11.20 前 — M.D in Chinese notes, only before 前/之前/号 so decimals stay numbers.
  {
    pattern: /(?<![\d.])(\d{1,2})\.(\d{1,2})(?=\s*(?:前|之前|号))/g,
    resolve: (m, today) => monthDay(today, Number(m[1]), Number(m[2])),
  },
  // 3月底 / 三月末 / 明年 3 月底
  {
    pattern: new RegExp(`(明年\\s*)?(${NUM})\\s*月(?:份)?\\s*(?:底|末)`, 'g'),
    resolve: (m, today) => endOfMonth(today, parseNumber(m[2]!) ?? 0, m[1] ? 1 : 0),
  },
  // 9 月中旬 / 9月中
  {
    pattern: new RegExp(`(${NUM})\\s*月\\s*中(?:旬)?`, 'g'),
    resolve: (m, today) => monthDay(today, parseNumber(m[1]!) ?? 0, 15),
  },
  // 8 月前 (before August: the last day of July); 五月签合同, 8月签 (the month as a deadline).
  {
    pattern: new RegExp(`(${NUM})\\s*月\\s*(?=前|之前|签|份签)`, 'g'),
    resolve: (m, today) => {
      const month = parseNumber(m[1]!) ?? 0;
      if (month < 1 || month > 12) return null;
      const after = m.input.slice(m.index + m[0].length, m.index + m[0].length + 2);
      if (after.startsWith('前') || after.startsWith('之前')) {
        const { year } = ymdOf(today);
        const target = lastDayOfMonth(year, month - 1);
        return target >= today ? { day: target } : { day: lastDayOfMonth(year + 1, month - 1) };
      }
      return endOfMonth(today, month);
    },
  },
  // 下个月 15 号 / 下月 3 日 / 本月 20 号 — a day of next month or of this one.
  {
    pattern: new RegExp(`(下个|下|这个|本|这)月\\s*(${NUM})\\s*(?:号|日)`, 'g'),
    resolve: (m, today) => {
      const day = parseNumber(m[2]!) ?? 0;
      const { year, month } = ymdOf(today);
      const target = m[1]!.startsWith('下') ? ymdOf(lastDayOfMonth(year, month) + 1) : { year, month };
      if (!isValidYmd(target.year, target.month, day)) return null;
      const resolved = dayFromYmd(target.year, target.month, day);
      return { day: resolved, past: resolved < today };
    },
  },
  // 15号前 / 20 号 — a day of this month (or next, when passed)
  {
    pattern: new RegExp(`(?<![月\\d一二三四五六七八九十])(${NUM})\\s*号`, 'g'),
    resolve: (m, today) => {
      const day = parseNumber(m[1]!) ?? 0;
      if (day < 1 || day > 31) return null;
      const { year, month } = ymdOf(today);
      const thisMonth = isValidYmd(year, month, day) ? dayFromYmd(year, month, day) : null;
      if (thisMonth !== null && thisMonth >= today) return { day: thisMonth };
      const next = ymdOf(lastDayOfMonth(year, month) + 1);
      return isValidYmd(next.year, next.month, day) ? { day: dayFromYmd(next.year, next.month, day) } : null;
    },
  },
  // 下下周三, 下周三, 这周五, 本周四, 周五, 星期二, 礼拜一
  {
    pattern: /(下下|下个|下|这个|这|本|上个|上)?(?:周|星期|礼拜)([一二三四五六日天1-7])/g,
    resolve: (m, today) => {
      const weekday = ZH_WEEKDAY[m[2]!]!;
      const prefix = m[1] ?? '';
      const monday = mondayOf(today);
      if (prefix.startsWith('上')) return { day: monday - 7 + weekday, past: true };
      if (prefix === '下下') return { day: monday + 14 + weekday };
      if (prefix.startsWith('下')) return { day: monday + 7 + weekday };
      if (prefix) {
        const day = monday + weekday;
        return { day, past: day < today };
      }
      return { day: nextWeekday(today, weekday) };
    },
  },
  // 下下周 / 下周 / 本周内 / 这周 — a week as a deadline is its Friday; 上周 is past.
  {
    pattern: /(下下|下个|下|这个|这|本|上个|上)(?:周|星期|礼拜)(?:末)?(内|之内|前|之前)?/g,
    resolve: (m, today) => {
      const prefix = m[1]!;
      // 本周复盘, 本周拜访 5 家: this week as a report, not a deadline, unless 内/前 says so.
      if (/^[这本]/.test(prefix) && !m[2]) return null;
      const monday = mondayOf(today);
      if (prefix.startsWith('上')) return { day: null, past: true };
      if (prefix === '下下') return { day: friday(monday + 14) };
      if (prefix.startsWith('下')) return { day: friday(monday + 7) };
      return { day: Math.max(today, friday(monday)) };
    },
  },
  // 今天 / 明天 / 明早 / 后天 / 今晚
  {
    pattern: /(今天|今日|今早|今晚|明天|明早|明日|明晚|后天|昨天|前天)/g,
    resolve: (m, today) => {
      const word = m[1]!;
      if (word === '昨天' || word === '前天') return { day: null, past: true };
      if (word.startsWith('今')) return { day: today };
      if (word === '后天') return { day: today + 2 };
      return { day: today + 1 };
    },
  },
  // 三天内 / 两周内 / 10 天之内 / 一个月内
  {
    pattern: new RegExp(`(${NUM}|两)\\s*(?:个)?\\s*(天|日|工作日|周|星期|个星期|月)\\s*(?:内|之内|以内)`, 'g'),
    resolve: (m, today) => {
      const count = parseNumber(m[1]!) ?? 0;
      if (count <= 0 || count > 90) return null;
      const unit = m[2]!;
      if (unit === '月') {
        const { year, month, day } = ymdOf(today);
        const target = dayFromYmd(year, month + count, day);
        return { day: target };
      }
      return { day: today + count * (unit.includes('周') || unit.includes('星期') ? 7 : 1) };
    },
  },
  // 这个月底 / 本月底 / 月底 / 下个月底 / 这个月 (as a deadline) / 本月内
  {
    pattern: /(下个|下|这个|本|这)?月(?:底|末)(?=(前|之前|内|签|要|给|发|交)?)|(这个|本|这)月(?:内|之内)?(?=签|前|内|底|$|[，。,.\s])/g,
    resolve: (m, today) => {
      // 合伙人月底催着补录: a bare 月底 is a habit unless a deadline word follows.
      if (m[0].endsWith('底') || m[0].endsWith('末')) {
        if (!m[1] && !m[2]) return null;
      }
      const { year, month } = ymdOf(today);
      const next = m[1] === '下个' || m[1] === '下';
      return { day: next ? lastDayOfMonth(year, month + 1) : lastDayOfMonth(year, month) };
    },
  },
  // 年底 / 年末 / 今年底 / 明年底 / 年内
  {
    pattern: /(今|明)?年(?:底|末|内)/g,
    resolve: (m, today) => {
      const { year } = ymdOf(today);
      return { day: dayFromYmd(m[1] === '明' ? year + 1 : year, 12, 31), period: true };
    },
  },
  // Q3 / 明年 Q2 / 三季度 / 第四季度
  {
    pattern: /(明年\s*)?(?:(?<![A-Za-z])[Qq]([1-4])(?![0-9])|第?([一二三四])季度)/g,
    resolve: (m, today) => endOfQuarter(today, ZH_QUARTER[m[2] ?? m[3]!]!, Boolean(m[1])),
  },
  // 上半年 / 下半年
  {
    pattern: /(明年|今年)?(上|下)半年/g,
    resolve: (m, today) => {
      const { year, month } = ymdOf(today);
      const half = m[2] === '上' ? 6 : 12;
      const targetYear = m[1] === '明年' || (half === 6 && month > 6) ? year + 1 : year;
      return { day: lastDayOfMonth(targetYear, half), period: true };
    },
  },
  // 下午三点 / 上午10点 — a time today when no day is written.
  {
    pattern: /(?:上午|下午|中午|晚上)\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*点/g,
    resolve: (_m, today) => ({ day: today }),
  },

  // English -------------------------------------------------------------------------------
  // the week of May 18, w/c 18 May: a week named by a day is too vague to be a date.
  {
    pattern: new RegExp(`\\b(?:(?:the\\s+)?week\\s+(?:of|starting|beginning)|w\\/c)\\s+(?:the\\s+)?(?:${MONTH_NAME}\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?(?:\\s+(?:of\\s+)?${MONTH_NAME})?)`, 'gi'),
    resolve: () => ({ day: null }),
  },
  // Thursday 29 Jan, Thu, Jan 29th: a weekday written beside its date is that date, one mention.
  {
    pattern: new RegExp(`\\b${WEEKDAY_NAME},?\\s+(?:(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAME})|(${MONTH_NAME})\\s+(\\d{1,2})(?:st|nd|rd|th)?)\\b`, 'gi'),
    resolve: (m, today) => (m[1] ? monthDay(today, monthOfName(m[2]!), Number(m[1])) : monthDay(today, monthOfName(m[3]!), Number(m[4]))),
  },
  // Friday the 25th: the weekday only confirms the day of the month, one mention.
  {
    pattern: new RegExp(`\\b${WEEKDAY_NAME},?\\s+the\\s+(\\d{1,2})(?:st|nd|rd|th)\\b`, 'gi'),
    resolve: (m, today) => dayOfThisOrNextMonth(today, Number(m[1])),
  },
  // January 30, Jan 10th, Sept 18, Dec 4 2026
  {
    pattern: new RegExp(`\\b(${MONTH_NAME})\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`, 'gi'),
    resolve: (m, today) => monthDay(today, monthOfName(m[1]!), Number(m[2]), m[3] ? Number(m[3]) : undefined),
  },
  // 18 Feb, 1 October, 30th of April
  {
    pattern: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_NAME})\\b(?:\\s+(\\d{4}))?`, 'gi'),
    resolve: (m, today) => monthDay(today, monthOfName(m[2]!), Number(m[1]), m[3] ? Number(m[3]) : undefined),
  },
  // the 28th / on the 24th — a day of this month or the next
  {
    pattern: /\bthe\s+(\d{1,2})(?:st|nd|rd|th)\b/gi,
    resolve: (m, today) => dayOfThisOrNextMonth(today, Number(m[1])),
  },
  // end of March / by the end of September / mid-June
  {
    pattern: new RegExp(`\\b(?:(?:the\\s+)?end\\s+of\\s+(?:the\\s+month\\s+of\\s+)?|(mid)-?\\s*)(${MONTH_NAME})\\b`, 'gi'),
    resolve: (m, today) => {
      const month = monthOfName(m[2]!);
      if (m[1]) return monthDay(today, month, 15);
      return endOfMonth(today, month);
    },
  },
  // end of (the) month / EOM / month-end; end of next month
  {
    pattern: /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(next\s+)?month|EOM)\b/gi,
    resolve: (m, today) => {
      const { year, month } = ymdOf(today);
      return { day: lastDayOfMonth(year, m[1] ? month + 1 : month) };
    },
  },
  // end of (the) quarter / EOQ / end of Q3 / in Q3 / Q1 next year
  {
    pattern: /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?quarter|EOQ)\b|\b(?:end\s+of\s+)?Q([1-4])\b(\s+next\s+year)?/gi,
    resolve: (m, today) => {
      if (!m[1]) {
        const { month } = ymdOf(today);
        return endOfQuarter(today, Math.ceil(month / 3), false);
      }
      return endOfQuarter(today, Number(m[1]), Boolean(m[2]));
    },
  },
  // end of (the) year / EOY / year-end
  {
    pattern: /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?year|EOY|year-end)\b/gi,
    resolve: (_m, today) => ({ day: dayFromYmd(ymdOf(today).year, 12, 31), period: true }),
  },
  // end of (next) week / EOW / this week / next week / Friday week
  {
    pattern: /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+)?(next\s+|this\s+)?week|EOW|(this|next)\s+week)\b/gi,
    resolve: (m, today) => {
      const monday = mondayOf(today);
      const next = /next/i.test(m[1] ?? '') || /next/i.test(m[2] ?? '');
      return { day: next ? friday(monday + 7) : Math.max(today, friday(monday)) };
    },
  },
  // (next|this|last|on|by)? Tuesday, Friday week. A short form is a weekday only when written as
  // one (Sun, not sun, sat or wed, which are words) and not inside a name ("Desert Sun Clinics").
  {
    pattern: new RegExp(`\\b(?:EOD\\s+)?(?:([Nn]ext|[Tt]his|[Ll]ast|NEXT|THIS|LAST)\\s+)?((?:[Mm]on|MON|[Tt]ues|TUES|[Ww]ednes|WEDNES|[Tt]hurs|THURS|[Ff]ri|FRI|[Ss]atur|SATUR|[Ss]un|SUN)(?:day|DAY)|(?:[Mm]on|[Tt]ues?|[Tt]hu(?:rs?)?|[Ff]ri|Wed|Sat|Sun|MON|TUE|WED|THU|FRI|SAT|SUN)\\b(?!\\s+(?!${MONTH_NAME}\\b)[A-Z][a-z]))\\b(?!')(\\s+week\\b)?`, 'g'),
    resolve: (m, today) => {
      const weekday = weekdayOfName(m[2]!);
      const modifier = (m[1] ?? '').toLowerCase();
      const monday = mondayOf(today);
      if (modifier === 'last') return { day: null, past: true };
      if (modifier === 'next' || m[3]) return { day: monday + 7 + weekday };
      return { day: nextWeekday(today, weekday) };
    },
  },
  // today / tonight / EOD / tomorrow / tmrw
  {
    pattern: /\b(today|tonight|EOD(?!\s+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))|tomorrow|tmrw|yesterday)\b/gi,
    resolve: (m, today) => {
      const word = m[1]!.toLowerCase();
      if (word === 'yesterday') return { day: null, past: true };
      if (word === 'tomorrow' || word === 'tmrw') return { day: today + 1 };
      return { day: today };
    },
  },
  // in two weeks / within 10 days / in the next two weeks
  {
    pattern: /\b(?:in|within)\s+(?:the\s+next\s+)?(\d{1,2}|a|one|two|three|four|five|six|ten)\s+(days?|weeks?)\b/gi,
    resolve: (m, today) => {
      const count = parseCount(m[1]!) ?? 0;
      if (count <= 0) return null;
      return { day: today + count * (/week/i.test(m[2]!) ? 7 : 1) };
    },
  },
  // Past markers that must not be taken for dates to come.
  {
    pattern: /\b(?:last\s+(?:week|month|quarter|year)|\d+\s+(?:days?|weeks?)\s+ago)\b|上个?月|去年|上周/gi,
    resolve: () => ({ day: null, past: true }),
  },
];

const LAST_YEAR_BEFORE = /(?:去年|前年|上一年|\blast year(?:'s)?(?:\s+(?:in|on|around|at|by|during))?)\s*(?:的\s*)?$/i;
const LAST_YEAR_AFTER = /^\s*(?:,\s*)?(?:of\s+|in\s+)?(?:last year|the year before)\b/i;

/** Every date phrase in the text, longest first where two overlap. */
export function findDates(text: string, today: number): DateMention[] {
  const found: DateMention[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(text); match; match = rule.pattern.exec(text)) {
      if (match[0].length === 0) {
        rule.pattern.lastIndex++;
        continue;
      }
      const resolved = rule.resolve(match, today);
      if (!resolved) continue;
      const past = resolved.past ?? (resolved.day !== null && resolved.day < today);
      // "去年 11 月签的", "in November last year": a month of a year gone by, not this year's.
      if (!past && (LAST_YEAR_BEFORE.test(text.slice(Math.max(0, match.index - 16), match.index)) || LAST_YEAR_AFTER.test(text.slice(match.index + match[0].length, match.index + match[0].length + 16)))) {
        found.push({ start: match.index, end: match.index + match[0].length, day: null, past: true, period: resolved.period ?? false });
        continue;
      }
      found.push({ start: match.index, end: match.index + match[0].length, day: resolved.day, past, period: resolved.period ?? false });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: DateMention[] = [];
  // One flag per character keeps the overlap check linear in a long note full of dates.
  const taken = new Uint8Array(text.length);
  for (const mention of found) {
    let free = true;
    for (let i = mention.start; i < mention.end && free; i++) free = taken[i] === 0;
    if (!free) continue;
    taken.fill(1, mention.start, mention.end);
    kept.push(mention);
  }
  return kept.sort((a, b) => a.start - b.start);
}
