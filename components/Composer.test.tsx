// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft, type ComposerDraft } from '@/lib/composer/draft';
import { Composer } from './Composer';
import { LocaleProvider } from './i18n';

afterEach(cleanup);

function Harness({ onSave, onDraft, locale = 'en' }: { onSave: () => void; onDraft: (draft: ComposerDraft) => void; locale?: 'en' | 'zh-CN' }) {
  const [draft, setDraft] = useState(emptyDraft());
  return (
    <LocaleProvider locale={locale}>
      <Composer
        draft={draft}
        onChange={(next) => {
          setDraft(next);
          onDraft(next);
        }}
        onSave={onSave}
        accountName="Acme"
        canSave
        saving={false}
        error={null}
        draftKept={false}
        contacts={[]}
        deals={[]}
        nowMs={Date.UTC(2026, 2, 2, 9)}
      />
    </LocaleProvider>
  );
}

describe('Composer', () => {
  it('saves with Ctrl+Enter from the note field', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn();
    render(<Harness onSave={onSave} onDraft={() => {}} />);
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Budget approved');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSave).toHaveBeenCalledTimes(1);
  });

  it('switches type with the arrow keys and shows the call fields, all by keyboard', async () => {
    const user = userEvent.setup();
    const drafts: ComposerDraft[] = [];
    render(<Harness onSave={() => {}} onDraft={(draft) => drafts.push(draft)} />);
    screen.getByRole('tab', { name: 'Note' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Call' })).toHaveProperty('ariaSelected', 'true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Call' }));
    await user.click(screen.getByRole('radio', { name: 'Voicemail' }));
    await user.type(screen.getByRole('textbox', { name: 'Duration' }), '4:30');
    expect(drafts.at(-1)).toMatchObject({ type: 'call', callOutcome: 'voicemail', duration: '4:30' });
  });

  it('gives every control an accessible name, in Chinese too', () => {
    render(<Harness onSave={() => {}} onDraft={() => {}} locale="zh-CN" />);
    expect(screen.getByRole('tablist', { name: '记录跟进' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '笔记' })).toBeTruthy();
    for (const control of [...screen.getAllByRole('button'), ...screen.getAllByRole('textbox'), ...screen.getAllByRole('combobox')]) {
      const name = control.getAttribute('aria-label') ?? control.textContent ?? (control.id && document.querySelector(`label[for="${control.id}"]`)?.textContent);
      expect(name || control.closest('label')?.textContent, control.outerHTML).toBeTruthy();
    }
  });
});

describe('Composer asked for by a shortcut', () => {
  it('focuses the text field and scrolls it into view after the call fields render (c)', () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function scrollIntoView(this: Element) {
      scrolled.push(this);
    };
    try {
      const props = { onChange: () => {}, onSave: () => {}, accountName: 'Acme', canSave: true, saving: false, error: null, draftKept: false, contacts: [], deals: [], nowMs: 0 };
      const { rerender } = render(
        <LocaleProvider locale="en">
          <Composer draft={emptyDraft('note')} {...props} focusRequest={null} />
        </LocaleProvider>,
      );
      rerender(
        <LocaleProvider locale="en">
          <Composer draft={emptyDraft('call')} {...props} focusRequest={1} />
        </LocaleProvider>,
      );
      const body = screen.getByTestId('composer-body');
      expect(document.activeElement).toBe(body);
      expect(scrolled).toContain(body);
      expect(screen.getByRole('radio', { name: 'Connected' })).toBeTruthy();
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('says why a save was refused right beside Save, and ties it to the button', () => {
    render(
      <LocaleProvider locale="zh-CN">
        <Composer draft={emptyDraft('call')} onChange={() => {}} onSave={() => {}} accountName="Acme" canSave saving={false} error="请把时长写成分钟（12）或分:秒（12:30）。" draftKept={false} contacts={[]} deals={[]} nowMs={0} />
      </LocaleProvider>,
    );
    const save = screen.getByTestId('composer-save');
    const error = screen.getByTestId('composer-error');
    expect(save.parentElement?.parentElement).toBe(error.parentElement);
    expect(save.getAttribute('aria-describedby')).toBe(error.id);
  });
});
