import { describe, expect, it } from 'vitest';
import { newFact, type Locale } from '../schemas';
import { makeAccount, makeContact } from '../funnel/testing';
import { extractFacts } from './extract';
import { resolvePlaybook } from '../funnel/playbook';
import { buildProposalChips, formatBudget, playbookFactKeysOf, proposeFromNote, quoteOf, splitNameAndTitle, type ProposalChip } from './proposals';

/** Tuesday 2 December 2026, 10:00 in Shanghai. */
const NOW = Date.UTC(2026, 11, 2, 2, 0);
const PLAYBOOK_KEYS = new Set(['intentBudget', 'decisionMaker', 'competitors', 'currentSolution', 'keyPains', 'buyingProcess', 'expectedClose']);
const account = makeAccount();

function chipsFor(text: string, locale: Locale, extra: Partial<Parameters<typeof buildProposalChips>[0]> = {}): ProposalChip[] {
  const extracted = extractFacts(text, { now: NOW, timeZone: 'Asia/Shanghai' });
  return buildProposalChips({ text, extracted, playbookFactKeys: PLAYBOOK_KEYS, existing: [], contacts: [], locale, now: NOW, ...extra });
}

describe('buildProposalChips', () => {
  const cases: Array<[string, string, Locale, string[]]> = [
    ['a Chinese call note', '拍板的是王总，预算 85 万，下周三前发报价', 'zh-CN', ['决策人 王总', '预算 ¥850,000', '添加联系人 王总（决策人）', '下一步 发报价 · 12月9日']],
    ['the same note, English UI', '拍板的是王总，预算 85 万，下周三前发报价', 'en', ['Decision maker 王总', 'Budget CN¥850,000', 'Add contact 王总 as decision maker', 'Next step 发报价 · Dec 9']],
    [
      'an English call note',
      'The final call is with Sarah Chen (CFO). Budget is $120k. Next step: send the proposal by next Tuesday. They are evaluating Salesforce.',
      'en',
      ['Decision maker Sarah Chen (CFO)', 'Budget $120,000', 'Competitors Salesforce', 'Add contact Sarah Chen as decision maker', 'Next step send the proposal · Dec 8'],
    ],
    ['the English note, Chinese UI', 'Budget is $120k. Next step: send the proposal by next Tuesday.', 'zh-CN', ['预算 US$120,000', '下一步 send the proposal · 12月8日']],
    ['nothing to propose', '今天天气不错，客户在开会。', 'zh-CN', []],
    ['a contact person is not a decision maker', '对接人是小李，下周再约', 'zh-CN', ['下一步 再约 · 12月11日']],
  ];
  it.each(cases)('%s', (_name, text, locale, labels) => {
    expect(chipsFor(text, locale).map((chip) => chip.label)).toEqual(labels);
  });

  it('quotes the clause each proposal came from', () => {
    const chips = chipsFor('拍板的是王总，预算 85 万，下周三前发报价', 'zh-CN');
    expect(chips.map((chip) => [chip.kind, chip.quote])).toEqual([
      ['fact', '拍板的是王总'],
      ['fact', '预算 85 万'],
      ['contact', '拍板的是王总'],
      ['nextStep', '下周三前发报价'],
    ]);
    expect(chips.find((chip) => chip.kind === 'nextStep')).toMatchObject({ step: '发报价', date: '2026-12-09' });
    expect(chips.find((chip) => chip.kind === 'fact' && chip.key === 'budget')).toMatchObject({ factKey: 'intentBudget', value: '¥850,000', previous: null });
  });

  it('skips a fact already known with the same value, and shows the one a different value replaces', () => {
    const known = (value: string) => newFact({ value, state: 'known', by: null, at: 1 });
    const same = chipsFor('预算 85 万', 'zh-CN', { existing: [{ intentBudget: known('¥850,000') }] });
    expect(same).toEqual([]);
    const different = chipsFor('预算 85 万', 'zh-CN', { existing: [{ intentBudget: known('¥500,000') }] });
    expect(different.map((chip) => [chip.label, chip.kind === 'fact' && chip.previous])).toEqual([['预算 ¥850,000', '¥500,000']]);
    // Unconfirmed is not known: confirming it is what the chip is for.
    const unconfirmed = chipsFor('预算 85 万', 'zh-CN', { existing: [{ intentBudget: newFact({ value: '¥850,000', state: 'unconfirmed', by: null, at: 1 }) }] });
    expect(unconfirmed).toHaveLength(1);
  });

  it('proposes only facts the playbook asks about', () => {
    expect(chipsFor('预算 85 万，在看薪人薪事', 'zh-CN', { playbookFactKeys: new Set(['competitors']) }).map((chip) => chip.label)).toEqual(['竞争对手 薪人薪事']);
  });

  it('tags an existing contact instead of adding one, and offers nothing when they already have the role', () => {
    const wang = makeContact(account, { name: '王总', role: 'user' });
    const tag = chipsFor('拍板的是王总', 'zh-CN', { contacts: [wang] }).find((chip) => chip.kind === 'contact');
    expect(tag).toMatchObject({ label: '将 王总 标为决策人', contactId: wang.id });
    const already = chipsFor('拍板的是王总', 'zh-CN', { contacts: [{ ...wang, role: 'decision_maker' }] });
    expect(already.map((chip) => chip.kind)).toEqual(['fact']);
    const deleted = chipsFor('拍板的是王总', 'zh-CN', { contacts: [{ ...wang, deletedAt: 1 }] }).find((chip) => chip.kind === 'contact');
    expect(deleted).toMatchObject({ contactId: null });
  });

  it('keeps chip ids stable while the rep keeps typing', () => {
    const first = chipsFor('预算 85 万', 'zh-CN').map((chip) => chip.id);
    const later = chipsFor('预算 85 万，客户很急', 'zh-CN').map((chip) => chip.id);
    expect(later).toEqual(first);
  });
});

