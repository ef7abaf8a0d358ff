import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { describeFindings, seriousAxeFindings } from './support/axe';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { setField } from './support/form';
import { expandPicker, waitForPanelText } from './support/panel';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * axe-core on the shipped build's real side panel (account card with guidance, search,
 * pipeline, the shortcuts dialog, an open form) and the options page, in English and
 * Chinese: no critical or serious violation anywhere.
 */
describe.skipIf(!hasChromium)('accessibility: axe-core finds nothing critical or serious', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;
  let options: Page;
  let mail: Page;

  const setLanguage = async (language: 'en' | 'zh-CN') => {
    await panel.evaluate(async (value) => {
      await (globalThis as unknown as { chrome: { storage: { sync: { set(items: object): Promise<void> } } } }).chrome.storage.sync.set({ language: value });
    }, language);
    await panel.waitForFunction((lang) => document.documentElement.lang === lang, {}, language);
  };

  /** Every view of the panel a rep passes through, each checked as it stands. */
  const checkPanelViews = async (language: string) => {
    const findings: string[] = [];
    const check = async (view: string) => {
      const found = await seriousAxeFindings(panel);
      if (found.length) findings.push(describeFindings(`${language} ${view}`, found));
    };
    await panel.evaluate(() => window.scrollTo(0, 0));
    await panel.waitForSelector('[data-testid=funnel-guidance] .sn-suggestion');
    await check('account card');

    await expandPicker(panel);
    await check('account card, picker open');
    await panel.click('[data-testid=picker-summary]');

    await panel.waitForSelector('#sn-contacts-title button');
    await panel.$$eval('#sn-contacts-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
    await panel.waitForSelector('#sn-section-contacts form');
    await check('contact form');
    await panel.$eval('#sn-section-contacts form input', (input) => (input as HTMLInputElement).focus());
    await panel.keyboard.press('Escape');
    await panel.waitForFunction(() => !document.querySelector('#sn-section-contacts form'));

    await setField(panel, '[data-testid=funnel-guidance] select.sn-stagepicker__select', 'won');
    await panel.click('[data-testid=funnel-guidance] .sn-stagepicker button[type=submit]');
    await panel.waitForSelector('[data-testid=funnel-guidance] .sn-stagepicker__confirm');
    await check('stage move confirmation');
    await panel.keyboard.press('Escape');
    await panel.waitForFunction(() => !document.querySelector('.sn-stagepicker__confirm'));

    await panel.focus('input[type=search], .sn-search input');
    await panel.keyboard.type('acme');
    await panel.waitForSelector('.sn-result');
    await check('search');
    await panel.keyboard.press('Escape');

    await panel.click('.sn-header button[aria-pressed]');
    await panel.waitForSelector('.sn-pipeline, [data-testid=pipeline]');
    await check('pipeline');
    await panel.click('.sn-header button[aria-pressed]');

    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('?');
    await panel.waitForSelector('dialog[open] [data-testid=browser-shortcuts], dialog[open] .sn-shortcuts');
    await check('shortcuts dialog');
    await panel.keyboard.press('Escape');
    await panel.waitForFunction(() => !document.querySelector('dialog[open]'));
    return findings;
  };

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    const acme = await chromium.browser.newPage();
    await acme.goto(sites.url('www.acme-robotics.com'));
    panel = await chromium.openSidePanel(acme);
    await panel.setViewport({ width: 400, height: 860 });
    await waitForPanelText(panel, '[data-testid=create-from-page]', 'Acme Robotics');
    await panel.click('[data-testid=create-from-page]');
    await waitForPanelText(panel, '[data-testid=account-card]', 'Acme Robotics');
    await panel.waitForSelector('#sn-deals-title button');
    // The card's lower sections render after its first paint.
    await panel.waitForSelector('#sn-deals-title button');
    await panel.$$eval('#sn-deals-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
    await panel.waitForSelector('form[aria-label="Add deal"]');
    await setField(panel, 'form[aria-label="Add deal"] input[required]', 'Pilot cell, Suzhou plant');
    await panel.$eval('form[aria-label="Add deal"] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForPanelText(panel, '#sn-section-deals', 'Pilot cell, Suzhou plant');

    mail = await chromium.browser.newPage();
    await mail.goto(sites.url('mail.google.com', '/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx'));
    panel = await chromium.openSidePanel(mail);
    await panel.setViewport({ width: 400, height: 860 });
    await waitForPanelText(panel, '[data-testid=account-card]', 'Acme Robotics');

    options = await chromium.browser.newPage();
    await options.goto(`chrome-extension://${chromium.extensionId}/options.html`);
    await options.waitForSelector('h1');
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test.each(['en', 'zh-CN'] as const)('the side panel in %s: account, picker, forms, stage confirmation, search, pipeline, shortcuts dialog', async (language) => {
    // The panel follows the active tab: bring the thread back from the options page.
    await mail.bringToFront();
    await waitForPanelText(panel, '[data-testid=account-card]', 'Acme Robotics');
    await setLanguage(language);
    const findings = await checkPanelViews(language);
    expect(findings.join('\n')).toBe('');
  });

  test.each(['en', 'zh-CN'] as const)('the options page in %s', async (language) => {
    await setLanguage(language);
    await options.reload();
    await options.waitForFunction((lang) => document.documentElement.lang === lang, {}, language);
    await options.waitForSelector('h1');
    const findings = await seriousAxeFindings(options);
    expect(describeFindings(`${language} options`, findings)).toBe('');
  });
});
