import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { FIXTURE_PAGES, loadFixturePage } from '../../test/fixtures/pages/load';
import { extractPageContext } from '../context/extract';
import { parseMessage } from '../messaging/protocol';
import {
  PAGE_READER_SCRIPT_FILE,
  PAGE_READER_SCRIPT_ID,
  describeSitePattern,
  listGrantedSites,
  readTabContext,
  requestHostAccess,
  revokeHostAccess,
  siteScopeOf,
  sitePatternFor,
  syncPageReaderRegistration,
  type HostAccessApi,
  type RegisteredScript,
} from './host-access';

// The real API must fit the slice this module uses (checked by tsc).
const realApi: HostAccessApi = browser;
void realApi;

interface FakeTab {
  url: string;
  fixture?: string;
  /** A page reader is already running in the tab. */
  reader: boolean;
  /** Whether injecting is allowed here without a grant (activeTab after a toolbar click). */
  activeTab?: boolean;
  restricted?: boolean;
  /** The page breaks the reader (a frame still loading, a crash). */
  broken?: boolean;
}

/**
 * An in-memory browser for permissions, scripting and tab messaging, which WXT's fakeBrowser
 * leaves unimplemented. Injection and messaging follow the browser's rules: a tab can be
 * scripted when a granted pattern matches it or activeTab was granted for it.
 */
function createFakeBrowser(tabs: Record<number, FakeTab>, options: { userAccepts?: boolean } = {}) {
  const granted = new Set<string>();
  const scripts = new Map<string, RegisteredScript>();
  const calls: string[] = [];
  const matchesPattern = (pattern: string, url: string) => {
    const target = new URL(url);
    const host = /^[^:]+:\/\/([^/]+)\//.exec(pattern)?.[1] ?? '';
    if (host === '*') return true;
    if (host.startsWith('*.')) return target.hostname === host.slice(2) || target.hostname.endsWith(host.slice(1));
    return target.hostname === host;
  };
  const canScript = (tab: FakeTab) => !tab.restricted && (tab.activeTab || [...granted].some((pattern) => matchesPattern(pattern, tab.url)));
  const read = (tab: FakeTab) => {
    const { document, url } = loadFixturePage(tab.fixture ?? FIXTURE_PAGES.companyCnContact);
    return extractPageContext(document, url);
  };
  const api: HostAccessApi = {
    permissions: {
      request: async ({ origins }) => {
        calls.push(`request ${origins.join(',')}`);
        if (!options.userAccepts) return false;
        origins.forEach((origin) => granted.add(origin));
        return true;
      },
      remove: async ({ origins }) => origins.map((origin) => granted.delete(origin)).some(Boolean),
      contains: async ({ origins }) => origins.every((origin) => granted.has(origin)),
      getAll: async () => ({ origins: [...granted] }),
    },
    scripting: {
      executeScript: async ({ target, files }) => {
        const tab = tabs[target.tabId]!;
        calls.push(`inject ${files.join(',')}`);
        if (tab.restricted) throw new Error('Cannot access a chrome:// URL');
        if (tab.broken) throw new Error('Frame with ID 0 was removed.');
        if (!canScript(tab)) throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
        tab.reader = true;
        return [{ result: read(tab) }];
      },
      registerContentScripts: async (list) => {
        for (const script of list) {
          if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          scripts.set(script.id, script);
        }
        calls.push('register');
      },
      updateContentScripts: async (list) => {
        for (const script of list) scripts.set(script.id, { ...scripts.get(script.id)!, ...script });
        calls.push('update');
      },
      unregisterContentScripts: async (filter) => {
        for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
        calls.push('unregister');
      },
      getRegisteredContentScripts: async (filter) => [...scripts.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)),
    },
    tabs: {
      sendMessage: async (tabId, message) => {
        const tab = tabs[tabId]!;
        calls.push(`message ${message.type}`);
        if (!tab.reader) throw new Error('Could not establish connection. Receiving end does not exist.');
        return parseMessage(message)?.type === 'page/read' ? read(tab) : undefined;
      },
    },
  };
  return { api, granted, scripts, calls };
}

