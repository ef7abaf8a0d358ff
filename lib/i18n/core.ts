import type { Locale } from '../schemas';

export type { Locale };
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

/** A message is a string or a function of its parameters (plurals and numbers stay in code). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MessageValue = string | ((...args: any[]) => string);
export type Messages = Record<string, MessageValue>;

/** One feature's UI text in both languages; zh-CN must have every key English has. */
export interface Bilingual<M extends Messages> {
  en: M;
  'zh-CN': M;
}

export function defineMessages<M extends Messages>(dictionary: { en: M; 'zh-CN': NoInfer<M> }): Bilingual<M> {
  return dictionary;
}

/**
 * The UI language: the rep's choice, else the browser's first language we speak. Any
 * Chinese variant maps to zh-CN, the only Chinese we ship.
 */
export function resolveLocale(setting: 'auto' | Locale, browserLanguages: readonly string[]): Locale {
  if (setting !== 'auto') return setting;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

const DURATION_UNITS = {
  en: { h: 'h', min: 'min', s: 's', gap: ' ' },
  'zh-CN': { h: '小时', min: '分钟', s: '秒', gap: ' ' },
} as const;

/** "12 min", "1 h 5 min", "12 min 30 s"; zh-CN "1 小时 5 分钟". Zero parts are left out. */
export function formatDurationIn(locale: Locale, seconds: number): string {
  const units = DURATION_UNITS[locale];
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  const parts: string[] = [];
  if (hours) parts.push(`${hours} ${units.h}`);
  if (minutes) parts.push(`${minutes} ${units.min}`);
  if (rest || parts.length === 0) parts.push(`${rest} ${units.s}`);
  return parts.join(units.gap);
}

/** Number, date and relative-time formatting for a locale; create once per locale. */
export function createFormatters(locale: Locale) {
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  const relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const numberFormat = new Intl.NumberFormat(locale);
  // A deal list formats every amount: one formatter per currency, not one per amount.
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  return {
    date: (ms: number) => dateFormat.format(ms),
    dateTime: (ms: number) => dateTimeFormat.format(ms),
    number: (value: number) => numberFormat.format(value),
    /** A call's or meeting's length, from seconds. */
    duration: (seconds: number) => formatDurationIn(locale, seconds),
    money: (amount: number, currency: string) => {
      let format = moneyFormats.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
        moneyFormats.set(currency, format);
      }
      return format.format(amount);
    },
    /** "3 minutes ago", "in 2 days": picks the largest unit that fits. */
    relative: (ms: number, nowMs: number) => {
      const seconds = Math.round((ms - nowMs) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 45) return relativeFormat.format(0, 'second');
      if (abs < 3600) return relativeFormat.format(Math.round(seconds / 60), 'minute');
      if (abs < 86_400) return relativeFormat.format(Math.round(seconds / 3600), 'hour');
      if (abs < 30 * 86_400) return relativeFormat.format(Math.round(seconds / 86_400), 'day');
      if (abs < 365 * 86_400) return relativeFormat.format(Math.round(seconds / (30 * 86_400)), 'month');
      return relativeFormat.format(Math.round(seconds / (365 * 86_400)), 'year');
    },
  };
}
export type Formatters = ReturnType<typeof createFormatters>;
