import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, WebWorker } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * The funnel as a rep lives it: a qualified deal is won, the sidebar turns to the 72-hour
 * handoff, the account moves to onboarding, and a task falls due as a browser notification.
 */
describe.skipIf(!hasChromium)('funnel stages and reminders in Chromium', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;
  let worker: WebWorker;

  const waitForText = async (selector: string, expected: string, timeout = 10_000) => {
    try {
      await panel.waitForFunction(
        (sel, want) => Array.from(document.querySelectorAll(sel)).some((element) => (element as HTMLElement).innerText.includes(want)),
        { timeout },
        selector,
        expected,
      );
    } catch {
      const main = await panel.$eval('.sn-main', (element) => (element as HTMLElement).innerText).catch(() => '(panel gone)');
      throw new Error(`Waited for ${selector} to show "${expected}"\n--- panel ---\n${main.slice(0, 4000)}`);
    }
  };
  const setField = (selector: string, value: string) =>
    panel.$eval(
      selector,
      (element, next) => {
        const input = element as HTMLInputElement | HTMLSelectElement;
        const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
        setter.call(input, next);
        input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
      },
      value,
    );

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    const tab = await chromium.browser.newPage();
    await tab.goto(sites.url('www.acme-robotics.com'));
    panel = await chromium.openSidePanel(tab);
    const workerTarget = await chromium.browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().includes(chromium.extensionId));
    worker = (await workerTarget.worker())!;
    await panel.waitForSelector('[data-testid=create-from-page]');
    await panel.click('[data-testid=create-from-page]');
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('a qualified deal moved to won shows the handoff checklist due within 72 hours, and the account moves to onboarding', async () => {
    // The card's lower sections render after its first paint.
    await panel.waitForSelector('#sn-deals-title button');
    await panel.$$eval('#sn-deals-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
    await panel.waitForSelector('form[aria-label="Add deal"]');
    await setField('form[aria-label="Add deal"] input[required]', 'Pilot cell, Suzhou plant');
    await setField('form[aria-label="Add deal"] input[inputmode=decimal]', '480000');
    await panel.$eval('form[aria-label="Add deal"] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForText('#sn-deals-title ~ ul', 'Pilot cell, Suzhou plant');
    await waitForText('#sn-deals-title ~ ul', 'Qualified');

    await panel.waitForSelector('#sn-deals-title ~ ul select.sn-stagepicker__select');
    await setField('#sn-deals-title ~ ul select.sn-stagepicker__select', 'won');
    await panel.$eval('#sn-deals-title ~ ul .sn-stagepicker button[type=submit]', (button) => (button as HTMLButtonElement).click());
    // Won closes the cycle: the picker asks once more before it moves.
    await panel.waitForSelector('#sn-deals-title ~ ul .sn-stagepicker__confirm button[type=submit]');
    await panel.$eval('#sn-deals-title ~ ul .sn-stagepicker__confirm button[type=submit]', (button) => (button as HTMLButtonElement).click());

    await waitForText('[data-testid=funnel-guidance]', 'hand over within 72 hours');
    await waitForText('[data-testid=funnel-guidance]', 'Handoff checklist');
    await waitForText('[data-testid=account-stage]', 'Onboarding');
    await waitForText('[data-testid=timeline]', 'Pilot cell, Suzhou plant: Qualified → Won');
    await waitForText('[data-testid=timeline]', 'Account: Qualified → Onboarding');
    await waitForText('[data-testid=timeline]', 'Lead → Qualified');
  });

  test('a follow-up task raises a browser notification at its due time, with the sidebar closed', async () => {
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.$$eval('[role=tab]', (tabs) => (tabs.find((tab) => tab.textContent === 'Task') as HTMLElement).click());
    await waitForText('[role=tab][aria-selected=true]', 'Task');
    // Due at the next whole minute: the time field has minute precision.
    const due = new Date(Date.now() + 60_000);
    const pad = (n: number) => String(n).padStart(2, '0');
    await setField('[data-testid=composer] input[type=date]', `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}`);
    await setField('[data-testid=composer] input[type=time]', `${pad(due.getHours())}:${pad(due.getMinutes())}`);
    const subject = (await panel.$$('[data-testid=composer] label.sn-field input:not([type])'))[0]!;
    await subject.type('Send the handoff document to customer success');
    await panel.$eval('[data-testid=composer] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForText('[data-testid=timeline]', 'Send the handoff document to customer success');

    await panel.close();
    const notification = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { notifications: { getAll(): Promise<Record<string, boolean>> } } }).chrome;
      for (let waited = 0; waited < 100_000; waited += 500) {
        const ids = Object.keys(await api.notifications.getAll());
        const reminder = ids.find((id) => id.startsWith('sidenote-reminder:'));
        if (reminder) return reminder;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      return null;
    });
    expect(notification).toMatch(/^sidenote-reminder:/);
  }, 150_000);
});
