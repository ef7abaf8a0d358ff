import { describe, expect, it } from 'vitest';
import {
  NOTE_BODY_MAX_CHARACTERS,
  accountFieldsSchema,
  activityFieldsSchema,
  contactFieldsSchema,
  countCharacters,
  cutText,
  describeUnstorableText,
  domainSchema,
  dealFieldsSchema,
  fetchRecordsRequestSchema,
  idSchema,
  mutationSchema,
  emailSchema,
  newAccountFields,
  newActivityFields,
  newContactFields,
  newDealFields,
  newSuggestionStateFields,
  pageContextSchema,
  suggestionStateFieldsSchema,
  toStorableText,
  validActivitySchema,
} from './index';

const baseActivity = {
  ...newActivityFields({ type: 'note', accountId: null, occurredAt: 1, body: 'Asked for the security questionnaire.' }),
  authorId: null,
};

const meta = { id: '0191c7a0-0000-7000-8000-000000000001', createdAt: 1, updatedAt: 1, deletedAt: null, updatedBy: null, clock: {} };

describe('note bodies', () => {
  it.each([
    ['exactly the limit', 'a'.repeat(NOTE_BODY_MAX_CHARACTERS), true],
    ['one over the limit', 'a'.repeat(NOTE_BODY_MAX_CHARACTERS + 1), false],
    ['the limit in CJK characters', '客'.repeat(NOTE_BODY_MAX_CHARACTERS), true],
    ['the limit in emoji (two UTF-16 units each)', '📞'.repeat(NOTE_BODY_MAX_CHARACTERS), true],
  ])('%s', (_name, body, valid) => {
    expect(activityFieldsSchema.shape.body.safeParse(body).success).toBe(valid);
  });

  it('refuses a long note with a message that says the size and the limit, never cutting it', () => {
    const body = 'x'.repeat(70_000);
    const result = activityFieldsSchema.shape.body.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      'The note is 70,000 characters; the limit is 65,536. Shorten it or split it in two.',
    );
  });

  it('counts code points, not UTF-16 units', () => {
    expect(countCharacters('a客📞')).toBe(3);
  });
});

describe('activity consistency', () => {
  it.each([
    ['a plain note', {}, true],
    ['a call with an outcome', { type: 'call', callOutcome: 'voicemail' }, true],
    ['a call without an outcome', { type: 'call' }, false],
    ['a note with a call outcome', { callOutcome: 'connected' }, false],
    ['a task without a due time', { type: 'task' }, false],
    ['a task with a due time', { type: 'task', dueAt: 5 }, true],
    ['a message without its channel', { type: 'message' }, false],
    ['a WeChat message', { type: 'message', channel: 'wechat' }, true],
    ['a stage change without a stage', { type: 'stage_change' }, false],
  ])('%s', (_name, overrides, valid) => {
    expect(validActivitySchema.safeParse({ ...meta, ...baseActivity, ...overrides }).success).toBe(valid);
  });
});

describe('field formats', () => {
  it.each([
    ['acme.com', true],
    ['acme.com.cn', true],
    ['Sales.ACME.com', true],
    ['阿里巴巴.中国', true],
    ['http://acme.com', false],
    ['acme.com/about', false],
    ['localhost', false],
    ['', false],
  ])('domain %s', (domain, valid) => {
    expect(domainSchema.safeParse(domain).success).toBe(valid);
  });

  it('lower-cases and trims email addresses', () => {
    expect(emailSchema.parse('  Li.Wei@ACME.com ')).toBe('li.wei@acme.com');
  });

  it('refuses unknown fields by name', () => {
    const result = contactFieldsSchema.safeParse({
      accountId: null,
      name: 'Li Wei',
      email: null,
      phone: null,
      title: null,
      role: null,
      profileUrl: null,
      deletedAt: null,
      nickname: 'LW',
    });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('nickname');
  });

  it('requires an account name', () => {
    const result = accountFieldsSchema.shape.name.safeParse('   ');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('An account needs a name');
  });

  it('bounds what a page can send in its context', () => {
    const context = {
      url: 'https://acme.com/',
      title: 'Acme',
      canonicalUrl: null,
      siteName: null,
      domain: 'acme.com',
      kind: 'generic',
      emails: Array.from({ length: 201 }, (_, i) => ({ address: `p${i}@acme.com`, name: null })),
      phones: [],
      selection: null,
      webmail: null,
      profile: null,
    };
    expect(pageContextSchema.safeParse(context).success).toBe(false);
    expect(pageContextSchema.safeParse({ ...context, emails: context.emails.slice(0, 200) }).success).toBe(true);
  });
});

