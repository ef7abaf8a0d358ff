import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { createTeam, freePort, pullEverything, startServer, type ServerProcess } from './support/server';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * The hand-over to customer success as two reps live it, in two browser profiles against one
 * real server process: Li Wei wins a deal and hands the account to Wang Fang, and Wang Fang's
 * sidebar shows who handed it over and how much of the checklist is filled.
 */
describe.skipIf(!hasChromium)('the handoff between two reps, two browsers and a real server', () => {
  let sites: FixtureSites;
  let server: ServerProcess;
  let reps: Array<{ id: string; name: string; token: string }>;
  let li: ExtensionBrowser;
  let wang: ExtensionBrowser;

  const waitForText = async (panel: Page, selector: string, expected: string, timeout = 20_000) => {
    try {
      await panel.waitForFunction(
        (sel, want) => Array.from(document.querySelectorAll(sel)).some((element) => (element as HTMLElement).innerText.includes(want)),
        { timeout, polling: 100 },
        selector,
        expected,
      );
    } catch {
      const seen = await panel.$eval('body', (element) => (element as HTMLElement).innerText).catch(() => '(page gone)');
      throw new Error(`Waited for ${selector} to show "${expected}"\n--- page ---\n${seen.slice(0, 4000)}`);
    }
  };

  const setField = (panel: Page, selector: string, value: string) =>
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

  const connect = async (browser: ExtensionBrowser, token: string) => {
    const options = await browser.browser.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('[data-testid=server-settings] input[type=url]');
    await options.type('[data-testid=server-settings] input[type=url]', server.baseUrl);
    await options.type('[data-testid=server-settings] input[type=password]', token);
    await options.$eval('[data-testid=server-settings] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForText(options, '[data-testid=connected-as]', 'on team Handoff Sales');
    await options.close();
  };

  beforeAll(async () => {
    sites = await startFixtureSites();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sidenote-e2e-handoff-'));
    // A third rep only reads the server to check it.
    ({ reps } = await createTeam(dataDir, 'Handoff Sales', ['Li Wei', 'Wang Fang', 'Auditor']));
    server = await startServer({ dataDir, port: await freePort() });
    li = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    wang = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    await connect(li, reps[0]!.token);
    await connect(wang, reps[1]!.token);
  }, 420_000);

  afterAll(async () => {
    await li?.close();
    await wang?.close();
    await server?.kill();
    await sites?.close();
  });

  test('Li Wei wins the deal and hands it to Wang Fang, whose sidebar shows the handoff', async () => {
    const liTab = await li.browser.newPage();
    await liTab.goto(sites.url('www.acme-robotics.com'));
    const liPanel = await li.openSidePanel(liTab);
    await liPanel.waitForSelector('[data-testid=create-from-page]');
    await liPanel.click('[data-testid=create-from-page]');
    await waitForText(liPanel, '[data-testid=account-card]', 'Acme Robotics');

    // The card's lower sections render after its first paint.
    await liPanel.waitForSelector('#sn-deals-title button');
    await liPanel.$$eval('#sn-deals-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
    await liPanel.waitForSelector('form[aria-label="Add deal"]');
    await setField(liPanel, 'form[aria-label="Add deal"] input[required]', 'Pilot cell, Suzhou plant');
    await setField(liPanel, 'form[aria-label="Add deal"] input[inputmode=decimal]', '480000');
    await liPanel.$eval('form[aria-label="Add deal"] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForText(liPanel, '#sn-deals-title ~ ul', 'Pilot cell, Suzhou plant');
    await liPanel.waitForSelector('#sn-deals-title ~ ul select.sn-stagepicker__select');
    await setField(liPanel, '#sn-deals-title ~ ul select.sn-stagepicker__select', 'won');
    await liPanel.$eval('#sn-deals-title ~ ul .sn-stagepicker button[type=submit]', (button) => (button as HTMLButtonElement).click());
    // Won closes the cycle: the picker asks once more before it moves.
    await liPanel.waitForSelector('#sn-deals-title ~ ul .sn-stagepicker__confirm button[type=submit]');
    await liPanel.$eval('#sn-deals-title ~ ul .sn-stagepicker__confirm button[type=submit]', (button) => (button as HTMLButtonElement).click());

    // The win: the checklist counts the deal amount as the contract value, and nobody is picked yet.
    await waitForText(liPanel, '[data-testid=handoff-status]', 'Not handed to anyone yet, 1 of 10 items');
    await liPanel.waitForFunction((id) => Array.from(document.querySelectorAll('[data-testid=handoff-panel] option')).some((option) => (option as HTMLOptionElement).value === id), { timeout: 20_000 }, reps[1]!.id);
    await setField(liPanel, '[data-testid=handoff-panel] select', reps[1]!.id);
    await waitForText(liPanel, '[data-testid=handoff-status]', 'Handed to Wang Fang by you, 1 of 10 items');

    await expect
      .poll(
        async () => (await pullEverything(server.baseUrl, reps[2]!.token)).find((change) => change.entity === 'account' && change.record?.name === 'Acme Robotics')?.record?.csmId,
        { timeout: 20_000, interval: 250 },
      )
      .toBe(reps[1]!.id);

    const wangTab = await wang.browser.newPage();
    await wangTab.goto(sites.url('www.acme-robotics.com'));
    const wangPanel = await wang.openSidePanel(wangTab);
    await waitForText(wangPanel, '[data-testid=account-card]', 'Acme Robotics');
    await waitForText(wangPanel, '[data-testid=handoff-status]', 'Handed to you by Li Wei, 1 of 10 items');
    // The same overdue-or-due handoff is up on both sides, addressed to the CSM.
    await waitForText(wangPanel, '[data-testid=funnel-guidance]', 'hand over within 72 hours');
  }, 180_000);
});
