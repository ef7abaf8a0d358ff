import { describe, expect, it } from 'vitest';
import type { Locale } from '../schemas';
import { makeAccount, makeContact, testId } from '../funnel/testing';
import { acceptedChips, draftFieldsFor, factTargetOf, writesForAccepted, type ChipDecision } from './accept';
import { extractFacts } from './extract';
import { buildProposalChips, type NextStepChip, type ProposalChip } from './proposals';

const NOW = Date.UTC(2026, 11, 2, 2, 0);
const KEYS = new Set(['intentBudget', 'decisionMaker', 'competitors']);
const account = makeAccount();
const note = { id: testId(900), accountId: account.id, dealId: null, contactIds: [], visibility: 'team' as const, followUpAt: Date.UTC(2026, 11, 9, 1) };

function chipsFor(text: string, locale: Locale, contacts = [] as ReturnType<typeof makeContact>[]): ProposalChip[] {
  const extracted = extractFacts(text, { now: NOW, timeZone: 'Asia/Shanghai' });
  return buildProposalChips({ text, extracted, playbookFactKeys: KEYS, existing: [], contacts, locale, now: NOW });
}

function decide(chips: ProposalChip[], statuses: Record<string, ChipDecision['status']>): Record<string, ChipDecision> {
  return Object.fromEntries(chips.map((chip) => [chip.id, { status: statuses[chip.kind === 'fact' ? chip.factKey : chip.kind] ?? 'pending' }]));
}

let ids = 0;
const newId = () => testId(1000 + ++ids);

describe('writesForAccepted', () => {
  it('writes accepted facts as one patch of per-key entries with the note as evidence (zh)', () => {
    const chips = chipsFor('拍板的是王总，预算 85 万，下周三前发报价', 'zh-CN');
    const accepted = acceptedChips(chips, decide(chips, { decisionMaker: 'accepted', intentBudget: 'accepted', contact: 'dismissed' }));
    const writes = writesForAccepted(accepted, { activity: note, repId: 'rep-li', now: NOW, target: { entity: 'account', id: account.id }, newId });
    expect(writes).toEqual([
      {
        entity: 'account',
        recordId: account.id,
        mustExist: true,
        patch: {
          'facts.decisionMaker': { value: '王总', state: 'known', by: 'rep-li', at: NOW, evidence: { activityId: note.id, quote: '拍板的是王总' } },
          'facts.intentBudget': { value: '¥850,000', state: 'known', by: 'rep-li', at: NOW, evidence: { activityId: note.id, quote: '预算 85 万' } },
        },
      },
    ]);
  });

  it('adds the decision maker as a contact, or tags the one already there (en)', () => {
    const text = 'The final call is with Sarah Chen (CFO).';
    const chips = chipsFor(text, 'en');
    const add = writesForAccepted(acceptedChips(chips, decide(chips, { contact: 'accepted' })), { activity: note, repId: null, now: NOW, target: { entity: 'account', id: account.id }, newId });
    expect(add).toEqual([{ entity: 'contact', recordId: expect.any(String), patch: expect.objectContaining({ name: 'Sarah Chen', title: 'CFO', role: 'decision_maker', accountId: account.id }) }]);
    const sarah = makeContact(account, { name: 'Sarah Chen', role: null });
    const tagChips = chipsFor(text, 'en', [sarah]);
    const tag = writesForAccepted(acceptedChips(tagChips, decide(tagChips, { contact: 'accepted' })), { activity: note, repId: null, now: NOW, target: { entity: 'account', id: account.id }, newId });
    expect(tag).toEqual([{ entity: 'contact', recordId: sarah.id, patch: { role: 'decision_maker' }, mustExist: true }]);
  });

  it('turns a dated next step into the follow-up fields and a task due at the note’s follow-up', () => {
    const chips = chipsFor('下周三前发报价', 'zh-CN');
    const step = chips.find((chip): chip is NextStepChip => chip.kind === 'nextStep')!;
    expect(draftFieldsFor(step)).toEqual({ nextStep: '发报价', followUpOn: '2026-12-09' });
    const writes = writesForAccepted([step], { activity: note, repId: 'rep-li', now: NOW, target: { entity: 'account', id: account.id }, newId });
    expect(writes).toEqual([
      { entity: 'activity', recordId: expect.any(String), localOnCreate: { authorId: 'rep-li' }, patch: expect.objectContaining({ type: 'task', subject: '发报价', dueAt: note.followUpAt, accountId: account.id }) },
    ]);
    // Without a follow-up on the note (the rep cleared the date) there is no due time, so no task.
    expect(writesForAccepted([step], { activity: { ...note, followUpAt: null }, repId: null, now: NOW, target: { entity: 'account', id: account.id }, newId })).toEqual([]);
  });

  it('applies the rep’s edits and drops decisions about chips no longer proposed', () => {
    const chips = chipsFor('预算 85 万', 'zh-CN');
    const decisions: Record<string, ChipDecision> = { [chips[0]!.id]: { status: 'accepted', value: '¥900,000' }, 'fact:gone:x': { status: 'accepted' } };
    expect(acceptedChips(chips, decisions)).toEqual([expect.objectContaining({ value: '¥900,000', label: '预算 ¥900,000' })]);
    const stepChips = chipsFor('Next step: send the proposal by next Tuesday.', 'en');
    const [edited] = acceptedChips(stepChips, { [stepChips.at(-1)!.id]: { status: 'accepted', value: 'send the revised proposal', date: '2026-12-10' } });
    expect(draftFieldsFor(edited as NextStepChip)).toEqual({ nextStep: 'send the revised proposal', followUpOn: '2026-12-10' });
  });

  it('puts a note’s facts on its deal when it has one, else on its account', () => {
    expect(factTargetOf({ accountId: account.id, dealId: null })).toEqual({ entity: 'account', id: account.id });
    expect(factTargetOf({ accountId: account.id, dealId: testId(5) })).toEqual({ entity: 'deal', id: testId(5) });
  });
});
