import { newSuggestionStateFields, type SuggestionState } from '../schemas';
import type { SubjectRef, Suggestion } from './suggestion-types';
import { addDaysToDate, calendarDateOf, HOUR_MS, startOfDateMs } from './time';
import type { FunnelWrite, WriteContext } from './writes';

export interface HiddenSuggestion {
  suggestion: Suggestion;
  status: 'dismissed' | 'snoozed';
  snoozedUntil: number | null;
  stateId: string;
}

/**
 * The rep's latest decision about one suggestion. Two browsers may each have created a record
 * for the same key before syncing; the most recently updated one is the rep's last word.
 */
export function findSuggestionState(states: readonly SuggestionState[], subject: SubjectRef, key: string): SuggestionState | null {
  let found: SuggestionState | null = null;
  for (const state of states) {
    if (state.deletedAt !== null || state.suggestionKey !== key) continue;
    if (state.subjectType !== subject.type || state.subjectId !== subject.id) continue;
    if (!found || state.updatedAt > found.updatedAt || (state.updatedAt === found.updatedAt && state.id > found.id)) found = state;
  }
  return found;
}

/** Dismissed for good, or snoozed until a time still ahead; null when it should show. */
export function isSuggestionHidden(
  suggestion: Pick<Suggestion, 'subject' | 'key'>,
  states: readonly SuggestionState[],
  now: number,
): Omit<HiddenSuggestion, 'suggestion'> | null {
  if (states.length === 0) return null;
  const state = findSuggestionState(states, suggestion.subject, suggestion.key);
  if (!state) return null;
  if (state.status === 'dismissed') return { status: 'dismissed', snoozedUntil: null, stateId: state.id };
  if (state.status === 'snoozed' && state.snoozedUntil !== null && state.snoozedUntil > now) {
    return { status: 'snoozed', snoozedUntil: state.snoozedUntil, stateId: state.id };
  }
  return null;
}

export type SuggestionDecision = { status: 'dismissed' } | { status: 'snoozed'; until: number } | { status: 'active' };

/**
 * The write that records a dismiss, snooze or un-dismiss. It reuses the rep's existing record
 * for the key, so one suggestion never collects a pile of states.
 */
export function suggestionStateWrite(
  states: readonly SuggestionState[],
  target: Pick<Suggestion, 'subject' | 'key'>,
  decision: SuggestionDecision,
  context: WriteContext,
): FunnelWrite {
  if (decision.status === 'snoozed' && decision.until <= context.now) {
    throw new RangeError('A snooze must end in the future; pick a later time.');
  }
  const snoozedUntil = decision.status === 'snoozed' ? decision.until : null;
  const existing = findSuggestionState(states, target.subject, target.key);
  if (existing) {
    return { entity: 'suggestionState', recordId: existing.id, patch: { status: decision.status, snoozedUntil }, mustExist: true };
  }
  return {
    entity: 'suggestionState',
    recordId: context.newId(),
    patch: newSuggestionStateFields({ subjectType: target.subject.type, subjectId: target.subject.id, suggestionKey: target.key, status: decision.status, snoozedUntil }),
    localOnCreate: { authorId: context.actorId ?? null },
  };
}

export const SNOOZE_OPTIONS = ['tomorrow', 'threeDays', 'nextWeek'] as const;
export type SnoozeOption = (typeof SNOOZE_OPTIONS)[number];
const SNOOZE_DAYS: Record<SnoozeOption, number> = { tomorrow: 1, threeDays: 3, nextWeek: 7 };
/** Snoozed suggestions come back at the start of a working morning, not at the minute they were snoozed. */
export const SNOOZE_WAKE_HOUR = 9;

export function snoozeUntil(option: SnoozeOption, now: number, timeZone = 'UTC'): number {
  const day = addDaysToDate(calendarDateOf(now, timeZone), SNOOZE_DAYS[option]);
  return startOfDateMs(day, timeZone) + SNOOZE_WAKE_HOUR * HOUR_MS;
}
