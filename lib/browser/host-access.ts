/**
 * Host access asked for at run time, per site the rep chooses, and the page reader that
 * follows it: registered for granted sites, injected into the active tab on demand (under
 * activeTab), and a plain URL-and-title context when neither is possible, with the reason,
 * so the sidebar can offer "allow on this site".
 *
 * The browser API is passed in (`browser` from wxt/browser in the extension, in-memory fakes
 * in tests) because WXT's fakeBrowser does not implement `permissions` or `scripting`.
 */
import { minimalPageContext } from '../context/extract';
import { PLATFORM_DOMAINS, registrableDomain } from '../context/domain';
import { parsePageContextResponse, type Message } from '../messaging/protocol';
import type { PageContext } from '../schemas';

/** The built page reader (entrypoints/page-reader.content), for `scripting.executeScript({ files })`. */
export const PAGE_READER_SCRIPT_FILE = '/content-scripts/page-reader.js' as const;
/** The id the page reader is registered under with `scripting.registerContentScripts`. */
export const PAGE_READER_SCRIPT_ID = 'sidenote-page-reader';
/** How long to wait for a content script that is already in the tab before injecting a fresh one. */
export const PAGE_READ_TIMEOUT_MS = 1500;
/** How often to ask a granted tab that is still loading before injecting a reader into it. */
const LOADING_RETRIES = 5;

export interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The slice of the WebExtension API this module needs; `browser` from wxt/browser satisfies it. */
export interface HostAccessApi {
  permissions: {
    request(permissions: { origins: string[] }): Promise<boolean>;
    remove(permissions: { origins: string[] }): Promise<boolean>;
    contains(permissions: { origins: string[] }): Promise<boolean>;
    getAll(): Promise<{ origins?: string[] }>;
  };
  scripting: {
    executeScript(injection: { target: { tabId: number }; files: Array<typeof PAGE_READER_SCRIPT_FILE> }): Promise<Array<{ result?: unknown }>>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
    updateContentScripts(scripts: Array<Partial<RegisteredScript> & { id: string }>): Promise<unknown>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
  };
  tabs: {
    sendMessage(tabId: number, message: Message): Promise<unknown>;
  };
}

/** Grants that are not one site: the manifest's "any site" pattern and `<all_urls>`. */
const ALL_SITES = new Set(['*://*/*', '<all_urls>', 'http://*/*', 'https://*/*']);

function parseHttpUrl(url: string | undefined | null): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * The match pattern to ask for when the rep allows "this site". A company site is granted
 * with its subdomains (`*://*.acme.com.cn/*` covers www., shop. and the bare domain); a
 * platform (webmail, LinkedIn) only on the exact host, since granting all of google.com to
 * read Gmail would be far more than the rep agreed to.
 */
export function sitePatternFor(url: string): string | null {
  const parsed = parseHttpUrl(url);
  if (!parsed) return null;
  const host = parsed.hostname.toLowerCase();
  const domain = registrableDomain(host);
  if (!domain || PLATFORM_DOMAINS.has(domain)) return `*://${host}/*`;
  return `*://*.${domain}/*`;
}

/** A short, readable name for a granted pattern: `*.acme.com.cn`, `mail.google.com`. */
export function describeSitePattern(pattern: string): string {
  if (ALL_SITES.has(pattern)) return '*';
  const host = /^[^:]+:\/\/([^/]+)\//.exec(pattern)?.[1];
  return host ?? pattern;
}

/** What a site grant covers, for the button that asks for it: one host, or a domain with its subdomains. */
export interface SiteScope {
  host: string;
  withSubdomains: boolean;
}

/** `*://*.globex.cn/*` → globex.cn with subdomains; `*://mail.google.com/*` → mail.google.com alone. */
export function siteScopeOf(pattern: string): SiteScope | null {
  if (ALL_SITES.has(pattern)) return null;
  const host = /^[^:]+:\/\/([^/]+)\//.exec(pattern)?.[1];
  if (!host) return null;
  return host.startsWith('*.') ? { host: host.slice(2), withSubdomains: true } : { host, withSubdomains: false };
}

/**
 * Asks for host access to the rep's chosen site. Call it straight from the click or key
 * handler: Firefox grants the prompt only while handling user input, so nothing may be
 * awaited before `permissions.request` runs. Re-registers the page reader when granted.
 */
export function requestHostAccess(api: HostAccessApi, url: string): Promise<{ granted: boolean; pattern: string | null }> {
  const pattern = sitePatternFor(url);
  if (!pattern) return Promise.resolve({ granted: false, pattern: null });
  const request = api.permissions.request({ origins: [pattern] });
  return request.then(async (granted) => {
    if (granted) await syncPageReaderRegistration(api);
    return { granted, pattern };
  });
}

export interface GrantedSite {
  pattern: string;
  label: string;
}

