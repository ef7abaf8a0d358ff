import { useId, type ChangeEvent } from 'react';
import type { Delimiter } from '@/lib/import/csv';
import type { TextEncodingName } from '@/lib/import/decode';
import { MAPPABLE_FIELD_KEYS, entityOfField, type ColumnMapping, type ImportFieldKey, type MappingIssue } from '@/lib/import/fields';
import type { ConflictChoice, ConflictChoices } from '@/lib/import/marks';
import type { ImportTally } from '@/lib/import/plan';
import type { BadCellGroup, ConflictGroup, StageDateSource } from '@/lib/import/review';
import type { BadCellChoice, BadCellChoices, RowError } from '@/lib/import/rows';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { coreMessages } from '@/lib/i18n/messages/core';
import { STAGES, type Stage } from '@/lib/schemas/enums';
import type { HealthInputs } from '@/lib/schemas/account';
import { useLocale, useMessages } from '../i18n';
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
  /** The file compared with what is stored, before anything is written. */
  | { step: 'reviewing'; file: ImportFileSummary; progress: ImportProgressView | null }
  | {
      step: 'review';
      file: ImportFileSummary;
      review: ImportReviewView;
      stageDates: StageDateSource;
      conflictChoices: ConflictChoices;
      badCellChoices: BadCellChoices;
    }
  | { step: 'importing'; file: ImportFileSummary; progress: ImportProgressView | null }
  | {
      step: 'done';
      file: ImportFileSummary;
      tally: ImportTally;
      errors: RowError[];
      /** Bad cells of rows imported without them. */
      omitted: RowError[];
      conflicts: ConflictGroup[];
      stageChanges: number;
      cancelled: boolean;
    };

/** What the preview found: counted with every bad cell left out and Sidenote's values kept. */
export interface ImportReviewView {
  tally: ImportTally;
  /** Rows that cannot be imported whatever is chosen. */
  errors: RowError[];
  conflicts: ConflictGroup[];
  badCells: BadCellGroup[];
  stageChanges: number;
}

export interface ImportFlowProps {
  state: ImportFlowState;
  onFileChosen: (file: File) => void;
  onMappingChange: (column: number, field: ImportFieldKey | null) => void;
  /** Compare the mapped file with what is stored, before importing. */
  onReview: () => void;
  onConflictChoice: (field: ImportFieldKey, choice: ConflictChoice) => void;
  onBadCellChoice: (field: ImportFieldKey, choice: BadCellChoice) => void;
  /** From the preview back to the column mapping. */
  onBack: () => void;
  onStart: () => void;
  onCancel: () => void;
  onReset: () => void;
  onDownloadErrors: () => void;
}

const ENTITIES = ['account', 'contact', 'deal'] as const;

/**
 * Spreadsheet import, step by step: pick a file; check the detected encoding and separator,
 * the column mapping and a preview; see what the file would change, decide per kind of field
 * whether Sidenote's newer values or the file's win and what to do with unreadable cells;
 * watch the progress; read what was created and which rows were left out and why. State
 * lives in the container; this only shows it.
 */
