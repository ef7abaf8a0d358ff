// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { useEffect, useRef, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useShallow } from 'zustand/react/shallow';
import { LocaleProvider } from '@/components/i18n';
import { createAccount } from '@/lib/db/accounts';
import { createContact } from '@/lib/db/contacts';
import type { SidenoteDb } from '@/lib/db/database';
import { lookupIndexDbName, LookupIndexKeeper } from '@/lib/db/lookup-index-store';
import { createTestDb, FIXED_NOW } from '@/test/support/db';
import { HiddenWhileSearching, SearchField, SearchPanel, WhileSearching, type SearchListHandle } from './Search';
import { selectPanelState, useUiStore } from './store';

let db: SidenoteDb;
let keeper: LookupIndexKeeper;
let accountId: string;
const ctx = { repId: null, now: FIXED_NOW };

beforeEach(async () => {
  useUiStore.setState({ query: '', activeResult: 0 });
  db = createTestDb();
  const account = await createAccount(db, { name: 'Lianhua Supermarket', domains: ['lianhua.com.cn'] }, ctx);
  accountId = account.id;
  await createContact(db, { accountId, name: 'Li Wei', email: 'li.wei@lianhua.com.cn' }, ctx);
  await createContact(db, { accountId, name: 'Liu Yang', email: 'liu.yang@lianhua.com.cn' }, ctx);
  keeper = new LookupIndexKeeper(db, { pause: () => Promise.resolve() });
  await keeper.start();
});
afterEach(async () => {
  cleanup();
  keeper.close();
  await Dexie.delete(lookupIndexDbName(db));
  await db.delete();
});

/** Stands in for the account card: its own state (a half-typed note) and how often it mounted. */
function Card({ onMount }: { onMount: () => void }) {
  const [note, setNote] = useState('');
  useEffect(onMount, [onMount]);
  return (
    <section aria-label="the card">
      <textarea aria-label="note" value={note} onChange={(event) => setNote(event.target.value)} />
    </section>
  );
}

/** The panel as App lays it out: the field in the header, the list in the body over the view, and the rest of the panel around them. */
function Panel({ onOpenAccount, onPanelRender, onCardMount = () => undefined }: { onOpenAccount: (id: string) => Promise<boolean>; onPanelRender: () => void; onCardMount?: () => void }) {
  useUiStore(useShallow(selectPanelState));
  const list = useRef<SearchListHandle>(null);
  onPanelRender();
  return (
    <LocaleProvider locale="en">
      <SearchField list={list} />
      <WhileSearching>
        <SearchPanel ref={list} keeper={keeper} onOpenAccount={onOpenAccount} />
      </WhileSearching>
      <HiddenWhileSearching>
        <p>the card</p>
        <Card onMount={onCardMount} />
      </HiddenWhileSearching>
    </LocaleProvider>
  );
}

const isHidden = (element: Element) => element.closest('[hidden]') !== null;

const optionNames = () => screen.queryAllByRole('option').map((option) => option.querySelector('.sn-result__name')?.textContent);

describe('the lookup in the panel', () => {
  it('renders only the search on every keystroke, the first included, and shows each prefix’s results', async () => {
    const panelRenders = vi.fn();
    render(<Panel onOpenAccount={() => Promise.resolve(true)} onPanelRender={panelRenders} />);
    const rendersBefore = panelRenders.mock.calls.length;
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox'), 'li');
    expect(optionNames()).toEqual(['Lianhua Supermarket', 'Li Wei', 'Liu Yang']);
    await user.type(screen.getByRole('combobox'), 'u');
    expect(optionNames()).toEqual(['Liu Yang']);
    // Opening the search hides the card under the list: the panel around them does not render.
    expect(panelRenders.mock.calls.length - rendersBefore).toBe(0);
  });

  it('keeps the card mounted, hidden, with its state while a search is open, and shows it again as it was', async () => {
    const mounts = vi.fn();
    render(<Panel onOpenAccount={() => Promise.resolve(true)} onPanelRender={() => undefined} onCardMount={mounts} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'note' }), 'Half a note');
    await user.type(screen.getByRole('combobox'), 'li');
    expect(optionNames()).toEqual(['Lianhua Supermarket', 'Li Wei', 'Liu Yang']);
    const note = screen.getByRole('textbox', { name: 'note', hidden: true }) as HTMLTextAreaElement;
    expect(isHidden(note)).toBe(true);
    // The list comes first, before the hidden card, where the rep reads.
    expect(screen.getByRole('listbox').compareDocumentPosition(note) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(isHidden(note)).toBe(false);
    expect(note.value).toBe('Half a note');
    expect(mounts).toHaveBeenCalledTimes(1);
  });

  it('is a combobox over a listbox: arrows move the highlighted option, Enter opens its account, Escape closes', async () => {
    const opened = vi.fn(() => Promise.resolve(true));
    render(<Panel onOpenAccount={opened} onPanelRender={() => undefined} />);
    const user = userEvent.setup();
    const input = screen.getByRole('combobox', { name: 'Search accounts, contacts and deals' });
    await user.type(input, 'li');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    expect(input.getAttribute('aria-controls')).toBe(screen.getByRole('listbox').id);
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[0]!.id);

    await user.keyboard('{ArrowDown}');
    const second = screen.getAllByRole('option')[1]!;
    expect(input.getAttribute('aria-activedescendant')).toBe(second.id);
    expect(second.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(screen.getAllByRole('option')[2]!.id);
    await user.keyboard('{ArrowUp}{Enter}');
    expect(opened).toHaveBeenCalledWith(accountId);
    await waitFor(() => expect((input as HTMLInputElement).value).toBe(''));
    expect(screen.queryByRole('listbox')).toBeNull();

    await user.type(input, 'wei');
    expect(optionNames()).toEqual(['Li Wei']);
    await user.keyboard('{Escape}');
    expect((input as HTMLInputElement).value).toBe('');
    expect(screen.getByText('the card')).toBeTruthy();
  });

  it('takes focus off a clicked result before its account opens, so the list is not removed with focus in it', async () => {
    let focusedAtOpen: Element | null = null;
    const opened = vi.fn(() => {
      focusedAtOpen = document.activeElement;
      return Promise.resolve(true);
    });
    render(<Panel onOpenAccount={opened} onPanelRender={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox'), 'lianhua');
    await user.click(screen.getAllByRole('option')[0]!);
    expect(opened).toHaveBeenCalledWith(accountId);
    expect(focusedAtOpen).toBe(document.body);
    await waitFor(() => expect(screen.queryByRole('listbox')).toBeNull());
  });

  it('answers from the database before the index is ready', async () => {
    keeper.close();
    keeper = new LookupIndexKeeper(db, { pause: () => Promise.resolve() });
    render(<Panel onOpenAccount={() => Promise.resolve(true)} onPanelRender={() => undefined} />);
    await act(() => userEvent.setup().type(screen.getByRole('combobox'), 'lianhua'));
    await waitFor(() => expect(optionNames()).toEqual(['Lianhua Supermarket']));
    expect(screen.getByText(/1 result/).textContent).toContain('Still indexing');
  });
});
