import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

interface NoMatchPanelProps {
  suggestion: { name: string; domain: string | null } | null;
  onCreateFromPage: () => void;
  onCreateWithDetails: () => void;
}

/** Shown when nothing matches the page: one click creates the account, prefilled. */
export function NoMatchPanel({ suggestion, onCreateFromPage, onCreateWithDetails }: NoMatchPanelProps) {
  const t = useMessages(coreMessages);
  return (
    <section className="sn-card" aria-label={t.noMatch} data-testid="no-match">
      <p style={{ marginTop: 0 }}>{t.noMatch}</p>
      <div className="sn-context__actions">
        {suggestion && (
          <button type="button" className="sn-button sn-button--primary" onClick={onCreateFromPage} data-testid="create-from-page">
            {t.createFromPage(suggestion.name)}
          </button>
        )}
        <button type="button" className="sn-button" onClick={onCreateWithDetails}>
          {t.createWithDetails}
        </button>
      </div>
      {suggestion?.domain && <p className="sn-hint">{t.createFromPageHint(suggestion.domain)}</p>}
    </section>
  );
}
