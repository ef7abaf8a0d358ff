// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newActivityFields, type Activity } from '@/lib/schemas';
import { LocaleProvider } from './i18n';
import { NOTE_PREVIEW_CHARS, previewOfBody, Timeline, TIMELINE_FIRST_RENDER } from './Timeline';

afterEach(cleanup);

const NOW = Date.UTC(2026, 2, 2, 9);
function activity(overrides: Partial<Activity>): Activity {
  return {
    id: '0191c7a0-0000-7000-8000-000000000001',
    ...newActivityFields({ type: 'note', accountId: 'a', occurredAt: NOW - 60_000 }),
    authorId: 'rep-1',
    createdAt: NOW, updatedAt: NOW, updatedBy: null, clock: {},
    ...overrides,
  };
}

function renderTimeline(activities: Activity[], handlers: Partial<Parameters<typeof Timeline>[0]> = {}) {
  render(
    <LocaleProvider locale="en">
      <Timeline
        activities={activities}
        filter={[]}
        onFilterChange={() => {}}
        authorName={(id) => (id === 'rep-1' ? 'You' : null)}
        nowMs={NOW}
        hasMore={false}
        onLoadMore={() => {}}
        onEdit={() => {}}
        onDelete={() => {}}
        onToggleDone={() => {}}
        canEdit={(a) => a.authorId === 'rep-1'}
        dealName={() => null}
        {...handlers}
      />
    </LocaleProvider>,
  );
}

