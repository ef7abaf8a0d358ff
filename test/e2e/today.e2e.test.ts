import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { waitForPanelText } from './support/panel';
import { startFixtureSites, type FixtureSites } from './support/sites';

const DAY_MS = 86_400_000;
const GLOBEX_ID = '0191c7a0-0000-7000-8000-00000000e2e1';
const TASK_ID = '0191c7a0-0000-7000-8000-00000000e2e2';

/**
 * Today in the shipped build, by keyboard alone: A opens the rep's work across accounts, the
 * first item has the keyboard, Enter opens its account. The account and its overdue task are
 * stored as a sync would store them (rows with their local index keys), on an account the
 * page in the tab does not match, so opening it is visible.
 */
describe.skipIf(!hasChromium)('Today, by keyboard, in the shipped build', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('A opens Today, the overdue task is first with the card\'s reason, and Enter opens its account', async () => {
    const tab = await chromium.browser.newPage();
    await tab.goto(sites.url('www.acme-robotics.com'));
    panel = await chromium.openSidePanel(tab);
    await waitForPanelText(panel, '[data-testid=create-from-page]', 'Create account “Acme Robotics”');

    const now = Date.now();
    await panel.evaluate(
      (rows) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('sidenote');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['accounts', 'activities'], 'readwrite');
            tx.objectStore('accounts').put(rows.account);
            tx.objectStore('activities').put(rows.task);
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      {
        account: {
          id: GLOBEX_ID, name: 'Globex Ltd', domains: ['globex.example'], industry: null, sizeTier: null, ownerId: null, stage: 'qualified',
          renewalDate: null, health: null, facts: {}, createdAt: now - 2 * DAY_MS, updatedAt: now - 2 * DAY_MS, deletedAt: null, updatedBy: null,
          clock: {}, nameKey: 'globex', ownerKey: '',
        },
        task: {
          id: TASK_ID, type: 'task', accountId: GLOBEX_ID, contactIds: [], dealId: null, authorId: null, visibility: 'team', subject: 'Send the pilot quote',
          body: '', occurredAt: now - 2 * DAY_MS, durationSeconds: null, callOutcome: null, phone: null, channel: null, location: null, nextStep: null,
          followUpAt: null, dueAt: now - DAY_MS, completedAt: null, reminder: null, stageChange: null, source: null, thread: null, captureKey: null,
          suggestionKey: null, createdAt: now - 2 * DAY_MS, updatedAt: now - 2 * DAY_MS, deletedAt: null, updatedBy: null, clock: {},
          authorKey: '', openTaskDueAt: now - DAY_MS,
        },
      },
    );

    // The shortcut is listed in the ? overlay.
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('?');
    await waitForPanelText(panel, '.sn-shortcuts', 'Open Today: your work across accounts');
    await panel.keyboard.press('Escape');

    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('a');
    await waitForPanelText(panel, '[data-testid=today]', 'Overdue');
    await waitForPanelText(panel, '[data-testid=today]', 'Globex Ltd · Send the pilot quote');
    // The reason is the card's own words for an overdue task.
    await waitForPanelText(panel, '[data-testid=today]', '1 day overdue.');
    const focused = await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');
    expect(focused).toBe('Globex Ltd · Send the pilot quote');

    await panel.keyboard.press('Enter');
    await waitForPanelText(panel, '[data-testid=account-card]', 'Globex Ltd');
    expect(await panel.$('[data-testid=today]')).toBeNull();
  });
});
