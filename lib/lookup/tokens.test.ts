import { describe, expect, it } from 'vitest';
import { accountSearchTokens, contactSearchTokens, normalizeForSearch, queryTerms } from './tokens';
import { tokensMatchAllTerms } from './rank';

describe('normalizeForSearch', () => {
  it.each([
    ['Acme Robotics', 'acme robotics'],
    ['Société Générale', 'societe generale'],
    ['ＡＣＭＥ　１２３', 'acme 123'],
    ['阿里巴巴', '阿里巴巴'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeForSearch(input)).toBe(expected);
  });
});

describe('search tokens match what reps type', () => {
  const cases: Array<[string, string[], string, boolean]> = [
    ['word prefix', accountSearchTokens({ name: 'Acme Robotics', domains: [] }), 'rob', true],
    ['name prefix across words', accountSearchTokens({ name: 'Acme Robotics', domains: [] }), 'acme rob', true],
    ['joined words', accountSearchTokens({ name: 'Acme Robotics', domains: [] }), 'acmerob', true],
    ['not a prefix of any word', accountSearchTokens({ name: 'Acme Robotics', domains: [] }), 'botics', false],
    ['CJK start', accountSearchTokens({ name: '阿里巴巴网络技术有限公司', domains: [] }), '阿里', true],
    ['CJK middle', accountSearchTokens({ name: '阿里巴巴网络技术有限公司', domains: [] }), '网络技术', true],
    ['CJK not present', accountSearchTokens({ name: '阿里巴巴网络技术有限公司', domains: [] }), '腾讯', false],
    ['mixed script', accountSearchTokens({ name: 'Acme中国', domains: [] }), '中国', true],
    ['accents', accountSearchTokens({ name: 'Société Générale', domains: [] }), 'gener', true],
    ['domain', accountSearchTokens({ name: 'Acme', domains: ['acme-robotics.com.cn'] }), 'acme-robotics.com', true],
    ['domain label', accountSearchTokens({ name: 'X', domains: ['initech.io'] }), 'initech', true],
    ['contact email', contactSearchTokens({ name: 'Li Wei', email: 'li.wei@acme.com' }), 'li.wei@', true],
    ['contact email domain', contactSearchTokens({ name: 'Li Wei', email: 'li.wei@acme.com' }), 'acme.com', true],
    ['contact name', contactSearchTokens({ name: '王芳', email: null }), '芳', true],
  ];
  it.each(cases)('%s', (_name, tokens, query, expected) => {
    expect(tokensMatchAllTerms(tokens, queryTerms(query))).toBe(expected);
  });

  it('bounds a pasted paragraph so the index stays small', () => {
    const tokens = accountSearchTokens({ name: '客'.repeat(500), domains: [] });
    expect(tokens.length).toBeLessThanOrEqual(26);
    expect(Math.max(...tokens.map((t) => t.length))).toBeLessThanOrEqual(64);
  });

  it('keeps addresses and domains whole in queries', () => {
    expect(queryTerms('  Li.Wei@ACME ')).toEqual(['li.wei@acme']);
    expect(queryTerms('acme robotics')).toEqual(['acme', 'robotics']);
    expect(queryTerms('   ')).toEqual([]);
  });
});
