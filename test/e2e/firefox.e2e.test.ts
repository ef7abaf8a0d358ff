import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parsePageContextResponse } from '../../lib/messaging/protocol';
import type { PageContext } from '../../lib/schemas';

/**
 * Firefox parity, in Debian's Firefox ESR driven over WebDriver BiDi: the shipped Firefox
 * build installs and reads nothing until the rep clicks its toolbar button (which opens the
 * sidebar and grants that tab) or allows a site; once allowed the page reader is registered
 * for that site, injected on demand, reads a local company page and a Gmail thread, and
 * announces single-page navigation.
 *
 * Observing a content script needs an extension page: BiDi will not navigate a tab to
 * moz-extension://, so the test opens the add-on's own page from the browser chrome
 * (`--remote-allow-system-access`) and calls the WebExtension API there, exactly as the
 * sidebar does. The rep's click on the permission prompt is the one step a headless browser
 * cannot take; the grant goes through Firefox's own permission store instead, which fires
 * `permissions.onAdded` in the add-on like a real grant.
 */

const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_DIR = path.resolve(import.meta.dirname, '../../.output/firefox-mv2');
const PAGES_DIR = path.resolve(import.meta.dirname, '../fixtures/pages');
const GECKO_ID = 'sidenote@sidenote.app';
/** Pinned so the test knows the add-on's moz-extension:// address. */
const ADDON_UUID = '5a1de0de-0000-4000-8000-00000000f1f0';
const COMPANY_HOST = 'www.huaxin-tech.com.cn';
const WEBMAIL_HOST = 'mail.google.com';
const PAGE_READER_FILE = '/content-scripts/page-reader.js';

const hasFirefox = existsSync(FIREFOX_PATH);
if (!hasFirefox) {
  const message = `Firefox ESR not found at ${FIREFOX_PATH}: the Firefox spec needs it (apt-get install -y firefox-esr, or set FIREFOX_PATH).`;
  if (process.env.CI) throw new Error(message);
  console.warn(`SKIPPED: ${message}`);
}

/** The fixture sites, by host name; Firefox resolves these names to this machine (network.dns.localDomains). */
const SITE_PAGES: Record<string, string> = {
  [COMPANY_HOST]: 'company-cn-contact.html',
  [WEBMAIL_HOST]: 'gmail-conversation.html',
};

interface Sites {
  url(host: string, pathname: string): string;
  close(): Promise<void>;
}

async function startSites(): Promise<Sites> {
  const handler = (request: http.IncomingMessage, response: http.ServerResponse) => {
    const page = SITE_PAGES[(request.headers.host ?? '').split(':')[0] ?? ''];
    if (!page || request.url === '/favicon.ico') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(readFileSync(path.join(PAGES_DIR, page)));
  };
  // mail.google.com is HSTS-preloaded: Firefox only goes there over HTTPS.
  const dir = mkdtempSync(path.join(tmpdir(), 'sidenote-ff-cert-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '2', '-subj', `/CN=${WEBMAIL_HOST}`], { stdio: 'ignore' });
  const plain = http.createServer(handler);
  const secure = https.createServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, handler);
  await Promise.all([new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve)), new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve))]);
  const httpPort = (plain.address() as AddressInfo).port;
  const httpsPort = (secure.address() as AddressInfo).port;
  return {
    url: (host, pathname) => (host === WEBMAIL_HOST ? `https://${host}:${httpsPort}${pathname}` : `http://${host}:${httpPort}${pathname}`),
    close: async () => {
      await Promise.all([new Promise((resolve) => plain.close(resolve)), new Promise((resolve) => secure.close(resolve))]);
    },
  };
}

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: Record<string, unknown> }>;
}

/** Runs privileged code in the browser window (the chrome scope), returning its JSON result. */
async function inBrowserChrome<T>(browser: Browser, body: string): Promise<T> {
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const tree = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = (tree.result.contexts as Array<{ context: string }>)[0]!.context;
  const { result } = await connection.send('script.evaluate', {
    expression: `(async () => JSON.stringify(await (async () => { ${body} })() ?? null))()`,
    target: { context },
    awaitPromise: true,
  });
  if (result.type !== 'success') throw new Error(`Privileged script failed: ${JSON.stringify(result).slice(0, 500)}`);
  return JSON.parse((result.result as { value: string }).value) as T;
}

