// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { LocaleProvider } from '@/components/i18n';
import { makeAccount, makeActivity } from '@/lib/funnel/testing';
import WhatWeKnowContainer from './WhatWeKnowContainer';

afterEach(cleanup);

const account = makeAccount({ stage: 'proposal' });
const demo = makeActivity(account, { type: 'meeting', subject: 'Demo for the store managers', body: 'Walked through a day of restocking.' });

function renderContainer(activities: Parameters<typeof WhatWeKnowContainer>[0]['activities']) {
  const props = { account, deals: [], contacts: [], repId: 'rep-1' };
  const view = render(
    <LocaleProvider locale="en">
      <WhatWeKnowContainer {...props} activities={activities} />
    </LocaleProvider>,
  );
  return { ...view, rerender: (next: typeof activities) => view.rerender(<LocaleProvider locale="en"><WhatWeKnowContainer {...props} activities={next} /></LocaleProvider>) };
}

describe('What we know on the card', () => {
  it('waits for the card’s history read, so a demo already held never shows as missing, then stays keyboard-operable', async () => {
    const { rerender } = renderContainer(undefined);
    expect(screen.queryByTestId('what-we-know')).toBeNull();

    rerender([demo]);
    const demoBox = await waitFor(() => screen.getByRole('checkbox', { name: /Demo held against their scenario: mark known/ }), { timeout: 15_000 });
    expect((demoBox as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('region', { name: /What we know/ })).toBeTruthy();

    // With the playbook on hand and the history not (yet) read, nothing is said about the facts.
    rerender(undefined);
    expect(screen.queryByTestId('what-we-know')).toBeNull();
    rerender([demo]);
    await waitFor(() => screen.getByTestId('what-we-know'));

    // Tab reaches the checklist's controls.
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement?.closest('[data-testid=what-we-know]')).not.toBeNull();
  });
});
