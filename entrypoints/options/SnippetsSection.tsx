import { useState, type FormEvent } from 'react';
import { useMessages } from '@/components/i18n';
import { optionsMessages } from '@/lib/i18n/messages/options';
import { snippetSchema, snippetsSchema } from '@/lib/schemas';
import { cutText } from '@/lib/schemas/text';
import { snippetsItem } from '@/lib/settings/items';
import { useStoredSetting } from './use-stored-setting';

/** The rep's snippets: add and delete; the composer inserts them. */
export function SnippetsSection() {
  const t = useMessages(optionsMessages);
  const snippets = useStoredSetting(snippetsItem, snippetsSchema, []);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = snippetSchema.safeParse({ id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, title, text });
    if (!parsed.success) {
      setError(parsed.error.issues.map((issue) => issue.message).join(' '));
      return;
    }
    await snippetsItem.setValue([...snippets, parsed.data]);
    setTitle('');
    setText('');
    setError(null);
  };

  return (
    <section className="sn-card" aria-labelledby="sn-snippets-title">
      <h2 id="sn-snippets-title" className="sn-section-title">
        {t.snippetsSection}
      </h2>
      <p className="sn-hint">{t.snippetsHint}</p>
      {snippets.length === 0 ? (
        <p className="sn-muted">{t.snippetsEmpty}</p>
      ) : (
        <ul className="sn-list">
          {snippets.map((snippet) => (
            <li key={snippet.id} className="sn-list__item">
              <span className="sn-list__main">
                <strong>{snippet.title}</strong>
                <span className="sn-hint" style={{ whiteSpace: 'pre-wrap' }}>
                  {snippet.text.length > 200 ? `${cutText(snippet.text, 200)}…` : snippet.text}
                </span>
              </span>
              <button
                type="button"
                className="sn-button sn-button--small sn-button--danger"
                aria-label={t.deleteSnippet(snippet.title)}
                onClick={() => void snippetsItem.setValue(snippets.filter((existing) => existing.id !== snippet.id))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="sn-form" onSubmit={(event) => void add(event)}>
        <label className="sn-field">
          <span>{t.snippetTitle}</span>
          <input className="sn-input" value={title} maxLength={80} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="sn-field">
          <span>{t.snippetText}</span>
          <textarea className="sn-textarea" value={text} maxLength={4000} onChange={(e) => setText(e.target.value)} />
        </label>
        {error && (
          <p className="sn-error" role="alert">
            {error}
          </p>
        )}
        <div className="sn-form__actions">
          <button type="submit" className="sn-button">
            {t.addSnippet}
          </button>
        </div>
      </form>
    </section>
  );
}
