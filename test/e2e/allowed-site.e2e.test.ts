import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { E2E_GRANTED_HOSTS } from './support/hosts';
import { expandPicker, panelText, waitForPanelText } from './support/panel';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * Sites the rep allowed with "Let Sidenote read …" are read with no click at all: the panel
 * stays open while the rep moves between tabs, and each allowed site is read in full.
 *
 * This is the one spec that installs the **pre-granted** build (support/hosts.ts). The step
 * it needs it for is the grant itself: the rep's "Allow" in Chrome's permission prompt, which
 * headless Chromium cannot answer (`permissions.request` stays pending), so the build grants
 * www.acme-robotics.com and mail.google.com at install instead. Everything a click can do is
 * tested on the shipped build (first-click, capture, funnel, sync specs).
 */
describe.skipIf(!hasChromium)('allowed sites are read without a click (pre-granted build)', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;

  const waitForText = (selector: string, expected: string) => waitForPanelText(panel, selector, expected);

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'pre-granted' });
    // The panel is opened on a site that is not allowed; every read after this has no click behind it.
    const globex = await chromium.browser.newPage();
    await globex.goto(sites.url('www.globex.cn'));
    panel = await chromium.openSidePanel(globex);
    await waitForText('[data-testid=create-from-page]', 'Create account “格洛贝克斯科技有限公司”');
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('registers the page reader for exactly the allowed sites', async () => {
    const worker = await chromium.worker();
    const registered = await worker.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> } } }).chrome;
      return api.scripting.getRegisteredContentScripts();
    });
    expect(registered.map((script) => script.id)).toEqual(['sidenote-page-reader']);
    expect([...(registered[0]!.matches ?? [])].sort()).toEqual([...E2E_GRANTED_HOSTS].sort());
  });

  test('a new tab on an allowed company site is read in full as soon as the rep switches to it', async () => {
    const acme = await chromium.browser.newPage();
    await acme.goto(sites.url('www.acme-robotics.com'));
    await acme.bringToFront();
    await waitForText('[data-testid=create-from-page]', 'Create account “Acme Robotics”');
    expect(await panelText(panel, '[data-testid=page-context]')).not.toContain('Let Sidenote read');
    // A single-page navigation there is announced by the registered reader.
    await acme.click('#about-link');
    await waitForText('[data-testid=page-context]', 'About Acme Robotics');
  });

  test('an allowed webmail thread is read with no click: its participants’ company is offered', async () => {
    const mail = await chromium.browser.newPage();
    await mail.goto(sites.url('mail.google.com', '/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx'));
    await mail.bringToFront();
    await waitForText('[data-testid=page-context]', 'Re: Pilot pricing for Q3');
    // Only the thread's participants (zhang.min@acme-robotics.com …) name Acme; the tab says Gmail.
    await waitForText('[data-testid=create-from-page]', 'Create account “Acme Robotics”');
    // Offered once: the picker does not repeat the page's own offer (it used to, word for word).
    await expandPicker(panel);
    const offers = await panel.$$eval('.sn-main button', (buttons) => buttons.filter((button) => (button as HTMLElement).innerText.includes('Create account “Acme Robotics”')).length);
    expect(offers).toBe(1);
    expect(await panel.$('[data-testid=allow-site]')).toBeNull();
  });
});
