import { useState, type FormEvent, type ReactNode } from 'react';
import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

/** What the parent gives a record form: its starting values, and where the result goes. */
export interface RecordFormInput<V> {
  initial: V;
  mode: 'create' | 'edit';
  error: string | null;
  onSubmit: (values: V) => void;
  onCancel: () => void;
}

/** A form's values and a typed setter for one field. */
export function useFormValues<V extends object>(initial: V) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((current) => ({ ...current, [key]: value }));
  return [values, set] as const;
}

interface RecordFormProps {
  title: string;
  submitLabel: string;
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
  children: ReactNode;
}

/** The shell every record form shares: titled card, fields, the error in words, cancel and submit. */
export function RecordForm({ title, submitLabel, error, onSubmit, onCancel, children }: RecordFormProps) {
  const t = useMessages(coreMessages);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="sn-form sn-card" onSubmit={submit} aria-label={title}>
      <h2 className="sn-section-title">{title}</h2>
      {children}
      {error && (
        <p className="sn-error" role="alert">
          {error}
        </p>
      )}
      <div className="sn-form__actions">
        <button type="button" className="sn-button" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="submit" className="sn-button sn-button--primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
