import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { explainSuggestion } from '@/lib/funnel/explain';
import { SNOOZE_OPTIONS, type SnoozeOption } from '@/lib/funnel/suggestion-state';
import type { Suggestion, Urgency } from '@/lib/funnel/suggestion-types';
import { funnelMessages, type FunnelMessages } from '@/lib/i18n/messages/funnel';
import type { Stage } from '@/lib/schemas';
import { useLocale, useMessages } from '../i18n';

export interface SuggestionListProps {
  /** Ranked, as `suggestNextSteps` returns them. */
  suggestions: readonly Suggestion[];
  /** How many the rep dismissed or snoozed (from `computeSuggestions(...).hidden`). */
  hiddenCount?: number;
  /** The rep's time zone for dates in the reasons. */
  timeZone?: string;
  /** Shown before "show more". */
  initialLimit?: number;
  onCreateTask: (suggestion: Suggestion) => void;
  onWriteNote: (suggestion: Suggestion) => void;
  onDismiss: (suggestion: Suggestion) => void;
  onSnooze: (suggestion: Suggestion, option: SnoozeOption) => void;
  /** For suggestions about an existing task (overdue, due soon). */
  onCompleteTask?: (suggestion: Suggestion) => void;
  /** For suggestions that propose a stage (ready to advance, renewal window). */
  onMoveStage?: (suggestion: Suggestion, stage: Stage) => void;
  onShowHidden?: () => void;
}

const URGENCY_LABEL: Record<Urgency, keyof FunnelMessages> = {
  overdue: 'urgencyOverdue',
  due: 'urgencyDue',
  upcoming: 'urgencyUpcoming',
  info: 'urgencyInfo',
};

const SNOOZE_LABEL: Record<SnoozeOption, keyof FunnelMessages> = {
  tomorrow: 'snoozeTomorrow',
  threeDays: 'snoozeThreeDays',
  nextWeek: 'snoozeNextWeek',
};

function SnoozeMenu({ title, onSnooze }: { title: string; onSnooze: (option: SnoozeOption) => void }) {
  const t = useMessages(funnelMessages);
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  return (
    <span className="sn-snooze">
      <button
        ref={toggle}
        type="button"
        className="sn-button sn-button--ghost sn-button--small"
        aria-label={t.snoozeFor(title)}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((value) => !value)}
      >
        {t.snooze}
      </button>
      {open && (
        <span id={menuId} role="group" aria-label={t.snoozeFor(title)} className="sn-snooze__options">
          {SNOOZE_OPTIONS.map((option, index) => (
            <button
              key={option}
              type="button"
              className="sn-button sn-button--small"
              // Opening the menu moves focus into it, so a keyboard user lands on the first choice.
              // eslint-disable-next-line jsx-a11y/no-autofocus
              autoFocus={index === 0}
              onKeyDown={onKeyDown}
              onClick={() => {
                onSnooze(option);
                close();
              }}
            >
              {t[SNOOZE_LABEL[option]] as string}
            </button>
          ))}
        </span>
      )}
    </span>
  );
}

