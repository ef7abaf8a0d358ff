import { forwardRef, useEffect, useId, useImperativeHandle, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { quickDate, type ComposerDraft, type LoggableType, type QuickDate } from '@/lib/composer/draft';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { Contact, Deal } from '@/lib/schemas';
import { CALL_OUTCOMES, LOGGABLE_ACTIVITY_TYPES, MESSAGE_CHANNELS } from '@/lib/schemas/enums';
import { useMessages } from './i18n';

interface ComposerProps {
  draft: ComposerDraft;
  onChange: (draft: ComposerDraft) => void;
  onSave: () => void;
  /** Null when nothing is bound yet: the text is kept, saving waits for an account. */
  accountName: string | null;
  saveLabel?: string;
  canSave: boolean;
  saving: boolean;
  error: string | null;
  draftKept: boolean;
  contacts: readonly Contact[];
  deals: readonly Deal[];
  nowMs: number;
  /** Shown when the page is a mail thread: log the thread itself (updates on repeat). */
  onCaptureThread?: (() => void) | null;
  /** Extra controls under the fields, e.g. a template picker. */
  extra?: ReactNode;
  /** Right under the note field, next in tab order: proposals read from the note. */
  belowBody?: ReactNode;
  /**
   * Changes (a new number) when a shortcut or suggestion asks for the composer: the text
   * field takes focus and scrolls into view once the fields for the new type are on screen.
   */
  focusRequest?: number | null;
}

const FOLLOW_UP_TYPES: readonly LoggableType[] = ['note', 'call', 'email', 'meeting', 'visit', 'message'];

/** Types a rep logs a follow-up as; Ctrl/Cmd+Enter saves from any field. */
export const Composer = forwardRef<HTMLTextAreaElement, ComposerProps>(function Composer(props, bodyRef) {
  const { draft, onChange, onSave, accountName, saveLabel, canSave, saving, error, draftKept, contacts, deals, nowMs, onCaptureThread, extra, belowBody, focusRequest = null } = props;
  const t = useMessages(coreMessages);
  const id = useId();
  const body = useRef<HTMLTextAreaElement>(null);
  useImperativeHandle(bodyRef, () => body.current!, []);
  useEffect(() => {
    if (focusRequest === null) return;
    // Runs after the commit that rendered the requested type's fields (a call adds
    // outcome, duration and phone above the text), so the caret is where the rep looks.
    const field = body.current;
    if (!field) return;
    field.focus({ preventScroll: true });
    field.scrollIntoView?.({ block: 'nearest' });
  }, [focusRequest]);
  const set = <K extends keyof ComposerDraft>(key: K, value: ComposerDraft[K]) => onChange({ ...draft, [key]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canSave && !saving) onSave();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      if (canSave && !saving) onSave();
    }
  };
  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = LOGGABLE_ACTIVITY_TYPES[(index + step + LOGGABLE_ACTIVITY_TYPES.length) % LOGGABLE_ACTIVITY_TYPES.length]!;
    set('type', next);
    document.getElementById(`${id}-tab-${next}`)?.focus();
  };
  const toggleContact = (contactId: string) =>
    set('contactIds', draft.contactIds.includes(contactId) ? draft.contactIds.filter((c) => c !== contactId) : [...draft.contactIds, contactId]);
  const pickDate = (field: 'followUpOn' | 'dueOn', choice: QuickDate) => set(field, quickDate(choice, nowMs));

  const typeLabel = t[`type_${draft.type}`];
  const dateField = draft.type === 'task' ? 'dueOn' : 'followUpOn';
  const quickPicks = (
    <span className="sn-chip-row" role="group" aria-label={draft.type === 'task' ? t.dueOn : t.followUp}>
      {(['tomorrow', 'in3days', 'nextWeek'] as const).map((choice) => (
        <button key={choice} type="button" className="sn-chip" onClick={() => pickDate(dateField, choice)}>
          {{ tomorrow: t.tomorrow, in3days: t.inThreeDays, nextWeek: t.nextWeek }[choice]}
        </button>
      ))}
    </span>
  );

  return (
    <section className="sn-card" aria-label={accountName ? t.composerFor(accountName) : t.composer} data-testid="composer">
      {/* Ctrl/Cmd+Enter from any field saves: one delegated handler instead of one per field. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <form className="sn-composer" onSubmit={submit} onKeyDown={onKeyDown}>
        <div className="sn-tabs" role="tablist" aria-label={t.composer}>
          {LOGGABLE_ACTIVITY_TYPES.map((type, index) => (
            <button
              key={type}
              id={`${id}-tab-${type}`}
              type="button"
              role="tab"
              className="sn-tab"
              aria-selected={draft.type === type}
              aria-controls={`${id}-panel`}
              tabIndex={draft.type === type ? 0 : -1}
              onClick={() => set('type', type)}
              onKeyDown={(event) => onTabKeyDown(event, index)}
            >
              {t[`type_${type}`]}
            </button>
          ))}
        </div>
        <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${draft.type}`} className="sn-composer">
          {draft.type === 'call' && (
            <>
              <fieldset className="sn-radio-row">
                <legend>{t.outcome}</legend>
                {CALL_OUTCOMES.map((outcome) => (
                  <label key={outcome} className="sn-radio">
                    <input type="radio" name={`${id}-outcome`} value={outcome} checked={draft.callOutcome === outcome} onChange={() => set('callOutcome', outcome)} />
                    {t[`outcome_${outcome}`]}
                  </label>
                ))}
              </fieldset>
              <div className="sn-field-row">
                <label className="sn-field">
                  <span>{t.duration}</span>
                  <input className="sn-input" value={draft.duration} placeholder={t.durationHint} onChange={(e) => set('duration', e.target.value)} />
                </label>
                <label className="sn-field">
                  <span>{t.phoneCalled}</span>
                  <input className="sn-input" type="tel" value={draft.phone} onChange={(e) => set('phone', e.target.value)} />
                </label>
              </div>
            </>
          )}
          {(draft.type === 'email' || draft.type === 'meeting' || draft.type === 'task') && (
            <label className="sn-field">
              <span>{draft.type === 'task' ? t.taskTitle : t.subject}</span>
              <input className="sn-input" value={draft.subject} onChange={(e) => set('subject', e.target.value)} />
            </label>
          )}
          {draft.type === 'message' && (
            <label className="sn-field">
              <span>{t.channel}</span>
              <select className="sn-select" value={draft.channel} onChange={(e) => set('channel', e.target.value as ComposerDraft['channel'])}>
                {MESSAGE_CHANNELS.map((channel) => (
                  <option key={channel} value={channel}>
                    {t[`channel_${channel}`]}
                  </option>
                ))}
              </select>
            </label>
          )}
          {(draft.type === 'meeting' || draft.type === 'visit') && (
            <div className="sn-field-row">
              <label className="sn-field">
                <span>{t.location}</span>
                <input className="sn-input" value={draft.location} onChange={(e) => set('location', e.target.value)} />
              </label>
              <label className="sn-field">
                <span>{t.duration}</span>
                <input className="sn-input" value={draft.duration} placeholder={t.durationHint} onChange={(e) => set('duration', e.target.value)} />
              </label>
            </div>
          )}
          <label className="sn-field">
            <span>{t[`body_${draft.type}`]}</span>
            <textarea
              ref={body}
              className="sn-textarea"
              value={draft.body}
              placeholder={draft.type === 'note' ? t.placeholder_note : undefined}
              onChange={(e) => set('body', e.target.value)}
              data-testid="composer-body"
            />
          </label>
          {belowBody}
          {FOLLOW_UP_TYPES.includes(draft.type) && (
            <div className="sn-field-row">
              <label className="sn-field">
                <span>{t.nextStep}</span>
                <input className="sn-input" value={draft.nextStep} onChange={(e) => set('nextStep', e.target.value)} />
              </label>
              <label className="sn-field">
                <span>{t.followUp}</span>
                <input className="sn-input" type="date" value={draft.followUpOn} onChange={(e) => set('followUpOn', e.target.value)} />
              </label>
            </div>
          )}
          {draft.type === 'task' && (
            <div className="sn-field-row">
              <label className="sn-field">
                <span>{t.dueOn}</span>
                <input className="sn-input" type="date" value={draft.dueOn} onChange={(e) => set('dueOn', e.target.value)} />
              </label>
              <label className="sn-field">
                <span>{t.dueTime}</span>
                <input className="sn-input" type="time" value={draft.dueTime} onChange={(e) => set('dueTime', e.target.value)} />
              </label>
            </div>
          )}
          {(FOLLOW_UP_TYPES.includes(draft.type) || draft.type === 'task') && quickPicks}
          {draft.type === 'task' && onCaptureThread !== undefined && (
            <label className="sn-radio" style={{ alignSelf: 'flex-start' }}>
              <input type="checkbox" checked={draft.remindIfNoReply} onChange={(e) => set('remindIfNoReply', e.target.checked)} />
              {t.remindIfNoReply}
            </label>
          )}
          {contacts.length > 0 && (
            <fieldset className="sn-radio-row">
              <legend>{t.contactsOnActivity}</legend>
              {contacts.map((contact) => (
                <label key={contact.id} className="sn-radio">
                  <input type="checkbox" checked={draft.contactIds.includes(contact.id)} onChange={() => toggleContact(contact.id)} />
                  {contact.name}
                </label>
              ))}
            </fieldset>
          )}
          <div className="sn-field-row">
            {deals.length > 0 && (
              <label className="sn-field">
                <span>{t.deal}</span>
                <select className="sn-select" value={draft.dealId ?? ''} onChange={(e) => set('dealId', e.target.value || null)}>
                  <option value="">{t.noDeal}</option>
                  {deals.map((deal) => (
                    <option key={deal.id} value={deal.id}>
                      {deal.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label className="sn-field">
              <span>{t.visibility}</span>
              <select className="sn-select" value={draft.visibility} onChange={(e) => set('visibility', e.target.value as ComposerDraft['visibility'])}>
                <option value="team">{t.visibilityTeam}</option>
                <option value="private">{t.visibilityPrivate}</option>
              </select>
            </label>
          </div>
          {extra}
        </div>
        {!accountName && <p className="sn-hint">{t.needsAccount}</p>}
        <div className="sn-composer__footer">
          {/* A refused save is said right beside Save, where the rep's eyes are. */}
          {error ? (
            <p id={`${id}-error`} className="sn-error sn-composer__error" role="alert" data-testid="composer-error">
              {error}
            </p>
          ) : (
            <span className="sn-hint" aria-live="polite">
              {draftKept ? t.draftKept : ''}
            </span>
          )}
          <span style={{ display: 'flex', gap: 6 }}>
            {onCaptureThread && draft.type === 'email' && (
              <button type="button" className="sn-button" onClick={onCaptureThread} disabled={!accountName || saving}>
                {t.captureThread}
              </button>
            )}
            <button
              type="submit"
              className="sn-button sn-button--primary"
              disabled={!canSave || saving}
              aria-keyshortcuts="Control+Enter Meta+Enter"
              aria-describedby={error ? `${id}-error` : undefined}
              data-testid="composer-save"
            >
              {saveLabel ?? `${t.save} ${typeLabel}`} <kbd className="sn-kbd">{t.saveHint}</kbd>
            </button>
          </span>
        </div>
      </form>
    </section>
  );
});
