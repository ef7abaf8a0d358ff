/**
 * Reads each data row of a mapped table into drafts of an account, a contact and a deal,
 * validating every cell with the schemas' own field rules. A bad cell is reported (row, column,
 * reason); the rep chooses per kind of field whether such rows are imported without that field
 * or skipped. A row that is incomplete without the cell (a contact with neither name nor
 * email, say) is skipped either way, and says why.
 */
import type * as z from 'zod';
import { accountFieldsSchema, contactFieldsSchema, dealFieldsSchema, healthInputsSchema, type ContactRole, type HealthInputs, type DealStage, type SizeTier, type Stage } from '../schemas';
import { unescapeFormula, type CsvTable } from './csv';
import { entityOfField, HEALTH_COLUMN_KEYS, HEALTH_COLUMN_NAMES, HEALTH_INPUT_OF, isHealthColumn, type ColumnMapping, type ImportFieldKey } from './fields';
import { cleanCell, readAmount, readScore, readCurrency, readDate, readDealStage, readDomains, readRole, readSizeTier, readStage, reasonOfIssues, type CellResult, type ImportReason } from './values';

export interface AccountDraft {
  name?: string;
  domains?: string[];
  industry?: string;
  sizeTier?: SizeTier;
  stage?: Stage;
  renewalDate?: string;
  /** A measurement, only when the row gives all five health cells and each is valid. */
  health?: HealthInputs;
  /** When the stage was reached (`YYYY-MM-DD`); dates the stage change, not stored on the account. */
  stageDate?: string;
}
export interface ContactDraft {
  name?: string;
  email?: string;
  phone?: string;
  title?: string;
  role?: ContactRole;
  profileUrl?: string;
}
export interface DealDraft {
  name?: string;
  amount?: number;
  currency?: string;
  stage?: DealStage;
  expectedCloseDate?: string;
  /** When the stage was reached (`YYYY-MM-DD`); dates the stage change, not stored on the deal. */
  stageDate?: string;
}

export interface ImportRow {
  rowNumber: number;
  account: AccountDraft | null;
  contact: ContactDraft | null;
  deal: DealDraft | null;
}

export interface RowError {
  /** The spreadsheet row: the header is row 1. */
  rowNumber: number;
  /** The file's header of the column at fault, or null when the row as a whole is wrong. */
  column: string | null;
  field: ImportFieldKey | null;
  /** The cell as written, cut to 200 characters. */
  value: string;
  reason: ImportReason;
}

/** What to do with a row that has a bad cell of some kind: import it without that cell, or skip it. */
export type BadCellChoice = 'omit' | 'skip';
export type BadCellChoices = Partial<Record<ImportFieldKey, BadCellChoice>>;

export interface ReadRowsOptions {
  /** Used when a deal has an amount but neither a currency column nor a currency sign. */
  defaultCurrency: string;
  /** Per kind of field; a kind not named skips the row, as a file with one bad value per row otherwise half-imports. */
  badCells?: BadCellChoices;
}

export interface ReadRowsResult {
  rows: ImportRow[];
  /** Why each skipped row was skipped (a row may have several). */
  errors: RowError[];
  /** Bad cells of rows imported without them. */
  omitted: RowError[];
  /** Every bad cell, whatever was chosen, for the preview to offer a choice per kind. */
  badCells: RowError[];
}

type Parsed = CellResult<unknown>;

function schemaCheck(schema: z.ZodType, value: unknown): CellResult<unknown> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, reason: reasonOfIssues(result.error.issues) };
}

const text = (schema: z.ZodType) => (raw: string): Parsed => schemaCheck(schema, raw);
const then = <T>(read: (raw: string) => CellResult<T>, schema: z.ZodType) => (raw: string): Parsed => {
  const value = read(raw);
  return value.ok ? schemaCheck(schema, value.value) : value;
};
const account = accountFieldsSchema.shape;
const contact = contactFieldsSchema.shape;
const deal = dealFieldsSchema.shape;
const health = healthInputsSchema.shape;

