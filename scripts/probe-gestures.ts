// Which gestures grant activeTab, for the ones headless Chromium cannot drive: keyboard
// commands (CDP key events never reach the browser's accelerators) and context-menu items (the
// native menu does not open headless). Runs the shipped build in a real Chromium window on a
// virtual X display and presses keys and mouse buttons with xdotool, as a rep would.
//   apt-get install -y xvfb xdotool && npx wxt build && npx tsx scripts/probe-gestures.ts
// Prints one line per gesture; the README's permission table quotes the result. PROBE_EXTENSION_DIR
// runs another unpacked build instead of .output/chrome-mv3.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Page, type WebWorker } from 'puppeteer-core';
import { CHROME_BUILDS, CHROMIUM_PATH } from '../test/e2e/support/chromium';
import { startFixtureSites } from '../test/e2e/support/sites';

const DISPLAY = process.env.PROBE_DISPLAY ?? ':93';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const xdotool = (...args: string[]) => execFileSync('xdotool', args, { env: { ...process.env, DISPLAY }, encoding: 'utf8' }).trim();

const xvfb = spawn('Xvfb', [DISPLAY, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
await sleep(500);
const sites = await startFixtureSites();
const browser = await puppeteer.launch({
  executablePath: CHROMIUM_PATH,
  headless: false,
  pipe: true,
  enableExtensions: true,
  userDataDir: mkdtempSync(path.join(tmpdir(), 'sidenote-probe-')),
  env: { ...process.env, DISPLAY },
  defaultViewport: null,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--window-position=0,0', '--window-size=1280,900', `--host-resolver-rules=${sites.hostResolverRules}`, '--lang=en-US'],
});

type Chrome = {
  tabs: { query(query: object): Promise<Array<{ id?: number; url?: string }>> };
  scripting: { executeScript(injection: object): Promise<Array<{ result?: unknown }>> };
  commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> };
};

try {
  const extensionId = await browser.installExtension(process.env.PROBE_EXTENSION_DIR ?? CHROME_BUILDS.shipped);
  const workerTarget = await browser.waitForTarget((target) => target.type() === 'service_worker' && target.url().includes(extensionId));
  const worker = (await workerTarget.worker()) as WebWorker;
  await sleep(500);
  const canRead = (host: string) =>
    worker.evaluate(async (wanted) => {
      const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
      const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url?.includes(wanted));
      if (tab?.id === undefined) return `no tab for ${wanted}`;
      try {
        // The extension's own page reader, as the sidebar injects it (a function here would carry tsx's helpers).
        await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['/content-scripts/page-reader.js'] });
        return 'granted';
      } catch (error) {
        return `refused (${String(error instanceof Error ? error.message : error).slice(0, 60)})`;
      }
    }, host);
  const panelOpen = async () => (await browser.targets()).some((target) => target.url().includes(`${extensionId}/sidepanel.html`));
  const closePanel = async () => {
    for (const target of await browser.targets()) if (target.url().includes('sidepanel.html')) await (await target.asPage())?.close();
  };
  const waitFor = async (probe: () => Promise<boolean>, ms = 5000) => {
    for (let waited = 0; waited < ms; waited += 100) {
      if (await probe()) return true;
      await sleep(100);
    }
    return false;
  };
  /** A fresh tab on a site with no grant, in front, with the browser window focused for the keyboard. */
  const freshTab = async (host: string): Promise<Page> => {
    await closePanel();
    for (const page of await browser.pages()) if (page.url().includes(host)) await page.close();
    const page = await browser.newPage();
    await page.goto(sites.url(host));
    await page.bringToFront();
    const windowId = xdotool('search', '--sync', '--onlyvisible', '--class', 'chromium').split('\n')[0]!;
    xdotool('windowfocus', '--sync', windowId);
    await sleep(300);
    return page;
  };

  const shortcuts = await worker.evaluate(async () => (globalThis as unknown as { chrome: Chrome }).chrome.commands.getAll());
  console.log('bound shortcuts:', shortcuts.map((command) => `${command.name}=${command.shortcut || '(unbound)'}`).join(', '));

  const report = async (gesture: string, host: string) => {
    const opened = await waitFor(panelOpen);
    await sleep(300);
    console.log(`${gesture}: panel ${opened ? 'opened' : 'did not open'}; page ${await canRead(host)}`);
  };

  await freshTab('www.acme-robotics.com');
  console.log(`before any gesture: page ${await canRead('www.acme-robotics.com')}`);

  for (const [gesture, keys] of [
    ['open-sidebar shortcut (_execute_action)', 'alt+shift+s'],
    ['focus-composer command', 'alt+shift+n'],
    ['log-call command', 'alt+shift+l'],
    ['search-accounts command', 'alt+shift+k'],
  ] as const) {
    await freshTab('www.acme-robotics.com');
    xdotool('key', '--clearmodifiers', keys);
    await report(`${gesture} (${keys})`, 'www.acme-robotics.com');
  }

  // Context menu: select a paragraph, right-click it, pick Sidenote's item by its label.
  const page = await freshTab('www.globex.cn');
  const point = await page.evaluate(() => {
    const paragraph = document.querySelector('p')!;
    const range = document.createRange();
    range.selectNodeContents(paragraph);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const rect = paragraph.getBoundingClientRect();
    return { x: Math.round(window.screenX + rect.left + 10), y: Math.round(window.screenY + (window.outerHeight - window.innerHeight) + rect.top + rect.height / 2) };
  });
  xdotool('mousemove', String(point.x), String(point.y));
  xdotool('click', '3');
  await sleep(800);
  // Chromium's menus take a mnemonic-less item by arrow keys: the extension's item sits just above "Inspect", the last item.
  xdotool('key', 'Up', 'Up', 'Return');
  await report('context-menu item "Log selection" (right-click, Up Up Enter)', 'www.globex.cn');
} finally {
  await browser.close();
  await sites.close();
  xvfb.kill();
}
