import { describe, expect, it } from 'vitest';
import { findMoney } from './amounts';

describe('findMoney', () => {
  const cases: Array<[string, number, string | null, string?]> = [
    ['预算 85 万', 850000, 'CNY'],
    ['预算80w左右', 800000, 'CNY'],
    ['预算就2个w', 20000, 'CNY'],
    ['估计 200 来万', 2000000, 'CNY'],
    ['预算五十万', 500000, 'CNY'],
    ['预算八十五万', 850000, 'CNY'],
    ['一百二十万以内', 1200000, 'CNY'],
    ['预算 1,200,000 元', 1200000, 'CNY'],
    ['预算 ¥600,000', 600000, 'CNY'],
    ['预算 RMB 300k', 300000, 'CNY'],
    ['预算 15 万美元', 150000, 'USD'],
    ['预算港币 80 万', 800000, 'HKD'],
    ['预算 RM 200k', 200000, 'MYR'],
    ['Budget $120k.', 120000, 'USD'],
    ['Budget 1.2M over 3 yrs', 1200000, null],
    ['Budget £1.5m, board sign-off', 1500000, 'GBP'],
    ['Budget €180k.', 180000, 'EUR'],
    ['Budget S$500k.', 500000, 'SGD'],
    ['Budget USD 750,000 for year one', 750000, 'USD'],
    ['Budget 95,000 dollars.', 95000, 'USD'],
    ['Budget INR 80 lakh.', 8000000, 'INR'],
    ['around 250 thousand', 250000, null],
    ['about a hundred grand', 100000, null],
    ['Budget ¥12M', 12000000, 'JPY', 'Asia/Tokyo'],
    ['预算 40-50 万', 500000, 'CNY'],
    ['八十万到一百万', 1000000, 'CNY'],
    ['Budget $40-50k', 50000, 'USD'],
    ['Budget R$400k', 400000, 'BRL'],
    ['Budget: 140 k€', 140000, 'EUR'],
    ['Budget SEK 4.5M', 4500000, 'SEK'],
    ['Budget R 1.2m', 1200000, 'ZAR', 'Africa/Johannesburg'],
    ['预算 ¥1,200 万（日元）', 12000000, 'JPY'],
    // Every written code or sign is that currency, and amounts read as their language writes them
    // (corpus README, sharpened 2026-12-02).
    ['Budget: R$ 600 mil per year.', 600000, 'BRL', 'America/Sao_Paulo'],
    ['Budget ₦25m for the rollout.', 25000000, 'NGN', 'Africa/Lagos'],
    ['budget KES 6M', 6000000, 'KES', 'Africa/Nairobi'],
    ['budget 5 lakh max', 500000, 'INR', 'Asia/Kolkata'],
    ['budget NT$ 1,500 萬 已核准', 15000000, 'TWD', 'Asia/Taipei'],
    ['They have PHP 4.5M for this year.', 4500000, 'PHP', 'Asia/Manila'],
    ['Budget AED 310,000', 310000, 'AED', 'Asia/Dubai'],
    ['預算 300 萬', 3000000, null],
    ['预算今年批了 ３５万', 350000, 'CNY'],
  ];
  it.each(cases)('%s → %d %s', (text, amount, currency, zone) => {
    const found = findMoney(text, zone ?? 'Asia/Shanghai');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ amount, currency });
    expect(text.slice(found[0]!.start, found[0]!.end)).not.toMatch(/^\s|\s$/);
  });

  it.each(['三家比价', '3 quotes', '40 人的销售团队', 'Q3', '2026 年', 'E5 licences', '12/9', '3 months', 'R2 release', 'HR 2 people'])('"%s" is not money', (text) => {
    expect(findMoney(text, 'UTC')).toEqual([]);
  });

  it('a bare R is the rand only in South Africa', () => {
    expect(findMoney('Budget R 1.2m', 'Europe/London')).toMatchObject([{ amount: 1200000, currency: null }]);
    expect(findMoney('HR 2 people', 'Africa/Johannesburg')).toEqual([]);
  });
});