/** The sites the rep allowed, sorted by name. */
export async function listGrantedSites(api: HostAccessApi): Promise<GrantedSite[]> {
  const { origins = [] } = await api.permissions.getAll();
  return [...new Set(origins)]
    .filter((origin) => /^(\*|https?):\/\//.test(origin) || origin === '<all_urls>')
    .map((pattern) => ({ pattern, label: describeSitePattern(pattern) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** Takes back access to a site and stops reading it. */
export async function revokeHostAccess(api: HostAccessApi, pattern: string): Promise<boolean> {
  const removed = await api.permissions.remove({ origins: [pattern] });
  await syncPageReaderRegistration(api);
  return removed;
}

/**
 * Makes the registered page reader match exactly the granted sites: registers it, updates
 * its matches, or unregisters it when nothing is granted. Call on install and startup and
 * from `permissions.onAdded`/`onRemoved` (a grant can also be changed in the browser's own
 * extension settings). Registration persists across sessions, so this is cheap to repeat.
 */
export async function syncPageReaderRegistration(api: HostAccessApi): Promise<{ matches: string[] }> {
  const { origins = [] } = await api.permissions.getAll();
  const matches = [...new Set(origins.filter((origin) => /^(\*|https?):\/\//.test(origin) || origin === '<all_urls>'))].sort();
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [PAGE_READER_SCRIPT_ID] });
  const registered = existing.find((script) => script.id === PAGE_READER_SCRIPT_ID);
  if (matches.length === 0) {
    if (registered) await api.scripting.unregisterContentScripts({ ids: [PAGE_READER_SCRIPT_ID] });
    return { matches };
  }
  if (registered) {
    const same = [...(registered.matches ?? [])].sort().join('\n') === matches.join('\n');
    if (!same) await api.scripting.updateContentScripts([{ id: PAGE_READER_SCRIPT_ID, matches }]);
    return { matches };
  }
  await api.scripting.registerContentScripts([
    {
      id: PAGE_READER_SCRIPT_ID,
      js: [PAGE_READER_SCRIPT_FILE.replace(/^\//, '')],
      matches,
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
  return { matches };
}

export type MissingAccessReason =
  /** A web page Sidenote may not read yet: offer "allow on this site". */
  | 'no-host-access'
  /** A browser page, the extension store, a PDF viewer: nothing can read it. */
  | 'restricted-page'
  /** The page refused or broke the reader (e.g. still loading, crashed). */
  | 'read-failed';

export type TabRead =
  | { source: 'content-script' | 'injected'; context: PageContext }
  | {
      source: 'tab';
      /** Built from the tab's URL and title only. */
      context: PageContext;
      reason: MissingAccessReason;
      /** What "allow on this site" would request, or null when no grant can help. */
      requestPattern: string | null;
      detail: string;
    };

export interface TabLike {
  id?: number;
  url?: string;
  title?: string;
  /** 'loading' or 'complete', as tabs.Tab reports it. */
  status?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const PERMISSION_ERROR = /permission|cannot access|can't access|missing host|not allowed|denied/i;
const RESTRICTED_ERROR = /gallery cannot be scripted|cannot be scripted|chrome:\/\/|about:|restricted|privileged|moz-extension|chrome-extension/i;

/**
 * The tab's context, trying the cheapest way first: ask a page reader that is already
 * there (registered for a granted site, or injected earlier), else inject one (works for
 * granted sites and under activeTab after a toolbar click or shortcut), else fall back to
 * the tab's URL and title and say why, so the UI can offer "allow on this site".
 */
export async function readTabContext(api: HostAccessApi, tab: TabLike, options: { timeoutMs?: number } = {}): Promise<TabRead> {
  const url = tab.url ?? '';
  const fallback = minimalPageContext(url, tab.title ?? '');
  const httpUrl = parseHttpUrl(url);
  if (tab.id === undefined || !httpUrl) {
    return { source: 'tab', context: fallback, reason: 'restricted-page', requestPattern: null, detail: 'Not a web page' };
  }
  const tabId = tab.id;
  const timeoutMs = options.timeoutMs ?? PAGE_READ_TIMEOUT_MS;
  const ask = async () => parsePageContextResponse(await withTimeout(api.tabs.sendMessage(tabId, { type: 'page/read' }), timeoutMs));

  try {
    const context = await ask();
    if (context) return { source: 'content-script', context };
  } catch {
    // No reader in the tab yet (or one orphaned by an extension update): inject a fresh one.
  }

  // A granted site still loading gets its registered reader at document_idle; waiting for it
  // saves injecting a second copy that the registered one would replace moments later.
  const sitePattern = sitePatternFor(url);
  if (tab.status === 'loading' && sitePattern && (await api.permissions.contains({ origins: [sitePattern] }).catch(() => false))) {
    for (let attempt = 0; attempt < LOADING_RETRIES; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, Math.round(timeoutMs / LOADING_RETRIES)));
      const context = await ask().catch(() => null);
      if (context) return { source: 'content-script', context };
    }
  }

  let detail = '';
  try {
    const results = await withTimeout(api.scripting.executeScript({ target: { tabId }, files: [PAGE_READER_SCRIPT_FILE] }), timeoutMs * 2);
    const context = parsePageContextResponse(results[0]?.result) ?? (await ask().catch(() => null));
    if (context) return { source: 'injected', context };
    detail = 'The page reader returned nothing';
  } catch (error) {
    detail = error instanceof Error ? error.message : String(error);
  }

  const pattern = sitePattern;
  if (RESTRICTED_ERROR.test(detail) && !PERMISSION_ERROR.test(detail)) {
    return { source: 'tab', context: fallback, reason: 'restricted-page', requestPattern: null, detail };
  }
  const granted = pattern ? await api.permissions.contains({ origins: [pattern] }).catch(() => false) : false;
  if (!granted && pattern) return { source: 'tab', context: fallback, reason: 'no-host-access', requestPattern: pattern, detail };
  return { source: 'tab', context: fallback, reason: 'read-failed', requestPattern: null, detail };
}
