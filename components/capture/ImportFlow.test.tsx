// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { emptyTally } from '@/lib/import/plan';
import { LocaleProvider } from '../i18n';
import { ImportFlow, type ImportFileSummary, type ImportFlowProps, type ImportFlowState } from './ImportFlow';

afterEach(cleanup);

// jsdom has no CSS.escape, which user-event needs to walk a radio group with the arrow keys; the
// names only go inside a quoted attribute selector, where quotes and backslashes are what matter.
if (!globalThis.CSS?.escape) Object.assign(globalThis, { CSS: { ...globalThis.CSS, escape: (value: string) => value.replace(/["\\]/g, '\\$&') } });

const file: ImportFileSummary = { name: '客户.csv', encoding: 'gb18030', delimiter: ',', gb18030Lines: [], rowCount: 1234 };

function renderFlow(state: ImportFlowState, overrides: Partial<ImportFlowProps> = {}, locale: 'en' | 'zh-CN' = 'en') {
  const props: ImportFlowProps = {
    state,
    onFileChosen: vi.fn(),
    onMappingChange: vi.fn(),
    onReview: vi.fn(),
    onConflictChoice: vi.fn(),
    onBadCellChoice: vi.fn(),
    onBack: vi.fn(),
    onStart: vi.fn(),
    onCancel: vi.fn(),
    onReset: vi.fn(),
    onDownloadErrors: vi.fn(),
    ...overrides,
  };
  render(
    <LocaleProvider locale={locale}>
      <ImportFlow {...props} />
    </LocaleProvider>,
  );
  return props;
}

describe('ImportFlow', () => {
  it('starts with a labelled file picker and passes the chosen file on', async () => {
    const user = userEvent.setup();
    const props = renderFlow({ step: 'pick', error: null });
    const input = screen.getByLabelText('Choose a CSV file') as HTMLInputElement;
    const chosen = new File(['a,b\n'], 'sheet.csv', { type: 'text/csv' });
    await user.upload(input, chosen);
    expect(props.onFileChosen).toHaveBeenCalledWith(chosen);
  });

  it('shows the detected encoding and separator, the mapping with a labelled select per column, and the preview', async () => {
    const user = userEvent.setup();
    const props = renderFlow({
      step: 'map',
      file,
      header: ['公司名称', '邮箱', '备注'],
      samples: [['华信科技', 'chen@huaxin.cn', 'VIP']],
      mapping: ['account.name', 'contact.email', null],
      issues: [],
      previewErrors: [],
    });
    expect(screen.getByText('GBK / GB18030')).toBeTruthy();
    expect(screen.getByText('comma')).toBeTruthy();
    const select = screen.getByRole('combobox', { name: 'Field for column “备注”' }) as HTMLSelectElement;
    expect(select.value).toBe('');
    await user.selectOptions(select, 'Industry');
    expect(props.onMappingChange).toHaveBeenCalledWith(2, 'account.industry');
    expect(screen.getByRole('region', { name: 'Preview' }).textContent).toContain('chen@huaxin.cn');
    await user.click(screen.getByRole('button', { name: 'Review 1,234 rows' }));
    expect(props.onReview).toHaveBeenCalled();
  });

  it('blocks the import and says why while the mapping cannot work', () => {
    renderFlow({
      step: 'map', file, header: ['金额'], samples: [['5']], mapping: ['deal.amount'],
      issues: [{ field: 'deal.name', message: 'Deal columns are mapped but no deal name: map the deal name column.', messageZh: '已对应商机相关列，但没有商机名称：请对应商机名称列。' }],
      previewErrors: [{ rowNumber: 2, column: '金额', field: 'deal.amount', value: 'x', reason: { en: 'not an amount', 'zh-CN': 'not an amount' } }],
    });
    expect((screen.getByRole('button', { name: /Review/ }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('alert').textContent).toContain('no deal name');
    expect(screen.getByText('1 problem in the preview rows')).toBeTruthy();
  });

  it('shows progress as an accessible progress bar and lets the rep cancel', async () => {
    const user = userEvent.setup();
    const props = renderFlow({ step: 'importing', file, progress: { processedRows: 500, totalRows: 1234, tally: emptyTally(), errorCount: 0 } });
    const bar = screen.getByRole('progressbar', { name: 'Import progress' });
    expect(bar.getAttribute('aria-valuenow')).toBe('500');
    expect(bar.getAttribute('aria-valuemax')).toBe('1234');
    expect(bar.getAttribute('aria-valuetext')).toBe('500 of 1,234 rows');
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(props.onCancel).toHaveBeenCalled();
  });

  it('ends with the counts and the rows left out, with row, column and reason', async () => {
    const user = userEvent.setup();
    const tally = emptyTally();
    tally.created.account = 3;
    tally.created.contact = 4;
    tally.unchanged.account = 1;
    const props = renderFlow({
      step: 'done', file, tally, cancelled: false, omitted: [], conflicts: [], stageChanges: 0,
      errors: [
        { rowNumber: 5, column: '邮箱', field: 'contact.email', value: 'not-an-email', reason: { en: 'must be an email address like name@example.com', 'zh-CN': 'must be an email address like name@example.com' } },
        { rowNumber: 5, column: '电话', field: 'contact.phone', value: 'x', reason: { en: 'must be a phone number', 'zh-CN': 'must be a phone number' } },
      ],
    });
    expect(screen.getByRole('status').textContent).toBe('Import finished');
    expect(screen.getByText('7 created, 0 updated, 1 already up to date')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 row was not imported' })).toBeTruthy();
    const cells = screen.getAllByRole('row').map((row) => row.textContent);
    expect(cells).toContain('5邮箱not-an-emailmust be an email address like name@example.com');
    await user.click(screen.getByRole('button', { name: 'Download the problem rows (CSV)' }));
    expect(props.onDownloadErrors).toHaveBeenCalled();
  });

  it('lets the rep decide per kind of field by keyboard alone, then import or go back', async () => {
    const user = userEvent.setup();
    const tally = emptyTally();
    tally.unchanged.deal = 2;
    const props = renderFlow({
      step: 'review',
      file,
      stageDates: { kind: 'closeDate', column: '预计成交日期' },
      conflictChoices: { 'deal.stage': 'keep' },
      badCellChoices: { 'contact.email': 'omit' },
      review: {
        tally,
        errors: [],
        stageChanges: 0,
        conflicts: [
          {
            field: 'deal.stage', count: 2, fileChanged: 1, taken: 0,
            examples: [{ rowNumber: 2, entity: 'deal', recordId: 'd1', field: 'deal.stage', label: 'MES 一期', mine: 'won', file: 'negotiation', fileChanged: false, taken: false }],
          },
        ],
        badCells: [{ field: 'contact.email', column: '邮箱', count: 1, examples: [{ rowNumber: 5, column: '邮箱', field: 'contact.email', value: 'not-an-email', reason: { en: 'must be an email address', 'zh-CN': 'must be an email address' } }] }],
      },
    });
    expect(screen.getByText('2 fields differ from what you have')).toBeTruthy();
    expect(screen.getByText('MES 一期: yours “Won”, the file’s “Negotiation”')).toBeTruthy();
    expect(screen.getByText(/a won or lost deal’s dated by its “预计成交日期”/)).toBeTruthy();

    const stage = screen.getByRole('group', { name: 'Deal stage: 2 records, 1 also changed in the file' });
    const keep = within(stage).getByRole('radio', { name: 'Keep mine' }) as HTMLInputElement;
    expect(keep.checked).toBe(true);
    keep.focus();
    await user.keyboard('{ArrowRight}');
    expect(props.onConflictChoice).toHaveBeenCalledWith('deal.stage', 'take');

    const email = screen.getByRole('group', { name: 'Contact email (column “邮箱”): 1 row' });
    expect(within(email).getByText('Row 5: “not-an-email”: must be an email address')).toBeTruthy();
    expect((within(email).getByRole('radio', { name: 'Import the row without this field' }) as HTMLInputElement).checked).toBe(true);
    await user.tab();
    expect(document.activeElement).toBe(within(email).getByRole('radio', { name: 'Import the row without this field' }));
    await user.keyboard('{ArrowDown}');
    expect(props.onBadCellChoice).toHaveBeenCalledWith('contact.email', 'skip');

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import 1,234 rows' }));
    await user.keyboard('{Enter}');
    expect(props.onStart).toHaveBeenCalled();
    await user.tab();
    await user.keyboard(' ');
    expect(props.onBack).toHaveBeenCalled();
  });

  it('says when nothing in the file overwrites a change made in Sidenote, and reports kept values and stage changes at the end', () => {
    renderFlow({
      step: 'review', file, stageDates: { kind: 'importTime' }, conflictChoices: {}, badCellChoices: {},
      review: { tally: emptyTally(), errors: [], stageChanges: 0, conflicts: [], badCells: [] },
    });
    expect(screen.getByText('Nothing in the file overwrites a change made in Sidenote.')).toBeTruthy();
    expect(screen.getByText(/dated by the time of the import/)).toBeTruthy();
    cleanup();
    renderFlow({
      step: 'done', file, tally: emptyTally(), cancelled: false, errors: [], stageChanges: 3,
      omitted: [{ rowNumber: 5, column: '邮箱', field: 'contact.email', value: 'x', reason: { en: 'must be an email address', 'zh-CN': 'must be an email address' } }],
      conflicts: [{ field: 'deal.stage', count: 2, fileChanged: 0, taken: 1, examples: [] }],
    });
    expect(screen.getByText('3 stage changes recorded.')).toBeTruthy();
    expect(screen.getByText('Kept your value in 1 field; took the file’s in 1.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 cell was left out (its row was imported)' })).toBeTruthy();
  });

  it('speaks Chinese', () => {
    renderFlow({ step: 'pick', error: null }, {}, 'zh-CN');
    expect(screen.getByLabelText('选择 CSV 文件')).toBeTruthy();
  });
});
