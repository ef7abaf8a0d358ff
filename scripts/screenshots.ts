// Renders the README screenshots from the real built extension in the real side panel:
// npx tsx scripts/screenshots.ts (needs the shipped build: npx wxt build). A toolbar click reads the page, as for a rep.
import { mkdir } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';
import { launchWithExtension } from '../test/e2e/support/chromium';
import { startFixtureSites } from '../test/e2e/support/sites';

async function setField(panel: Page, selector: string, value: string) {
  await panel.$eval(
    selector,
    (element, next) => {
      const input = element as HTMLInputElement;
      Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!.call(input, next);
      input.dispatchEvent(new Event(input.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
    },
    value,
  );
}

async function typeNote(panel: Page, text: string) {
  await panel.focus('[data-testid=composer-body]');
  await panel.keyboard.type(text);
  await panel.keyboard.down('Control');
  await panel.keyboard.press('Enter');
  await panel.keyboard.up('Control');
  await panel.waitForFunction((want) => document.body.innerText.includes(want), {}, text.slice(0, 30));
}

const sites = await startFixtureSites();
const chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
try {
  await mkdir('docs', { recursive: true });
  const tab = await chromium.browser.newPage();
  await tab.goto(sites.url('www.acme-robotics.com'));
  const panel = await chromium.openSidePanel(tab);
  await panel.setViewport({ width: 400, height: 1400 });
  await panel.waitForSelector('[data-testid=create-from-page]');
  await panel.click('[data-testid=create-from-page]');
  await panel.waitForSelector('[data-testid=account-card]');

  await panel.click('[data-testid=offer-add-contact]');
  await panel.waitForSelector('form[aria-label="Add contact"]');
  await setField(panel, 'form[aria-label="Add contact"] input[required]', 'Li Wei');
  await setField(panel, 'form[aria-label="Add contact"] select', 'decision_maker');
  await panel.$eval('form[aria-label="Add contact"] button[type=submit]', (b) => (b as HTMLButtonElement).click());
  await panel.waitForFunction(() => document.body.innerText.includes('Decision maker'));

  await panel.$$eval('#sn-deals-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
  await panel.waitForSelector('form[aria-label="Add deal"]');
  await setField(panel, 'form[aria-label="Add deal"] input[required]', 'Pilot cell, Suzhou plant');
  await setField(panel, 'form[aria-label="Add deal"] input[inputmode=decimal]', '480000');
  await setField(panel, 'form[aria-label="Add deal"] select', 'proposal');
  await panel.$eval('form[aria-label="Add deal"] button[type=submit]', (b) => (b as HTMLButtonElement).click());
  await panel.waitForFunction(() => document.body.innerText.includes('Pilot cell, Suzhou plant'));

  await typeNote(panel, 'Li Wei confirmed budget for Q3; CFO wants the pilot scope before signing.');
  await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await panel.keyboard.press('c');
  await panel.waitForFunction(() => document.querySelector('[role=tab][aria-selected=true]')?.textContent === 'Call');
  await panel.$eval('input[type=radio][value=connected]', (r) => (r as HTMLInputElement).click());
  await panel.type('input[placeholder="Minutes, or m:ss"]', '12:30');
  await typeNote(panel, 'Walked through the pilot timeline; send the scope document by Friday.');
  await panel.$$eval('.sn-toast .sn-link[aria-label]', (buttons) => buttons.forEach((button) => (button as HTMLButtonElement).click()));
  await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await panel.setViewport({ width: 400, height: 1100 });
  await panel.evaluate(() => window.scrollTo(0, 0));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await panel.screenshot({ path: 'docs/sidebar.png' });
  console.log('wrote docs/sidebar.png');
} finally {
  await chromium.close();
  await sites.close();
}
