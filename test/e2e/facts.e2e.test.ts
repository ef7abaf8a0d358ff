import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * What the rep writes becomes what the team knows (issue 9), on the shipped build: a Chinese
 * call note proposes its facts under the composer, the rep accepts two with the keyboard, and
 * the stage's "Find out" suggestions for them go while "What we know" shows the note's words.
 */
describe.skipIf(!hasChromium)('facts from a note in Chromium', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;

  const textOf = (selector: string) => panel.$eval(selector, (element) => (element as HTMLElement).innerText).catch(() => '');
  const waitFor = async (what: string, check: () => boolean | Promise<boolean>, timeout = 15_000) => {
    for (const started = Date.now(); Date.now() - started < timeout; await new Promise((resolve) => setTimeout(resolve, 100))) if (await check()) return;
    const main = await textOf('.sn-main');
    throw new Error(`Waited for ${what}\n--- panel ---\n${main.slice(0, 4000)}`);
  };
  const shows = (selector: string, text: string) => async () => (await textOf(selector)).includes(text);
  const activeChip = () => panel.evaluate(() => (document.activeElement?.getAttribute('data-testid') === 'fact-chip' ? (document.activeElement as HTMLElement).innerText : null));

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    const tab = await chromium.browser.newPage();
    await tab.goto(sites.url('www.acme-robotics.com'));
    panel = await chromium.openSidePanel(tab);
    await panel.waitForSelector('[data-testid=create-from-page]');
    await panel.click('[data-testid=create-from-page]');
    await waitFor('the account card', shows('[data-testid=account-card]', 'Acme Robotics'));
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('a Chinese call note: two proposals accepted by keyboard, their "Find out" steps go, the checklist quotes the note', async () => {
    await waitFor('the lead stage’s suggestions', shows('[data-testid=funnel-guidance]', 'Find out: Decision maker reached'));
    expect(await textOf('[data-testid=funnel-guidance]')).toContain('Find out: Intent and budget confirmed');
    await waitFor('the checklist', shows('[data-testid=what-we-know]', '0 of 4 known'));

    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type('拍板的是王总，预算 85 万，下周三前发报价');
    await waitFor('the proposals', async () => (await panel.$$('[data-testid=fact-chip]')).length >= 3);
    const labels = await panel.$$eval('[data-testid=fact-chip]', (chips) => chips.map((chip) => (chip as HTMLElement).innerText));
    expect(labels.slice(0, 2)).toEqual(['Decision maker 王总', 'Budget CN¥850,000']);
    // Proposed, not set: nothing is accepted until the rep says so.
    expect(await panel.$$eval('[data-testid=fact-chip][aria-pressed=true]', (chips) => chips.length)).toBe(0);

    await panel.keyboard.press('Tab');
    expect(await activeChip()).toBe('Decision maker 王总');
    await panel.keyboard.press('Enter');
    expect(await activeChip()).toBe('Budget CN¥850,000');
    await panel.keyboard.press('Enter');
    const accepted = await panel.$$eval('[data-testid=fact-chip][aria-pressed=true]', (chips) => chips.map((chip) => (chip as HTMLElement).innerText));
    expect(accepted).toEqual(['✓ Decision maker 王总', '✓ Budget CN¥850,000']);

    await panel.keyboard.down('Control');
    await panel.keyboard.press('Enter');
    await panel.keyboard.up('Control');
    await waitFor('the saved note', shows('[data-testid=timeline]', '拍板的是王总'));

    await waitFor('the checklist to fill', shows('[data-testid=what-we-know]', '2 of 4 known'));
    const checklist = await textOf('[data-testid=what-we-know]');
    expect(checklist).toContain('From a note: “预算 85 万”');
    expect(checklist).toContain('From a note: “拍板的是王总”');
    expect(checklist).toContain('CN¥850,000');
    await waitFor('the answered "Find out" steps to go', async () => !(await textOf('[data-testid=funnel-guidance]')).includes('Find out: Decision maker reached'));
    const guidance = await textOf('[data-testid=funnel-guidance]');
    expect(guidance).not.toContain('Find out: Intent and budget confirmed');
    expect(guidance).toContain('Find out: Fits our customer profile');
  }, 120_000);
});
