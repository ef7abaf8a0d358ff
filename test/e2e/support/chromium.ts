import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The end-to-end build (see global-setup.ts): the shipped extension plus the fixture sites pre-granted. */
export const CHROME_EXTENSION_DIR = path.resolve(import.meta.dirname, '../../../.output/e2e/chrome-mv3');

/** Present in CI (.ci/run installs it); on a laptop without it the browser specs skip and say why. */
export const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  const message = `Chromium not found at ${CHROMIUM_PATH}: end-to-end specs need it (apt-get install -y chromium, or set CHROMIUM_PATH).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
}

export interface ExtensionBrowser {
  browser: Browser;
  extensionId: string;
  userDataDir: string;
  /** Clicks the toolbar button on this page, as a rep does, and returns the real side panel. */
  openSidePanel(page: Page): Promise<Page>;
  close(): Promise<void>;
}

export async function launchWithExtension(options: { hostResolverRules: string; userDataDir?: string }): Promise<ExtensionBrowser> {
  const userDataDir = options.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'sidenote-profile-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    pipe: true,
    enableExtensions: true,
    userDataDir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--ignore-certificate-errors',
      `--host-resolver-rules=${options.hostResolverRules}`,
      '--lang=en-US',
    ],
  });
  const extensionId = await browser.installExtension(CHROME_EXTENSION_DIR);
  // The background sets "open the panel on toolbar click" when it starts; a click before that is lost.
  const workerTarget = await browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${extensionId}/`));
  const worker = await workerTarget.worker();
  const panelOpensOnClick = () =>
    worker!.evaluate(async () => {
      const api = (globalThis as { chrome?: { sidePanel?: { getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }> } } }).chrome;
      return Boolean(api?.sidePanel && (await api.sidePanel.getPanelBehavior()).openPanelOnActionClick);
    });
  for (let attempt = 0; !(await panelOpensOnClick().catch(() => false)); attempt++) {
    if (attempt > 100) throw new Error('The background never enabled opening the side panel from the toolbar');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const openSidePanel = async (page: Page): Promise<Page> => {
    const extension = (await browser.extensions()).get(extensionId);
    if (!extension) throw new Error('The extension is not installed');
    await page.bringToFront();
    const existing = (await browser.targets()).find((target) => target.url().includes(`${extensionId}/sidepanel.html`));
    if (existing) return (await existing.asPage())!;
    await page.triggerExtensionAction(extension);
    const target = await browser.waitForTarget((t) => t.url().includes(`${extensionId}/sidepanel.html`), { timeout: 15_000 });
    const panel = await target.asPage();
    if (!panel) throw new Error('The side panel has no page');
    await panel.waitForSelector('.sn-app');
    return panel;
  };

  return { browser, extensionId, userDataDir, openSidePanel, close: () => browser.close() };
}
