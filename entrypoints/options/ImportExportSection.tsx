import { useRef, useState } from 'react';
import { useLocale, useMessages } from '@/components/i18n';
import { ExportPanel, type ExportKind } from '@/components/capture/ExportPanel';
import { ImportFlow, type ImportFileSummary, type ImportFlowState } from '@/components/capture/ImportFlow';
import '@/components/capture/capture.css';
import type { SidenoteDb } from '@/lib/db/database';
import { exportBackup, exportCsv, importCsvTable, restoreBackup, reviewCsvImport } from '@/lib/db/import-export';
import { parseCsvText, toCsv, type CsvTable } from '@/lib/import/csv';
import { decodeCsvBytes } from '@/lib/import/decode';
import { IMPORT_FIELD_KEYS, checkMapping, suggestMapping, type ColumnMapping, type ImportFieldKey } from '@/lib/import/fields';
import type { HeaderLanguage } from '@/lib/import/export';
import { stageDateSource } from '@/lib/import/review';
import { readImportRows, type BadCellChoices, type RowError } from '@/lib/import/rows';
import { captureMessages } from '@/lib/i18n/messages/capture';
import { describeImportError, describeRestoreError } from '@/lib/i18n/messages/backup-errors';

export interface ImportExportSectionProps {
  db: SidenoteDb;
  /** The rep, as owner of imported accounts and deals; null before the first sync. */
  ownerId: string | null;
  /** For deal amounts written without a currency. */
  defaultCurrency?: string;
  /** Saves a file; defaults to a download link. Tests and other hosts may replace it. */
  saveFile?: (name: string, text: string, type: string) => void;
}

/** Rows checked with the current mapping before the rep starts, to show problems early. */
const PREVIEW_ROWS = 20;

