import type { Locale } from '../schemas';

/**
 * Formatting for funnel text. Instants are shown in the rep's time zone; calendar dates
 * (`YYYY-MM-DD`) are shown as written, never shifted by a zone.
 */
export interface FunnelFormatters {
  date: (ms: number) => string;
  dateTime: (ms: number) => string;
  calendarDate: (date: string) => string;
  number: (value: number) => string;
  score: (value: number) => string;
  percent: (ratio: number) => string;
  money: (amount: number, currency: string) => string;
}

const cache = new Map<string, FunnelFormatters>();

export function funnelFormatters(locale: Locale, timeZone?: string): FunnelFormatters {
  const cacheKey = `${locale}|${timeZone ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const zone = timeZone ? { timeZone } : {};
  const dateFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', ...zone });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', ...zone });
  const calendarFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const numberFormat = new Intl.NumberFormat(locale);
  const scoreFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const formatters: FunnelFormatters = {
    date: (ms) => dateFormat.format(ms),
    dateTime: (ms) => dateTimeFormat.format(ms),
    calendarDate: (date) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      return match ? calendarFormat.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : date;
    },
    number: (value) => numberFormat.format(value),
    score: (value) => scoreFormat.format(value),
    percent: (ratio) => percentFormat.format(ratio),
    money: (amount, currency) => {
      let format = moneyFormats.get(currency);
      if (!format) {
        try {
          format = new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 });
        } catch {
          // A code Intl does not know still deserves a readable amount.
          format = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
        }
        moneyFormats.set(currency, format);
      }
      const text = format.format(amount);
      return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
    },
  };
  cache.set(cacheKey, formatters);
  return formatters;
}
