import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { boxOf, clickButton, overlaps, setField } from './support/form';
import { waitForPanelText } from './support/panel';
import { startFixtureSites, type FixtureSites } from './support/sites';

/** The panel size the first screen is designed for: a side panel on a laptop screen. */
const PANEL = { width: 400, height: 860 };

/**
 * The first screen on a webmail thread with three participants, in the shipped build at
 * 400×860: who this is, what to write and what is next, without scrolling. Also the
 * keyboard and notice defects a rep meets there (c, G/P/D/T, toasts over Save, picker).
 */
describe.skipIf(!hasChromium)('the first screen on a mail thread, at 400×860', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;
  let acme: Page;
  const waitForText = (selector: string, expected: string) => waitForPanelText(panel, selector, expected);
  const checkedPeople = () => panel.$$eval('[data-testid=participant-picker] input[type=checkbox]', (boxes) => boxes.filter((box) => (box as HTMLInputElement).checked).length);

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });

    // The account and its open deal, made on the company's site.
    acme = await chromium.browser.newPage();
    await acme.goto(sites.url('www.acme-robotics.com'));
    panel = await chromium.openSidePanel(acme);
    await waitForText('[data-testid=create-from-page]', 'Create account “Acme Robotics”');
    await panel.click('[data-testid=create-from-page]');
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await panel.waitForSelector('#sn-deals-title button');
    // The card's lower sections render after its first paint.
    await panel.waitForSelector('#sn-deals-title button');
    await panel.$$eval('#sn-deals-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
    await panel.waitForSelector('form[aria-label="Add deal"]');
    await setField(panel, 'form[aria-label="Add deal"] input[required]', 'Pilot cell, Suzhou plant');
    await setField(panel, 'form[aria-label="Add deal"] input[inputmode=decimal]', '480000');
    await panel.$eval('form[aria-label="Add deal"] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await waitForText('#sn-section-deals', 'Pilot cell, Suzhou plant');

    const mail = await chromium.browser.newPage();
    await mail.goto(sites.url('mail.google.com', '/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx'));
    panel = await chromium.openSidePanel(mail);
    await panel.setViewport(PANEL);
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await panel.waitForSelector('[data-testid=picker-summary]');
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('adding two people from the folded picker keeps everyone ticked, and the line names them with the account and deal', async () => {
    await panel.click('[data-testid=picker-summary]');
    await waitForText('[data-testid=participant-picker]', 'Add Zhang Min as contact');
    await clickButton(panel, '[data-testid=participant-picker]', 'Add Zhang Min as contact');
    await panel.waitForSelector('form[aria-label="Add contact"]');
    await panel.$eval('form[aria-label="Add contact"] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await panel.waitForFunction(() => !document.querySelector('form[aria-label="Add contact"]'));
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid=participant-picker] input[type=checkbox]:checked').length === 1);

    await clickButton(panel, '[data-testid=participant-picker]', 'Add Li Wei as contact');
    await panel.waitForSelector('form[aria-label="Add contact"]');
    // Opening the form must not untick the people already ticked (it used to untick them all).
    expect(await checkedPeople()).toBe(1);
    await panel.$eval('form[aria-label="Add contact"] button[type=submit]', (button) => (button as HTMLButtonElement).click());
    await panel.waitForFunction(() => document.querySelectorAll('[data-testid=participant-picker] input[type=checkbox]:checked').length === 2);

    await panel.click('[data-testid=picker-summary]');
    const line = await panel.$eval('[data-testid=picker-summary]', (button) => (button as HTMLElement).innerText);
    expect(line).toContain('Zhang Min, Li Wei · Acme Robotics · Pilot cell, Suzhou plant');
    expect(await panel.$eval('[data-testid=picker-summary]', (button) => button.getAttribute('aria-expanded'))).toBe('false');
  });

  test('the composer starts within 320 px and the first next step is on screen, without scrolling', async () => {
    await panel.evaluate(() => window.scrollTo(0, 0));
    await panel.waitForSelector('[data-testid=next-step]');
    const composer = await boxOf(panel, '[data-testid=composer]');
    const step = await boxOf(panel, '[data-testid=next-step]');
    const body = await boxOf(panel, '[data-testid=composer-body]');
    console.log(`first screen at 400×860: composer top ${Math.round(composer.top)} px, first next step ${Math.round(step.top)}–${Math.round(step.bottom)} px, text field bottom ${Math.round(body.bottom)} px`);
    expect(composer.top).toBeLessThanOrEqual(320);
    expect(step.top).toBeGreaterThanOrEqual(0);
    expect(step.bottom).toBeLessThanOrEqual(PANEL.height);
    expect(body.bottom).toBeLessThanOrEqual(PANEL.height);
    expect(await panel.evaluate(() => window.scrollY)).toBe(0);
  });

  test('a save notice never covers the Save button', async () => {
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type('Sent the pilot scope to Zhang Min and Li Wei.');
    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await panel.waitForSelector('.sn-toast');
    const save = await boxOf(panel, '[data-testid=composer-save]');
    const toasts = await panel.$$eval('.sn-toast', (elements) => elements.map((element) => {
      const rect = element.getBoundingClientRect();
      return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
    }));
    expect(toasts.length).toBeGreaterThan(0);
    for (const toast of toasts) expect(overlaps(toast, save)).toBe(false);
    await panel.$$eval('.sn-toast button[aria-label]', (buttons) => buttons.forEach((button) => (button as HTMLButtonElement).click()));
  });

  test('sections are one key away: T scrolls to the timeline, which holds the note just saved', async () => {
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('t');
    await panel.waitForFunction(() => document.activeElement?.id === 'sn-section-timeline');
    const timeline = await boxOf(panel, '#sn-section-timeline');
    expect(timeline.top).toBeGreaterThanOrEqual(0);
    expect(timeline.top).toBeLessThan(PANEL.height);
    await waitForText('#sn-section-timeline', 'Sent the pilot scope to Zhang Min and Li Wei.');
  });

  test('c from far down the card puts the caret in the call form, on screen', async () => {
    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.keyboard.press('c');
    await waitForText('[role=tab][aria-selected=true]', 'Call');
    await panel.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'composer-body');
    await panel.waitForFunction(
      () => {
        // On screen means clear of the sticky search header and the sync footer too.
        const rect = document.activeElement!.getBoundingClientRect();
        const header = document.querySelector('.sn-header')!.getBoundingClientRect();
        const footer = document.querySelector('.sn-footer')?.getBoundingClientRect() ?? { top: innerHeight };
        return rect.top >= header.bottom && rect.top + 20 <= footer.top;
      },
      { timeout: 5000 },
    );
  });

  test('? lists the keys Chromium really bound, in words, and closing it hands focus back to the ? button', async () => {
    await panel.click('.sn-header button[aria-label="Keyboard shortcuts"]');
    await panel.waitForSelector('dialog[open] [data-testid=browser-shortcuts]');
    const listed = await panel.$eval('dialog[open] [data-testid=browser-shortcuts]', (section) => (section as HTMLElement).innerText);
    expect(listed).not.toContain('_execute_action');
    expect(listed).toContain('Open Sidenote (anywhere in the browser)');
    // Chromium binds at most four suggested keys; whatever it left unbound says so, with the way to set it.
    const bound = await chromium.worker().then((worker) =>
      worker.evaluate(async () => (await (globalThis as unknown as { chrome: { commands: { getAll(): Promise<Array<{ name: string; shortcut: string }>> } } }).chrome.commands.getAll()).map((command) => ({ name: command.name, shortcut: command.shortcut }))),
    );
    for (const command of bound) if (command.shortcut) expect(listed).toContain(command.shortcut);
    if (bound.some((command) => !command.shortcut)) expect(listed).toContain('Not set');
    await panel.keyboard.press('Escape');
    await panel.waitForFunction(() => !document.querySelector('dialog[open]'));
    expect(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Keyboard shortcuts');
  });

  test('on the matched company site too, the composer starts within 320 px with a next step on screen', async () => {
    await acme.bringToFront();
    await waitForText('[data-testid=page-context]', 'Acme Robotics');
    await panel.waitForFunction(() => !document.querySelector('[data-testid=picker-summary]') && document.querySelector('[data-testid=next-step]'));
    await panel.evaluate(() => window.scrollTo(0, 0));
    const composer = await boxOf(panel, '[data-testid=composer]');
    const step = await boxOf(panel, '[data-testid=next-step]');
    console.log(`first screen on the company site at 400×860: composer top ${Math.round(composer.top)} px, first next step ${Math.round(step.top)}–${Math.round(step.bottom)} px`);
    expect(composer.top).toBeLessThanOrEqual(320);
    expect(step.bottom).toBeLessThanOrEqual(PANEL.height);
  });

  test('at the narrow end, 360 px wide, the thread’s first screen still fits', async () => {
    const mail = (await chromium.browser.pages()).find((page) => page.url().includes('mail.google.com'))!;
    await mail.bringToFront();
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await panel.waitForSelector('[data-testid=picker-summary]');
    await panel.setViewport({ width: 360, height: PANEL.height });
    await panel.evaluate(() => window.scrollTo(0, 0));
    const composer = await boxOf(panel, '[data-testid=composer]');
    const step = await boxOf(panel, '[data-testid=next-step]');
    console.log(`first screen at 360×860: composer top ${Math.round(composer.top)} px, first next step ${Math.round(step.top)}–${Math.round(step.bottom)} px`);
    expect(composer.top).toBeLessThanOrEqual(320);
    expect(step.bottom).toBeLessThanOrEqual(PANEL.height);
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await panel.setViewport(PANEL);
  });
});
