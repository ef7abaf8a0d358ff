import { describe, expect, it } from 'vitest';
import { playbookFieldsSchema, playbookSchema, playbookVocabularySchema, type Playbook } from '../schemas';
import { DEFAULT_PLAYBOOK, resolvePlaybook } from './playbook';
import { testId } from './testing';

/** The team's competitor and product names the fact extractor uses (issue 9 §2). */

function teamPlaybook(fields: Partial<Playbook> = {}): Playbook {
  return playbookSchema.parse({
    id: testId(950),
    createdAt: 1,
    updatedAt: 1,
    deletedAt: null,
    updatedBy: null,
    clock: {},
    name: 'Team playbook',
    stages: [{ stage: 'proposal', goal: { en: 'Goal', 'zh-CN': '目标' }, exitCriteria: [], keyFacts: [], nextSteps: [], cadenceDays: 5 }],
    ...fields,
  });
}

function firstIssue(value: unknown): string {
  const result = playbookVocabularySchema.safeParse(value);
  expect(result.success).toBe(false);
  const issue = result.error!.issues[0]!;
  return `${issue.path.join('.')}: ${issue.message}`;
}

describe('playbookVocabularySchema', () => {
  it('trims names and keeps a name written twice (any case) once, as first written', () => {
    expect(playbookVocabularySchema.parse({ competitors: [' 薪人薪事 ', 'Salesforce', 'salesforce', '薪人薪事'], products: ['Relay Desk', 'RELAY DESK '] })).toEqual({
      competitors: ['薪人薪事', 'Salesforce'],
      products: ['Relay Desk'],
    });
  });

  it('gives a missing list as empty', () => {
    expect(playbookVocabularySchema.parse({ competitors: ['北森'] })).toEqual({ competitors: ['北森'], products: [] });
  });

  it.each([
    ['more than 200 names', { competitors: Array.from({ length: 201 }, (_, i) => `Vendor ${i}`) }, 'competitors: holds at most 200 names'],
    ['a name over 80 characters', { products: ['ok name', 'x'.repeat(81)] }, 'products.1: a name is at most 80 characters'],
    ['a one-character name', { competitors: ['A'] }, 'competitors.0: a name is at least 2 characters'],
    ['a name in both lists', { competitors: ['北森', 'Relay Desk'], products: ['relay desk'] }, 'competitors.1: "Relay Desk" is listed as a competitor and as our product'],
    ['an unknown list', { rivals: ['北森'] }, 'rivals'],
  ])('refuses %s and names the field', (_name, value, message) => {
    expect(firstIssue(value)).toContain(message);
  });

  it('counts the limit before duplicates are dropped, so the file itself stays bounded', () => {
    expect(playbookVocabularySchema.safeParse({ competitors: Array.from({ length: 201 }, () => 'Same') }).success).toBe(false);
    expect(playbookVocabularySchema.parse({ competitors: Array.from({ length: 200 }, () => 'Same') }).competitors).toEqual(['Same']);
  });
});

describe('the playbook vocabulary', () => {
  it('ships empty in the default playbook', () => {
    expect(DEFAULT_PLAYBOOK.vocabulary).toEqual({ competitors: [], products: [] });
    expect(resolvePlaybook([]).vocabulary).toEqual({ competitors: [], products: [] });
  });

  it('is optional in a playbook, and a playbook without it keeps the default lists', () => {
    const withoutFields = { name: 'P', stages: [{ stage: 'lead', goal: { en: 'g', 'zh-CN': '目标' }, exitCriteria: [], keyFacts: [], nextSteps: [], cadenceDays: 7 }], deletedAt: null };
    expect(playbookFieldsSchema.parse(withoutFields).vocabulary).toBeUndefined();
    expect(resolvePlaybook([teamPlaybook()]).vocabulary).toEqual({ competitors: [], products: [] });
  });

  it("is replaced whole by the team playbook's lists", () => {
    const resolved = resolvePlaybook([teamPlaybook({ vocabulary: { competitors: ['薪人薪事', '北森'], products: ['Relay Desk'] } })]);
    expect(resolved.vocabulary).toEqual({ competitors: ['薪人薪事', '北森'], products: ['Relay Desk'] });
  });

  it('skips a team playbook whose lists are invalid, with a warning that names the field', () => {
    const broken = { ...teamPlaybook(), vocabulary: { competitors: ['x'.repeat(81)], products: [] } };
    const resolved = resolvePlaybook([broken]);
    expect(resolved.playbookId).toBeNull();
    expect(resolved.warnings[0]).toContain('vocabulary.competitors.0: a name is at most 80 characters');
  });
});