describe('sitePatternFor', () => {
  it.each([
    ['https://www.huaxin-tech.com.cn/about/contact.html', '*://*.huaxin-tech.com.cn/*'],
    ['http://shop.acme.com/', '*://*.acme.com/*'],
    // Platforms only on the exact host: reading Gmail must not grant all of google.com.
    ['https://mail.google.com/mail/u/0/#inbox', '*://mail.google.com/*'],
    ['https://www.linkedin.com/in/someone/', '*://www.linkedin.com/*'],
    ['http://127.0.0.1:8080/page', '*://127.0.0.1/*'],
    ['chrome://extensions', null],
    ['about:blank', null],
    ['not a url', null],
  ])('%s → %s', (url, pattern) => expect(sitePatternFor(url)).toBe(pattern));

  it('names patterns for people', () => {
    expect(describeSitePattern('*://*.acme.com/*')).toBe('*.acme.com');
    expect(describeSitePattern('*://mail.google.com/*')).toBe('mail.google.com');
    expect(describeSitePattern('*://*/*')).toBe('*');
  });

  it.each([
    ['https://mail.google.com/mail/u/0/#inbox', { host: 'mail.google.com', withSubdomains: false }],
    ['https://www.globex.cn/', { host: 'globex.cn', withSubdomains: true }],
    ['https://www.huaxin-tech.com.cn/about', { host: 'huaxin-tech.com.cn', withSubdomains: true }],
  ])('the scope "allow this site" names for %s is what it asks for: %j', (url, scope) => {
    expect(siteScopeOf(sitePatternFor(url)!)).toEqual(scope);
  });

  it('names no site for the all-sites patterns', () => {
    expect(siteScopeOf('*://*/*')).toBeNull();
    expect(siteScopeOf('<all_urls>')).toBeNull();
  });
});

