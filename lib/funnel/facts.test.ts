import { describe, expect, it } from 'vitest';
import type { PlaybookFact } from '../schemas';
import { checkFact, type FactContext } from './facts';
import { makeAccount, makeContact, makeDeal } from './testing';

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
    ['a fact the rep confirmed on the account', fact({ kind: 'fact' }), { account: makeAccount({ facts: { budget: { value: '500k', confirmed: true } } }) }, 'known', '500k'],
    ['a fact noted but not confirmed', fact({ kind: 'fact' }), { account: makeAccount({ facts: { budget: { value: 'about 500k', confirmed: false } } }) }, 'unconfirmed', 'about 500k'],
    ['a cleared fact (null entry)', fact({ kind: 'fact' }), { account: makeAccount({ facts: { budget: null } }) }, 'missing', null],
    ['a deal’s confirmed fact, the deal in view', fact({ kind: 'fact' }), { account, deal: makeDeal(account, { facts: { budget: { value: '1M', confirmed: true } } }) }, 'known', '1M'],
    ['an open deal’s fact, the account in view', fact({ kind: 'fact' }), { account, deals: [makeDeal(account, { facts: { budget: { value: '1M', confirmed: true } } })] }, 'known', '1M'],
    ['a won deal’s fact does not count for the account’s open work', fact({ kind: 'fact' }), { account, deals: [makeDeal(account, { stage: 'won', facts: { budget: { value: '1M', confirmed: true } } })] }, 'missing', null],
    ['a decision maker among the contacts', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [makeContact(account, { name: 'Li Na', title: 'CFO', role: 'decision_maker' })] }, 'known', 'Li Na (CFO)'],
    ['only a contact person', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [makeContact(account, { role: 'contact_person' })] }, 'missing', null],
    ['a deleted decision maker', fact({ kind: 'contactRole', role: 'decision_maker' }), { account, contacts: [makeContact(account, { role: 'decision_maker', deletedAt: 1 })] }, 'missing', null],
    ['a rep confirming the decision maker by hand', fact({ kind: 'contactRole', role: 'decision_maker' }, 'decisionMaker'), { account: makeAccount({ facts: { decisionMaker: { value: 'the CEO', confirmed: true } } }) }, 'known', 'the CEO'],
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
