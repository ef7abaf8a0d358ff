import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from './hlc';
import { applyPatch, mergeRecords, type StoredRecord } from './merge';

// FC_RUNS=5000 for a deeper search than the default 100 runs per property.
fc.configureGlobal({ numRuns: Number(process.env.FC_RUNS ?? 100) });

const SHAPE = { mapFields: ['facts'] };
const RECORD_ID = '0190f2a4-0000-7000-8000-000000000001';
const CREATED = formatHlc({ wallMs: 1_000, counter: 0, node: 'creator01' });
const BASE_FIELDS = { name: 'Acme', stage: 'lead', industry: null, facts: {}, deletedAt: null };

interface Write {
  key: 'name' | 'stage' | 'industry' | 'deletedAt' | 'facts.budget' | 'facts.champion';
  value: unknown;
  stamp: string;
}

const valueFor: Record<Write['key'], fc.Arbitrary<unknown>> = {
  name: fc.constantFrom('Acme', 'Acme Ltd', 'ACME Robotics'),
  stage: fc.constantFrom('lead', 'qualified', 'proposal'),
  industry: fc.constantFrom(null, 'Retail', 'Logistics'),
  deletedAt: fc.constantFrom(null, 5_000, 6_000),
  'facts.budget': fc.constantFrom(null, { value: '100k', confirmed: false }, { value: '200k', confirmed: true }),
  'facts.champion': fc.constantFrom(null, { value: 'CFO', confirmed: true }),
};

const writeArb: fc.Arbitrary<Omit<Write, 'stamp'> & { wallMs: number; counter: number; node: string }> = fc
  .constantFrom(...(Object.keys(valueFor) as Write['key'][]))
  .chain((key) =>
    fc.record({
      key: fc.constant(key),
      value: valueFor[key],
      wallMs: fc.integer({ min: 2_000, max: 2_050 }),
      counter: fc.integer({ min: 0, max: 3 }),
      node: fc.constantFrom('nodea001', 'nodeb001', 'nodec001'),
    }),
  );

/** Writes with unique stamps: a stamp names one write, which is what the merge assumes. */
const writesArb = fc
  .uniqueArray(writeArb, { selector: (w) => `${w.wallMs}:${w.counter}:${w.node}`, maxLength: 14 })
  .map((writes) => writes.map(({ wallMs, counter, node, key, value }) => ({ key, value, stamp: formatHlc({ wallMs, counter, node }) })));

function created(): StoredRecord {
  return applyPatch(null, RECORD_ID, BASE_FIELDS, CREATED, SHAPE).record;
}

function replica(writes: readonly Write[]): StoredRecord {
  let record = created();
  for (const write of writes) record = applyPatch(record, RECORD_ID, { [write.key]: write.value }, write.stamp, SHAPE).record;
  return record;
}

