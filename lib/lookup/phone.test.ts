import { describe, expect, it } from 'vitest';
import { looksLikePhoneQuery, matchPhoneKey, phoneKey, phoneQueryKeys } from './phone';

describe('phoneKey: one key for every way a number is written', () => {
  it.each([
    ['+86 138 0013 8000', '13800138000'],
    ['138-0013-8000', '13800138000'],
    ['13800138000', '13800138000'],
    ['+8613800138000', '13800138000'],
    ['0086 138 0013 8000', '13800138000'],
    ['010-6552 9988', '1065529988'],
    ['+86 10 6552 9988', '1065529988'],
    ['(415) 555-0134', '4155550134'],
    ['+1 415 555 0134', '4155550134'],
    ['+1 (415) 555-0134 ext 12', '4155550134'],
    ['+44 (0)20 7946 0958', '2079460958'],
    ['020 7946 0958', '2079460958'],
    ['+852 2123 4567', '21234567'],
    ['１３８００１３８０００', '13800138000'],
    ['123', null],
    ['', null],
    [null, null],
  ])('%j → %j', (phone, key) => {
    expect(phoneKey(phone)).toBe(key);
  });
});

describe('what a typed number may stand for', () => {
  it.each([
    ['13800138000', ['13800138000', '3800138000']],
    ['8613800138000', ['8613800138000', '13800138000']],
    ['14155550134', ['14155550134', '4155550134']],
    ['+1 415 555 0134', ['4155550134']],
    ['0134', ['0134']],
    ['6552 9988', ['65529988']],
    ['acme', []],
    ['138', []],
    ['li wei 138', []],
  ])('%j → %j', (query, keys) => {
    expect(phoneQueryKeys(query).sort()).toEqual([...keys].sort());
  });

  it('tells a number from a name', () => {
    expect(looksLikePhoneQuery('(415) 555-0134')).toBe(true);
    expect(looksLikePhoneQuery('3m')).toBe(false);
    expect(looksLikePhoneQuery('12')).toBe(false);
  });
});

describe('matchPhoneKey: whole numbers, caller-ID endings, typed beginnings', () => {
  it.each([
    ['13800138000', ['13800138000'], 'whole'],
    ['13800138000', ['8000'], 'part'],
    ['13800138000', ['00138000'], 'part'],
    ['13800138000', ['1380'], 'part'],
    ['13800138000', ['9999'], null],
    [null, ['8000'], null],
    ['13800138000', [], null],
  ] as const)('%j meets %j: %j', (stored, keys, expected) => {
    expect(matchPhoneKey(stored, keys)).toBe(expected);
  });
});
