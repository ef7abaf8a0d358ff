// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LocaleProvider } from '@/components/i18n';
import type { SidenoteDb } from '@/lib/db/database';
import { writeRecord } from '@/lib/db/write';
import { serverSettingsItem } from '@/lib/settings/items';
import { SYNC_TEAM_KEY } from '@/lib/sync/engine';
import { createTestDb } from '@/test/support/db';
import { ServerSection } from './ServerSection';

const URL_A = 'http://127.0.0.1:8787';
const TOKEN = `snt_abcdefghijkl_${'A'.repeat(43)}`;
const REP = { id: 'rep-b', name: 'Li Wei', email: null };

let db: SidenoteDb;
beforeEach(() => {
  fakeBrowser.reset();
  db = createTestDb('server-section');
  // Every server answers hello as team B.
  vi.stubGlobal('fetch', async () => Response.json({ protocolVersion: 1, serverVersion: 'test', team: { id: 'team-b', name: 'Team B' }, rep: REP, reps: [REP] }));
});
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await db.delete();
});

function show() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <LocaleProvider locale="en">
        <ServerSection identity={null} db={db} />
      </LocaleProvider>
    </QueryClientProvider>,
  );
}

async function fillAndSave(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(/^Server address/), URL_A);
  await user.type(screen.getByLabelText(/^Access token/), TOKEN);
  await user.click(screen.getByRole('button', { name: 'Save and sync' }));
}

describe('ServerSection', { timeout: 60_000 }, () => {
  it('connects a browser that holds no team at once', async () => {
    const user = userEvent.setup();
    show();
    await fillAndSave(user);
    await waitFor(async () => expect((await serverSettingsItem.getValue()).token).toBe(TOKEN));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('asks before switching a browser that holds another team\'s records, and switches only when told', async () => {
    await db.meta.put({ key: SYNC_TEAM_KEY, value: { teamId: 'team-a', teamName: 'Team A', baseUrl: URL_A } });
    await writeRecord(db, { entity: 'account', recordId: crypto.randomUUID(), patch: { name: 'A Co', domains: [], industry: null, sizeTier: null, ownerId: null, stage: 'lead', renewalDate: null, health: null, facts: {}, deletedAt: null } });
    await db.outbox.clear();
    const user = userEvent.setup();
    show();
    await fillAndSave(user);
    const dialog = await screen.findByRole('alertdialog', { name: 'Switch this browser from team “Team A” to team “Team B”?' });
    expect(dialog.textContent).toContain('holds 1 record of the old team');
    expect((await serverSettingsItem.getValue()).token).toBe('');

    await user.click(screen.getByRole('button', { name: 'Keep the old team' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(await db.accounts.count()).toBe(1);
    expect((await serverSettingsItem.getValue()).token).toBe('');

    await user.click(screen.getByRole('button', { name: 'Save and sync' }));
    await screen.findByRole('alertdialog');
    await user.click(screen.getByRole('button', { name: 'Switch team' }));
    await waitFor(async () => expect((await serverSettingsItem.getValue()).token).toBe(TOKEN));
    expect(await db.accounts.count()).toBe(0);
    expect(await db.meta.get(SYNC_TEAM_KEY)).toBeUndefined();
  });
});
