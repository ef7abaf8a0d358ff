import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page, type WebWorker } from 'puppeteer-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * The builds a spec can install (see global-setup.ts). `shipped` is what a rep installs: no
 * host access until a click or an "allow this site". `pre-granted` adds the fixture sites of
 * support/hosts.ts as if the rep had allowed them, for the few steps that read a site with no
 * click at all (a headless browser cannot answer the permission prompt); a spec that uses it
 * says which step needs it.
 */
export const CHROME_BUILDS = {
  shipped: path.resolve(import.meta.dirname, '../../../.output/chrome-mv3'),
  'pre-granted': path.resolve(import.meta.dirname, '../../../.output/e2e/chrome-mv3'),
} as const;
export type ChromeBuild = keyof typeof CHROME_BUILDS;

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
  /**
   * Clicks the toolbar button on this page, as a rep does, and returns the real side panel:
   * the one that opens, or the one already open (a click must never close it).
   */
  openSidePanel(page: Page): Promise<Page>;
  /** The extension's service worker, started if it was stopped. */
  worker(): Promise<WebWorker>;
  close(): Promise<void>;
}

export async function launchWithExtension(options: { hostResolverRules: string; build: ChromeBuild; userDataDir?: string }): Promise<ExtensionBrowser> {
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
  const extensionId = await browser.installExtension(CHROME_BUILDS[options.build]);
  const isOurWorker = (target: { type(): string; url(): string }) => target.type() === 'service_worker' && target.url().startsWith(`chrome-extension://${extensionId}/`);
  const worker = async (): Promise<WebWorker> => {
    const target = await browser.waitForTarget(isOurWorker);
    const found = await target.worker();
    if (!found) throw new Error('The extension has no service worker');
    return found;
  };
  // A click before the background has registered its listeners is lost. main() registers
  // them all in one synchronous pass, so one of them being there means all are.
  for (let attempt = 0; ; attempt++) {
    const ready = await worker()
      .then((found) => found.evaluate(() => (globalThis as unknown as { chrome: { runtime: { onMessage: { hasListeners(): boolean } } } }).chrome.runtime.onMessage.hasListeners()))
      .catch(() => false);
    if (ready) break;
    if (attempt > 100) throw new Error('The background never registered its listeners');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  const openSidePanel = async (page: Page): Promise<Page> => {
    const extension = (await browser.extensions()).get(extensionId);
    if (!extension) throw new Error('The extension is not installed');
    await page.bringToFront();
    await page.triggerExtensionAction(extension);
    const target = await browser.waitForTarget((t) => t.url().includes(`${extensionId}/sidepanel.html`), { timeout: 15_000 });
    const panel = await target.asPage();
    if (!panel) throw new Error('The side panel has no page');
    await panel.waitForSelector('.sn-app');
    return panel;
  };

  return { browser, extensionId, userDataDir, openSidePanel, worker, close: () => browser.close() };
}
