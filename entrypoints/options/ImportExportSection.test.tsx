// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { LocaleProvider } from '@/components/i18n';
import type { SidenoteDb } from '@/lib/db/database';
import { createTestDb } from '@/test/support/db';
import { ImportExportSection } from './ImportExportSection';

let db: SidenoteDb;
afterEach(async () => {
  cleanup();
  await db?.delete();
});

/** The preview and the import run on fake-indexeddb, slow on a busy machine: wait generously. */
const SLOW = { timeout: 30_000 };

/** jsdom's File lacks arrayBuffer/text in some versions; the browser's has both. */
function csvFile(text: string, name: string): File {
  const bytes = new TextEncoder().encode(text);
  const file = new File([bytes], name, { type: 'text/csv' });
  Object.defineProperty(file, 'arrayBuffer', { value: async () => bytes.buffer.slice(0) });
  Object.defineProperty(file, 'text', { value: async () => text });
  return file;
}

describe('ImportExportSection', { timeout: 120_000 }, () => {
  it('imports a spreadsheet end to end, reports the bad row, and exports what it stored', async () => {
    db = createTestDb();
    const user = userEvent.setup();
    const saveFile = vi.fn();
    render(
      <LocaleProvider locale="en">
        <ImportExportSection db={db} ownerId="rep-1" saveFile={saveFile} />
      </LocaleProvider>,
    );
    await user.upload(
      screen.getByLabelText('Choose a CSV file'),
      csvFile('公司名称,官网,联系人,邮箱\n华信科技,huaxin-tech.com.cn,陈静,chen@huaxin-tech.com.cn\n坏公司,bad.cn,赵六,not-an-email\n', '客户.csv'),
    );
    expect(await screen.findByText('客户.csv: 2 rows', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('1 problem in the preview rows')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Review 2 rows' }));
    expect(await screen.findByText('Before importing', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('1 cell cannot be read')).toBeTruthy();
    const email = screen.getByRole('group', { name: 'Contact email (column “邮箱”): 1 row' });
    expect((within(email).getByRole('radio', { name: 'Import the row without this field' }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(email).getByRole('radio', { name: 'Skip the row' }));
    expect((within(email).getByRole('radio', { name: 'Skip the row' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Import 2 rows' }));
    expect(await screen.findByText('Import finished', {}, SLOW)).toBeTruthy();
    expect(screen.getByText('2 created, 0 updated, 0 already up to date')).toBeTruthy();
    expect(await db.accounts.count()).toBe(1);

    await user.click(screen.getByRole('button', { name: 'Download the problem rows (CSV)' }));
    expect(saveFile).toHaveBeenLastCalledWith('客户-problems.csv', expect.stringContaining('3,邮箱: must be an email address like name@example.com,坏公司,bad.cn,赵六,not-an-email'), 'text/csv;charset=utf-8');

    await user.click(screen.getByRole('button', { name: 'Contacts (CSV)' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalledTimes(2), SLOW);
    expect(saveFile.mock.calls[1]![0]).toMatch(/^sidenote-contacts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(saveFile.mock.calls[1]![1]).toContain('陈静,chen@huaxin-tech.com.cn');
  });

  it('imports a row without its unreadable cell by default, and finds nothing to change when the file comes again', async () => {
    db = createTestDb();
    const user = userEvent.setup();
    render(
      <LocaleProvider locale="en">
        <ImportExportSection db={db} ownerId="rep-1" saveFile={vi.fn()} />
      </LocaleProvider>,
    );
    const text = 'Company,Website,Contact,Email\nAcme,acme.com,Li Wei,not-an-email\n';
    await user.upload(screen.getByLabelText('Choose a CSV file'), csvFile(text, 'a.csv'));
    await user.click(await screen.findByRole('button', { name: 'Review 1 row' }, SLOW));
    await user.click(await screen.findByRole('button', { name: 'Import 1 row' }, SLOW));
    expect(await screen.findByText('Import finished', {}, SLOW)).toBeTruthy();
    expect(screen.getByRole('heading', { name: '1 cell was left out (its row was imported)' })).toBeTruthy();
    expect((await db.contacts.toArray()).map((contact) => [contact.name, contact.email])).toEqual([['Li Wei', null]]);

    await user.click(screen.getByRole('button', { name: 'Choose another file' }));
    await user.upload(screen.getByLabelText('Choose a CSV file'), csvFile(text, 'a.csv'));
    await user.click(await screen.findByRole('button', { name: 'Review 1 row' }, SLOW));
    expect(await screen.findByText('Nothing in the file overwrites a change made in Sidenote.', {}, SLOW)).toBeTruthy();
    const outbox = await db.outbox.count();
    await user.click(screen.getByRole('button', { name: 'Import 1 row' }));
    expect(await screen.findByText('0 created, 0 updated, 2 already up to date', {}, SLOW)).toBeTruthy();
    expect(await db.outbox.count()).toBe(outbox);
  });

  it('restores a backup it exported, and says how many records came back', async () => {
    db = createTestDb();
    const user = userEvent.setup();
    const saveFile = vi.fn();
    render(
      <LocaleProvider locale="en">
        <ImportExportSection db={db} ownerId={null} saveFile={saveFile} />
      </LocaleProvider>,
    );
    await user.upload(screen.getByLabelText('Choose a CSV file'), csvFile('Company,Website\nAcme,acme.com\n', 'a.csv'));
    await user.click(await screen.findByRole('button', { name: 'Review 1 row' }, SLOW));
    await user.click(await screen.findByRole('button', { name: 'Import 1 row' }, SLOW));
    await screen.findByText('Import finished', {}, SLOW);
    await user.click(screen.getByRole('button', { name: 'Full backup (JSON)' }));
    await waitFor(() => expect(saveFile).toHaveBeenCalled(), SLOW);
    const backup = saveFile.mock.calls[0]![1] as string;

    const other = createTestDb();
    cleanup();
    render(
      <LocaleProvider locale="en">
        <ImportExportSection db={other} ownerId={null} saveFile={saveFile} />
      </LocaleProvider>,
    );
    await user.upload(screen.getByLabelText('Choose a backup file'), csvFile(backup, 'backup.json'));
    expect(await screen.findByText('Restored: 1 record added or updated.', {}, SLOW)).toBeTruthy();
    expect(await other.accounts.count()).toBe(1);
    await other.delete();
  });
});
