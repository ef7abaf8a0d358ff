import { describe, expect, it } from 'vitest';
import { makeAccount, makeDeal } from '../funnel/testing';
import { BACKUP_FORMAT, BACKUP_VERSION, parseBackup } from '../import/export';
import { parsePatch } from '../sync/patch';
import { accountSchema, dealSchema, factSchema, readFact } from './index';

const legacyKnown = { value: '500k', confirmed: true };
const legacyNoted = { value: 'maybe', confirmed: false };
const current = { value: '¥850,000', state: 'known', by: 'rep-1', at: 5, evidence: { activityId: '0191c7a0-0000-7000-8000-00000000abcd', quote: '预算 85 万' } };

describe('facts in both shapes at every border', () => {
  it('a fact: the current shape as is, the legacy one converted (confirmed is known), anything else refused', () => {
    expect(factSchema.parse(current)).toEqual(current);
    expect(factSchema.parse(legacyKnown)).toEqual({ value: '500k', state: 'known', by: null, at: null });
    expect(factSchema.parse(legacyNoted)).toEqual({ value: 'maybe', state: 'unconfirmed', by: null, at: null });
    expect(factSchema.safeParse({ value: 'x', state: 'sure', by: null, at: null }).success).toBe(false);
    expect(factSchema.safeParse({ value: 'x', confirmed: true, state: 'known', by: null, at: null }).success).toBe(false);
    expect(factSchema.safeParse({ ...current, evidence: { activityId: 'not-an-id', quote: 'x' } }).success).toBe(false);
  });

  it('a record pulled from a server not yet updated', () => {
    const account = { ...makeAccount(), facts: { intentBudget: legacyKnown, decisionMaker: current, scenarioFit: null } };
    expect(accountSchema.parse(account).facts).toEqual({ intentBudget: { value: '500k', state: 'known', by: null, at: null }, decisionMaker: current, scenarioFit: null });
    const deal = { ...makeDeal(account), facts: { coreNeeds: legacyNoted } };
    expect(dealSchema.parse(deal).facts.coreNeeds).toEqual({ value: 'maybe', state: 'unconfirmed', by: null, at: null });
  });

  it('a push from a client not yet updated', () => {
    expect(parsePatch('deal', { 'facts.coreNeeds': legacyKnown })).toEqual({ ok: true, patch: { 'facts.coreNeeds': { value: '500k', state: 'known', by: null, at: null } } });
  });

  it('a backup written before facts had a state', () => {
    const account = { ...makeAccount(), facts: { intentBudget: legacyKnown } };
    const backup = parseBackup(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: 1, accounts: [account], contacts: [], deals: [], activities: [] }));
    expect(backup.accounts[0]!.facts.intentBudget).toEqual({ value: '500k', state: 'known', by: null, at: null });
  });

  it('a stored entry read without Zod', () => {
    expect(readFact(legacyKnown)).toEqual({ value: '500k', state: 'known', by: null, at: null });
    expect(readFact(current)).toBe(current);
    expect(readFact(null)).toBeNull();
    expect(readFact({ value: 3 })).toBeNull();
  });
});
