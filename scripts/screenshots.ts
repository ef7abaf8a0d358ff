// Renders the README screenshot from the real built extension in the real side panel:
// npx tsx scripts/screenshots.ts (needs the shipped build: npx wxt build). A toolbar click reads the page, as for a rep.
// It shows the first screen at 400×860 on a mail thread with three participants, as the
// first-screen e2e spec measures it (test/e2e/first-screen.e2e.test.ts).
import { mkdir } from 'node:fs/promises';
import { launchWithExtension } from '../test/e2e/support/chromium';
import { clickButton, setField } from '../test/e2e/support/form';
import { expandPicker } from '../test/e2e/support/panel';
import { startFixtureSites } from '../test/e2e/support/sites';

const sites = await startFixtureSites();
const chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
try {
  await mkdir('docs', { recursive: true });
  const tab = await chromium.browser.newPage();
  await tab.goto(sites.url('www.acme-robotics.com'));
  let panel = await chromium.openSidePanel(tab);
  await panel.waitForSelector('[data-testid=create-from-page]');
  await panel.click('[data-testid=create-from-page]');
  await panel.waitForSelector('[data-testid=account-card]');
  await panel.waitForSelector('#sn-deals-title button');
  await panel.$$eval('#sn-deals-title button', (buttons) => (buttons[0] as HTMLButtonElement).click());
  await panel.waitForSelector('form[aria-label="Add deal"]');
  await setField(panel, 'form[aria-label="Add deal"] input[required]', 'Pilot cell, Suzhou plant');
  await setField(panel, 'form[aria-label="Add deal"] input[inputmode=decimal]', '480000');
  await setField(panel, 'form[aria-label="Add deal"] select', 'proposal');
  await panel.$eval('form[aria-label="Add deal"] button[type=submit]', (b) => (b as HTMLButtonElement).click());
  await panel.waitForFunction(() => document.body.innerText.includes('Pilot cell, Suzhou plant'));

  const mail = await chromium.browser.newPage();
  await mail.goto(sites.url('mail.google.com', '/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx'));
  panel = await chromium.openSidePanel(mail);
  await panel.setViewport({ width: 400, height: 860 });
  await panel.waitForSelector('[data-testid=account-card]');
  await expandPicker(panel);
  for (const name of ['Zhang Min', 'Li Wei']) {
    await panel.waitForFunction((want) => document.querySelector('[data-testid=participant-picker]')!.textContent!.includes(want), {}, `Add ${name} as contact`);
    await clickButton(panel, '[data-testid=participant-picker]', `Add ${name} as contact`);
    await panel.waitForSelector('form[aria-label="Add contact"]');
    await panel.$eval('form[aria-label="Add contact"] button[type=submit]', (b) => (b as HTMLButtonElement).click());
    await panel.waitForFunction(() => !document.querySelector('form[aria-label="Add contact"]'));
  }
  await panel.click('[data-testid=picker-summary]');
  await panel.waitForSelector('[data-testid=next-step]');
  await panel.focus('[data-testid=composer-body]');
  await panel.keyboard.type('Zhang Min wants the pilot scope before the CFO signs; Li Wei confirmed Q3 budget.');
  await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await panel.evaluate(() => window.scrollTo(0, 0));
  await new Promise((resolve) => setTimeout(resolve, 500));
  await panel.screenshot({ path: 'docs/sidebar.png' });
  console.log('wrote docs/sidebar.png');
} finally {
  await chromium.close();
  await sites.close();
}
