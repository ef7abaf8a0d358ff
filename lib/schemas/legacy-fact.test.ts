import { describe, expect, it } from 'vitest';
import { legacyFactSchema } from './fact';
import { readLegacyFact } from './legacy-fact';

// The store's v5 upgrade reads legacy facts without Zod; it must accept exactly what the schema accepts.
const cases: unknown[] = [
  { value: '500k', confirmed: true },
  { value: '', confirmed: false },
  { value: 'x'.repeat(2000), confirmed: true },
  { value: 'x'.repeat(2001), confirmed: true },
  { value: '预算 85 万', confirmed: false },
  { value: 'x', confirmed: 'yes' },
  { value: 5, confirmed: true },
  { value: 'x' },
  { confirmed: true },
  { value: 'x', confirmed: true, extra: 1 },
  { value: 'x', state: 'known', by: null, at: null },
  { value: 'x', confirmed: true, state: 'known', by: null, at: null },
  { value: 'x', extra: true },
  ['x', true],
  null,
  'x',
  42,
  undefined,
];

describe('legacy facts read without Zod', () => {
  it.each(cases.map((entry) => [JSON.stringify(entry)?.slice(0, 40) ?? String(entry), entry]))('%s: the same verdict and value as legacyFactSchema', (_, entry) => {
    const zod = legacyFactSchema.safeParse(entry);
    expect(readLegacyFact(entry)).toEqual(zod.success ? zod.data : null);
  });
});