const READERS: Record<ImportFieldKey, (raw: string) => Parsed> = {
  'account.name': text(account.name),
  'account.domains': then(readDomains, account.domains),
  'account.industry': text(account.industry),
  'account.sizeTier': then(readSizeTier, account.sizeTier),
  'account.stage': then(readStage, account.stage),
  'account.renewalDate': then(readDate, account.renewalDate),
  'contact.name': text(contact.name),
  'contact.email': text(contact.email),
  'contact.phone': text(contact.phone),
  'contact.title': text(contact.title),
  'contact.role': then(readRole, contact.role),
  'contact.profileUrl': text(contact.profileUrl),
  'deal.name': text(deal.name),
  'deal.amount': (raw) => readAmount(raw),
  'deal.currency': then(readCurrency, deal.currency),
  'deal.stage': then(readDealStage, deal.stage),
  'deal.expectedCloseDate': then(readDate, deal.expectedCloseDate),
  'account.stageDate': readDate,
  'deal.stageDate': readDate,
  'account.healthUsage': then(readScore, health.usage),
  'account.healthMeetings': then(readScore, health.meetings),
  'account.healthIssues': then(readScore, health.issues),
  'account.healthNps': then(readScore, health.nps),
  'account.healthMeasuredOn': then(readDate, health.measuredOn),
  // No column maps to the measurement as a whole; the five above fill it.
  'account.health': () => ({ ok: false, reason: { en: 'map the five health columns instead', 'zh-CN': '请改为对应五个健康度列' } }),
};

/** "li.wei" → "Li Wei": a contact needs a name and the address is all the row gives. */
export function nameFromEmail(email: string): string {
  const local = email.slice(0, email.indexOf('@'));
  const words = local.split(/[._\-+]+/).filter((word) => word && !/^\d+$/.test(word));
  const name = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' ');
  return name || local;
}

