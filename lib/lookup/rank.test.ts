import { describe, expect, it } from 'vitest';
import { rankLookup, type LookupCandidate } from './rank';
import { queryTerms } from './tokens';

function candidate(id: string, name: string, extra: Partial<LookupCandidate> = {}): LookupCandidate {
  return { kind: 'account', id, name, domains: [], email: null, accountId: id, updatedAt: 0, ...extra };
}

describe('rankLookup', () => {
  it('orders exact, then name prefix, then word prefix, then domain, then substring', () => {
    const ranked = rankLookup(
      queryTerms('acme'),
      [
        candidate('sub', '北京acme'),
        candidate('word', 'Global Acme Partners'),
        candidate('exact', 'ACME'),
        candidate('domain', 'Roadrunner Ltd', { domains: ['acme-rr.com'] }),
        candidate('prefix', 'Acme Robotics'),
      ],
      10,
    );
    expect(ranked.map((r) => r.id)).toEqual(['exact', 'prefix', 'word', 'domain', 'sub']);
    expect(ranked.map((r) => r.reason)).toEqual(['exact', 'name_prefix', 'word_prefix', 'domain', 'substring']);
  });

  it('puts an account above a person with an equally good name match', () => {
    const ranked = rankLookup(queryTerms('li'), [candidate('c', 'Li Wei', { kind: 'contact' }), candidate('a', 'Lifang Tech')], 10);
    expect(ranked.map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('breaks ties by recency, then name, so equal input gives equal order', () => {
    const input = [candidate('b', 'Acme B', { updatedAt: 5 }), candidate('a', 'Acme A', { updatedAt: 5 }), candidate('c', 'Acme C', { updatedAt: 9 })];
    expect(rankLookup(queryTerms('acme'), input, 10).map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect(rankLookup(queryTerms('acme'), [...input].reverse(), 10).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });

  it('ranks a contact found by email prefix above word matches', () => {
    const ranked = rankLookup(
      queryTerms('wang'),
      [candidate('w', 'Big Wang Foods'), candidate('c', 'Fang', { kind: 'contact', email: 'wangfang@qq.com' })],
      10,
    );
    expect(ranked[0]?.id).toBe('c');
  });

  it('returns each record once and at most the limit', () => {
    const dup = candidate('x', 'Acme');
    expect(rankLookup(queryTerms('acme'), [dup, dup, candidate('y', 'Acme 2')], 1)).toHaveLength(1);
    expect(rankLookup(queryTerms('acme'), [dup, dup], 10)).toHaveLength(1);
  });
});
