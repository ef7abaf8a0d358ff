// @vitest-environment jsdom
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccount } from '@/lib/db/accounts';
import { logActivity } from '@/lib/db/activities';
import { loadSuggestionInput } from '@/lib/db/funnel-queries';
import { getDb } from '@/lib/db/instance';
import { computeSuggestions } from '@/lib/funnel/suggest';
import { DAY_MS } from '@/lib/funnel/time';
import { useGuidanceRead, useNextSteps } from './use-next-steps';
import { scaledTimeout } from '@/test/support/timeouts';

// A bound against a hang, not a measurement: the hooks read IndexedDB, and the CI machine is often loaded.
const HANG_BOUND_MS = scaledTimeout(15_000);

afterEach(async () => {
  cleanup();
  await Promise.all([getDb().accounts.clear(), getDb().activities.clear(), getDb().outbox.clear(), getDb().suggestionStates.clear()]);
});

const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

describe('the card’s one guidance read', () => {
  it('waits until the card lets it start, then gives the header the rules’ top two and follows new records', async () => {
    const db = getDb();
    const now = Date.now();
    const account = await createAccount(db, { name: 'Acme Retail', industry: 'retail', stage: 'qualified' }, { repId: 'rep-1', now: now - 40 * DAY_MS });
    const { result, rerender } = renderHook(({ enabled }) => {
      const read = useGuidanceRead(account.id, enabled);
      return { read, steps: useNextSteps(read, now) };
    }, { initialProps: { enabled: false } });

    // Before the first timeline items are on screen nothing is read and the header says "working it out".
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(result.current.read).toBeUndefined();
    expect(result.current.steps).toBeNull();

    rerender({ enabled: true });
    await waitFor(() => expect(result.current.read).toBeDefined(), { timeout: HANG_BOUND_MS });
    const input = await loadSuggestionInput(db, { type: 'account', id: account.id });
    expect(result.current.read!.input).toEqual(input);
    const expected = computeSuggestions({ ...input!, timeZone: TIME_ZONE }, Math.max(now, result.current.read!.readAt)).visible.slice(0, 2);
    expect(result.current.steps?.map((step) => step.key)).toEqual(expected.map((suggestion) => `${suggestion.subject.id}:${suggestion.key}`));
    expect(result.current.steps).toHaveLength(2);

    // A note logged on the account reaches every part of the card through the same read.
    await logActivity(db, { type: 'meeting', accountId: account.id, body: 'Talked budget with Li Na' }, { repId: 'rep-1' });
    await waitFor(() => expect(result.current.read!.input!.activities.map((activity) => activity.body)).toEqual(['Talked budget with Li Na']), { timeout: HANG_BOUND_MS });
  });

  it('says there is nothing to suggest for an account not stored here', async () => {
    const { result } = renderHook(() => {
      const read = useGuidanceRead('no-such-account', true);
      return useNextSteps(read, Date.now());
    });
    await waitFor(() => expect(result.current).toEqual([]), { timeout: HANG_BOUND_MS });
  });
});
