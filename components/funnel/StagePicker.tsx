import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { nextStageOf } from '@/lib/funnel/stages';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import { STAGES, dealStageSchema, type Stage } from '@/lib/schemas';
import { useMessages } from '../i18n';

export interface StagePickerProps {
  subjectType: 'account' | 'deal';
  current: Stage;
  /** Called with the chosen stage; a deal moved to lost comes with its reason. */
  onMove: (stage: Stage, details: { lostReason: string | null }) => void;
  disabled?: boolean;
}

/** Stages that end a cycle: never preselected, and moving there asks once more. */
const CLOSING_STAGES: readonly Stage[] = ['won', 'lost', 'churned'];

/**
 * Move an account or a deal to another stage. The next open stage comes preselected; a
 * closing stage (won, lost, churned) is never preselected and asks to confirm, and a lost
 * deal asks why. The container offers undo after the move.
 */
export function StagePicker({ subjectType, current, onMove, disabled = false }: StagePickerProps) {
  const t = useMessages(funnelMessages);
  const options: readonly Stage[] = subjectType === 'deal' ? dealStageSchema.options : STAGES;
  const suggested = nextStageOf(current);
  const [target, setTarget] = useState<Stage>(suggested && options.includes(suggested) && !CLOSING_STAGES.includes(suggested) ? suggested : current);
  const [lostReason, setLostReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const selectId = useId();
  const reasonId = useId();
  const errorId = useId();
  const confirmId = useId();
  const asksReason = subjectType === 'deal' && target === 'lost';
  const closing = CLOSING_STAGES.includes(target);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target === current) return;
    if (asksReason && lostReason.trim() === '') {
      setError(t.stagePickerLostReasonRequired);
      return;
    }
    setError(null);
    if (closing && !confirming) {
      setConfirming(true);
      return;
    }
    setConfirming(false);
    onMove(target, { lostReason: asksReason ? lostReason.trim() : null });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key === 'Escape' && confirming) {
      event.preventDefault();
      setConfirming(false);
    }
  };

  return (
    // Escape steps back out of the confirmation, as it cancels other inline forms.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form className="sn-stagepicker" onSubmit={submit} onKeyDown={onKeyDown}>
      <div className="sn-stagepicker__row">
        <label htmlFor={selectId} className="sn-label">
          {t.stagePickerLabel}
        </label>
        <select
          id={selectId}
          className="sn-select sn-stagepicker__select"
          value={target}
          disabled={disabled}
          onChange={(event) => {
            setTarget(event.target.value as Stage);
            setError(null);
            setConfirming(false);
          }}
        >
          {options.map((stage) => (
            <option key={stage} value={stage}>
              {stage === current ? `${t.stageName(stage)} (${t.stagePathCurrent})` : t.stageName(stage)}
            </option>
          ))}
        </select>
        {!confirming && (
          <button
            type="submit"
            className="sn-button sn-button--small sn-button--primary"
            disabled={disabled || target === current}
            aria-label={target === current ? `${t.stagePickerMove} (${t.stagePickerSame})` : t.stagePickerMoveTo(t.stageName(target))}
          >
            {t.stagePickerMove}
          </button>
        )}
      </div>
      {asksReason && (
        <div className="sn-field">
          <label htmlFor={reasonId} className="sn-label">
            {t.stagePickerLostReason}
          </label>
          <input
            id={reasonId}
            className="sn-input"
            value={lostReason}
            maxLength={500}
            required
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
            onChange={(event) => setLostReason(event.target.value)}
          />
        </div>
      )}
      {confirming && (
        <div className="sn-stagepicker__confirm" role="group" aria-labelledby={confirmId}>
          <p id={confirmId} className="sn-hint">
            {t.stagePickerConfirm(t.stageName(target))}
          </p>
          <span className="sn-form__actions">
            <button type="button" className="sn-button sn-button--small" onClick={() => setConfirming(false)}>
              {t.stagePickerCancel}
            </button>
            {/* eslint-disable-next-line jsx-a11y/no-autofocus -- the confirmation replaces the button that was just pressed */}
            <button type="submit" className="sn-button sn-button--small sn-button--primary" autoFocus>
              {t.stagePickerConfirmButton(t.stageName(target))}
            </button>
          </span>
        </div>
      )}
      {error && (
        <p id={errorId} className="sn-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
