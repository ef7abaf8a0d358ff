import { useId, useState, type FormEvent } from 'react';
import { HEALTH_INPUT_KEYS, HEALTH_WEIGHTS_PERCENT, type HealthInputKey } from '@/lib/funnel/health';
import { funnelMessages } from '@/lib/i18n/messages/funnel';
import { healthInputsSchema, type HealthInputs } from '@/lib/schemas';
import { useMessages } from '../i18n';

export interface HealthInputsFormProps {
  /** The latest measurement, to start from; null when never measured. */
  current: HealthInputs | null;
  /** Today in the rep's zone (YYYY-MM-DD), the default measurement date. */
  today: string;
  onSave: (inputs: HealthInputs) => void;
}

/** Where a CSM records the four health inputs and the date they were measured. */
export function HealthInputsForm({ current, today, onSave }: HealthInputsFormProps) {
  const t = useMessages(funnelMessages);
  const formId = useId();
  const [values, setValues] = useState<Record<HealthInputKey, string>>(() => {
    const start = {} as Record<HealthInputKey, string>;
    for (const key of HEALTH_INPUT_KEYS) start[key] = current ? String(current[key]) : '';
    return start;
  });
  const [measuredOn, setMeasuredOn] = useState(today);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = healthInputsSchema.safeParse({
      ...Object.fromEntries(HEALTH_INPUT_KEYS.map((key) => [key, values[key].trim() === '' ? Number.NaN : Number(values[key])])),
      measuredOn,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path[0] as HealthInputKey | 'measuredOn';
      setError(field === 'measuredOn' ? t.healthFormDateInvalid : t.healthFormRange(t.healthInputName(field)));
      return;
    }
    setError(null);
    onSave(parsed.data);
  };

  return (
    <details className="sn-health-form">
      <summary>{t.healthFormTitle}</summary>
      <form aria-label={t.healthFormTitle} onSubmit={submit} noValidate>
        <p className="sn-hint" id={`${formId}-hint`}>
          {t.healthFormHint}
        </p>
        {HEALTH_INPUT_KEYS.map((key) => (
          <label key={key} className="sn-field">
            <span>
              {t.healthInputName(key)} ({HEALTH_WEIGHTS_PERCENT[key]}%)
            </span>
            <input
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step="any"
              value={values[key]}
              aria-describedby={`${formId}-hint`}
              onChange={(event) => setValues({ ...values, [key]: event.target.value })}
            />
          </label>
        ))}
        <label className="sn-field">
          <span>{t.healthFormMeasuredOn}</span>
          <input type="date" value={measuredOn} max={today} onChange={(event) => setMeasuredOn(event.target.value)} />
        </label>
        {error && (
          <p role="alert" className="sn-error">
            {error}
          </p>
        )}
        <button type="submit" className="sn-button sn-button--small">
          {t.healthFormSave}
        </button>
      </form>
    </details>
  );
}
