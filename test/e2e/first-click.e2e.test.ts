import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { expandPicker, panelText, waitForPanelText } from './support/panel';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * The first minute of a rep who just installed Sidenote: the **shipped** build, no site
 * allowed, nothing pre-granted. The toolbar click is the only permission there is (Chrome
 * grants activeTab for it), so each step here starts from a click, exactly as a rep's would.
 */
describe.skipIf(!hasChromium)('the first click reads the page, in the shipped build', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let panel: Page;

  const waitForText = (selector: string, expected: string) => waitForPanelText(panel, selector, expected);
  const text = (selector: string) => panelText(panel, selector);
  const panelsOpen = async () => (await chromium.browser.targets()).filter((target) => target.url().includes(`${chromium.extensionId}/sidepanel.html`)).length;

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('installs with no host access: the shipped manifest asks for sites only at run time', async () => {
    const worker = await chromium.worker();
    const granted = await worker.evaluate(async () => (await (globalThis as unknown as { chrome: { permissions: { getAll(): Promise<{ origins?: string[] }> } } }).chrome.permissions.getAll()).origins ?? []);
    expect(granted).toEqual([]);
  });

  test('a toolbar click on a company site reads it: the site’s own name is offered for the new account, and its addresses are found', async () => {
    const tab = await chromium.browser.newPage();
    await tab.goto(sites.url('www.xinghe.com.cn'));
    panel = await chromium.openSidePanel(tab);
    await waitForText('[data-testid=page-context]', '星河智能 — 工业视觉检测与机器人集成');
    // The registered name comes from the page (Open Graph); from the address alone it would be "Xinghe".
    await waitForText('[data-testid=create-from-page]', 'Create account “深圳市星河智能科技有限公司”');
    expect(await text('[data-testid=page-context]')).not.toContain('Let Sidenote read');

    await panel.click('[data-testid=create-from-page]');
    await waitForText('[data-testid=account-card]', '深圳市星河智能科技有限公司');
    expect(await text('[data-testid=account-card]')).toContain('xinghe.com.cn');
    // The addresses are on the page, not in the tab's title or URL: the picker offers them as contacts.
    await expandPicker(panel);
    await waitForText('[data-testid=participant-picker]', 'Add chen.jing@xinghe.com.cn as contact');
    await waitForText('[data-testid=participant-picker]', 'Add bd@xinghe.com.cn as contact');
  });

  test('on a tab it may not read, the panel names the exact scope it would ask for; a toolbar click reads it and keeps the panel open', async () => {
    const tab = await chromium.browser.newPage();
    await tab.goto(sites.url('www.globex.cn'));
    await tab.bringToFront();
    // Switching tabs is no click on Sidenote: the address and title only, and the offer to allow the site.
    await waitForText('[data-testid=create-from-page]', 'Create account “Globex”');
    const allow = await panel.waitForSelector('[data-testid=allow-site]');
    const allowName = await allow!.evaluate((button) => button.getAttribute('aria-label') ?? (button as HTMLElement).innerText);
    expect(allowName).toContain('Let Sidenote read globex.cn and its subdomains');
    expect(await allow!.evaluate((button) => (button as HTMLElement).innerText)).toContain('globex.cn');

    // The panel is already open: the click must keep it open and read the page it granted.
    expect(await panelsOpen()).toBe(1);
    const again = await chromium.openSidePanel(tab);
    expect(again).toBe(panel);
    await waitForText('[data-testid=create-from-page]', 'Create account “格洛贝克斯科技有限公司”');
    expect(await text('[data-testid=page-context]')).not.toContain('Let Sidenote read');
    expect(await panelsOpen()).toBe(1);
    expect(panel.isClosed()).toBe(false);
  });

  test('on a Gmail thread, a toolbar click finds the participants, matches the thread to the account, and the thread can be logged', async () => {
    // The account the thread belongs to, made from its site with one click.
    const acme = await chromium.browser.newPage();
    await acme.goto(sites.url('www.acme-robotics.com'));
    await chromium.openSidePanel(acme);
    await waitForText('[data-testid=create-from-page]', 'Create account “Acme Robotics”');
    await panel.click('[data-testid=create-from-page]');
    await waitForText('[data-testid=account-card]', 'Acme Robotics');

    const mail = await chromium.browser.newPage();
    await mail.goto(sites.url('mail.google.com', '/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx'));
    await mail.bringToFront();
    await waitForText('[data-testid=page-context]', 'Re: Pilot pricing for Q3');
    // Before the click: the offer names the one host it asks for, never all of google.com.
    await waitForText('[data-testid=allow-site]', 'Let Sidenote read mail.google.com');
    expect(await text('[data-testid=allow-site]')).not.toContain('google.com and its subdomains');

    await chromium.openSidePanel(mail);
    await waitForText('[data-testid=account-card]', 'Acme Robotics');
    await expandPicker(panel);
    await waitForText('[data-testid=participant-picker]', 'Zhang Min');
    await waitForText('[data-testid=participant-picker]', 'Li Wei');
    expect(await panel.$('[data-testid=allow-site]')).toBeNull();

    await panel.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await panel.$$eval('[role=tab]', (tabs) => (tabs.find((tab) => tab.textContent === 'Email') as HTMLElement).click());
    await waitForText('[role=tab][aria-selected=true]', 'Email');
    await panel.focus('[data-testid=composer-body]');
    await panel.keyboard.type('Sent the pilot scope to Zhang Min.');
    await panel.$$eval('[data-testid=composer] button', (buttons) => {
      const button = buttons.find((candidate) => (candidate as HTMLElement).innerText.includes('Log this thread')) as HTMLButtonElement | undefined;
      if (!button) throw new Error('No "Log this thread" button');
      button.click();
    });
    await waitForText('[data-testid=timeline-item][data-activity-type=email]', 'Re: Pilot pricing for Q3');
    await waitForText('[data-testid=timeline-item][data-activity-type=email]', 'Sent the pilot scope to Zhang Min.');

    const stored = await panel.evaluate(
      () =>
        new Promise<Array<{ subject: string | null; captureKey: string | null }>>((resolve, reject) => {
          const open = indexedDB.open('sidenote');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('activities').objectStore('activities').getAll();
            request.onsuccess = () => resolve((request.result as Array<{ type: string; subject: string | null; captureKey: string | null }>).filter((a) => a.type === 'email'));
          };
        }),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.subject).toBe('Re: Pilot pricing for Q3');
    expect(stored[0]!.captureKey).toMatch(/thread/);
  });

  test('the first-run setup (loaded after the first paint) still offers itself on a fresh install, and saving it stores the profile', async () => {
    await panel.waitForSelector('section.sn-first-run');
    await panel.$$eval('section.sn-first-run button', (buttons) => (buttons.find((button) => (button as HTMLElement).innerText === 'Set up') as HTMLButtonElement).click());
    await panel.waitForSelector('form.sn-card input');
    const [name, email] = await panel.$$('form.sn-card input');
    await name!.type('Li Na');
    await email!.type('li.na@sidenote-e2e.example');
    await panel.$$eval('form.sn-card button', (buttons) => (buttons.find((button) => (button as HTMLElement).innerText === 'Save') as HTMLButtonElement).click());
    // Saved: the profile names the rep, so the first-run step goes away.
    await panel.waitForFunction(() => !document.querySelector('.sn-first-run, form.sn-card'), { timeout: 30_000 });
    const stored = await panel.evaluate(() => (globalThis as unknown as { chrome: { storage: { sync: { get(key: string): Promise<Record<string, unknown>> } } } }).chrome.storage.sync.get('profile'));
    expect(stored.profile).toEqual({ name: 'Li Na', email: 'li.na@sidenote-e2e.example', companyDomain: 'sidenote-e2e.example' });
  });
});