export function ImportFlow(props: ImportFlowProps) {
  const { state, onFileChosen, onMappingChange, onReview, onCancel, onReset, onDownloadErrors } = props;
  const t = useMessages(captureMessages);
  const locale = useLocale();
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
                <li key={`${issue.field}-${issue.message}`}>{locale === 'zh-CN' ? issue.messageZh : issue.message}</li>
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
            <button type="button" className="sn-button sn-button--primary" onClick={onReview} disabled={state.issues.length > 0 || state.file.rowCount === 0}>
              {t.reviewImport(state.file.rowCount)}
            </button>
            <button type="button" className="sn-button" onClick={onReset}>
              {t.chooseAnother}
            </button>
          </div>
          {state.file.rowCount === 0 && <p className="sn-error">{t.noRows}</p>}
        </>
      )}

      {state.step === 'reviewing' && (
        <>
          <ImportProgressBar progress={state.progress} totalRows={state.file.rowCount} label={t.reviewing} />
          <div className="sn-import__actions">
            <button type="button" className="sn-button" onClick={onCancel}>
              {t.cancel}
            </button>
          </div>
        </>
      )}

      {state.step === 'review' && <ImportReview {...props} state={state} />}

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
          {state.stageChanges > 0 && <p>{t.doneStageChanges(state.stageChanges)}</p>}
          {state.conflicts.length > 0 && (
            <p>
              {t.doneConflicts(
                state.conflicts.reduce((total, group) => total + group.count - group.taken, 0),
                state.conflicts.reduce((total, group) => total + group.taken, 0),
              )}
            </p>
          )}
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
            </div>
          )}
          {state.omitted.length > 0 && (
            <div className="sn-import__errors">
              <h4>{t.omittedTitle(state.omitted.length)}</h4>
              <ImportErrorList errors={state.omitted} limit={100} />
            </div>
          )}
          {(state.errors.length > 0 || state.omitted.length > 0) && (
            <button type="button" className="sn-button" onClick={onDownloadErrors}>
              {t.downloadErrors}
            </button>
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
                    {MAPPABLE_FIELD_KEYS.filter((key) => entityOfField(key) === entity).map((key) => (
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

export function ImportProgressBar({ progress, totalRows, label }: { progress: ImportProgressView | null; totalRows: number; label?: string }) {
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
        {label ?? t.importing} {t.progressText(done, total)}
      </p>
    </div>
  );
}

/** A stored or file value as the rep reads it: stage names in their language, lists joined. */
function useValueText(): (field: ImportFieldKey, value: unknown) => string {
  const core = useMessages(coreMessages);
  return (field, value) => {
    if (value === null || value === undefined || value === '') return '—';
    if ((field === 'deal.stage' || field === 'account.stage') && typeof value === 'string' && (STAGES as readonly string[]).includes(value)) {
      return core[`stage_${value as Stage}`];
    }
    if (Array.isArray(value)) return value.join(', ');
    if (field === 'account.health' && typeof value === 'object') {
      const { usage, meetings, issues, nps, measuredOn } = value as HealthInputs;
      return `${usage} / ${meetings} / ${issues} / ${nps} · ${measuredOn}`;
    }
    if (typeof value === 'number') return value.toLocaleString();
    return String(value);
  };
}

/**
 * The preview's decisions. Each kind of conflicting field and each kind of unreadable cell is
 * a radio group named by its legend, so arrow keys choose and Tab moves on.
 */
function ImportReview({ state, onConflictChoice, onBadCellChoice, onStart, onBack }: ImportFlowProps & { state: Extract<ImportFlowState, { step: 'review' }> }) {
  const t = useMessages(captureMessages);
  const locale = useLocale();
  const valueText = useValueText();
  const titleId = useId();
  const { review } = state;
  const differing = review.conflicts.reduce((total, group) => total + group.count, 0);
  const badCells = review.badCells.reduce((total, group) => total + group.count, 0);
  const skipped = new Set(review.errors.map((error) => error.rowNumber)).size;
  return (
    <section className="sn-import__review" aria-labelledby={titleId}>
      <h4 id={titleId} className="sn-import__done">
        {t.reviewTitle}
      </h4>
      <p>{t.reviewSummary(sum(review.tally.created), sum(review.tally.updated), sum(review.tally.unchanged))}</p>
      {skipped > 0 && <p className="sn-error">{t.reviewSkipped(skipped)}</p>}
      {state.stageDates.kind !== 'none' && (
        <p className="sn-hint">
          {state.stageDates.kind === 'column'
            ? t.stageDates_column(state.stageDates.columns.join('”, “'))
            : state.stageDates.kind === 'closeDate'
              ? t.stageDates_closeDate(state.stageDates.column)
              : t.stageDates_importTime}
        </p>
      )}
      {differing === 0 && <p>{t.noConflicts}</p>}
      {differing > 0 && (
        <div className="sn-import__choices">
          <h5 className="sn-import__choices-title">{t.conflictsTitle(differing)}</h5>
          <p className="sn-hint">{t.conflictsIntro}</p>
          {review.conflicts.map((group) => (
            <ChoiceGroup
              key={group.field}
              name={`conflict-${group.field}`}
              legend={t.conflictGroup(t[`field_${group.field}`], group.count, group.fileChanged)}
              examples={group.examples.map((example) => t.conflictExample(example.label, valueText(group.field, example.mine), valueText(group.field, example.file)))}
              options={[
                { value: 'keep', label: t.keepMine },
                { value: 'take', label: t.takeFile },
              ]}
              value={state.conflictChoices[group.field] ?? 'keep'}
              onChange={(choice) => onConflictChoice(group.field, choice)}
            />
          ))}
        </div>
      )}
      {badCells > 0 && (
        <div className="sn-import__choices">
          <h5 className="sn-import__choices-title">{t.badCellsTitle(badCells)}</h5>
          {review.badCells.map((group) => (
            <ChoiceGroup
              key={group.field}
              name={`bad-${group.field}`}
              legend={t.badCellGroup(t[`field_${group.field}`], group.column ?? t.errorWholeRow, group.count)}
              examples={group.examples.map((cell) => t.badCellExample(cell.rowNumber, cell.value, cell.reason[locale]))}
              options={[
                { value: 'omit', label: t.omitCell },
                { value: 'skip', label: t.skipRow },
              ]}
              value={state.badCellChoices[group.field] ?? 'skip'}
              onChange={(choice) => onBadCellChoice(group.field, choice)}
            />
          ))}
        </div>
      )}
      <div className="sn-import__actions">
        <button type="button" className="sn-button sn-button--primary" onClick={onStart}>
          {t.startImport(state.file.rowCount)}
        </button>
        <button type="button" className="sn-button" onClick={onBack}>
          {t.backToMapping}
        </button>
      </div>
    </section>
  );
}

function ChoiceGroup<V extends string>({
  name,
  legend,
  examples,
  options,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  examples: string[];
  options: ReadonlyArray<{ value: V; label: string }>;
  value: V;
  onChange: (value: V) => void;
}) {
  const id = useId();
  return (
    <fieldset className="sn-import__choice">
      <legend>{legend}</legend>
      <ul className="sn-import__examples">
        {examples.map((example, index) => (
          <li key={index}>{example}</li>
        ))}
      </ul>
      <div className="sn-import__options">
        {options.map((option) => (
          <label key={option.value} htmlFor={`${id}-${option.value}`}>
            <input
              id={`${id}-${option.value}`}
              type="radio"
              name={`${id}-${name}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />{' '}
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
