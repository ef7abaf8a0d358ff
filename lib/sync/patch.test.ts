import { describe, expect, it } from 'vitest';
import { MAX_MAP_FIELD_KEYS, newActivityFields, type EntityName } from '../schemas';
import { MAX_PATCH_ISSUES_LISTED, checkRecord, mergeShapeOf, parsePatch } from './patch';

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
    ['keeps a map entry', 'account', { 'facts.budget': { value: '200k', state: 'known', by: 'rep-1', at: 5, evidence: { activityId: '0191c7a0-0000-7000-8000-000000000001', quote: 'budget is 200k' } } }, { 'facts.budget': { value: '200k', state: 'known', by: 'rep-1', at: 5, evidence: { activityId: '0191c7a0-0000-7000-8000-000000000001', quote: 'budget is 200k' } } }],
    ['converts a map entry in the legacy shape (confirmed is known)', 'account', { 'facts.budget': { value: '200k', confirmed: true } }, { 'facts.budget': { value: '200k', state: 'known', by: null, at: null } }],
    ['converts a whole map in the legacy shape', 'deal', { facts: { budget: { value: '1M', confirmed: false }, champion: null } }, { facts: { budget: { value: '1M', state: 'unconfirmed', by: null, at: null }, champion: null } }],
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

describe('parsePatch on hostile input', () => {
  const issuesOf = (entity: EntityName, patch: Record<string, unknown>) => {
    const result = parsePatch(entity, patch);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.issues;
  };

  // JSON.parse makes `__proto__` an own key, as a request body would.
  it.each<[string, EntityName, string, string]>([
    ['constructor', 'account', '{"constructor": "x"}', 'constructor'],
    ['toString', 'account', '{"toString": "x"}', 'toString'],
    ['hasOwnProperty', 'contact', '{"hasOwnProperty": 1}', 'hasOwnProperty'],
    ['valueOf', 'deal', '{"valueOf": null}', 'valueOf'],
    ['__proto__', 'account', '{"__proto__": {"name": "x"}}', '__proto__'],
    ['__proto__.x', 'account', '{"__proto__.x": 1}', '__proto__.x'],
    ['a valid field mixed with __proto__', 'account', '{"name": "Acme", "__proto__": {"polluted": true}}', '__proto__'],
    ['facts.constructor', 'account', '{"facts.constructor": {"value": "x", "confirmed": true}}', 'facts.constructor'],
    ['facts.toString', 'deal', '{"facts.toString": null}', 'facts.toString'],
    ['facts.__proto__', 'account', '{"facts.__proto__": {"value": "x", "confirmed": true}}', 'facts.__proto__'],
    ['a facts map keyed constructor', 'account', '{"facts": {"constructor": {"value": "x", "confirmed": true}}}', 'facts.constructor'],
    ['a facts map keyed __proto__', 'deal', '{"facts": {"__proto__": {"value": "x", "confirmed": true}}}', 'facts.__proto__'],
  ])('refuses the key %s by name, without touching a prototype', (_name, entity, json, field) => {
    const patch = JSON.parse(json) as Record<string, unknown>;
    expect(issuesOf(entity, patch).map((issue) => issue.field)).toContain(field);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each<[string, EntityName, Record<string, unknown>, string, string]>([
    ['a NUL in a note', 'activity', { body: 'before\u0000after' }, 'body', 'NUL character (U+0000) at character 7'],
    ['a lone high surrogate in a subject', 'activity', { subject: 'cut emoji \ud83d' }, 'subject', 'unpaired UTF-16 surrogate) at character 11'],
    ['a lone low surrogate in a name', 'account', { name: '\ude00 Acme' }, 'name', 'unpaired UTF-16 surrogate'],
    ['a NUL inside a map value', 'account', { 'facts.budget': { value: '200k\u0000', confirmed: true } }, 'facts.budget.value', 'NUL'],
    ['a NUL in a key of a whole map', 'deal', { facts: { ['bud\u0000get']: { value: 'x', confirmed: true } } }, 'facts.bud\\u0000get', 'NUL'],
    ['a NUL in a page title of a note source', 'activity', { source: { url: 'https://a.example', title: 'x\u0000', threadSubject: null, threadId: null, provider: null } }, 'source.title', 'NUL'],
    ['a NUL in a field name', 'account', { ['na\u0000me']: 'x' }, 'na\\u0000me', 'NUL'],
    ['a lone surrogate in a field name', 'account', { ['\ud800name']: 'x' }, '\\ud800name', 'surrogate'],
    ['a NUL in a list element', 'account', { domains: ['acme.example', 'b\u0000.example'] }, 'domains.1', 'NUL'],
  ])('refuses %s, naming the field', (_name, entity, patch, field, words) => {
    const [issue] = issuesOf(entity, patch);
    expect(issue).toMatchObject({ field, message: expect.stringContaining(words) });
  });

  it('accepts emoji and CJK whose surrogate pairs are whole', () => {
    expect(parsePatch('activity', { body: '签约 🎉 done' })).toMatchObject({ ok: true, patch: { body: '签约 🎉 done' } });
  });

  it('refuses values nested deeper than any field', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(issuesOf('account', { domains: deep })[0]).toMatchObject({ field: expect.stringMatching(/^domains\.0/), message: expect.stringContaining('nested') });
  });

  it(`refuses more than ${MAX_MAP_FIELD_KEYS} keys of a map, sent as entries or as a whole map`, () => {
    const entries = Object.fromEntries(Array.from({ length: MAX_MAP_FIELD_KEYS + 1 }, (_, i) => [`facts.k${i}`, { value: 'x', confirmed: true }]));
    expect(issuesOf('account', entries)).toEqual([{ field: 'facts', message: expect.stringContaining(`at most ${MAX_MAP_FIELD_KEYS}`) }]);
    const whole = { facts: Object.fromEntries(Array.from({ length: MAX_MAP_FIELD_KEYS + 1 }, (_, i) => [`k${i}`, { value: 'x', confirmed: true }])) };
    expect(issuesOf('deal', whole)[0]).toMatchObject({ field: 'facts', message: expect.stringContaining(`at most ${MAX_MAP_FIELD_KEYS}`) });
    const exactly = Object.fromEntries(Array.from({ length: MAX_MAP_FIELD_KEYS }, (_, i) => [`facts.k${i}`, { value: 'x', confirmed: true }]));
    expect(parsePatch('account', exactly).ok).toBe(true);
  });

  it('refuses a patch of 60,000 keys with one short issue', () => {
    const bomb = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`facts.k${i}`, { value: 'x', confirmed: true }]));
    const issues = issuesOf('account', bomb);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toContain('60,000 fields');
  });

  it(`lists at most ${MAX_PATCH_ISSUES_LISTED} problems and says how many more there were`, () => {
    const bad = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`colour${i}`, 'red']));
    const issues = issuesOf('account', bad);
    expect(issues).toHaveLength(MAX_PATCH_ISSUES_LISTED + 1);
    expect(issues.at(-1)).toEqual({ field: '', message: 'and 10 more problems' });
  });

  it('refuses field names longer than 128 characters', () => {
    expect(issuesOf('account', { ['n'.repeat(129)]: 1 })[0]!.message).toContain('at most 128');
  });

  it('writes ids in lower case wherever a patch points at a record', () => {
    const upper = '0190F2A4-0000-7000-8000-00000000ABCD';
    const lower = upper.toLowerCase();
    expect(parsePatch('contact', { accountId: upper })).toMatchObject({ ok: true, patch: { accountId: lower } });
    expect(parsePatch('deal', { accountId: upper })).toMatchObject({ ok: true, patch: { accountId: lower } });
    expect(parsePatch('activity', { accountId: upper, dealId: upper, contactIds: [upper], stageChange: { subject: 'deal', subjectId: upper, from: null, to: 'won' } })).toMatchObject({
      ok: true,
      patch: { accountId: lower, dealId: lower, contactIds: [lower], stageChange: { subjectId: lower } },
    });
    expect(parsePatch('suggestionState', { subjectId: upper })).toMatchObject({ ok: true, patch: { subjectId: lower } });
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
