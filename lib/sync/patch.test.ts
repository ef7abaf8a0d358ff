import { describe, expect, it } from 'vitest';
import { newActivityFields, type EntityName } from '../schemas';
import { checkRecord, mergeShapeOf, parsePatch } from './patch';

const ACCOUNT_ID = '0190f2a4-0000-7000-8000-000000000001';

describe('parsePatch', () => {
  it.each<[string, EntityName, Record<string, unknown>, string]>([
    ['an empty patch', 'account', {}, 'sets no field'],
    ['an unknown field', 'account', { colour: 'red' }, 'account has no field "colour"'],
    ['a meta field', 'account', { clock: {} }, 'set by the server'],
    ['the record id', 'contact', { id: ACCOUNT_ID }, 'set by the server'],
    ['a server-managed field', 'activity', { authorId: 'rep-1' }, 'set by the server'],
    ['a wrong type', 'account', { name: 42 }, 'name'],
    ['an empty required name', 'account', { name: '   ' }, 'needs a name'],
    ['a bad enum value', 'deal', { stage: 'renewal' }, 'stage'],
    ['a bad reference', 'contact', { accountId: 'not-a-uuid' }, 'UUID'],
    ['a map entry on a field that is no map', 'contact', { 'name.first': 'Li' }, 'no map field entry'],
    ['a map entry with a bad key', 'account', { 'facts.9lives': { value: 'x', confirmed: true } }, 'no map field entry'],
    ['a map entry with a bad value', 'account', { 'facts.budget': { value: 'x' } }, 'facts.budget'],
    ['a note over the length limit', 'activity', { body: 'x'.repeat(65_537) }, 'the limit is 65,536'],
  ])('refuses %s by name', (_name, entity, patch, words) => {
    const result = parsePatch(entity, patch);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')).toContain(words);
  });

  it.each<[string, EntityName, Record<string, unknown>, Record<string, unknown>]>([
    ['trims and lower-cases an email', 'contact', { email: '  Li.Wei@Example.COM ' }, { email: 'li.wei@example.com' }],
    ['upper-cases a currency', 'deal', { currency: 'cny' }, { currency: 'CNY' }],
    ['keeps a map entry', 'account', { 'facts.budget': { value: '200k', confirmed: true } }, { 'facts.budget': { value: '200k', confirmed: true } }],
    ['accepts a map entry removal', 'deal', { 'facts.budget': null }, { 'facts.budget': null }],
    ['accepts a tombstone and its undo', 'account', { deletedAt: 1_700_000_000_000 }, { deletedAt: 1_700_000_000_000 }],
    ['counts CJK characters as one each', 'activity', { body: '客'.repeat(65_536) }, { body: '客'.repeat(65_536) }],
  ])('%s', (_name, entity, patch, expected) => {
    expect(parsePatch(entity, patch)).toEqual({ ok: true, patch: expected });
  });

  it('reports every bad field of a patch at once', () => {
    const result = parsePatch('account', { name: 7, stage: 'nope', colour: 'red' });
    expect(result.ok ? [] : result.issues.map((issue) => issue.field)).toEqual(['name', 'stage', 'colour']);
  });
});

describe('checkRecord', () => {
  const meta = { id: ACCOUNT_ID, createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {} };
  const note = { ...newActivityFields({ type: 'note', accountId: null, occurredAt: 1, body: 'hi' }), authorId: null, ...meta };

  it.each([
    ['a call without an outcome', { ...note, type: 'call' }, 'callOutcome'],
    ['a note with a call outcome', { ...note, callOutcome: 'connected' }, 'callOutcome'],
    ['a task without a due time', { ...note, type: 'task' }, 'dueAt'],
    ['a message without a channel', { ...note, type: 'message' }, 'channel'],
    ['a record missing a field', { ...meta, name: 'Acme' }, 'domains'],
  ])('refuses %s after a merge', (_name, record, field) => {
    const entity: EntityName = 'type' in record ? 'activity' : 'account';
    const result = checkRecord(entity, record);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((issue) => issue.field)).toContain(field);
  });

  it('accepts a consistent record', () => {
    expect(checkRecord('activity', note)).toEqual({ ok: true });
  });

  it('names the map fields each entity merges per key', () => {
    expect(mergeShapeOf('account').mapFields).toEqual(['facts']);
    expect(mergeShapeOf('contact').mapFields).toEqual([]);
  });
});
