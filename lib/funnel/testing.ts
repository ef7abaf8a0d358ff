import { newAccountFields, newFact, type Fact, newActivityFields, newContactFields, newDealFields, type Account, type Activity, type Contact, type Deal, type SuggestionState } from '../schemas';
import { DAY_MS } from './time';

/**
 * Record builders for tests and benchmarks: valid records (they pass the schemas) with
 * deterministic ids, so tables of cases read as data.
 */

let counter = 0;

/** A UUIDv7-shaped id from a counter: stable across runs, valid for `z.uuid()`. */
export function testId(n?: number): string {
  const value = n ?? ++counter;
  return `00000000-0000-7000-8000-${value.toString(16).padStart(12, '0')}`;
}

export function resetTestIds(): void {
  counter = 0;
}

/** 2025-06-02 09:00 UTC, a Monday: the frozen "now" of most tests. */
export const T0 = Date.UTC(2025, 5, 2, 9, 0, 0);

export function daysAgo(days: number, now = T0): number {
  return now - days * DAY_MS;
}

/** A fact the rep confirmed, for tables of cases (who and when do not matter there). */
export function knownFact(value: string): Fact {
  return newFact({ value, state: 'known', by: null, at: T0 });
}

/** A fact written down but not confirmed. */
export function unconfirmedFact(value: string): Fact {
  return newFact({ value, state: 'unconfirmed', by: null, at: T0 });
}

const meta = (createdAt: number) => ({ createdAt, updatedAt: createdAt, deletedAt: null, updatedBy: null, clock: {} });

export function makeAccount(fields: Partial<Account> = {}): Account {
  return {
    id: testId(),
    ...meta(daysAgo(60)),
    ...newAccountFields({ name: 'Acme Retail', domains: ['acme.example'], industry: 'retail', sizeTier: 'growth' }),
    ...fields,
  };
}

export function makeDeal(account: Pick<Account, 'id'>, fields: Partial<Deal> = {}): Deal {
  return {
    id: testId(),
    ...meta(daysAgo(30)),
    ...newDealFields({ accountId: account.id, name: 'Acme store rollout', stage: 'qualified', currency: 'CNY' }),
    ...fields,
  };
}

export function makeContact(account: Pick<Account, 'id'>, fields: Partial<Contact> = {}): Contact {
  return {
    id: testId(),
    ...meta(daysAgo(30)),
    ...newContactFields({ accountId: account.id, name: 'Zhang Wei' }),
    ...fields,
  };
}

export function makeActivity(account: Pick<Account, 'id'>, fields: Partial<Activity> & Pick<Activity, 'type'>): Activity {
  const occurredAt = fields.occurredAt ?? daysAgo(1);
  const base = newActivityFields({ type: fields.type, accountId: account.id, occurredAt, callOutcome: fields.type === 'call' ? 'connected' : null });
  return {
    id: testId(),
    ...meta(occurredAt),
    ...base,
    authorId: null,
    ...fields,
  };
}

export function makeStageChange(
  account: Pick<Account, 'id'>,
  subject: { type: 'account' | 'deal'; id: string },
  from: Activity['stageChange'] extends infer S ? (S extends { from: infer F } ? F : never) : never,
  to: NonNullable<Activity['stageChange']>['to'],
  occurredAt: number,
  fields: Partial<Activity> = {},
): Activity {
  return makeActivity(account, {
    type: 'stage_change',
    occurredAt,
    dealId: subject.type === 'deal' ? subject.id : null,
    stageChange: { subject: subject.type, subjectId: subject.id, from, to },
    ...fields,
  });
}

export function makeSuggestionState(fields: Partial<SuggestionState> & Pick<SuggestionState, 'subjectType' | 'subjectId' | 'suggestionKey'>): SuggestionState {
  return {
    id: testId(),
    ...meta(T0 - DAY_MS),
    status: 'dismissed',
    snoozedUntil: null,
    authorId: null,
    ...fields,
  };
}
