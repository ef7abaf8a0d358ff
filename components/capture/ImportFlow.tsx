import { useId, type ChangeEvent } from 'react';
import type { Delimiter } from '@/lib/import/csv';
import type { TextEncodingName } from '@/lib/import/decode';
import { IMPORT_FIELD_KEYS, entityOfField, type ColumnMapping, type ImportFieldKey, type MappingIssue } from '@/lib/import/fields';
import type { ImportTally } from '@/lib/import/plan';
import type { RowError } from '@/lib/import/rows';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { useMessages } from '../i18n';
import { ImportErrorList } from './ImportErrorList';

export interface ImportFileSummary {
  name: string;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  /** Physical lines read as GBK in a mixed file. */
  gb18030Lines: number[];
  rowCount: number;
}

export interface ImportProgressView {
  processedRows: number;
  totalRows: number;
  tally: ImportTally;
  errorCount: number;
}

export type ImportFlowState =
  | { step: 'pick'; error: string | null }
  | {
      step: 'map';
      file: ImportFileSummary;
      header: string[];
      /** The first rows as written, for the preview. */
      samples: string[][];
      mapping: ColumnMapping;
      issues: MappingIssue[];
      /** Problems found in the preview rows with the current mapping. */
      previewErrors: RowError[];
    }
  | { step: 'importing'; file: ImportFileSummary; progress: ImportProgressView | null }
  | { step: 'done'; file: ImportFileSummary; tally: ImportTally; errors: RowError[]; cancelled: boolean };

export interface ImportFlowProps {
  state: ImportFlowState;
  onFileChosen: (file: File) => void;
  onMappingChange: (column: number, field: ImportFieldKey | null) => void;
  onStart: () => void;
  onCancel: () => void;
  onReset: () => void;
  onDownloadErrors: () => void;
}

const ENTITIES = ['account', 'contact', 'deal'] as const;

/**
 * Spreadsheet import, step by step: pick a file; check the detected encoding and separator,
 * the column mapping and a preview; watch the progress; read what was created and which
 * rows were left out and why. State lives in the container; this only shows it.
 */
