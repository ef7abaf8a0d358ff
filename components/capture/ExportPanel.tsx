import { useId, type ChangeEvent } from 'react';
import type { ExportEntity, HeaderLanguage } from '@/lib/import/export';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { useMessages } from '../i18n';

export type ExportKind = ExportEntity | 'backup';

export interface ExportPanelProps {
  language: HeaderLanguage;
  onLanguageChange: (language: HeaderLanguage) => void;
  onExport: (kind: ExportKind) => void;
  /** The export being prepared, if any: its button shows progress and the others wait. */
  busy: ExportKind | null;
  /** What happened last (saved file name), announced politely. */
  status: string | null;
  onRestore: (file: File) => void;
  restore: { busy: boolean; message: string | null; error: string | null };
}

const CSV_KINDS: ReadonlyArray<{ kind: ExportEntity; entity: 'account' | 'contact' | 'deal' | 'activity' }> = [
  { kind: 'accounts', entity: 'account' },
  { kind: 'contacts', entity: 'contact' },
  { kind: 'deals', entity: 'deal' },
  { kind: 'activities', entity: 'activity' },
];

/** Export buttons (CSV per record type, full JSON backup) and restoring a backup. */
export function ExportPanel({ language, onLanguageChange, onExport, busy, status, onRestore, restore }: ExportPanelProps) {
  const t = useMessages(captureMessages);
  const titleId = useId();
  const restoreId = useId();
  const languageId = useId();
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file) onRestore(file);
    event.currentTarget.value = '';
  };
  return (
    <section className="sn-card sn-export" aria-labelledby={titleId} data-testid="export-panel">
      <h3 id={titleId} className="sn-section-title">{t.exportTitle}</h3>
      <p className="sn-hint">{t.exportIntro}</p>
      <div className="sn-field sn-export__language">
        <label htmlFor={languageId} className="sn-label">
          {t.exportHeaders}
        </label>
        <select id={languageId} className="sn-select" value={language} onChange={(event) => onLanguageChange(event.currentTarget.value as HeaderLanguage)}>
          <option value="en">{t.headers_en}</option>
          <option value="zh-CN">{t['headers_zh-CN']}</option>
        </select>
      </div>
      <div className="sn-export__buttons">
        {CSV_KINDS.map(({ kind, entity }) => (
          <button key={kind} type="button" className="sn-button" onClick={() => onExport(kind)} disabled={busy !== null} aria-busy={busy === kind}>
            {busy === kind ? t.exporting : t.exportCsv(t[`entity_${entity}`])}
          </button>
        ))}
        <button type="button" className="sn-button sn-button--primary" onClick={() => onExport('backup')} disabled={busy !== null} aria-busy={busy === 'backup'}>
          {busy === 'backup' ? t.exporting : t.exportBackup}
        </button>
      </div>
      <p className="sn-hint" role="status">
        {status ?? ''}
      </p>

      <h4 className="sn-export__restore-title">{t.restoreTitle}</h4>
      <p className="sn-hint">{t.restoreIntro}</p>
      <label htmlFor={restoreId} className="sn-button" aria-disabled={restore.busy}>
        {restore.busy ? t.restoring : t.chooseBackup}
      </label>
      <input id={restoreId} className="sn-visually-hidden" type="file" accept=".json,application/json" onChange={onFile} disabled={restore.busy} />
      <p className="sn-hint" role="status">
        {restore.message ?? ''}
      </p>
      {restore.error && (
        <p className="sn-error" role="alert">
          {t.restoreError(restore.error)}
        </p>
      )}
    </section>
  );
}
