import { coreMessages } from '@/lib/i18n/messages/core';
import { useMessages } from './i18n';

export interface ParkedChangeView {
  id: string;
  /** Already localized: "account", "note"... */
  what: string;
  recordName: string;
  reason: string;
}

export interface ConflictView {
  id: string;
  text: string;
}

/** Changes the server refused for good, and edits that lost to newer ones: never silent. */
export function SyncIssues({
  parked,
  conflicts,
  onDiscard,
  onSeen,
}: {
  parked: readonly ParkedChangeView[];
  conflicts: readonly ConflictView[];
  onDiscard: (id: string) => void;
  onSeen: (id: string) => void;
}) {
  const t = useMessages(coreMessages);
  if (parked.length === 0 && conflicts.length === 0) return null;
  return (
    <section className="sn-card sn-sync-issues" aria-labelledby="sn-sync-issues-title" data-testid="sync-issues">
      <h2 id="sn-sync-issues-title" className="sn-section-title">
        {t.syncIssues}
      </h2>
      <ul className="sn-list">
        {parked.map((change) => (
          <li key={change.id} className="sn-list__item">
            <span className="sn-list__main sn-sync__error">{t.parkedChange(change.what, change.recordName, change.reason)}</span>
            <button type="button" className="sn-button sn-button--small" onClick={() => onDiscard(change.id)}>
              {t.discardChange}
            </button>
          </li>
        ))}
        {conflicts.map((conflict) => (
          <li key={conflict.id} className="sn-list__item">
            <span className="sn-list__main">{conflict.text}</span>
            <button type="button" className="sn-button sn-button--small" onClick={() => onSeen(conflict.id)}>
              {t.gotIt}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