function downloadFile(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const today = () => new Date().toISOString().slice(0, 10);

/** The preview counts rows with unreadable cells as imported without them, the choice it starts with. */
const OMIT_EVERY_BAD_CELL: BadCellChoices = Object.fromEntries(IMPORT_FIELD_KEYS.map((key) => [key, 'omit']));

/** The options page's import and export: reads files, runs the import and exports over Dexie. */
export function ImportExportSection({ db, ownerId, defaultCurrency = 'CNY', saveFile = downloadFile }: ImportExportSectionProps) {
  const t = useMessages(captureMessages);
  const locale = useLocale();
  const [flow, setFlow] = useState<ImportFlowState>({ step: 'pick', error: null });
  const table = useRef<CsvTable | null>(null);
  const abort = useRef<AbortController | null>(null);
  const [language, setLanguage] = useState<HeaderLanguage>(locale);
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [restore, setRestore] = useState<{ busy: boolean; message: string | null; error: string | null }>({ busy: false, message: null, error: null });

  const mappedState = (file: ImportFileSummary, parsed: CsvTable, mapping: ColumnMapping): ImportFlowState => ({
    step: 'map',
    file,
    header: parsed.header,
    samples: parsed.rows.slice(0, 5).map((row) => row.cells),
    mapping,
    issues: checkMapping(mapping),
    previewErrors: readImportRows({ ...parsed, rows: parsed.rows.slice(0, PREVIEW_ROWS) }, mapping, { defaultCurrency }).errors,
  });

  const onFileChosen = async (file: File) => {
    try {
      const decoded = decodeCsvBytes(await file.arrayBuffer());
      const parsed = parseCsvText(decoded.text);
      table.current = parsed;
      const summary: ImportFileSummary = { name: file.name, encoding: decoded.encoding, delimiter: parsed.delimiter, gb18030Lines: decoded.gb18030Lines, rowCount: parsed.rows.length };
      setFlow(mappedState(summary, parsed, suggestMapping(parsed.header)));
    } catch (error) {
      setFlow({ step: 'pick', error: t.fileError(describeImportError(error, locale)) });
    }
  };

  const onMappingChange = (column: number, field: ImportFieldKey | null) => {
    if (flow.step !== 'map' || !table.current) return;
    const mapping = flow.mapping.map((current, index) => (index === column ? field : current === field && field !== null ? null : current));
    setFlow(mappedState(flow.file, table.current, mapping));
  };

  /** The mapping the preview was made with, to go back to it or import with it. */
  const reviewed = useRef<ColumnMapping | null>(null);

  const onReview = async () => {
    if (flow.step !== 'map' || !table.current) return;
    const { file, mapping } = flow;
    const controller = new AbortController();
    abort.current = controller;
    reviewed.current = mapping;
    setFlow({ step: 'reviewing', file, progress: null });
    try {
      const review = await reviewCsvImport(db, table.current, mapping, {
        ownerId,
        defaultCurrency,
        badCells: OMIT_EVERY_BAD_CELL,
        signal: controller.signal,
        onProgress: (progress) => setFlow({ step: 'reviewing', file, progress }),
      });
      if (review.cancelled) {
        setFlow(mappedState(file, table.current, mapping));
        return;
      }
      setFlow({
        step: 'review',
        file,
        review,
        stageDates: stageDateSource(mapping, table.current.header),
        conflictChoices: Object.fromEntries(review.conflicts.map((group) => [group.field, 'keep'])),
        badCellChoices: Object.fromEntries(review.badCells.map((group) => [group.field, 'omit'])),
      });
    } catch (error) {
      setFlow({ step: 'pick', error: t.fileError(describeImportError(error, locale)) });
    } finally {
      abort.current = null;
    }
  };

  const onStart = async () => {
    if (flow.step !== 'review' || !table.current || !reviewed.current) return;
    const { file, conflictChoices, badCellChoices } = flow;
    const controller = new AbortController();
    abort.current = controller;
    setFlow({ step: 'importing', file, progress: null });
    try {
      const result = await importCsvTable(db, table.current, reviewed.current, {
        ownerId,
        defaultCurrency,
        conflicts: conflictChoices,
        badCells: badCellChoices,
        signal: controller.signal,
        onProgress: (progress) => setFlow({ step: 'importing', file, progress }),
      });
      setFlow({
        step: 'done',
        file,
        tally: result.tally,
        errors: result.errors,
        omitted: result.omitted,
        conflicts: result.conflicts,
        stageChanges: result.stageChanges,
        cancelled: result.cancelled,
      });
    } catch (error) {
      setFlow({ step: 'pick', error: t.fileError(describeImportError(error, locale)) });
    } finally {
      abort.current = null;
    }
  };

  /**
   * The rows left out, and those imported without an unreadable cell, as they were written plus
   * the row number and the problem, ready to fix and import again.
   */
  const onDownloadErrors = () => {
    if (flow.step !== 'done' || !table.current) return;
    type Problem = Omit<RowError, 'reason'> & { reason: string };
    const byRow = new Map<number, Problem[]>();
    const errors: Problem[] = flow.errors.map((error) => ({ ...error, reason: error.reason[locale] }));
    const omitted: Problem[] = flow.omitted.map((cell) => ({ ...cell, reason: t.omittedReason(cell.reason[locale]) }));
    for (const error of [...errors, ...omitted].sort((a, b) => a.rowNumber - b.rowNumber)) byRow.set(error.rowNumber, [...(byRow.get(error.rowNumber) ?? []), error]);
    const cellsByRow = new Map(table.current.rows.map((row) => [row.rowNumber, row.cells]));
    const rows = [...byRow.entries()].map(([rowNumber, errors]) => [
      rowNumber,
      errors.map((error) => (error.column ? `${error.column}: ${error.reason}` : error.reason)).join(' | '),
      ...(cellsByRow.get(rowNumber) ?? []),
    ]);
    saveFile(`${flow.file.name.replace(/\.[^.]+$/, '')}-problems.csv`, toCsv([t.errorRow, t.errorReason, ...table.current.header], rows), 'text/csv;charset=utf-8');
  };

  const onExport = async (kind: ExportKind) => {
    setBusy(kind);
    setStatus(null);
    try {
      const name = `sidenote-${kind}-${today()}.${kind === 'backup' ? 'json' : 'csv'}`;
      const text = kind === 'backup' ? await exportBackup(db) : await exportCsv(db, kind, language);
      saveFile(name, text, kind === 'backup' ? 'application/json' : 'text/csv;charset=utf-8');
      setStatus(t.exported(name));
    } finally {
      setBusy(null);
    }
  };

  const onRestore = async (file: File) => {
    setRestore({ busy: true, message: null, error: null });
    try {
      const { tally } = await restoreBackup(db, await file.text());
      const count = [tally.created, tally.updated].flatMap((counts) => Object.values(counts)).reduce((total, n) => total + n, 0);
      setRestore({ busy: false, message: t.restored(count), error: null });
    } catch (error) {
      setRestore({ busy: false, message: null, error: describeRestoreError(error, locale) });
    }
  };

  return (
    <div className="sn-import-export">
      <ImportFlow
        state={flow}
        onFileChosen={(file) => void onFileChosen(file)}
        onMappingChange={onMappingChange}
        onReview={() => void onReview()}
        onConflictChoice={(field, choice) => setFlow((current) => (current.step === 'review' ? { ...current, conflictChoices: { ...current.conflictChoices, [field]: choice } } : current))}
        onBadCellChoice={(field, choice) => setFlow((current) => (current.step === 'review' ? { ...current, badCellChoices: { ...current.badCellChoices, [field]: choice } } : current))}
        onBack={() => {
          if (flow.step === 'review' && table.current && reviewed.current) setFlow(mappedState(flow.file, table.current, reviewed.current));
        }}
        onStart={() => void onStart()}
        onCancel={() => abort.current?.abort()}
        onReset={() => {
          table.current = null;
          setFlow({ step: 'pick', error: null });
        }}
        onDownloadErrors={onDownloadErrors}
      />
      <ExportPanel
        language={language}
        onLanguageChange={setLanguage}
        onExport={(kind) => void onExport(kind)}
        busy={busy}
        status={status}
        onRestore={(file) => void onRestore(file)}
        restore={restore}
      />
    </div>
  );
}