export function readImportRows(table: CsvTable, mapping: ColumnMapping, options: ReadRowsOptions): ReadRowsResult {
  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const omitted: RowError[] = [];
  const badCells: RowError[] = [];
  const omits = (error: RowError) => error.field !== null && options.badCells?.[error.field] === 'omit';
  const columns = mapping.flatMap((key, index) => (key ? [{ key, index, header: table.header[index] ?? `#${index + 1}` }] : []));

  for (const { rowNumber, cells } of table.rows) {
    const drafts: { account: Record<string, unknown>; contact: Record<string, unknown>; deal: Record<string, unknown> } = { account: {}, contact: {}, deal: {} };
    const rowErrors: RowError[] = [];
    const cellErrors: RowError[] = [];
    let amountCurrency: string | null = null;
    const healthCells: Record<string, unknown> = {};
    let healthGiven = false;
    for (const { key, index, header } of columns) {
      const raw = unescapeFormula(cells[index] ?? '');
      if (cleanCell(raw) === '') continue;
      const parsed = READERS[key](raw);
      if (isHealthColumn(key)) healthGiven = true;
      if (!parsed.ok) {
        // Health is one field: a bad health cell is decided for the measurement as a whole.
        cellErrors.push({ rowNumber, column: header, field: isHealthColumn(key) ? 'account.health' : key, value: raw.slice(0, 200), reason: parsed.reason });
        continue;
      }
      const field = key.slice(key.indexOf('.') + 1);
      if (isHealthColumn(key)) {
        healthCells[HEALTH_INPUT_OF[key]] = parsed.value;
      } else if (key === 'deal.amount') {
        const { amount, currency } = parsed.value as { amount: number; currency: string | null };
        drafts.deal.amount = amount;
        amountCurrency = currency;
      } else {
        drafts[entityOfField(key)][field] = parsed.value;
      }
    }

    if (healthGiven) {
      const missing = HEALTH_COLUMN_KEYS.filter((key) => {
        const column = columns.find((c) => c.key === key);
        return !column || cleanCell(unescapeFormula(cells[column.index] ?? '')) === '';
      });
      if (missing.length) {
        cellErrors.push({
          rowNumber,
          column: columns.find((c) => c.key === missing[0])?.header ?? null,
          field: 'account.health',
          value: '',
          reason: {
            en: `a health measurement needs all five values; missing: ${missing.map((key) => HEALTH_COLUMN_NAMES[key].en).join(', ')}`,
            'zh-CN': `健康度需要五项数值齐全，缺少：${missing.map((key) => HEALTH_COLUMN_NAMES[key]['zh-CN']).join('、')}`,
          },
        });
      } else if (Object.keys(healthCells).length === HEALTH_COLUMN_KEYS.length) {
        const { usage, meetings, issues, nps, measuredOn } = healthCells as HealthInputs;
        drafts.account.health = { usage, meetings, issues, nps, measuredOn };
      }
    }

    const currencyColumn = columns.find((column) => column.key === 'deal.currency');
    if (amountCurrency && drafts.deal.currency && drafts.deal.currency !== amountCurrency) {
      cellErrors.push({
        rowNumber,
        column: currencyColumn?.header ?? null,
        field: 'deal.currency',
        value: String(drafts.deal.currency),
        reason: {
          en: `the amount is written in ${amountCurrency} but the currency column says ${String(drafts.deal.currency)}`,
          'zh-CN': `金额写的是 ${amountCurrency}，但币种列写的是 ${String(drafts.deal.currency)}`,
        },
      });
      // Without the currency cell the amount's own sign says which currency it is.
      delete drafts.deal.currency;
    }
    badCells.push(...cellErrors);

    const has = (draft: Record<string, unknown>) => Object.keys(draft).length > 0;
    if (has(drafts.contact) && !drafts.contact.name && !drafts.contact.email) {
      rowErrors.push({ rowNumber, column: null, field: 'contact.name', value: '', reason: { en: 'A contact needs a name or an email address', 'zh-CN': '联系人需要姓名或邮箱' } });
    }
    if (has(drafts.account) && !drafts.account.name && !drafts.account.domains) {
      rowErrors.push({ rowNumber, column: null, field: 'account.name', value: '', reason: { en: 'A company needs a name or a website', 'zh-CN': '公司需要名称或网站' } });
    }
    if (has(drafts.deal) && !drafts.deal.name) {
      rowErrors.push({ rowNumber, column: columns.find((c) => c.key === 'deal.name')?.header ?? null, field: 'deal.name', value: '', reason: { en: 'A deal needs a name', 'zh-CN': '商机需要名称' } });
    }
    if (drafts.deal.name && !has(drafts.account) && !drafts.contact.email) {
      rowErrors.push({ rowNumber, column: null, field: 'account.name', value: '', reason: { en: 'A deal needs its company: fill in the company name or website', 'zh-CN': '商机需要所属公司：请填写公司名称或网站' } });
    }
    if (rowErrors.length || cellErrors.some((error) => !omits(error))) {
      // Bad cells the rep chose to leave out are still part of why the row was not imported.
      errors.push(...cellErrors, ...rowErrors);
      continue;
    }
    omitted.push(...cellErrors);
    if (!has(drafts.account) && !has(drafts.contact) && !has(drafts.deal)) continue;
    if (has(drafts.contact) && !drafts.contact.name) drafts.contact.name = nameFromEmail(String(drafts.contact.email));
    if (has(drafts.deal) && drafts.deal.amount !== undefined && !drafts.deal.currency) drafts.deal.currency = amountCurrency ?? options.defaultCurrency;
    rows.push({
      rowNumber,
      account: has(drafts.account) ? (drafts.account as AccountDraft) : null,
      contact: has(drafts.contact) ? (drafts.contact as ContactDraft) : null,
      deal: has(drafts.deal) ? (drafts.deal as DealDraft) : null,
    });
  }
  return { rows, errors, omitted, badCells };
}