describe('requestHostAccess', () => {
  it('asks synchronously, inside the user gesture, before anything is awaited', () => {
    const { api, calls } = createFakeBrowser({}, { userAccepts: true });
    void requestHostAccess(api, 'https://www.acme.com/pricing');
    expect(calls).toEqual(['request *://*.acme.com/*']);
  });

  it('registers the page reader for the granted site, persisted across sessions', async () => {
    const { api, scripts } = createFakeBrowser({}, { userAccepts: true });
    await expect(requestHostAccess(api, 'https://www.acme.com/pricing')).resolves.toEqual({ granted: true, pattern: '*://*.acme.com/*' });
    expect(scripts.get(PAGE_READER_SCRIPT_ID)).toEqual({
      id: PAGE_READER_SCRIPT_ID,
      js: ['content-scripts/page-reader.js'],
      matches: ['*://*.acme.com/*'],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
  });

  it('changes nothing when the rep declines', async () => {
    const { api, scripts } = createFakeBrowser({}, { userAccepts: false });
    await expect(requestHostAccess(api, 'https://www.acme.com/')).resolves.toEqual({ granted: false, pattern: '*://*.acme.com/*' });
    expect(scripts.size).toBe(0);
  });

  it('refuses pages no grant can cover without asking', async () => {
    const { api, calls } = createFakeBrowser({}, { userAccepts: true });
    await expect(requestHostAccess(api, 'chrome://settings')).resolves.toEqual({ granted: false, pattern: null });
    expect(calls).toEqual([]);
  });
});

describe('granted sites and the registered reader', () => {
  it('lists, updates and unregisters as sites are granted and revoked', async () => {
    const { api, scripts, calls } = createFakeBrowser({}, { userAccepts: true });
    await requestHostAccess(api, 'https://www.acme.com/');
    await requestHostAccess(api, 'https://mail.google.com/mail/u/0/');
    expect(await listGrantedSites(api)).toEqual([
      { pattern: '*://*.acme.com/*', label: '*.acme.com' },
      { pattern: '*://mail.google.com/*', label: 'mail.google.com' },
    ]);
    expect(scripts.get(PAGE_READER_SCRIPT_ID)?.matches).toEqual(['*://*.acme.com/*', '*://mail.google.com/*']);
    expect(calls.filter((call) => call === 'register' || call === 'update')).toEqual(['register', 'update']);

    await revokeHostAccess(api, '*://*.acme.com/*');
    expect(scripts.get(PAGE_READER_SCRIPT_ID)?.matches).toEqual(['*://mail.google.com/*']);
    await revokeHostAccess(api, '*://mail.google.com/*');
    expect(scripts.size).toBe(0);
    expect(await listGrantedSites(api)).toEqual([]);
  });

  it('is idempotent: syncing again with nothing changed writes nothing', async () => {
    const { api, granted, calls } = createFakeBrowser({});
    granted.add('*://*.acme.com/*');
    await syncPageReaderRegistration(api);
    calls.length = 0;
    await syncPageReaderRegistration(api);
    expect(calls).toEqual([]);
  });
});

describe('readTabContext', () => {
  it('asks the reader already in the tab first', async () => {
    const { api, calls } = createFakeBrowser({ 1: { url: 'https://mail.google.com/mail/u/0/#inbox/x', fixture: FIXTURE_PAGES.gmailConversation, reader: true } });
    const read = await readTabContext(api, { id: 1, url: 'https://mail.google.com/mail/u/0/#inbox/x', title: 'Gmail' });
    expect(read.source).toBe('content-script');
    expect(read.context.webmail?.subject).toBe('Re: Pilot pricing for Q3');
    expect(calls).toEqual(['message page/read']);
  });

  it('injects the page reader under activeTab and takes its result', async () => {
    const { api, calls } = createFakeBrowser({ 2: { url: 'http://www.huaxin-tech.com.cn/about/contact.html', reader: false, activeTab: true } });
    const read = await readTabContext(api, { id: 2, url: 'http://www.huaxin-tech.com.cn/about/contact.html', title: '联系我们' });
    expect(read.source).toBe('injected');
    expect(read.context.siteName).toBe('华信科技');
    expect(calls).toEqual(['message page/read', `inject ${PAGE_READER_SCRIPT_FILE}`]);
  });

  it('falls back to URL and title and says host access is missing, with what to request', async () => {
    const { api } = createFakeBrowser({ 3: { url: 'https://www.acme.com/team', reader: false } });
    const read = await readTabContext(api, { id: 3, url: 'https://www.acme.com/team', title: 'Team — Acme' });
    expect(read).toMatchObject({
      source: 'tab',
      reason: 'no-host-access',
      requestPattern: '*://*.acme.com/*',
      context: { url: 'https://www.acme.com/team', title: 'Team — Acme', domain: 'acme.com', kind: 'generic' },
    });
  });

  it('offers no grant for browser pages', async () => {
    const { api } = createFakeBrowser({ 4: { url: 'chrome://extensions', reader: false, restricted: true } });
    expect(await readTabContext(api, { id: 4, url: 'chrome://extensions', title: 'Extensions' })).toMatchObject({
      source: 'tab',
      reason: 'restricted-page',
      requestPattern: null,
    });
  });

  it('reports a read failure, not missing access, when the site is granted but the reader cannot run', async () => {
    const { api, granted } = createFakeBrowser({ 5: { url: 'https://www.acme.com/', reader: false, broken: true } });
    granted.add('*://*.acme.com/*');
    expect(await readTabContext(api, { id: 5, url: 'https://www.acme.com/', title: 'Acme' })).toMatchObject({
      source: 'tab',
      reason: 'read-failed',
      requestPattern: null,
      detail: 'Frame with ID 0 was removed.',
    });
  });

  it('waits for the registered reader of a granted site that is still loading instead of injecting a second one', async () => {
    const tabs = { 7: { url: 'https://www.acme.com/', reader: false } as FakeTab };
    const { api, granted, calls } = createFakeBrowser(tabs);
    granted.add('*://*.acme.com/*');
    // The registered reader starts at document_idle, a moment after the sidebar first asks.
    setTimeout(() => (tabs[7].reader = true), 30);
    const read = await readTabContext(api, { id: 7, url: 'https://www.acme.com/', title: 'Acme', status: 'loading' }, { timeoutMs: 100 });
    expect(read.source).toBe('content-script');
    expect(calls.filter((call) => call.startsWith('inject'))).toEqual([]);
  });

  it('does not hang on a tab whose reader never answers', async () => {
    const { api } = createFakeBrowser({ 6: { url: 'https://www.acme.com/', reader: true, activeTab: true } });
    api.tabs.sendMessage = () => new Promise(() => undefined);
    const read = await readTabContext(api, { id: 6, url: 'https://www.acme.com/', title: 'Acme' }, { timeoutMs: 20 });
    expect(read.source).toBe('injected');
  });
});
