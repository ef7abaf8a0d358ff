import { useId, useState, type FormEvent } from 'react';
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

/** Move an account or a deal to another stage; a lost deal asks why. */
export function StagePicker({ subjectType, current, onMove, disabled = false }: StagePickerProps) {
  const t = useMessages(funnelMessages);
  const options: readonly Stage[] = subjectType === 'deal' ? dealStageSchema.options : STAGES;
  const suggested = nextStageOf(current);
  const [target, setTarget] = useState<Stage>(suggested && options.includes(suggested) ? suggested : current);
  const [lostReason, setLostReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();
  const reasonId = useId();
  const errorId = useId();
  const asksReason = subjectType === 'deal' && target === 'lost';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (target === current) return;
    if (asksReason && lostReason.trim() === '') {
      setError(t.stagePickerLostReasonRequired);
      return;
    }
    setError(null);
    onMove(target, { lostReason: asksReason ? lostReason.trim() : null });
  };

  return (
    <form className="sn-stagepicker" onSubmit={submit}>
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
          }}
        >
          {options.map((stage) => (
            <option key={stage} value={stage}>
              {stage === current ? `${t.stageName(stage)} (${t.stagePathCurrent})` : t.stageName(stage)}
            </option>
          ))}
        </select>
        <button type="submit" className="sn-button sn-button--small sn-button--primary" disabled={disabled || target === current} aria-label={target === current ? t.stagePickerSame : t.stagePickerMoveTo(t.stageName(target))}>
          {t.stagePickerMove}
        </button>
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
      {error && (
        <p id={errorId} className="sn-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
