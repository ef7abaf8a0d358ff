import { describe, expect, it } from 'vitest';
import { readAmount, readCurrency, readDate, readDealStage, readDomains, readRole, readSizeTier, readStage } from './values';

const value = <T>(result: { ok: true; value: T } | { ok: false; reason: { en: string } }) => (result.ok ? result.value : `error: ${result.reason.en}`);

describe('cell readers', () => {
  it.each([
    ['120000', { amount: 120000, currency: null }],
    ['¥1,200,000', { amount: 1200000, currency: 'CNY' }],
    ['120万', { amount: 1200000, currency: null }],
    ['1.2亿元', { amount: 120000000, currency: 'CNY' }],
    ['$50k', { amount: 50000, currency: 'USD' }],
    ['USD 3,000.50', { amount: 3000.5, currency: 'USD' }],
    ['１２０，０００', { amount: 120000, currency: null }],
    ['-5', 'error: an amount cannot be negative'],
    ['about 5', 'error: "about 5" is not an amount; write a number such as 120000, 12万 or ¥120,000'],
  ])('amount %s', (raw, expected) => expect(value(readAmount(raw))).toEqual(expected));

  it.each([
    ['2025-03-05', '2025-03-05'],
    ['2025/3/5', '2025-03-05'],
    ['2025.3.5', '2025-03-05'],
    ['2025年3月5日', '2025-03-05'],
    ['2025-03-05T10:00:00Z', '2025-03-05'],
    ['45721', '2025-03-05'],
    ['2025-02-30', 'error: "2025-02-30" is not a real date'],
    ['05/03/2025', 'error: "05/03/2025" could be day/month or month/day; write the date as YYYY-MM-DD'],
    ['soon', 'error: "soon" is not a date; write it as YYYY-MM-DD'],
  ])('date %s', (raw, expected) => expect(value(readDate(raw))).toBe(expected));

  it.each([
    ['Proposal', 'proposal'],
    ['商务谈判', 'negotiation'],
    ['Closed Won', 'won'],
    ['赢单', 'won'],
    ['续约', 'renewal'],
  ])('stage %s', (raw, expected) => expect(value(readStage(raw))).toBe(expected));

  it('refuses account stages for a deal, and unknown words with the choices', () => {
    expect(value(readDealStage('续约'))).toBe('error: "续约" is an account stage; a deal\'s stage is one of: lead, qualified, proposal, negotiation, won, lost');
    expect(value(readDealStage('maybe'))).toBe('error: "maybe" is not a stage; use one of: lead, qualified, proposal, negotiation, won, lost');
  });

  it.each([
    ['决策人', 'decision_maker'],
    ['Decision Maker', 'decision_maker'],
    ['decision_maker', 'decision_maker'],
    ['对接人', 'contact_person'],
    ['教练', 'champion'],
  ])('role %s', (raw, expected) => expect(value(readRole(raw))).toBe(expected));

  it.each([
    ['大客户', 'strategic'],
    ['SMB', 'smb'],
    ['成长', 'growth'],
  ])('size tier %s', (raw, expected) => expect(value(readSizeTier(raw))).toBe(expected));

  it.each([
    ['https://www.acme.com/about', ['acme.com']],
    ['www.huaxin-tech.com.cn；huaxin.cn', ['huaxin-tech.com.cn', 'huaxin.cn']],
    ['acme.com, shop.acme.com', ['acme.com']],
    ['not a site', 'error: "not" is not a website or domain; write it like acme.com'],
  ])('domains %s', (raw, expected) => expect(value(readDomains(raw))).toEqual(expected));

  it.each([
    ['人民币', 'CNY'],
    ['usd', 'USD'],
    ['dollars', 'error: "dollars" is not a currency; write a code such as CNY or USD'],
  ])('currency %s', (raw, expected) => expect(value(readCurrency(raw))).toBe(expected));
});

describe('cell readers in zh-CN', () => {
  it('say why a cell was refused in Chinese, naming the choices by their Chinese names', () => {
    const reason = (result: { ok: boolean; reason?: { 'zh-CN': string } }) => result.reason?.['zh-CN'];
    expect(reason(readStage('maybe'))).toBe('“maybe”不是有效的阶段，请使用：线索、商机确认、方案、谈判、交付、价值运营、续约增购、赢单、输单、流失');
    expect(reason(readDealStage('续约'))).toBe('“续约”是客户阶段，商机阶段只能是：线索、商机确认、方案、谈判、赢单、输单');
    expect(reason(readDate('31/01/2025'))).toBe('“31/01/2025”无法判断是日/月还是月/日，请写成 YYYY-MM-DD');
    expect(reason(readAmount('-5'))).toBe('金额不能为负数');
  });
});