describe('Timeline', () => {
  it('renders page and note text as text, never as HTML', () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    renderTimeline([
      activity({
        body: hostile,
        source: { url: 'javascript:alert(1)', title: '<script>alert(1)</script>', threadSubject: null, threadId: null, provider: null },
      }),
    ]);
    expect(screen.getByText(hostile)).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
    expect(document.querySelector('b')).toBeNull();
    // A javascript: address is shown, never linked.
    expect(document.querySelector('a')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('edits a note in place and saves with Ctrl+Enter; only the author gets the controls', async () => {
    const user = userEvent.setup();
    const onEdit = vi.fn();
    renderTimeline([activity({ body: 'draft text' }), activity({ id: '0191c7a0-0000-7000-8000-000000000002', authorId: 'rep-2', body: 'theirs' })], { onEdit });
    expect(screen.getAllByRole('button', { name: 'Edit this Note' })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Edit this Note' }));
    const field = screen.getByRole('textbox', { name: 'Edit this Note' });
    expect(document.activeElement).toBe(field);
    await user.clear(field);
    await user.type(field, 'final text');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onEdit).toHaveBeenCalledWith(expect.objectContaining({ body: 'draft text' }), 'final text');
  });

  it('shows a call with its outcome and duration, and links the page it was logged on', () => {
    renderTimeline([
      activity({
        type: 'call',
        callOutcome: 'voicemail',
        durationSeconds: 270,
        body: 'Left a message',
        nextStep: 'Call back',
        source: { url: 'https://www.acme.com/', title: 'Acme', threadSubject: null, threadId: null, provider: null },
      }),
    ]);
    const item = screen.getByTestId('timeline-item');
    expect(item.textContent).toContain('Voicemail');
    expect(item.textContent).toContain('4 min 30 s');
    expect(item.textContent).toContain('Next step: Call back');
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('https://www.acme.com/');
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('rel')).toContain('noopener');
  });

  it('collapses a long note to its start with "Show all", and shows all of it on request', async () => {
    const user = userEvent.setup();
    const long = `${'First line of the minutes.\n'.repeat(3)}${'Pricing discussed in detail. '.repeat(40)}END-OF-NOTE`;
    renderTimeline([activity({ body: long }), activity({ id: '0191c7a0-0000-7000-8000-000000000002', body: 'short note' })]);
    const [item, short] = screen.getAllByTestId('timeline-item');
    expect(item!.textContent).toContain('First line of the minutes.');
    expect(item!.textContent).not.toContain('END-OF-NOTE');
    expect(short!.textContent).toContain('short note');
    expect(screen.getAllByRole('button', { name: 'Show all' })).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: 'Show all' }));
    expect(item!.textContent).toContain('END-OF-NOTE');
    expect(screen.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Show less' }));
    expect(item!.textContent).not.toContain('END-OF-NOTE');
  });

  it('cuts a preview at its line or character budget, never inside a character', () => {
    expect(previewOfBody('one\ntwo')).toBeNull();
    expect(previewOfBody('x'.repeat(NOTE_PREVIEW_CHARS))).toBeNull();
    expect(previewOfBody('1\n2\n3\n4\n5\n6\n7\n8')).toBe('1\n2\n3\n4\n5\n6…');
    const emoji = `${'a'.repeat(NOTE_PREVIEW_CHARS - 1)}😀tail`;
    expect(previewOfBody(emoji)).toBe(`${'a'.repeat(NOTE_PREVIEW_CHARS - 1)}…`);
  });

  it('renders the first screenful of a long timeline, and the rest on request or when scrolled near', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 60 }, (_, n) => activity({ id: `0191c7a0-0000-7000-8000-${String(n).padStart(12, '0')}`, body: `note ${n}` }));
    const onLoadMore = vi.fn();
    renderTimeline(many, { hasMore: true, onLoadMore });
    expect(screen.getAllByTestId('timeline-item')).toHaveLength(TIMELINE_FIRST_RENDER);
    // The database's "Show older" waits until every loaded item is on screen.
    expect(screen.queryByRole('button', { name: 'Show older' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Show 25 more' }));
    expect(screen.getAllByTestId('timeline-item')).toHaveLength(TIMELINE_FIRST_RENDER + 25);
    await user.click(screen.getByRole('button', { name: `Show ${60 - TIMELINE_FIRST_RENDER - 25} more` }));
    expect(screen.getAllByTestId('timeline-item')).toHaveLength(60);
    expect(screen.getAllByTestId('timeline-item')[59]!.textContent).toContain('note 59');
    await user.click(screen.getByRole('button', { name: 'Show older' }));
    expect(onLoadMore).toHaveBeenCalledTimes(1);
  });

  it('renders more items when the list scrolls near its end', () => {
    const observers: Array<{ callback: IntersectionObserverCallback; targets: Element[] }> = [];
    class FakeObserver {
      targets: Element[] = [];
      constructor(readonly callback: IntersectionObserverCallback) {
        observers.push(this);
      }
      observe(target: Element) {
        this.targets.push(target);
      }
      disconnect() {
        this.targets = [];
      }
    }
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    try {
      const many = Array.from({ length: 30 }, (_, n) => activity({ id: `0191c7a0-0000-7000-8000-${String(n).padStart(12, '0')}`, body: `note ${n}` }));
      renderTimeline(many);
      const live = observers.filter((o) => o.targets.length > 0);
      expect(live).toHaveLength(1);
      act(() => live[0]!.callback([{ isIntersecting: true, target: live[0]!.targets[0]! } as unknown as IntersectionObserverEntry], live[0] as unknown as IntersectionObserver));
      expect(screen.getAllByTestId('timeline-item')).toHaveLength(30);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('Timeline inline edit', () => {
  it('Escape in the field cancels the edit without saving, and the note reads as before', async () => {
    const user = userEvent.setup();
    const onEdit = vi.fn();
    renderTimeline([activity({ body: 'Called Zhang Min about the pilot.' })], { onEdit });
    await user.click(screen.getByRole('button', { name: /^Edit/ }));
    const field = screen.getByRole('textbox', { name: /Edit/ });
    await user.type(field, ' Changed my mind.');
    await user.keyboard('{Escape}');
    expect(onEdit).not.toHaveBeenCalled();
    expect(screen.queryByRole('textbox', { name: /Edit/ })).toBeNull();
    expect(screen.getByText('Called Zhang Min about the pilot.')).toBeTruthy();
  });
});
