import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { profileMessages } from '@/lib/i18n/messages/profile';
import type { RepProfile } from '@/lib/schemas';
import { parseProfileForm, suggestCompanyDomain, type ProfileField, type ProfileFormValues, type ProfileProblem } from '@/lib/settings/profile';
import { useMessages } from './i18n';

export interface ProfileFormProps {
  initial: RepProfile | null;
  /** The first-run card (titled, with "Not now") or the options page's section. */
  variant: 'first-run' | 'options';
  /** Resolves once stored; a rejection's message is shown next to Save. */
  onSave: (profile: RepProfile) => Promise<void>;
  onSkip?: () => void;
}

const FIELDS: ProfileField[] = ['name', 'email', 'companyDomain'];

/**
 * Name, work email and company domain. The company domain follows the email until the rep
 * types one; problems are named per field, in the UI's language, and nothing is stored
 * until all three are right.
 */
export function ProfileForm({ initial, variant, onSave, onSkip }: ProfileFormProps) {
  const t = useMessages(profileMessages);
  const id = useId();
  const firstField = useRef<HTMLInputElement>(null);
  // The first-run form opens on the rep's click: the keyboard follows it there.
  useEffect(() => {
    if (variant === 'first-run') firstField.current?.focus();
  }, [variant]);
  const [values, setValues] = useState<ProfileFormValues>({ name: initial?.name ?? '', email: initial?.email ?? '', companyDomain: initial?.companyDomain ?? '' });
  const [domainTouched, setDomainTouched] = useState(Boolean(initial?.companyDomain));
  const [problems, setProblems] = useState<Partial<Record<ProfileField, ProfileProblem>>>({});
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);

  const set = (field: ProfileField, value: string) => {
    setValues((current) => {
      const next = { ...current, [field]: value };
      if (field === 'email' && !domainTouched) next.companyDomain = suggestCompanyDomain(value);
      return next;
    });
    if (field === 'companyDomain') setDomainTouched(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseProfileForm(values);
    if (!parsed.ok) {
      setProblems(parsed.problems);
      setStatus(null);
      const first = FIELDS.find((field) => parsed.problems[field]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setProblems({});
    void onSave(parsed.profile).then(
      () => setStatus({ tone: 'ok', text: t.saved }),
      (cause: unknown) => setStatus({ tone: 'error', text: cause instanceof Error ? cause.message : String(cause) }),
    );
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onSkip) {
      event.preventDefault();
      onSkip();
    }
  };

  const labels: Record<ProfileField, string> = { name: t.name, email: t.email, companyDomain: t.companyDomain };
  const titleId = `${id}-title`;
  return (
    <form className={`sn-form${variant === 'first-run' ? ' sn-card' : ''}`} onSubmit={submit} aria-labelledby={titleId} noValidate>
      <h2 id={titleId} className="sn-section-title">
        {variant === 'first-run' ? t.firstRunTitle : t.profileSection}
      </h2>
      <p className="sn-hint">{variant === 'first-run' ? t.firstRunIntro : t.profileHint}</p>
      {FIELDS.map((field) => {
        const problem = problems[field];
        const hintId = field === 'companyDomain' ? `${id}-${field}-hint` : undefined;
        const errorId = problem ? `${id}-${field}-error` : undefined;
        return (
          <div key={field} className="sn-field">
            <label htmlFor={`${id}-${field}`} className="sn-label">
              {labels[field]}
            </label>
            <input
              id={`${id}-${field}`}
              ref={field === 'name' ? firstField : undefined}
              className="sn-input"
              type={field === 'email' ? 'email' : 'text'}
              autoComplete={field === 'name' ? 'name' : field === 'email' ? 'email' : 'off'}
              value={values[field]}
              aria-invalid={problem ? true : undefined}
              aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
              onChange={(event) => set(field, event.target.value)}
              onKeyDown={onKeyDown}
            />
            {hintId && (
              <span id={hintId} className="sn-hint">
                {t.companyDomainHint}
              </span>
            )}
            {problem && (
              <span id={errorId} className="sn-error">
                {t[`problem_${problem}`]}
              </span>
            )}
          </div>
        );
      })}
      <div className="sn-form__actions">
        {status && (
          <span className={status.tone === 'error' ? 'sn-error' : 'sn-hint'} role={status.tone === 'error' ? 'alert' : 'status'}>
            {status.text}
          </span>
        )}
        {onSkip && (
          <button type="button" className="sn-button" onClick={onSkip}>
            {t.skip}
          </button>
        )}
        <button type="submit" className="sn-button sn-button--primary">
          {t.save}
        </button>
      </div>
    </form>
  );
}
