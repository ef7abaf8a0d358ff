// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from './i18n';
import { ShortcutsOverlay, type BrowserCommandView } from './ShortcutsOverlay';

afterEach(cleanup);
beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

// What Chromium's commands.getAll() returns after install: the action's command has no
// description, and a fourth suggested key it refused to bind comes back with an empty shortcut.
const CHROMIUM_COMMANDS: BrowserCommandView[] = [
  { name: '_execute_action', shortcut: 'Alt+Shift+S' },
  { name: 'focus-composer', shortcut: 'Alt+Shift+N' },
  { name: 'log-call', shortcut: '' },
  { name: 'search-accounts', shortcut: 'Alt+Shift+K' },
];

function renderOverlay(locale: 'en' | 'zh-CN', onOpenShortcutSettings: (() => void) | null = null) {
  render(
    <LocaleProvider locale={locale}>
      <ShortcutsOverlay open onClose={() => {}} browserCommands={CHROMIUM_COMMANDS} onOpenShortcutSettings={onOpenShortcutSettings} />
    </LocaleProvider>,
  );
  return screen.getByTestId('browser-shortcuts');
}

describe('ShortcutsOverlay', () => {
  it('names the browser commands in words, never by their manifest names, with the keys the browser bound', () => {
    const section = renderOverlay('en');
    expect(section.textContent).not.toContain('_execute_action');
    expect(section.textContent).toContain('Alt+Shift+S');
    expect(section.textContent).toContain('Open Sidenote (anywhere in the browser)');
    expect(section.textContent).not.toContain('Alt+Shift+L');
  });

  it('says which command has no keys and where to set them', async () => {
    const user = userEvent.setup();
    const open = vi.fn();
    const section = renderOverlay('en', open);
    const rows = within(section).getAllByRole('term').map((term) => `${term.textContent} ${term.nextElementSibling?.textContent}`);
    expect(rows).toContain('Not set Log a call');
    expect(section.textContent).toContain('Set them in the browser’s shortcut settings');
    await user.click(within(section).getByRole('button', { name: 'Open shortcut settings' }));
    expect(open).toHaveBeenCalledTimes(1);
  });

  it('speaks zh-CN', () => {
    const section = renderOverlay('zh-CN');
    expect(section.textContent).toContain('打开 Sidenote');
    expect(section.textContent).toContain('未设置');
  });
});
