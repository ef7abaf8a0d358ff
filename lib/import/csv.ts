/**
 * CSV and tab-separated text in and out. Parsing is papaparse's (quotes, embedded newlines,
 * doubled quotes); this module adds delimiter detection that prefers what spreadsheets
 * write, and writing that Excel opens correctly (BOM, CRLF, formula injection defused).
 */
import Papa from 'papaparse';

export type Delimiter = ',' | '\t' | ';';
const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

export interface CsvTable {
  delimiter: Delimiter;
  /** The header row as written (trimmed). */
  header: string[];
  /** Data records after the header; `rowNumber` is the spreadsheet row (the header is row 1). */
  rows: Array<{ rowNumber: number; cells: string[] }>;
}

/** Counts a delimiter outside quoted fields on one line. */
function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (char === delimiter && !quoted) count++;
  }
  return count;
}

/**
 * The delimiter that splits the first lines into the same number of fields (more than one).
 * Tabs win ties: a tab in a company name is rare, a comma is common.
 */
export function detectDelimiter(text: string): Delimiter {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '').slice(0, 20);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((count) => count === first).length;
    const score = consistent * 1000 + first;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

export function parseCsvText(text: string, delimiter: Delimiter = detectDelimiter(text)): CsvTable {
  const result = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { delimiter, skipEmptyLines: false, header: false });
  const records = result.data;
  let headerIndex = records.findIndex((record) => record.some((cell) => cell.trim() !== ''));
  if (headerIndex < 0) headerIndex = records.length;
  const header = (records[headerIndex] ?? []).map((cell) => cell.replace(/^\ufeff/, '').trim());
  const rows: CsvTable['rows'] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index]!;
    if (cells.every((cell) => cell.trim() === '')) continue;
    rows.push({ rowNumber: index + 1, cells });
  }
  return { delimiter, header, rows };
}

/**
 * A cell a spreadsheet would run as a formula (`=HYPERLINK(…)`) is written with a leading
 * apostrophe, which Excel and WPS hide; the importer strips it again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function unescapeFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>, options: { bom?: boolean } = {}): string {
  const body = Papa.unparse(
    {
      fields: [...header],
      data: rows.map((row) => row.map((value) => (value === null ? '' : typeof value === 'number' ? String(value) : escapeFormula(value)))),
    },
    { newline: '\r\n', quotes: false, escapeFormulae: false },
  );
  // Excel reads UTF-8 only with a BOM; without it Chinese text opens as mojibake.
  return `${options.bom === false ? '' : '\ufeff'}${body}\r\n`;
}