describe('helpers', () => {
  it.each([
    [{ amount: 850_000, currency: 'CNY' }, 'zh-CN', '¥850,000'],
    [{ amount: 120_000, currency: 'USD' }, 'en', '$120,000'],
    [{ amount: 1_200_000, currency: null }, 'en', '1,200,000'],
    [{ amount: 5, currency: 'XYZ' }, 'en', 'XYZ 5'],
  ] as const)('formats a budget %j in %s', (value, locale, text) => {
    expect(formatBudget(value, locale).replace(/\u00a0/g, ' ')).toBe(text);
  });

  it.each([
    ['Sarah Chen (CFO)', { name: 'Sarah Chen', title: 'CFO' }],
    ['王总（CEO）', { name: '王总', title: 'CEO' }],
    ['王总', { name: '王总', title: null }],
  ])('splits %s', (value, parts) => {
    expect(splitNameAndTitle(value)).toEqual(parts);
  });

  it('quotes the evidence when it spans clauses', () => {
    expect(quoteOf('a, b, c', 0, 4)).toBe('a, b');
  });
});

describe('proposeFromNote with the playbook vocabulary', () => {
  const team = (vocabulary: { competitors: string[]; products: string[] }) =>
    resolvePlaybook([
      {
        id: '0190a000-0000-7000-8000-000000000950',
        createdAt: 1,
        updatedAt: 1,
        deletedAt: null,
        updatedBy: null,
        clock: {},
        name: 'Team playbook',
        stages: [{ stage: 'lead', goal: { en: 'Qualify', 'zh-CN': '验证' }, exitCriteria: [], keyFacts: [{ key: 'competitors', label: { en: 'Competitors', 'zh-CN': '竞争对手' }, hint: null }], nextSteps: [], cadenceDays: 7 }],
        vocabulary,
      },
    ]);
  const propose = (text: string, playbook: ReturnType<typeof resolvePlaybook>, locale: Locale = 'zh-CN') =>
    proposeFromNote({ text, playbookFactKeys: playbookFactKeysOf(playbook), vocabulary: playbook.vocabulary, existing: [], contacts: [], locale, now: NOW, timeZone: 'Asia/Shanghai' });
  const labels = (chips: ProposalChip[]) => chips.map((chip) => chip.label);

  it('proposes a team competitor named without a cue', () => {
    expect(labels(propose('薪人薪事报价比我们低', resolvePlaybook([])))).toEqual([]);
    const chips = propose('薪人薪事报价比我们低', team({ competitors: ['薪人薪事'], products: [] }));
    expect(labels(chips)).toEqual(['竞争对手 薪人薪事']);
    expect(chips[0]).toMatchObject({ kind: 'fact', factKey: 'competitors', value: '薪人薪事', quote: '薪人薪事报价比我们低' });
  });

  it('never proposes a team product as a competitor', () => {
    const playbook = team({ competitors: [], products: ['云表HR', 'Relay Desk'] });
    expect(labels(propose('客户在对比云表HR和北森', playbook))).toEqual(['竞争对手 北森']);
    expect(labels(propose('They are evaluating Relay Desk and Freshdesk.', playbook, 'en'))).toEqual(['Competitors Freshdesk']);
  });

  it('never proposes a team product as a competitor even when the lists given overlap', () => {
    // The playbook schema refuses a name in both lists; the composer holds to it whatever it is given.
    const chips = proposeFromNote({
      text: '客户在对比云表HR和北森，云表HR报价比我们低',
      playbookFactKeys: new Set(['competitors']),
      vocabulary: { competitors: ['云表HR', '北森'], products: ['云表HR'] },
      existing: [],
      contacts: [],
      locale: 'zh-CN',
      now: NOW,
      timeZone: 'Asia/Shanghai',
    });
    expect(labels(chips)).toEqual(['竞争对手 北森']);
  });
});
