import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { createTeam, freePort, pullEverything, startServer, type ServerProcess } from './support/server';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * Team sync as reps live it: two browser profiles, one real server process. A note travels
 * from one rep to the other live; notes written while the server is down arrive exactly
 * once when it is back.
 */
describe.skipIf(!hasChromium)('team sync between two browsers and a real server process', () => {
  let sites: FixtureSites;
  let server: ServerProcess;
  let reps: Array<{ id: string; name: string; token: string }>;
  let alice: ExtensionBrowser;
  let bob: ExtensionBrowser;
  let alicePanel: Page;
  let bobPanel: Page;

  const waitForText = async (panel: Page, selector: string, expected: string, timeout = 15_000) => {
    try {
      await panel.waitForFunction(
        (sel, want) => Array.from(document.querySelectorAll(sel)).some((element) => (element as HTMLElement).innerText.includes(want)),
        { timeout, polling: 50 },
        selector,
        expected,
      );
    } catch {
      const shown = await panel.$$eval(selector, (elements) => elements.map((element) => (element as HTMLElement).innerText).join(' | ')).catch(() => '(page gone)');
      const seen = await panel.$eval('body', (element) => (element as HTMLElement).innerText).catch(() => '(page gone)');
      throw new Error(`Waited for ${selector} to show "${expected}"; it shows: ${shown}\n--- page ---\n${seen.slice(0, 3000)}`);
    }
  };

  /** The rep's own steps on the options page: address, token, Save and sync. */
  const connect = async (browser: ExtensionBrowser, token: string) => {
    const options = await browser.browser.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.waitForSelector('[data-testid=server-settings] input[type=url]');
    await options.type('[data-testid=server-settings] input[type=url]', server.baseUrl);
    await options.type('[data-testid=server-settings] input[type=password]', token);
    await options.$eval('[data-testid=server-settings] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForText(options, '[data-testid=connected-as]', 'on team E2E Sales');
    await options.close();
  };

  const writeNote = async (panel: Page, text: string) => {
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type(text);
    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await waitForText(panel, '[data-testid=timeline-item]', text);
  };

  const notesOnServer = async (body: string) =>
    (await pullEverything(server.baseUrl, reps[2]!.token)).filter((change) => change.entity === 'activity' && change.record?.body === body);

  beforeAll(async () => {
    sites = await startFixtureSites();
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sidenote-e2e-server-'));
    // A third rep only reads the server to check it, so the checks never spend the reps' rate limit.
    ({ reps } = await createTeam(dataDir, 'E2E Sales', ['Alice Chen', 'Bob Wang', 'Auditor']));
    server = await startServer({ dataDir, port: await freePort() });
    alice = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    bob = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    // Four CLI runs each start tsx and PGlite: 124 s measured on a shared machine at load 23,
    // past the suite's 180 s hook bound once the browsers start too.
  }, 420_000);

  afterAll(async () => {
    await alice?.close();
    await bob?.close();
    await server?.kill();
    await sites?.close();
  });

  test('the options page says what is wrong with a bad token, and connects with a good one', async () => {
    const options = await alice.browser.newPage();
    await options.goto(`chrome-extension://${alice.extensionId}/options.html`);
    await options.waitForSelector('[data-testid=server-settings] input[type=url]');
    await options.type('[data-testid=server-settings] input[type=url]', server.baseUrl);
    await options.type('[data-testid=server-settings] input[type=password]', `${reps[0]!.token.slice(0, -4)}AAAA`);
    await options.$$eval('[data-testid=server-settings] button', (buttons) => (buttons.find((b) => b.textContent === 'Test connection') as HTMLButtonElement).click());
    await waitForText(options, '[data-testid=connection-verdict]', 'The server refused this token.');
    await options.close();
    await connect(alice, reps[0]!.token);
    await connect(bob, reps[1]!.token);
  });

  test('a note written in one browser reaches the server once and shows in the teammate’s sidebar', async () => {
    const aliceTab = await alice.browser.newPage();
    await aliceTab.goto(sites.url('www.acme-robotics.com'));
    alicePanel = await alice.openSidePanel(aliceTab);
    await alicePanel.waitForSelector('[data-testid=create-from-page]');
    await alicePanel.click('[data-testid=create-from-page]');
    await waitForText(alicePanel, '[data-testid=account-card]', 'Acme Robotics');
    await writeNote(alicePanel, 'Alice: budget confirmed by the CFO.');
    await expect.poll(() => notesOnServer('Alice: budget confirmed by the CFO.').then((n) => n.length), { timeout: 15_000, interval: 250 }).toBe(1);

    const bobTab = await bob.browser.newPage();
    await bobTab.goto(sites.url('www.acme-robotics.com'));
    bobPanel = await bob.openSidePanel(bobTab);
    await waitForText(bobPanel, '[data-testid=account-card]', 'Acme Robotics');
    await waitForText(bobPanel, '[data-testid=timeline-item]', 'Alice: budget confirmed by the CFO.');
    await waitForText(bobPanel, '[data-testid=timeline-item]', 'by Alice Chen');
    await waitForText(bobPanel, '[data-testid=sync-summary]', 'Live');
  });

  test('a teammate’s change shows while the sidebar stays open, without a refresh', async () => {
    const text = 'Alice: pilot kickoff moved to Monday.';
    const saved = Date.now();
    await writeNote(alicePanel, text);
    // Arrival is what this asserts; how fast is measured by bench/sync/live-latency.ts (the
    // 2 s target), since a shared machine's load makes a timed assertion here flaky.
    await waitForText(bobPanel, '[data-testid=timeline-item]', text);
    console.log(`teammate's note on screen ${Date.now() - saved} ms after Ctrl+Enter (includes the ${500} ms write debounce)`);
    expect(await notesOnServer(text)).toHaveLength(1);
  });

  test('notes written while the server is down arrive exactly once when it is back', async () => {
    await server.kill();
    const offline = ['Offline 1: called procurement from the train.', 'Offline 2: they want a second demo.'];
    for (const text of offline) await writeNote(alicePanel, text);
    await waitForText(alicePanel, '[data-testid=sync-summary]', 'waiting to sync');
    await alicePanel.$$eval('[data-testid=sync-status] button', (buttons) => (buttons[0] as HTMLButtonElement).click());
    // The network is up, so this is the server's silence, not "offline".
    await waitForText(alicePanel, '[data-testid=sync-status]', 'The team server is not answering');
    // Several failed attempts: a backoff of minutes, which the server's return must cut short.
    for (let attempt = 0; attempt < 4; attempt++) {
      await alicePanel.$$eval('[data-testid=sync-status] button', (buttons) => (buttons[0] as HTMLButtonElement).click());
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    // Nobody clicks anything: the live stream's reconnect (or the probe) sends the notes. The
    // bound is generous for a loaded machine; bench/sync/outage-recovery.ts measures the delay.
    await server.restart();
    const back = Date.now();
    await waitForText(alicePanel, '[data-testid=sync-summary]', 'Up to date', 60_000);
    for (const text of offline) await waitForText(bobPanel, '[data-testid=timeline-item]', text, 60_000);
    console.log(`notes written during the outage on the teammate's screen ${Date.now() - back} ms after the server answered`);
    for (const text of offline) expect(await notesOnServer(text)).toHaveLength(1);
    // Nothing doubled on either side.
    const bobBodies = await bobPanel.$$eval('[data-testid=timeline-item] .sn-activity__body', (items) => items.map((item) => item.textContent));
    for (const text of offline) expect(bobBodies.filter((body) => body === text)).toHaveLength(1);
  });
});