export function ImportFlow({ state, onFileChosen, onMappingChange, onStart, onCancel, onReset, onDownloadErrors }: ImportFlowProps) {
  const t = useMessages(captureMessages);
  const titleId = useId();
  const fileId = useId();
  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    if (file) onFileChosen(file);
    event.currentTarget.value = '';
  };

  return (
    <section className="sn-card sn-import" aria-labelledby={titleId} data-testid="import-flow">
      <h3 id={titleId} className="sn-section-title">{t.importTitle}</h3>

      {state.step === 'pick' && (
        <>
          <p className="sn-hint">{t.importIntro}</p>
          <label htmlFor={fileId} className="sn-button sn-import__file">
            {t.chooseFile}
          </label>
          <input id={fileId} className="sn-visually-hidden" type="file" accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain" onChange={onFile} />
          {state.error && (
            <p className="sn-error" role="alert">
              {state.error}
            </p>
          )}
        </>
      )}

      {state.step !== 'pick' && <FileFacts file={state.file} />}

      {state.step === 'map' && (
        <>
          <MappingTable header={state.header} samples={state.samples} mapping={state.mapping} onMappingChange={onMappingChange} />
          {state.issues.length > 0 && (
            <ul className="sn-error sn-import__issues" role="alert">
              {state.issues.map((issue) => (
                <li key={`${issue.field}-${issue.message}`}>{issue.message}</li>
              ))}
            </ul>
          )}
          <Preview header={state.header} samples={state.samples} total={state.file.rowCount} />
          {state.previewErrors.length > 0 && (
            <div className="sn-import__preview-errors">
              <p className="sn-error">{t.previewProblems(state.previewErrors.length)}</p>
              <ImportErrorList errors={state.previewErrors} limit={10} />
            </div>
          )}
          <div className="sn-import__actions">
            <button type="button" className="sn-button sn-button--primary" onClick={onStart} disabled={state.issues.length > 0 || state.file.rowCount === 0}>
              {t.startImport(state.file.rowCount)}
            </button>
            <button type="button" className="sn-button" onClick={onReset}>
              {t.chooseAnother}
            </button>
          </div>
          {state.file.rowCount === 0 && <p className="sn-error">{t.noRows}</p>}
        </>
      )}

      {state.step === 'importing' && (
        <>
          <ImportProgressBar progress={state.progress} totalRows={state.file.rowCount} />
          <div className="sn-import__actions">
            <button type="button" className="sn-button" onClick={onCancel}>
              {t.cancel}
            </button>
          </div>
        </>
      )}

      {state.step === 'done' && (
        <>
          <h4 className="sn-import__done" role="status">
            {state.cancelled ? t.cancelledTitle : t.doneTitle}
          </h4>
          <p>{t.doneSummary(sum(state.tally.created), sum(state.tally.updated), sum(state.tally.unchanged))}</p>
          <table className="sn-import__tally">
            <thead>
              <tr>
                <td />
                <th scope="col">{t.tallyCreated}</th>
                <th scope="col">{t.tallyUpdated}</th>
                <th scope="col">{t.tallyUnchanged}</th>
              </tr>
            </thead>
            <tbody>
              {ENTITIES.map((entity) => (
                <tr key={entity}>
                  <th scope="row">{t[`entity_${entity}`]}</th>
                  <td>{state.tally.created[entity].toLocaleString()}</td>
                  <td>{state.tally.updated[entity].toLocaleString()}</td>
                  <td>{state.tally.unchanged[entity].toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.errors.length > 0 && (
            <div className="sn-import__errors">
              <h4 className="sn-error">{t.errorsTitle(new Set(state.errors.map((error) => error.rowNumber)).size)}</h4>
              <ImportErrorList errors={state.errors} limit={100} />
              <button type="button" className="sn-button" onClick={onDownloadErrors}>
                {t.downloadErrors}
              </button>
            </div>
          )}
          <div className="sn-import__actions">
            <button type="button" className="sn-button" onClick={onReset}>
              {t.chooseAnother}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function sum(counts: Record<string, number>): number {
  return Object.values(counts).reduce((total, count) => total + count, 0);
}

function FileFacts({ file }: { file: ImportFileSummary }) {
  const t = useMessages(captureMessages);
  return (
    <div className="sn-import__facts">
      <p className="sn-import__file-name">{t.fileSummary(file.name, file.rowCount)}</p>
      <dl className="sn-import__detected">
        <dt>{t.encodingLabel}</dt>
        <dd>{t[`encoding_${file.encoding}`]}</dd>
        <dt>{t.delimiterLabel}</dt>
        <dd>{t[`delimiter_${file.delimiter}`]}</dd>
      </dl>
      {file.gb18030Lines.length > 0 && <p className="sn-hint">{t.mixedLines(file.gb18030Lines.slice(0, 20).join(', '))}</p>}
    </div>
  );
}

function MappingTable({ header, samples, mapping, onMappingChange }: { header: string[]; samples: string[][]; mapping: ColumnMapping; onMappingChange: ImportFlowProps['onMappingChange'] }) {
  const t = useMessages(captureMessages);
  return (
    <table className="sn-import__mapping">
      <caption className="sn-section-title">{t.mappingTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{t.mappingColumn}</th>
          <th scope="col">{t.mappingField}</th>
          <th scope="col">{t.mappingSample}</th>
        </tr>
      </thead>
      <tbody>
        {header.map((column, index) => (
          <tr key={`${index}-${column}`} className={mapping[index] ? undefined : 'sn-import__ignored'}>
            <th scope="row">{column || `#${index + 1}`}</th>
            <td>
              <select
                className="sn-select"
                aria-label={t.mappingFieldFor(column || `#${index + 1}`)}
                value={mapping[index] ?? ''}
                onChange={(event) => onMappingChange(index, (event.currentTarget.value || null) as ImportFieldKey | null)}
              >
                <option value="">{t.ignoreColumn}</option>
                {ENTITIES.map((entity) => (
                  <optgroup key={entity} label={t[`fieldGroup_${entity}`]}>
                    {IMPORT_FIELD_KEYS.filter((key) => entityOfField(key) === entity).map((key) => (
                      <option key={key} value={key}>
                        {t[`field_${key}`]}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </td>
            <td className="sn-import__sample">{samples.find((row) => (row[index] ?? '').trim() !== '')?.[index] ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Preview({ header, samples, total }: { header: string[]; samples: string[][]; total: number }) {
  const t = useMessages(captureMessages);
  const shown = samples.slice(0, 5);
  if (shown.length === 0) return null;
  return (
    <div className="sn-import__preview">
      {/* A scrolling region must be reachable by keyboard to be scrolled. */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
      <div className="sn-import__scroll" tabIndex={0} role="region" aria-label={t.previewTitle}>
        <table>
          <caption className="sn-hint">{t.previewCaption(shown.length, total)}</caption>
          <thead>
            <tr>
              {header.map((column, index) => (
                <th key={`${index}-${column}`} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {header.map((_, index) => (
                  <td key={index}>{row[index] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function ImportProgressBar({ progress, totalRows }: { progress: ImportProgressView | null; totalRows: number }) {
  const t = useMessages(captureMessages);
  const done = progress?.processedRows ?? 0;
  const total = progress?.totalRows ?? totalRows;
  return (
    <div className="sn-import__progress">
      <div
        className="sn-progress"
        role="progressbar"
        aria-label={t.progressLabel}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={t.progressText(done, total)}
      >
        <div className="sn-progress__bar" style={{ width: `${total ? Math.round((done / total) * 100) : 0}%` }} />
      </div>
      <p className="sn-hint" aria-live="polite">
        {t.importing} {t.progressText(done, total)}
      </p>
    </div>
  );
}
