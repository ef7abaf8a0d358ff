import { useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
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

/** The shell every record form shares: titled card, fields, the error in words, cancel (or Escape) and submit. */
export function RecordForm({ title, submitLabel, error, onSubmit, onCancel, children }: RecordFormProps) {
  const t = useMessages(coreMessages);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  // Escape from any field cancels, as it closes a dialog; a field that uses Escape itself
  // (an open <select>, an IME composition) keeps it.
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    event.preventDefault();
    onCancel();
  };
  return (
    // One delegated handler for the form's fields, like Ctrl+Enter in the composer.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <form className="sn-form sn-card" onSubmit={submit} onKeyDown={onKeyDown} aria-label={title}>
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