describe('entity constructors', () => {
  const ID = '0191c7a0-0000-7000-8000-000000000001';
  // Strict schemas: a constructor that forgot a field, or set one the schema lacks, fails here.
  it.each([
    ['account', accountFieldsSchema, newAccountFields({ name: 'Acme' })],
    ['contact', contactFieldsSchema, newContactFields({ name: 'Li Wei' })],
    ['deal', dealFieldsSchema, newDealFields({ accountId: ID, name: 'Pilot' })],
    ['activity', activityFieldsSchema, { ...newActivityFields({ type: 'note', accountId: null, occurredAt: 1 }), authorId: null }],
    ['suggestion state', suggestionStateFieldsSchema, { ...newSuggestionStateFields({ subjectType: 'account', subjectId: ID, suggestionKey: 'k', status: 'dismissed' }), authorId: null }],
  ])('a new %s from the least input has every field its schema needs', (_name, schema, fields) => {
    expect(schema.safeParse(fields).error?.issues ?? []).toEqual([]);
  });

  it('stores blank free text as no value and keeps what was given', () => {
    expect(newActivityFields({ type: 'call', accountId: null, occurredAt: 1, subject: '  ', phone: ' 138 ', callOutcome: 'connected' })).toMatchObject({
      subject: null,
      phone: '138',
      callOutcome: 'connected',
      body: '',
      visibility: 'team',
    });
    expect(newAccountFields({ name: 'Acme', industry: ' ', domains: ['acme.com'] })).toMatchObject({ industry: null, stage: 'lead', domains: ['acme.com'], facts: {} });
  });
});

describe('ids', () => {
  const upper = '0190F2A4-ABCD-7000-8000-00000000BEEF';

  it('parses a UUID in any case to its one lower-case form', () => {
    expect(idSchema.parse(upper)).toBe(upper.toLowerCase());
    expect(idSchema.safeParse('not-a-uuid').success).toBe(false);
  });

  it('canonicalises mutation ids, record ids and fetched ids at the protocol boundary', () => {
    const parsed = mutationSchema.parse({ id: upper, entity: 'account', recordId: upper, patch: { name: 'x' }, hlc: '000001700000000:0000:node0001' });
    expect(parsed).toMatchObject({ id: upper.toLowerCase(), recordId: upper.toLowerCase() });
    expect(fetchRecordsRequestSchema.parse({ ids: [upper] }).ids).toEqual([upper.toLowerCase()]);
  });

  it('keeps a __proto__ key of a sent patch as a key, for the patch check to refuse by name', () => {
    const parsed = mutationSchema.parse(JSON.parse(`{"id":"${upper}","entity":"account","recordId":"${upper}","patch":{"name":"x","__proto__":{"a":1}},"hlc":"000001700000000:0000:node0001"}`));
    expect(Object.keys(parsed.patch)).toEqual(['name', '__proto__']);
  });
});

describe('storable text', () => {
  it.each([
    ['plain text', 'Acme 客户 🎉', null],
    ['a NUL', 'a\u0000b', 'NUL character (U+0000) at character 2'],
    ['a lone high surrogate at the end', 'ab\ud83d', 'unpaired UTF-16 surrogate) at character 3'],
    ['a lone low surrogate', '\ude00x', 'at character 1'],
    ['a NUL after an emoji, counted in characters', '🎉\u0000', 'at character 2'],
  ])('describes %s', (_name, text, words) => {
    const problem = describeUnstorableText(text);
    if (words === null) expect(problem).toBeNull();
    else expect(problem).toContain(words);
  });

  it('makes page text storable: NULs dropped, broken halves replaced', () => {
    expect(toStorableText('a\u0000b\ud83dc\ude00🎉')).toBe('ab\ufffdc\ufffd🎉');
    expect(describeUnstorableText(toStorableText('\udc00\ud800\u0000'))).toBeNull();
  });

  it('cuts text without splitting a character, within the given code units', () => {
    const title = `${'x'.repeat(999)}🎉 more`;
    expect(cutText(title, 1000)).toBe('x'.repeat(999));
    expect(cutText(title, 1001)).toBe(`${'x'.repeat(999)}🎉`);
    expect(cutText('short', 1000)).toBe('short');
    expect(describeUnstorableText(cutText('🎉🎉🎉', 3))).toBeNull();
  });
});
