import { describe, expect, it } from 'vitest';
import { suggestionStateFieldsSchema } from '../schemas';
import { findSuggestionState, snoozeUntil, suggestionStateWrite } from './suggestion-state';
import { DAY_MS } from './time';
import { T0, makeSuggestionState, testId } from './testing';

const subject = { type: 'deal' as const, id: testId(1) };
const target = { subject, key: 'stale:x' };
const context = { now: T0, newId: () => testId(42), actorId: 'rep-1' };

describe('suggestionStateWrite', () => {
  it('creates the rep’s state record on the first dismiss', () => {
    const write = suggestionStateWrite([], target, { status: 'dismissed' }, context);
    expect(write).toEqual({
      entity: 'suggestionState',
      recordId: testId(42),
      patch: { subjectType: 'deal', subjectId: subject.id, suggestionKey: 'stale:x', status: 'dismissed', snoozedUntil: null, deletedAt: null },
      localOnCreate: { authorId: 'rep-1' },
    });
    expect(suggestionStateFieldsSchema.safeParse({ ...write.patch, authorId: null }).success).toBe(true);
  });

  it('reuses the existing record for a later snooze', () => {
    const existing = makeSuggestionState({ id: testId(7), subjectType: 'deal', subjectId: subject.id, suggestionKey: 'stale:x' });
    const write = suggestionStateWrite([existing], target, { status: 'snoozed', until: T0 + DAY_MS }, context);
    expect(write).toEqual({ entity: 'suggestionState', recordId: testId(7), patch: { status: 'snoozed', snoozedUntil: T0 + DAY_MS }, mustExist: true });
  });

  it('refuses a snooze that ends in the past', () => {
    expect(() => suggestionStateWrite([], target, { status: 'snoozed', until: T0 }, context)).toThrow(/future/);
  });
});

describe('findSuggestionState', () => {
  it('takes the most recently updated of duplicate records made offline on two browsers', () => {
    const a = makeSuggestionState({ id: testId(10), subjectType: 'deal', subjectId: subject.id, suggestionKey: 'stale:x', status: 'dismissed', updatedAt: 5 });
    const b = makeSuggestionState({ id: testId(11), subjectType: 'deal', subjectId: subject.id, suggestionKey: 'stale:x', status: 'active', updatedAt: 9 });
    expect(findSuggestionState([a, b], subject, 'stale:x')?.id).toBe(testId(11));
    expect(findSuggestionState([b, a], subject, 'stale:x')?.id).toBe(testId(11));
  });
});

describe('snoozeUntil', () => {
  it.each([
    ['tomorrow', 'UTC', Date.UTC(2025, 5, 3, 9)],
    ['threeDays', 'UTC', Date.UTC(2025, 5, 5, 9)],
    ['nextWeek', 'UTC', Date.UTC(2025, 5, 9, 9)],
    // 09:00 UTC is 17:00 in Shanghai; tomorrow 09:00 there is 01:00 UTC.
    ['tomorrow', 'Asia/Shanghai', Date.UTC(2025, 5, 3, 1)],
  ] as const)('%s in %s wakes at 9 in the morning', (option, zone, expected) => {
    expect(snoozeUntil(option, T0, zone)).toBe(expected);
  });
});
