import { describe, expect, it } from 'vitest';
import { dayFromYmd, isoOf } from './calendar';
import { findDates } from './dates';

/** Thursday 2026-03-12. */
const TODAY = dayFromYmd(2026, 3, 12);

function resolve(text: string, today = TODAY): string[] {
  return findDates(text, today)
    .filter((d) => d.day !== null && !d.past)
    .map((d) => isoOf(d.day!));
}

describe('findDates', () => {
  const cases: Array<[string, string]> = [
    ['下周三前', '2026-03-18'],
    ['周五之前', '2026-03-13'],
    ['这周四', '2026-03-12'],
    ['下下周', '2026-03-27'],
    ['下周内', '2026-03-20'],
    ['本周内', '2026-03-13'],
    ['月底前', '2026-03-31'],
    ['下个月底前', '2026-04-30'],
    ['3月15日', '2026-03-15'],
    ['三月十五号', '2026-03-15'],
    ['15号前', '2026-03-15'],
    ['11.20 前', '2026-11-20'],
    ['9 月中旬前', '2026-09-15'],
    ['8 月前签约', '2026-07-31'],
    ['明天', '2026-03-13'],
    ['后天前', '2026-03-14'],
    ['两周内', '2026-03-26'],
    ['三天内', '2026-03-15'],
    ['年底前签约', '2026-12-31'],
    ['Q3 要签', '2026-09-30'],
    ['明年 Q2 签', '2027-06-30'],
    ['第四季度', '2026-12-31'],
    ['next Tuesday', '2026-03-17'],
    ['by Friday', '2026-03-13'],
    ['Friday week', '2026-03-20'],
    ['end of month', '2026-03-31'],
    ['EOQ', '2026-03-31'],
    ['end of next week', '2026-03-20'],
    ['in two weeks', '2026-03-26'],
    ['within 10 days', '2026-03-22'],
    ['Dec 4', '2026-12-04'],
    ['March 15th', '2026-03-15'],
    ['18 April', '2026-04-18'],
    ['mid-June', '2026-06-15'],
    ['end of March', '2026-03-31'],
    ['by the 28th', '2026-03-28'],
    ['2026-12-09', '2026-12-09'],
    ['2026年12月9日', '2026-12-09'],
    ['EOD Thursday', '2026-03-12'],
    // A weekday written beside its date is that date, not the next such weekday.
    ['Thursday 26 March at 9', '2026-03-26'],
    ['Fri, Apr 3rd', '2026-04-03'],
    ['3 月 25 日周三下午', '2026-03-25'],
    ['周三（3月25日）', '2026-03-25'],
  ];
  it.each(cases)('%s → %s', (text, want) => {
    expect(resolve(text)).toEqual([want]);
  });

  it.each(['12/9', '上周五', 'last Tuesday', '3 days ago', '3月5日', 'Mar 2', 'Jan 10', '18 Feb', '合伙人月底催着补录', '本周复盘'])('"%s" is no date to come', (text) => {
    expect(resolve(text)).toEqual([]);
  });

  it('a month-day long past rolls to next year', () => {
    expect(resolve('Jan 10', dayFromYmd(2026, 12, 21))).toEqual(['2027-01-10']);
    expect(resolve('1 月 8 日前', dayFromYmd(2026, 12, 21))).toEqual(['2027-01-08']);
  });

  it('下周三 said on a Sunday is the coming Wednesday (weeks start on Monday)', () => {
    expect(resolve('下周三', dayFromYmd(2026, 3, 1))).toEqual(['2026-03-04']);
    expect(resolve('next Wednesday', dayFromYmd(2026, 3, 1))).toEqual(['2026-03-04']);
  });

  it.each(['去年 11 月 10 日签的', '去年的11月10号', 'Nov 10 last year', 'last year on Nov 10', 'November 10 of last year'])('a date of last year is past, not this year’s: %s', (text) => {
    expect(resolve(text)).toEqual([]);
  });
});