function Checklist({ suggestion }: { suggestion: Suggestion }) {
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  if (suggestion.detail.rule !== 'handoff') return null;
  return (
    <details className="sn-suggestion__checklist">
      <summary>
        {t.handoffChecklist} ({suggestion.detail.knownCount}/{suggestion.detail.items.length})
      </summary>
      <ul>
        {suggestion.detail.items.map((item) => (
          <li key={item.key} className={item.known ? 'sn-check sn-check--done' : 'sn-check'}>
            <span aria-hidden="true" className="sn-check__mark">
              {item.known ? '✓' : '○'}
            </span>
            <span className="sn-visually-hidden">{item.known ? t.checklistKnown : t.checklistUnknown}: </span>
            {item.label[locale]}
            {item.value && <span className="sn-hint"> — {item.value}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}

function SuggestionItem(props: Omit<SuggestionListProps, 'suggestions' | 'hiddenCount' | 'initialLimit' | 'onShowHidden'> & { suggestion: Suggestion }) {
  const { suggestion, timeZone } = props;
  const t = useMessages(funnelMessages);
  const locale = useLocale();
  const text = explainSuggestion(suggestion, locale, timeZone);
  const headingId = useId();
  const isTaskBound = suggestion.action.taskId !== null;
  const stage = suggestion.action.suggestedStage;
  const primaryIsTask = suggestion.action.kind === 'task';
  const taskButton = !isTaskBound && (
    <button
      type="button"
      className={`sn-button sn-button--small${primaryIsTask ? ' sn-button--primary' : ''}`}
      aria-label={t.createTaskFor(text.title)}
      onClick={() => props.onCreateTask(suggestion)}
    >
      {t.createTask}
    </button>
  );
  const noteButton = (
    <button
      type="button"
      className={`sn-button sn-button--small${!primaryIsTask && !isTaskBound ? ' sn-button--primary' : ''}`}
      aria-label={t.writeNoteFor(text.title)}
      onClick={() => props.onWriteNote(suggestion)}
    >
      {t.writeNote}
    </button>
  );
  return (
    <li className={`sn-suggestion sn-suggestion--${suggestion.urgency}`} aria-labelledby={headingId}>
      <div className="sn-suggestion__head">
        <span className={`sn-urgency sn-urgency--${suggestion.urgency}`}>{t[URGENCY_LABEL[suggestion.urgency]] as string}</span>
        <h3 id={headingId} className="sn-suggestion__title">
          {text.title}
        </h3>
      </div>
      <p className="sn-suggestion__reason">{text.reason}</p>
      {(text.why || text.hint) && (
        <details className="sn-suggestion__why">
          <summary>{t.whyLabel}</summary>
          {text.why && <p>{text.why}</p>}
          {text.hint && (
            <p>
              <strong>{t.hintLabel}: </strong>
              {text.hint}
            </p>
          )}
        </details>
      )}
      <Checklist suggestion={suggestion} />
      <div className="sn-suggestion__actions">
        {isTaskBound && props.onCompleteTask && (
          <button type="button" className="sn-button sn-button--small sn-button--primary" aria-label={t.markDoneFor(text.title)} onClick={() => props.onCompleteTask?.(suggestion)}>
            {t.markDone}
          </button>
        )}
        {primaryIsTask ? (
          <>
            {taskButton}
            {noteButton}
          </>
        ) : (
          <>
            {noteButton}
            {taskButton}
          </>
        )}
        {stage && props.onMoveStage && (
          <button type="button" className="sn-button sn-button--small" onClick={() => props.onMoveStage?.(suggestion, stage)}>
            {t.moveTo(t.stageName(stage))}
          </button>
        )}
        <SnoozeMenu title={text.title} onSnooze={(option) => props.onSnooze(suggestion, option)} />
        <button type="button" className="sn-button sn-button--ghost sn-button--small" aria-label={t.dismissFor(text.title)} onClick={() => props.onDismiss(suggestion)}>
          {t.dismiss}
        </button>
      </div>
    </li>
  );
}

/** The ranked next steps for the record in view, each with its reason, numbers and actions. */
export function SuggestionList({ suggestions, hiddenCount = 0, initialLimit = 5, onShowHidden, ...actions }: SuggestionListProps) {
  const t = useMessages(funnelMessages);
  const [expanded, setExpanded] = useState(false);
  const headingId = useId();
  const shown = expanded ? suggestions : suggestions.slice(0, initialLimit);
  const rest = suggestions.length - shown.length;
  return (
    <section className="sn-card sn-suggestions" aria-labelledby={headingId}>
      <h2 id={headingId} className="sn-section-title">
        {t.suggestionsHeading}
        {hiddenCount > 0 &&
          (onShowHidden ? (
            <button type="button" className="sn-link sn-hint" onClick={onShowHidden}>
              {t.suggestionsHidden(hiddenCount)}
            </button>
          ) : (
            <span className="sn-hint">{t.suggestionsHidden(hiddenCount)}</span>
          ))}
      </h2>
      {suggestions.length === 0 ? (
        <p className="sn-muted">{t.suggestionsEmpty}</p>
      ) : (
        <ul className="sn-suggestions__list">
          {shown.map((suggestion) => (
            <SuggestionItem key={`${suggestion.subject.id}:${suggestion.key}`} suggestion={suggestion} {...actions} />
          ))}
        </ul>
      )}
      {(rest > 0 || expanded) && suggestions.length > initialLimit && (
        <button type="button" className="sn-link" aria-expanded={expanded} onClick={() => setExpanded((value) => !value)}>
          {expanded ? t.showFewer : t.showMore(rest)}
        </button>
      )}
    </section>
  );
}