/** What replicas must agree on: every clocked value and the clock (not who last wrote). */
function content(record: StoredRecord): unknown {
  const { updatedBy: _updatedBy, ...rest } = record;
  return rest;
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = Math.abs(seed) || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe('field-level last-writer-wins', () => {
  it('reaches the same record whatever order the writes arrive in', () => {
    fc.assert(
      fc.property(writesArb, fc.integer(), (writes, seed) => {
        expect(content(replica(shuffled(writes, seed)))).toEqual(content(replica(writes)));
      }),
    );
  });

  it('merges two replicas into the replica of all their writes', () => {
    fc.assert(
      fc.property(writesArb, fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }), fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }), (writes, inA, inB) => {
        const a = writes.filter((_, i) => inA[i]);
        const b = writes.filter((_, i) => inB[i]);
        const union = writes.filter((_, i) => inA[i] || inB[i]);
        expect(content(mergeRecords(replica(a), replica(b), SHAPE))).toEqual(content(replica(union)));
      }),
    );
  });

  const threeReplicas = fc.tuple(writesArb, fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 14, maxLength: 14 })).map(([writes, masks]) =>
    [1, 2, 4].map((bit) => replica(writes.filter((_, i) => (masks[i]! & bit) !== 0))),
  );

  it('is commutative', () => {
    fc.assert(
      fc.property(threeReplicas, ([x, y]) => {
        expect(content(mergeRecords(x!, y!, SHAPE))).toEqual(content(mergeRecords(y!, x!, SHAPE)));
      }),
    );
  });

  it('is associative', () => {
    fc.assert(
      fc.property(threeReplicas, ([x, y, z]) => {
        const left = mergeRecords(mergeRecords(x!, y!, SHAPE), z!, SHAPE);
        const right = mergeRecords(x!, mergeRecords(y!, z!, SHAPE), SHAPE);
        expect(content(left)).toEqual(content(right));
      }),
    );
  });

  it('is idempotent, for merges and for a write applied twice', () => {
    fc.assert(
      fc.property(writesArb, (writes) => {
        const record = replica(writes);
        expect(content(mergeRecords(record, record, SHAPE))).toEqual(content(record));
        expect(content(replica([...writes, ...writes]))).toEqual(content(record));
      }),
    );
  });

  it('merges map fields per key, so two facts confirmed apart both stay', () => {
    const li = applyPatch(created(), RECORD_ID, { 'facts.budget': { value: '200k', confirmed: true } }, formatHlc({ wallMs: 3_000, counter: 0, node: 'nodea001' }), SHAPE).record;
    const ana = applyPatch(created(), RECORD_ID, { 'facts.champion': { value: 'CFO', confirmed: true } }, formatHlc({ wallMs: 2_500, counter: 0, node: 'nodeb001' }), SHAPE).record;
    const merged = mergeRecords(li, ana, SHAPE);
    expect(merged.facts).toEqual({ budget: { value: '200k', confirmed: true }, champion: { value: 'CFO', confirmed: true } });
    expect(Object.keys(merged.clock)).toEqual(expect.arrayContaining(['facts.budget', 'facts.champion']));
  });

  it('treats a whole-map write as one write per key, leaving other keys alone', () => {
    const withBudget = applyPatch(created(), RECORD_ID, { 'facts.budget': { value: '1', confirmed: false } }, formatHlc({ wallMs: 2_000, counter: 0, node: 'nodea001' }), SHAPE).record;
    const whole = applyPatch(withBudget, RECORD_ID, { facts: { champion: { value: 'CTO', confirmed: false } } }, formatHlc({ wallMs: 2_001, counter: 0, node: 'nodeb001' }), SHAPE).record;
    expect(whole.facts).toEqual({ budget: { value: '1', confirmed: false }, champion: { value: 'CTO', confirmed: false } });
  });

  it('syncs a delete as a tombstone field that a later undo clears, while other edits survive it', () => {
    const stamp = (wallMs: number, node = 'nodea001') => formatHlc({ wallMs, counter: 0, node });
    const deleted = applyPatch(created(), RECORD_ID, { deletedAt: 4_000 }, stamp(4_000), SHAPE).record;
    const editedMeanwhile = applyPatch(created(), RECORD_ID, { industry: 'Retail' }, stamp(4_100, 'nodeb001'), SHAPE).record;
    const both = mergeRecords(deleted, editedMeanwhile, SHAPE);
    expect(both).toMatchObject({ deletedAt: 4_000, industry: 'Retail' });
    const undone = applyPatch(both, RECORD_ID, { deletedAt: null }, stamp(5_000), SHAPE).record;
    expect(undone.deletedAt).toBeNull();
    // An old delete arriving late does not undo the undo.
    expect(applyPatch(undone, RECORD_ID, { deletedAt: 3_000 }, stamp(3_000, 'nodec001'), SHAPE).record.deletedAt).toBeNull();
  });

  it('reports which fields of a write lost to newer ones', () => {
    const newer = applyPatch(created(), RECORD_ID, { stage: 'proposal' }, formatHlc({ wallMs: 5_000, counter: 0, node: 'nodeb001' }), SHAPE).record;
    const outcome = applyPatch(newer, RECORD_ID, { stage: 'qualified', industry: 'Retail' }, formatHlc({ wallMs: 4_000, counter: 0, node: 'nodea001' }), SHAPE);
    expect(outcome.lost).toEqual(['stage']);
    expect(outcome.applied).toEqual(['industry']);
    expect(outcome.record).toMatchObject({ stage: 'proposal', industry: 'Retail' });
  });

  it('takes server-managed fields from the authoritative copy and derives the times from the clock', () => {
    const local = { ...replica([]), authorId: null, updatedBy: null };
    const server = { ...replica([{ key: 'name', value: 'Acme Ltd', stamp: formatHlc({ wallMs: 7_000, counter: 0, node: 'nodeb001' }) }]), authorId: 'rep-1', updatedBy: 'rep-2' };
    const merged = mergeRecords(local, server, SHAPE);
    expect(merged).toMatchObject({ authorId: 'rep-1', updatedBy: 'rep-2', name: 'Acme Ltd', createdAt: 1_000, updatedAt: 7_000 });
  });
});

describe('keys that name inherited properties', () => {
  const stamp = formatHlc({ wallMs: 3_000, counter: 0, node: 'nodea001' });

  it('stores a __proto__ key as data and leaves the record\'s prototype alone', () => {
    // The server and the write path refuse such keys first; the merge must not be the weak link.
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "facts.__proto__": {"value": "x", "confirmed": true}}') as Record<string, unknown>;
    const { record } = applyPatch(created(), RECORD_ID, patch, stamp, SHAPE);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect((record as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(record, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(record.facts)).toBe(Object.prototype);
    expect(Object.hasOwn(record.facts as object, '__proto__')).toBe(true);
  });

  it('reads no stamp or value off a prototype when merging', () => {
    const local = applyPatch(created(), RECORD_ID, { toString: 'mine', 'facts.constructor': { value: 'x', confirmed: true } }, stamp, SHAPE).record;
    const merged = mergeRecords(local, created(), SHAPE);
    expect(Object.hasOwn(merged, 'toString')).toBe(true);
    expect(merged.clock).toMatchObject({ toString: stamp, 'facts.constructor': stamp });
    expect(merged.facts).toEqual({ constructor: { value: 'x', confirmed: true } });
  });
});
