import { describe, expect, it } from 'vitest';
import { newFact, type PlaybookFact } from '../schemas';
import { checkFact, type FactCheck, type FactContext } from './facts';
import { T0, knownFact, makeAccount, makeContact, makeDeal, unconfirmedFact } from './testing';

const label = { en: 'x', 'zh-CN': '某' };
const fact = (satisfiedBy: PlaybookFact['satisfiedBy'], key = 'budget'): PlaybookFact => ({ key, label, hint: null, satisfiedBy, template: null });

function context(overrides: Partial<FactContext> = {}): FactContext {
  const account = overrides.account ?? makeAccount();
  return { account, deal: null, deals: [], contacts: [], ...overrides };
}

describe('checkFact', () => {
  const account = makeAccount({ industry: null, sizeTier: null });
  const deal = makeDeal(account, { amount: 500_000, currency: 'CNY' });
  const cases: Array<[string, PlaybookFact, Partial<FactContext>, string, string | null]> = [
    ['a fact nobody wrote down', fact({ kind: 'fact' }), { account }, 'missing', null],
    ['a fact the rep confirmed on the account', fact({ kind: 'fact' }), { account: makeAccount({ facts: { budget: knownFact('500k') } }) }, 'known', '500k'],
    ['a fact noted but not confirmed', fact({ kind: 'fact' }), { account: makeAccount({ facts: { budget: unconfirmedFact('about 500k') } }) }, 'unconfirmed', 'about 500k'],
    ['a cleared fact (null entry)', fact({ kind: 'fact' }), { account: makeAccount({ facts: { budget: null } }) }, 'missing', null],
    ['a deal’s confirmed fact, the deal in view', fact({ kind: 'fact' }), { account, deal: makeDeal(account, { facts: { budget: knownFact('1M') } }) }, 'known', '1M'],
    ['an open deal’s fact, the account in view', fact({ kind: 'fact' }), { account, deals: [makeDeal(account, { facts: { budget: knownFact('1M') } })] }, 'known', '1M'],
    ['a won deal’s fact does not count for the account’s open work', fact({ kind: 'fact' }), { account, deals: [makeDeal(account, { stage: 'won', facts: { budget: knownFact('1M') } })] }, 'missing', null],
    ['a decision maker among the contacts', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [makeContact(account, { name: 'Li Na', title: 'CFO', role: 'decision_maker' })] }, 'known', 'Li Na (CFO)'],
    ['only a contact person', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [makeContact(account, { role: 'contact_person' })] }, 'missing', null],
    ['a deleted decision maker', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [makeContact(account, { role: 'decision_maker', deletedAt: 1 })] }, 'missing', null],
    ['a rep confirming the decision maker by hand', fact({ kind: 'contactRole', role: 'decision_maker' }, 'decisionMaker'), { account: makeAccount({ facts: { decisionMaker: knownFact('the CEO') } }) }, 'known', 'the CEO'],
    ['a decision chain of two roles', fact({ kind: 'contactRoles', roles: ['decision_maker', 'champion'], minCount: 2 }), { account, contacts: [makeContact(account, { name: 'A', role: 'decision_maker' }), makeContact(account, { name: 'B', role: 'champion' })] }, 'known', 'A: decision_maker, B: champion'],
    ['half a decision chain', fact({ kind: 'contactRoles', roles: ['decision_maker', 'champion'], minCount: 2 }), { account, contacts: [makeContact(account, { role: 'decision_maker' }), makeContact(account, { role: 'user' })] }, 'missing', null],
    ['a deal amount', fact({ kind: 'dealField', field: 'amount' }), { account, deal }, 'known', '500000 CNY'],
    ['no deal amount', fact({ kind: 'dealField', field: 'amount' }), { account, deal: makeDeal(account) }, 'missing', null],
    ['an industry on the account', fact({ kind: 'accountField', field: 'industry' }), { account: makeAccount({ industry: 'retail' }) }, 'known', 'retail'],
    ['a health measurement', fact({ kind: 'accountField', field: 'health' }), { account: makeAccount({ health: { usage: 1, meetings: 1, issues: 1, nps: 1, measuredOn: '2025-05-01' } }) }, 'known', '2025-05-01'],
  ];
  it.each(cases)('%s', (_name, playbookFact, overrides, status, value) => {
    const result = checkFact(playbookFact, context(overrides));
    expect(result.status).toBe(status);
    expect(result.value).toBe(value);
  });
});

describe('checkFact says where a fact came from', () => {
  const account = makeAccount({ industry: 'retail' });
  const noteId = '0191c7a0-0000-7000-8000-00000000abcd';
  const fromNote = newFact({ value: '¥850,000', state: 'known', by: 'rep-1', at: 5, evidence: { activityId: noteId, quote: '预算 85 万' } });
  const wang = makeContact(account, { name: '王总', role: 'decision_maker' });
  const deal = makeDeal(account, { amount: 500_000, currency: 'CNY', expectedCloseDate: '2025-09-30' });
  const cases: Array<[string, PlaybookFact, Partial<FactContext>, FactCheck['source'], FactCheck['recordedIn']]> = [
    ['the note’s sentence, for a fact accepted from a note', fact({ kind: 'fact' }), { account: { ...account, facts: { budget: fromNote } } }, { kind: 'note', activityId: noteId, quote: '预算 85 万' }, { entity: 'account', id: account.id }],
    ['the contacts with the role', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [wang] }, { kind: 'contact', contactIds: [wang.id], names: ['王总'] }, null],
    ['the deal field', fact({ kind: 'dealField', field: 'expectedCloseDate' }), { account, deal }, { kind: 'dealField', dealId: deal.id, field: 'expectedCloseDate' }, null],
    ['the account field', fact({ kind: 'accountField', field: 'industry' }), { account }, { kind: 'accountField', field: 'industry' }, null],
    ['the rep’s word, for a confirmed fact without evidence', fact({ kind: 'fact' }), { account: { ...account, facts: { budget: knownFact('500k') } } }, { kind: 'confirmed', by: null, at: T0 }, { entity: 'account', id: account.id }],
    ['a deal’s map, the deal in view', fact({ kind: 'fact' }), { account, deal: { ...deal, facts: { budget: unconfirmedFact('maybe 1M') } } }, { kind: 'noted', by: null, at: T0 }, { entity: 'deal', id: deal.id }],
    ['nothing, when missing', fact({ kind: 'fact' }), { account }, null, null],
  ];
  it.each(cases)('%s', (_name, playbookFact, overrides, source, recordedIn) => {
    const result = checkFact(playbookFact, context(overrides));
    expect(result.source).toEqual(source);
    expect(result.recordedIn).toEqual(recordedIn);
  });

  it('reads a fact still stored in the legacy { value, confirmed } shape', () => {
    const legacy = { ...account, facts: { budget: { value: '500k', confirmed: true } as never } };
    expect(checkFact(fact({ kind: 'fact' }), context({ account: legacy }))).toMatchObject({ status: 'known', value: '500k', source: { kind: 'confirmed' } });
  });
});
