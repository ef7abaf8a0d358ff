// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newActivityFields, type Activity } from '@/lib/schemas';
import { LocaleProvider } from './i18n';
import { Timeline } from './Timeline';

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
    expect(item.textContent).toContain('4:30');
    expect(item.textContent).toContain('Next step: Call back');
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('href')).toBe('https://www.acme.com/');
    expect(screen.getByRole('link', { name: 'Acme' }).getAttribute('rel')).toContain('noopener');
  });
});