/** The add-on's permission store, as the prompt's "Allow" writes it. */
const grantSite = (browser: Browser, pattern: string) =>
  inBrowserChrome(
    browser,
    `const { ExtensionPermissions } = ChromeUtils.importESModule('resource://gre/modules/ExtensionPermissions.sys.mjs');
     const policy = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)});
     await ExtensionPermissions.add(${JSON.stringify(GECKO_ID)}, { permissions: [], origins: [${JSON.stringify(pattern)}] }, policy.extension);
     return true;`,
  );

/** What the test calls in the extension page: the WebExtension API, typed loosely. */
interface AddonApi {
  tabs: { query(query: object): Promise<Array<{ id: number; url?: string }>>; sendMessage(tabId: number, message: unknown): Promise<unknown> };
  scripting: {
    executeScript(injection: object): Promise<Array<{ result?: unknown }>>;
    getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>>;
  };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  sidebarAction: { isOpen(details: object): Promise<boolean> };
  runtime: { onMessage: { addListener(listener: (message: unknown) => void): void } };
}
type AddonWindow = typeof globalThis & { browser: AddonApi; pageChanges?: unknown[] };

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

describe.skipIf(!hasFirefox)('Firefox ESR: the add-on installs and its page reader extracts context', () => {
  let sites: Sites;
  let browser: Browser;
  let companyTab: Page;
  let addonPage: Page;
  let companyTabId: number;

  const inAddon = <A extends unknown[], R>(fn: (...args: A) => Promise<R> | R, ...args: A) => addonPage.evaluate(fn as never, ...(args as unknown as never[])) as Promise<R>;
  const tabIdOf = (host: string) =>
    inAddon(async (wanted: string) => (await (globalThis as AddonWindow).browser.tabs.query({})).find((tab) => tab.url?.includes(wanted))?.id ?? null, host);
  const readTab = async (tabId: number): Promise<PageContext | null> =>
    parsePageContextResponse(await inAddon((id: number) => (globalThis as AddonWindow).browser.tabs.sendMessage(id, { type: 'page/read' }), tabId));

  beforeAll(async () => {
    if (!existsSync(path.join(ADDON_DIR, 'manifest.json'))) execFileSync('npx', ['wxt', 'build', '-b', 'firefox'], { stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
    sites = await startSites();
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      acceptInsecureCerts: true,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'xpinstall.signatures.required': false,
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: ADDON_UUID }),
        'network.dns.localDomains': Object.keys(SITE_PAGES).join(','),
        'intl.locale.requested': 'en-US',
      },
    });
    expect(await browser.installExtension(ADDON_DIR)).toBe(GECKO_ID);
    companyTab = await browser.newPage();
    await companyTab.goto(sites.url(COMPANY_HOST, '/about/contact.html?from=baidu'));

    const before = new Set(await browser.pages());
    await inBrowserChrome(
      browser,
      `const window = Services.wm.getMostRecentWindow('navigator:browser');
       window.gBrowser.addTab('moz-extension://${ADDON_UUID}/sidepanel.html', { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
       return true;`,
    );
    addonPage = await waitFor('the add-on page', async () => {
      for (const page of await browser.pages()) {
        if (before.has(page)) continue;
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.startsWith('moz-extension://')) return page;
      }
      return null;
    });
    companyTabId = await waitFor('the company tab', () => tabIdOf(COMPANY_HOST));
  });

  afterAll(async () => {
    await browser?.close();
    await sites?.close();
  });

  test('installs with a sidebar, the gecko id, and no host access or content script until the rep allows a site', async () => {
    const manifest = JSON.parse(readFileSync(path.join(ADDON_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.sidebar_action.default_panel).toBe('sidepanel.html');
    expect(manifest.browser_specific_settings.gecko.id).toBe(GECKO_ID);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.permissions.filter((permission: string) => permission.includes('://'))).toEqual([]);
    expect(existsSync(path.join(ADDON_DIR, PAGE_READER_FILE))).toBe(true);

    const granted = await inAddon(async () => (await (globalThis as AddonWindow).browser.permissions.getAll()).origins ?? []);
    expect(granted.filter((origin) => /^(\*|https?):/.test(origin))).toEqual([]);
    expect(await inAddon(() => (globalThis as AddonWindow).browser.scripting.getRegisteredContentScripts())).toEqual([]);
    // Nothing reads the page, and nothing can be injected into it.
    await expect(readTab(companyTabId)).rejects.toThrow();
    await expect(
      inAddon((id: number, file: string) => (globalThis as AddonWindow).browser.scripting.executeScript({ target: { tabId: id }, files: [file] }), companyTabId, PAGE_READER_FILE),
    ).rejects.toThrow(/permission|Missing host/i);
  });

  test('a toolbar click opens the sidebar (a second one keeps it open) and lets the add-on read that tab', async () => {
    await companyTab.bringToFront();
    const sidebarOpen = () => inAddon(() => (globalThis as AddonWindow).browser.sidebarAction.isOpen({}));
    // Firefox opens an add-on's sidebar once at install; the rep closes it.
    await inBrowserChrome(browser, `Services.wm.getMostRecentWindow('navigator:browser').SidebarController.hide(); return true;`);
    await waitFor('the sidebar to close', async () => ((await sidebarOpen()) ? null : true));
    await expect(
      inAddon((id: number, file: string) => (globalThis as AddonWindow).browser.scripting.executeScript({ target: { tabId: id }, files: [file] }), companyTabId, PAGE_READER_FILE),
    ).rejects.toThrow(/permission|Missing host/i);
    // Firefox's own click path: the same call its toolbar button and _execute_browser_action make,
    // which grants activeTab and runs onClicked as user input.
    const click = () =>
      inBrowserChrome(
        browser,
        `const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
         const extension = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension;
         const window = Services.wm.getMostRecentWindow('navigator:browser');
         await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
         return true;`,
      );
    await click();
    await waitFor('the sidebar to open', async () => ((await sidebarOpen()) ? true : null));
    const results = await inAddon(
      (id: number, file: string) => (globalThis as AddonWindow).browser.scripting.executeScript({ target: { tabId: id }, files: [file] }),
      companyTabId,
      PAGE_READER_FILE,
    );
    expect(parsePageContextResponse(results[0]?.result)).toMatchObject({ siteName: '华信科技', domain: 'huaxin-tech.com.cn' });
    await click();
    expect(await sidebarOpen()).toBe(true);
  });

  test('once the site is allowed, the reader is registered for it and, injected on demand, returns the page context', async () => {
    await grantSite(browser, `*://*.huaxin-tech.com.cn/*`);
    const scripts = await waitFor('the page reader registration', async () => {
      const registered = await inAddon(() => (globalThis as AddonWindow).browser.scripting.getRegisteredContentScripts());
      return registered.some((script) => script.matches?.includes('*://*.huaxin-tech.com.cn/*')) ? registered : null;
    });
    expect(scripts.map((script) => script.id)).toEqual(['sidenote-page-reader']);

    // The tab loaded before the grant: inject, as the sidebar does, and take the script's result.
    const results = await inAddon(
      (id: number, file: string) => (globalThis as AddonWindow).browser.scripting.executeScript({ target: { tabId: id }, files: [file] }),
      companyTabId,
      PAGE_READER_FILE,
    );
    const context = parsePageContextResponse(results[0]?.result);
    expect(context).toMatchObject({
      kind: 'generic',
      title: '联系我们 - 华信科技有限公司',
      siteName: '华信科技',
      domain: 'huaxin-tech.com.cn',
      canonicalUrl: sites.url(COMPANY_HOST, '/about/contact.html'),
    });
    expect(context?.emails.map((email) => email.address)).toEqual([
      'sales@huaxin-tech.com.cn',
      'marketing@huaxin-tech.com.cn',
      'webmaster@huaxin-tech.com.cn',
      'hr@huaxin-tech.com.cn',
      'support@huaxin-tech.com.cn',
    ]);
    expect(context?.phones).toEqual(['400-820-1234', '+86 10 6288 8888', '13800138000']);
  });

  test('on the next load the registered reader is already there and answers page/read with the selection', async () => {
    await companyTab.reload();
    await companyTab.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('h1')!);
      window.getSelection()!.addRange(range);
    });
    const context = await waitFor('page/read from the registered reader', () => readTab(companyTabId));
    expect(context).toMatchObject({ domain: 'huaxin-tech.com.cn', selection: '联系我们' });
  });

  test('announces a single-page navigation with page/changed', async () => {
    await inAddon(() => {
      const win = globalThis as AddonWindow;
      win.pageChanges = [];
      win.browser.runtime.onMessage.addListener((message) => {
        if ((message as { type?: string }).type === 'page/changed') win.pageChanges!.push(message);
      });
    });
    await companyTab.evaluate(() => {
      history.pushState({}, '', '/products/mes.html');
      document.title = 'MES 产品 - 华信科技';
      const section = document.createElement('section');
      section.innerHTML = '<a href="mailto:mes@huaxin-tech.com.cn">MES 销售</a>';
      document.body.append(section);
    });
    const change = await waitFor('page/changed after pushState', async () => {
      const changes = await inAddon(() => (globalThis as AddonWindow).pageChanges ?? []);
      return (changes as Array<{ context: PageContext }>).find((message) => message.context.url.endsWith('/products/mes.html')) ?? null;
    });
    expect(change.context.title).toBe('MES 产品 - 华信科技');
    expect(change.context.emails).toContainEqual({ address: 'mes@huaxin-tech.com.cn', name: 'MES 销售' });
  });

  test('reads the open Gmail thread once mail.google.com is allowed: subject, thread id, sender first', async () => {
    await grantSite(browser, '*://mail.google.com/*');
    await waitFor('the webmail registration', async () => {
      const registered = await inAddon(() => (globalThis as AddonWindow).browser.scripting.getRegisteredContentScripts());
      return registered.some((script) => script.matches?.includes('*://mail.google.com/*')) ? true : null;
    });
    const mailTab = await browser.newPage();
    await mailTab.goto(sites.url(WEBMAIL_HOST, '/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx'));
    const mailTabId = await waitFor('the Gmail tab', () => tabIdOf(WEBMAIL_HOST));
    const context = await waitFor('page/read on Gmail', () => readTab(mailTabId));
    expect(context.kind).toBe('webmail');
    expect(context.webmail).toMatchObject({ provider: 'gmail', threadId: 'thread-f:1790422511230011111', subject: 'Re: Pilot pricing for Q3' });
    expect(context.webmail?.participants[0]).toEqual({ address: 'zhang.min@acme-robotics.com.cn', name: 'Zhang Min', role: 'from' });
    expect(context.webmail?.participants.map((person) => person.address)).toContain('procurement@acme-robotics.com.cn');
  });

  test('the Firefox build passes web-ext lint with no errors; the only warnings are from Zod and React DOM', () => {
    const output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', ADDON_DIR, '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const report = JSON.parse(output.slice(output.indexOf('{'))) as { errors: unknown[]; warnings: Array<{ code: string; file?: string }>; notices: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.notices).toEqual([]);
    // Zod probes `Function('')` once to choose its fast path (refused by extension CSP, then
    // skipped); React DOM assigns innerHTML for its own markup. Anything else is ours to fix.
    for (const warning of report.warnings) expect(['DANGEROUS_EVAL', 'UNSAFE_VAR_ASSIGNMENT'], JSON.stringify(warning)).toContain(warning.code);
    expect(report.warnings.filter((warning) => warning.code === 'UNSAFE_VAR_ASSIGNMENT' && warning.file?.startsWith('content-scripts/'))).toEqual([]);
  });
});
