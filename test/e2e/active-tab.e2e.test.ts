import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page, WebWorker } from 'puppeteer-core';
import { hasChromium, launchWithExtension, type ExtensionBrowser } from './support/chromium';
import { startFixtureSites, type FixtureSites } from './support/sites';

/**
 * Which of the rep's gestures let Sidenote read a page, measured in this Chromium on the
 * shipped build (no site allowed). Each case asks the service worker to run a script in the
 * tab: that works only while the tab holds an activeTab grant. The README's permission table
 * is written from these results.
 *
 * Not driven here, because headless Chromium cannot: keyboard commands (CDP key events go to
 * the page, never to the browser's accelerators) and context-menu items (the native menu does
 * not open). Both call the same `openSidebarForTab` synchronously from their listeners, which
 * entrypoints/background.test.ts checks on a fake browser.
 */
describe.skipIf(!hasChromium)('gestures that grant activeTab in Chromium', () => {
  let sites: FixtureSites;
  let chromium: ExtensionBrowser;
  let worker: WebWorker;

  type Chrome = {
    tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
    scripting: { executeScript(injection: object): Promise<Array<{ result?: unknown }>> };
    sidePanel: { setPanelBehavior(behavior: object): Promise<void> };
  };

  /** Whether the extension may script the tab showing `host` right now: 'read' or the browser's refusal. */
  const canRead = (host: string) =>
    worker.evaluate(async (wanted) => {
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url?.includes(wanted));
      if (tab?.id === undefined) return `no tab for ${wanted}`;
      try {
        const [result] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: () => document.title });
        return typeof result?.result === 'string' ? 'read' : 'no result';
      } catch (error) {
        return String(error instanceof Error ? error.message : error);
      }
    }, host);

  const setChromeOpensPanelItself = (on: boolean) =>
    worker.evaluate((value) => (globalThis as unknown as { chrome: Chrome }).chrome.sidePanel.setPanelBehavior({ openPanelOnActionClick: value }), on);

  const closePanel = async () => {
    const target = (await chromium.browser.targets()).find((candidate) => candidate.url().includes(`${chromium.extensionId}/sidepanel.html`));
    await (await target?.asPage())?.close();
  };

  const openTab = async (host: string): Promise<Page> => {
    const page = await chromium.browser.newPage();
    await page.goto(sites.url(host));
    return page;
  };

  beforeAll(async () => {
    sites = await startFixtureSites();
    chromium = await launchWithExtension({ hostResolverRules: sites.hostResolverRules, build: 'shipped' });
    worker = await chromium.worker();
  });

  afterAll(async () => {
    await chromium?.close();
    await sites?.close();
  });

  test('opening a tab or switching to it grants nothing', async () => {
    const page = await openTab('www.globex.cn');
    await page.bringToFront();
    expect(await canRead('www.globex.cn')).toMatch(/Cannot access contents of the page|permission/i);
    await page.close();
  });

  test('a toolbar click that Chrome handles itself (openPanelOnActionClick) opens the panel but grants nothing', async () => {
    await setChromeOpensPanelItself(true);
    const page = await openTab('www.acme-robotics.com');
    await chromium.openSidePanel(page);
    expect(await canRead('www.acme-robotics.com')).toMatch(/Cannot access contents of the page|permission/i);
    await closePanel();
    await setChromeOpensPanelItself(false);
    await page.close();
  });

  test('a toolbar click handled by action.onClicked, which opens the panel with sidePanel.open({ tabId }), grants the tab', async () => {
    const page = await openTab('www.acme-robotics.com');
    await chromium.openSidePanel(page);
    expect(await canRead('www.acme-robotics.com')).toBe('read');
    await closePanel();
    await page.close();
  });

  test('the grant holds through a navigation on the same site and ends when the tab leaves for another site', async () => {
    const page = await openTab('www.acme-robotics.com');
    await chromium.openSidePanel(page);
    expect(await canRead('www.acme-robotics.com')).toBe('read');
    await page.goto(sites.url('www.acme-robotics.com', '/about'));
    expect(await canRead('www.acme-robotics.com')).toBe('read');
    await page.goto(sites.url('www.globex.cn'));
    await page.goto(sites.url('www.acme-robotics.com'));
    expect(await canRead('www.acme-robotics.com')).toMatch(/Cannot access contents of the page|permission/i);
    await closePanel();
    await page.close();
  });

  test('a grant is for the clicked tab only: another tab on the same site is not readable', async () => {
    const clicked = await openTab('www.acme-robotics.com');
    await chromium.openSidePanel(clicked);
    expect(await canRead('www.acme-robotics.com')).toBe('read');
    await clicked.close();
    const other = await openTab('www.acme-robotics.com');
    await other.bringToFront();
    expect(await canRead('www.acme-robotics.com')).toMatch(/Cannot access contents of the page|permission/i);
    await closePanel();
    await other.close();
  });
});
