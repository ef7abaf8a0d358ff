// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LocaleProvider } from '../i18n';
import { ExportPanel, type ExportPanelProps } from './ExportPanel';
import { SiteAccessList } from './SiteAccessList';

afterEach(cleanup);

function renderPanel(overrides: Partial<ExportPanelProps> = {}) {
  const props: ExportPanelProps = {
    language: 'en', onLanguageChange: vi.fn(), onExport: vi.fn(), busy: null, status: null, onRestore: vi.fn(),
    restore: { busy: false, message: null, error: null }, ...overrides,
  };
  render(
    <LocaleProvider locale="en">
      <ExportPanel {...props} />
    </LocaleProvider>,
  );
  return props;
}

describe('ExportPanel', () => {
  it('exports each record type as CSV and the full backup, in the chosen header language', async () => {
    const user = userEvent.setup();
    const props = renderPanel();
    for (const [name, kind] of [['Accounts (CSV)', 'accounts'], ['Contacts (CSV)', 'contacts'], ['Deals (CSV)', 'deals'], ['Activities (CSV)', 'activities'], ['Full backup (JSON)', 'backup']] as const) {
      await user.click(screen.getByRole('button', { name }));
      expect(props.onExport).toHaveBeenLastCalledWith(kind);
    }
    await user.selectOptions(screen.getByRole('combobox', { name: 'Column names in' }), 'Chinese');
    expect(props.onLanguageChange).toHaveBeenCalledWith('zh-CN');
  });

  it('waits while one export is prepared and announces the result', () => {
    renderPanel({ busy: 'contacts', status: 'Saved sidenote-contacts.csv' });
    expect(screen.getAllByRole('button').every((button) => (button as HTMLButtonElement).disabled)).toBe(true);
    expect(screen.getByText('Preparing…')).toBeTruthy();
    expect(screen.getAllByRole('status')[0]!.textContent).toBe('Saved sidenote-contacts.csv');
  });

  it('restores from a chosen backup file and shows a refusal as an alert', async () => {
    const user = userEvent.setup();
    const props = renderPanel({ restore: { busy: false, message: null, error: 'The backup has 1 invalid value(s).' } });
    const backup = new File(['{}'], 'backup.json', { type: 'application/json' });
    await user.upload(screen.getByLabelText('Choose a backup file'), backup);
    expect(props.onRestore).toHaveBeenCalledWith(backup);
    expect(screen.getByRole('alert').textContent).toBe('Nothing was restored. The backup has 1 invalid value(s).');
  });
});

describe('SiteAccessList', () => {
  it('lists granted sites with a revoke button each', async () => {
    const user = userEvent.setup();
    const onRevoke = vi.fn();
    render(
      <LocaleProvider locale="en">
        <SiteAccessList sites={[{ pattern: '*://*.acme.com/*', label: '*.acme.com' }, { pattern: '*://*/*', label: '*' }]} onRevoke={onRevoke} />
      </LocaleProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Stop reading *.acme.com' }));
    expect(onRevoke).toHaveBeenCalledWith('*://*.acme.com/*');
    expect(screen.getByRole('button', { name: 'Stop reading All sites' })).toBeTruthy();
  });

  it('says so when no site is allowed', () => {
    render(
      <LocaleProvider locale="zh-CN">
        <SiteAccessList sites={[]} onRevoke={vi.fn()} />
      </LocaleProvider>,
    );
    expect(screen.getByText(/尚未允许任何网站/)).toBeTruthy();
  });
});
