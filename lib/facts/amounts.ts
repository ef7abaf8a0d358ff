/**
 * Money as reps write it: 85 万, 80w, 五十万, 1,200,000 元, ¥600,000, RMB 300k, 12 万美元, $120k,
 * 1.2M, USD 250,000, £1.5m, INR 80 lakh, 40-50 万, 八十万到一百万, "about a hundred grand".
 * Currency only when written or clearly implied (元/万/w/¥/RMB → CNY; $/美元 → USD; …);
 * a bare 1.2M or 85k has none. A range yields its upper bound.
 */
import { HAN_NUMBER, parseNumber } from './numbers';

export interface MoneyMention {
  start: number;
  end: number;
  amount: number;
  currency: string | null;
}

const PREFIX_CURRENCY: Array<[RegExp, string]> = [
  [/^(?:US\$|USD|\$)$/i, 'USD'],
  [/^(?:RMB|CNY|人民币|￥)$/i, 'CNY'],
  [/^(?:HK\$|HKD|港币)$/i, 'HKD'],
  [/^(?:S\$|SGD)$/i, 'SGD'],
  [/^(?:A\$|AUD)$/i, 'AUD'],
  [/^(?:C\$|CAD)$/i, 'CAD'],
  [/^(?:£|GBP)$/i, 'GBP'],
  [/^(?:€|EUR)$/i, 'EUR'],
  [/^(?:RM|MYR)$/, 'MYR'],
  [/^(?:INR|₹)$/i, 'INR'],
  [/^(?:JPY)$/i, 'JPY'],
  [/^(?:R\$|BRL)$/i, 'BRL'],
  [/^(?:SEK)$/i, 'SEK'],
  [/^(?:NOK)$/i, 'NOK'],
  [/^(?:DKK)$/i, 'DKK'],
  [/^(?:CHF)$/i, 'CHF'],
  [/^(?:NZ\$|NZD)$/i, 'NZD'],
  [/^(?:ZAR)$/i, 'ZAR'],
  // Every other written code or sign is that currency too (corpus README, sharpened 2026-12-02).
  [/^(?:NT\$|TWD)$/i, 'TWD'],
  [/^(?:KES|KSh)$/i, 'KES'],
  [/^(?:₦|NGN)$/i, 'NGN'],
  [/^(?:₱|PHP)$/i, 'PHP'],
  [/^(?:AED)$/i, 'AED'],
  [/^(?:SAR)$/i, 'SAR'],
  [/^(?:PLN|zł)$/i, 'PLN'],
  [/^(?:THB|฿)$/i, 'THB'],
  [/^(?:IDR|Rp)$/, 'IDR'],
  [/^(?:KRW|₩)$/i, 'KRW'],
  [/^(?:MXN)$/i, 'MXN'],
  [/^(?:Rs\.?)$/, 'INR'],
];

const SUFFIX_CURRENCY: Array<[RegExp, string]> = [
  [/^(?:美元|美金|USD|dollars?)$/i, 'USD'],
  [/^(?:元|块|人民币|RMB|CNY|元人民币)$/i, 'CNY'],
  [/^(?:港币|港元|HKD)$/i, 'HKD'],
  [/^(?:英镑|GBP|pounds?)$/i, 'GBP'],
  [/^(?:欧元|EUR|euros?)$/i, 'EUR'],
  [/^(?:SGD)$/i, 'SGD'],
  [/^(?:AUD)$/i, 'AUD'],
  [/^(?:€)$/, 'EUR'],
  [/^(?:日元|日币|円|JPY)$/i, 'JPY'],
  [/^(?:SEK|kr)$/i, 'SEK'],
];

const SCALE: Record<string, number> = {
  万: 1e4, 萬: 1e4, w: 1e4, W: 1e4, 千: 1e3, 亿: 1e8, 億: 1e8, 个亿: 1e8,
  k: 1e3, K: 1e3, m: 1e6, M: 1e6, mm: 1e6, MM: 1e6, thousand: 1e3, million: 1e6, lakh: 1e5, crore: 1e7, grand: 1e3,
};

const NUMBER = `(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|${HAN_NUMBER}`;
const PREFIX = '(?:US\\$|HK\\$|NT\\$|S\\$|A\\$|C\\$|NZ\\$|R\\$|\\$|¥|￥|£|€|₹|₦|₱|₩|฿|RMB|CNY|USD|HKD|SGD|AUD|CAD|GBP|EUR|INR|JPY|MYR|BRL|SEK|NOK|DKK|CHF|NZD|ZAR|TWD|KES|KSh|NGN|PHP|AED|SAR|PLN|THB|IDR|KRW|MXN|Rs\\.?|Rp|RM|(?<![A-Za-z])R(?=\\s?\\d)|人民币|港币)';
const SCALE_WORD = '(?:个亿|万|萬|亿|億|千|(?:[wWkK]|mm|MM|[mM])(?![A-Za-z])|\\s?(?:thousand|million|lakh|crore|grand|mil)\\b)';
const SUFFIX = '(?:\\s?(?:美元|美金|港币|港元|英镑|欧元|日元|元人民币|元|块|人民币|RMB|CNY|USD|HKD|SGD|AUD|SEK|kr\\b|€|dollars?|pounds?|euros?)|\\s?[（(](?:日元|美元|港币|欧元)[)）])';

