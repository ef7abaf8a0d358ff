// @vitest-environment jsdom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from '@/components/i18n';
import { createAccount } from '@/lib/db/accounts';
import { logActivity } from '@/lib/db/activities';
import { createContact } from '@/lib/db/contacts';
import { createDeal } from '@/lib/db/deals';
import { getDb } from '@/lib/db/instance';
import { FIXED_NOW } from '@/test/support/db';
import { scaledTimeout } from '@/test/support/timeouts';
import { AccountView } from './AccountView';

const ctx = { repId: null, now: FIXED_NOW };
let accountId: string;

beforeAll(async () => {
  // The card's lazy chunks, loaded up front: one still loading when the file's environment is torn down fails the run.
  await Promise.all([import('./facts-io'), import('./funnel-io'), import('./FunnelGuidance'), import('./WhatWeKnowContainer')]);
  const db = getDb();
  const account = await createAccount(db, { name: 'Lianhua Supermarket', domains: ['lianhua.com.cn'] }, ctx);
  accountId = account.id;
  await createContact(db, { accountId, name: 'Wang Fang', email: 'wang.fang@lianhua.com.cn' }, ctx);
  await createDeal(db, { accountId, name: 'Store rollout' }, ctx);
  for (let i = 0; i < 15; i++) await logActivity(db, { type: 'note', accountId, body: `Note ${i}`, occurredAt: FIXED_NOW - i * 60_000 }, ctx);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
afterAll(() => getDb().delete());

/**
 * Holds animation frames until the test lets them run: "the first frame has painted" is then a
 * step the test takes. From then on frames run as they are asked for, since a read that answers
 * after that step (a loaded machine) asks for its frame later and would otherwise wait forever.
 */
function holdFrames() {
  const frames: FrameRequestCallback[] = [];
  let painted = false;
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
    if (painted) return setTimeout(() => callback(performance.now()), 0) as unknown as number;
    return frames.push(callback);
  });
  vi.spyOn(window, 'cancelAnimationFrame').mockImplementation(() => undefined);
  return () =>
    act(() => {
      painted = true;
      frames.splice(0).forEach((callback) => callback(performance.now()));
    });
}

describe('the account card', () => {
  it('shows who this is, the composer and the first timeline items in its first frame, and contacts and deals (in their sections and the composer) after it', async () => {
    const paint = holdFrames();
    render(
      <LocaleProvider locale="en">
        <AccountView
          accountId={accountId}
          page={null}
          matchedContactIds={[]}
          addContactOffer={null}
          identity={null}
          defaultVisibility="team"
          nowMs={FIXED_NOW}
          requestedType={null}
          links={null}
        />
      </LocaleProvider>,
    );
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Lianhua Supermarket'), { timeout: scaledTimeout(2000) });
    expect(screen.getByTestId('composer')).toBeTruthy();
    expect(screen.getAllByTestId('timeline-item')).toHaveLength(12);
    // Not yet: the rows below the composer wait for the first frame.
    expect(screen.getByTestId('sn-section-contacts').textContent).not.toContain('Wang Fang');
    expect(screen.getByTestId('sn-section-deals').textContent).not.toContain('Store rollout');
    // And so do the composer's contact checkboxes and deal choice.
    expect(within(screen.getByTestId('composer')).queryByRole('checkbox', { name: 'Wang Fang' })).toBeNull();
    expect(within(screen.getByTestId('composer')).queryByRole('combobox', { name: 'Deal' })).toBeNull();

    await paint();
    await waitFor(() => expect(screen.getByTestId('sn-section-contacts').textContent).toContain('Wang Fang'), { timeout: scaledTimeout(2000) });
    expect(screen.getByTestId('sn-section-deals').textContent).toContain('Store rollout');
    expect(screen.getAllByTestId('timeline-item')).toHaveLength(12);
    await waitFor(() => expect(within(screen.getByTestId('composer')).getByRole('checkbox', { name: 'Wang Fang' })).toBeTruthy(), { timeout: scaledTimeout(2000) });
    expect(within(screen.getByTestId('composer')).getByRole('combobox', { name: 'Deal' })).toBeTruthy();
    // The composer's stage templates are read after that frame too, and do arrive.
    await waitFor(() => expect(screen.getByTestId('composer').querySelector('optgroup')?.label).toBe('Lead templates'), { timeout: scaledTimeout(2000) });
  });
});
