import type { ActivityType, Locale } from '../schemas';
import { coreMessages } from '../i18n/messages/core';
import { funnelMessages } from '../i18n/messages/funnel';
import { explainSuggestion } from './explain';
import { funnelFormatters } from './format';
import type { ChecklistItem, Suggestion } from './suggestion-types';
import { createActivityWrite, type FunnelWrite, type WriteContext } from './writes';

/**
 * Replaces `{name}` with its value. A placeholder with no value becomes `blank` (the locale's
 * "(to fill in)"), never a raw `{name}`: a rep or a customer reading the note or the task
 * should not see template syntax.
 */
export function fillTemplate(template: string, vars: Readonly<Record<string, string>>, blank = ''): string {
  return template.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (_match, name: string) => vars[name] ?? blank);
}

const DATE_VARS = new Set(['lastTouch']);

/** A decision chain in words: "Wang Fang (CEO, decision maker), Li Lei (champion)". */
export function peopleText(people: NonNullable<ChecklistItem['people']>, locale: Locale): string {
  const c = coreMessages[locale];
  const separator = locale === 'zh-CN' ? '，' : ', ';
  return people
    .map((person) => {
      const parts = [person.title, person.role ? c[`role_${person.role}`] : null].filter((part): part is string => Boolean(part));
      if (parts.length === 0) return person.name;
      return locale === 'zh-CN' ? `${person.name}（${parts.join('，')}）` : `${person.name} (${parts.join(', ')})`;
    })
    .join(separator);
}
const CALENDAR_VARS = new Set(['renewalDate']);

/** The template's values in the rep's language: dates formatted, the handoff checklist written out. */
export function templateValues(suggestion: Suggestion, locale: Locale, timeZone?: string): Record<string, string> {
  const m = funnelMessages[locale];
  const f = funnelFormatters(locale, timeZone);
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(suggestion.action.templateVars)) {
    if (raw === null) {
      if (name === 'lastTouch') values[name] = m.noTouchLogged;
      continue;
    }
    if (name === 'stage') values[name] = m.stageName(suggestion.stage);
    else if (name === 'band') values[name] = m.bandName(raw as 'healthy' | 'watch' | 'atRisk');
    else if (name === 'score' && typeof raw === 'number') values[name] = f.score(raw);
    else if (DATE_VARS.has(name) && typeof raw === 'number') values[name] = f.date(raw);
    else if (CALENDAR_VARS.has(name) && typeof raw === 'string') values[name] = f.calendarDate(raw);
    else values[name] = String(raw);
  }
  if (suggestion.detail.rule === 'handoff') {
    values.checklist = suggestion.detail.items
      .map((item, index) => m.checklistLine(index + 1, item.label[locale], (item.people?.length ? peopleText(item.people, locale) : item.value) ?? m.checklistMissing))
      .join('\n');
  }
  return values;
}

export interface NoteDraft {
  type: Exclude<ActivityType, 'task' | 'stage_change'>;
  accountId: string;
  dealId: string | null;
  subject: string;
  body: string;
  /** Saved with the note so the suggestion retires. */
  suggestionKey: string;
}

export interface SuggestionTarget {
  accountId: string;
  locale: Locale;
  timeZone?: string;
}

function dealIdOf(suggestion: Suggestion): string | null {
  return suggestion.subject.type === 'deal' ? suggestion.subject.id : null;
}

function bodyOf(suggestion: Suggestion, locale: Locale, timeZone?: string): string {
  const m = funnelMessages[locale];
  const template = suggestion.action.template?.[locale];
  if (template) return fillTemplate(template, templateValues(suggestion, locale, timeZone), m.checklistMissing);
  const detail = suggestion.detail;
  if (detail.rule === 'overdueFollowUp' && detail.promise) return `${m.notePromise(detail.promise)}\n`;
  if (detail.rule === 'overdueTask' || detail.rule === 'taskDueSoon') return `${m.noteFromTask(detail.taskTitle)}\n`;
  if (detail.rule === 'missingExitCriterion' || detail.rule === 'missingKeyFact' || detail.rule === 'unconfirmedFact') {
    return m.factLine(detail.label[locale], detail.value ?? '');
  }
  return '';
}

/**
 * The composer prefill for "write note": type, subject and a body from the playbook template.
 * Save it with its `suggestionKey` and the suggestion retires.
 */
export function noteFromSuggestion(suggestion: Suggestion, target: SuggestionTarget): NoteDraft {
  return {
    type: suggestion.action.noteType,
    accountId: target.accountId,
    dealId: dealIdOf(suggestion),
    subject: explainSuggestion(suggestion, target.locale, target.timeZone).title,
    body: bodyOf(suggestion, target.locale, target.timeZone),
    suggestionKey: suggestion.key,
  };
}

/**
 * The write for "create task": a task due when the suggestion says, with a due-time reminder
 * and the suggestion's key (so the suggestion retires while the task carries it on).
 */
export function taskFromSuggestion(suggestion: Suggestion, target: SuggestionTarget, context: WriteContext): FunnelWrite<'activity'> {
  if (suggestion.action.taskId !== null) {
    throw new Error('This suggestion is about an existing task: mark that task done or log a note instead of creating another.');
  }
  const text = explainSuggestion(suggestion, target.locale, target.timeZone);
  return createActivityWrite(
    context.newId(),
    {
      type: 'task',
      accountId: target.accountId,
      dealId: dealIdOf(suggestion),
      occurredAt: context.now,
      subject: text.title,
      body: bodyOf(suggestion, target.locale, target.timeZone),
      dueAt: Math.max(suggestion.action.taskDueAt, context.now),
      reminder: 'due',
      suggestionKey: suggestion.key,
      visibility: context.visibility ?? 'team',
    },
    context.actorId,
  );
}

/** Marks a task done (the overdue-task suggestion's "mark done"). */
export function completeTaskWrite(taskId: string, now: number): FunnelWrite<'activity'> {
  return { entity: 'activity', recordId: taskId, patch: { completedAt: now }, mustExist: true };
}