const MONEY = new RegExp(
  `(${PREFIX})?\\s?(${NUMBER})(?:\\s?(?:个|来|多|余)?\\s?(${SCALE_WORD}))?(?:\\s?(?:-|~|–|到|至)\\s?(${PREFIX})?\\s?(${NUMBER})(?:\\s?(?:个|来|多|余)?\\s?(${SCALE_WORD}))?)?(${SUFFIX})?(?![\\d%]|\\.\\d)`,
  'g',
);

const WORD_AMOUNT = /\b(?:about\s+)?(a|one|two|three|five)\s+hundred\s+(grand|thousand)\b/gi;

function currencyOf(prefix: string | undefined, scale: string | undefined, suffix: string | undefined, timeZone: string): string | null {
  const suffixText = suffix?.trim().replace(/^[（(]|[)）]$/g, '');
  if (suffixText) for (const [pattern, code] of SUFFIX_CURRENCY) if (pattern.test(suffixText)) return code;
  if (prefix) {
    if (prefix === '¥') return timeZone === 'Asia/Tokyo' ? 'JPY' : 'CNY';
    // A bare R is the rand in South Africa and nothing anywhere else.
    if (prefix === 'R') return timeZone === 'Africa/Johannesburg' ? 'ZAR' : null;
    for (const [pattern, code] of PREFIX_CURRENCY) if (pattern.test(prefix)) return code;
  }
  const scaleText = scale?.trim();
  if (scaleText && /^(?:万|w|W|亿|个亿|千)$/.test(scaleText)) return 'CNY';
  if (scaleText && /^(?:lakh|crore)$/.test(scaleText)) return 'INR';
  return null;
}

function valueOf(number: string, scale: string | undefined, prefix?: string): number | null {
  const base = parseNumber(number);
  if (base === null) return null;
  // "R$ 600 mil" is 600 thousand in Portuguese and Spanish; "$2 mil" is two million in English slang.
  const mil = /^(?:R\$|BRL|MXN)$/.test(prefix ?? '') ? 1e3 : 1e6;
  const factor = scale ? (scale.trim() === 'mil' ? mil : (SCALE[scale.trim()] ?? 1)) : 1;
  return Math.round(base * factor * 100) / 100;
}

/**
 * Every amount of money in the text. A number without a currency, a scale or a thousands
 * separator (the 3 in "3 quotes", the 40 in "40 人") is not money.
 */
export function findMoney(text: string, timeZone: string): MoneyMention[] {
  // Full-width digits ("８０万", an IME's habit) read as digits; one UTF-16 unit each, so offsets hold.
  text = text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
  const found: MoneyMention[] = [];
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m; m = MONEY.exec(text)) {
    const [, rawPrefix, number, scale, prefix2, number2, scale2, suffix] = m;
    if (!number) continue;
    // A bare R marks money only in South Africa ("R 1.2m"); elsewhere "R2" is a release or a name.
    const prefix = rawPrefix === 'R' && timeZone !== 'Africa/Johannesburg' ? undefined : rawPrefix;
    const hasMarker = Boolean(prefix || scale || suffix || prefix2 || scale2 || /,\d{3}/.test(number));
    if (!hasMarker) continue;
    // A Chinese numeral needs 万/亿/元 to be money (三家, 两周 are not).
    if (/^[零〇一二两三四五六七八九十百千]+$/.test(number) && !scale && !suffix && !scale2) continue;
    const upperNumber = number2 ?? number;
    const upperScale = scale2 ?? scale;
    const amount = valueOf(upperNumber, upperScale, prefix ?? prefix2);
    if (amount === null || amount <= 0) continue;
    // A lone "k"/"M" stuck to a word (a Q3 or 2M subscribers) is handled by the caller's context.
    const currency = currencyOf(prefix ?? prefix2, upperScale, suffix, timeZone);
    let start = m.index + (rawPrefix && !prefix ? rawPrefix.length : 0);
    while (text[start] === ' ') start++;
    let end = m.index + m[0].length;
    while (end > start && text[end - 1] === ' ') end--;
    found.push({ start, end, amount, currency });
  }
  WORD_AMOUNT.lastIndex = 0;
  for (let m = WORD_AMOUNT.exec(text); m; m = WORD_AMOUNT.exec(text)) {
    const count = { a: 1, one: 1, two: 2, three: 3, five: 5 }[m[1]!.toLowerCase() as 'a'] ?? 1;
    found.push({ start: m.index, end: m.index + m[0].length, amount: count * 100 * 1000, currency: null });
  }
  return found.sort((a, b) => a.start - b.start);
}
