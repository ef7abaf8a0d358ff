import { describe, expect, it } from 'vitest';
import { decideField, sameMark, type FieldState } from './marks';

const T1 = '000001700000000:0000:aaaaaaaaaaaa';
const T2 = '000001700000001:0000:bbbbbbbbbbbb';

const state = (overrides: Partial<FieldState>): FieldState => ({
  current: 'negotiation',
  target: 'negotiation',
  fileValue: 'negotiation',
  clock: T1,
  mark: { value: 'negotiation', clock: T1 },
  setByThisImport: false,
  ...overrides,
});

describe('decideField', () => {
  it.each<[string, Partial<FieldState>, ReturnType<typeof decideField>]>([
    ['the file says what Sidenote has', {}, { kind: 'same' }],
    ['the file changed, nobody touched the field since its last import', { target: 'won', fileValue: 'won' }, { kind: 'take' }],
    ['Sidenote changed the field since, the file did not', { current: 'won', clock: T2 }, { kind: 'conflict', fileChanged: false }],
    ['both changed it', { current: 'won', clock: T2, target: 'lost', fileValue: 'lost' }, { kind: 'conflict', fileChanged: true }],
    ['both changed it to the same value', { current: 'won', clock: T2, target: 'won', fileValue: 'won' }, { kind: 'same' }],
    ['never imported, Sidenote has a value', { mark: undefined, current: 'Robotics', target: 'Logistics', fileValue: 'Logistics' }, { kind: 'conflict', fileChanged: null }],
    ['never imported, Sidenote has nothing', { mark: undefined, current: null, target: 'Logistics', fileValue: 'Logistics' }, { kind: 'take' }],
    ['never imported, an empty list', { mark: undefined, current: [], target: ['acme.com'], fileValue: ['acme.com'] }, { kind: 'take' }],
    ['the rep cleared the field after the import', { current: null, clock: T2, target: 'Logistics', fileValue: 'Logistics' }, { kind: 'conflict', fileChanged: true }],
    ['an earlier row of this file set it', { current: 'won', clock: T2, target: 'lost', fileValue: 'lost', setByThisImport: true }, { kind: 'take' }],
  ])('%s', (_name, overrides, decision) => {
    expect(decideField(state(overrides))).toEqual(decision);
  });
});

describe('sameMark', () => {
  it('needs the same value and the same clock', () => {
    expect(sameMark({ value: ['a.com'], clock: T1 }, { value: ['a.com'], clock: T1 })).toBe(true);
    expect(sameMark({ value: ['a.com'], clock: T1 }, { value: ['a.com'], clock: T2 })).toBe(false);
    expect(sameMark({ value: 1, clock: T1 }, { value: 2, clock: T1 })).toBe(false);
    expect(sameMark(undefined, { value: 1, clock: T1 })).toBe(false);
  });
});
