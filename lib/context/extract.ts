/**
 * The one entry point for reading a page: picks the site extractor by URL, falls back to
 * the generic extractor whenever a site extractor finds nothing (the site changed) or
 * throws, and returns a context that has passed `pageContextSchema`.
 */
import { cutText, toStorableText } from '../schemas/text';
import { pageContextSchema, type PageContext } from '../schemas/page-context';
import { registrableDomain } from './domain';
import { AddressCollector } from './extractors/addresses';
import { basePageContext, extractGeneric, scanContactDetails, type ContactScan } from './extractors/generic';
import { extractGmailThread, isGmailUrl } from './extractors/gmail';
import { extractLinkedInProfile, isLinkedInProfileUrl } from './extractors/linkedin';
import { extractOutlookThread, isOutlookUrl } from './extractors/outlook';
import type { WebmailRead } from './extractors/participants';

/** Text of an open thread read for addresses; a reply's quoted history repeats what it quotes. */
const MAX_WEBMAIL_TEXT_CHARACTERS = 100_000;

type SiteExtractor = (doc: Document, url: URL, selection: string | null | undefined) => PageContext | null;

function webmailContext(read: WebmailRead | null, doc: Document, url: URL, selection: string | null | undefined): PageContext | null {
  if (!read) return null;
  const base = basePageContext(doc, url.href, selection);
  // Only the open conversation is scanned, the inbox list around it names other people;
  // newest message first, so a long quoted history cannot use up the budget.
  const scan: ContactScan = { emails: new AddressCollector(), phones: [] };
  let budget = MAX_WEBMAIL_TEXT_CHARACTERS;
  for (const root of read.scanRoots) budget -= scanContactDetails(root, scan, { scanText: true, maxTextCharacters: budget });
  const participantAddresses = new Set(read.thread.participants.map((person) => person.address));
  return {
    ...base,
    // A webmail tab's title is the app's, not a page of the prospect's.
    canonicalUrl: null,
    kind: 'webmail',
    emails: scan.emails.list().filter((email) => !participantAddresses.has(email.address)),
    phones: scan.phones,
    webmail: read.thread,
  };
}

/** Site extractors in the order they are tried; the first whose URL test passes runs. */
const SITE_EXTRACTORS: ReadonlyArray<{ name: string; matches: (url: URL) => boolean; extract: SiteExtractor }> = [
  { name: 'gmail', matches: isGmailUrl, extract: (doc, url, selection) => webmailContext(extractGmailThread(doc, url), doc, url, selection) },
  { name: 'outlook', matches: isOutlookUrl, extract: (doc, url, selection) => webmailContext(extractOutlookThread(doc, url), doc, url, selection) },
  {
    name: 'linkedin-profile',
    matches: isLinkedInProfileUrl,
    extract: (doc, url, selection) => {
      const profile = extractLinkedInProfile(doc, url);
      if (!profile) return null;
      const generic = extractGeneric(doc, url.href, selection);
      return { ...generic, kind: 'profile', canonicalUrl: profile.profileUrl, profile };
    },
  },
];

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Every string of a context as a record can hold it. A page may carry NUL characters and
 * broken halves of characters (a title cut by the page's own script); the server refuses
 * both, so they are dropped or replaced here, before any of it reaches a note or a contact.
 */
function storableContext<T>(value: T): T {
  if (typeof value === 'string') return toStorableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storableContext(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, storableContext(item)])) as T;
  }
  return value;
}

/**
 * A context from a URL and title alone: for a tab the content script cannot read (no host
 * access yet, a browser page) and for pages so odd that even the generic read fails.
 */
export function minimalPageContext(url: string, title: string): PageContext {
  let domain: string | null = null;
  try {
    domain = registrableDomain(url);
  } catch {
    domain = null;
  }
  return {
    url: cutText(toStorableText(url), 8192),
    title: cutText(toStorableText(title).replace(/\s+/g, ' ').trim(), 2000),
    canonicalUrl: null,
    siteName: null,
    domain: domain && domain.length <= 253 ? domain : null,
    kind: 'generic',
    emails: [],
    phones: [],
    selection: null,
    webmail: null,
    profile: null,
  };
}

/**
 * Reads what is on screen. Never throws: a site extractor that fails degrades to the
 * generic read, and a generic read that fails to parse degrades to URL and title.
 */
export function extractPageContext(doc: Document, url: string, selection?: string | null): PageContext {
  const parsedUrl = parseUrl(url);
  let context: PageContext | null = null;
  if (parsedUrl) {
    for (const site of SITE_EXTRACTORS) {
      if (!site.matches(parsedUrl)) continue;
      try {
        context = site.extract(doc, parsedUrl, selection);
      } catch {
        context = null;
      }
      break;
    }
  }
  if (!context) {
    try {
      context = extractGeneric(doc, url, selection);
    } catch {
      context = null;
    }
  }
  const checked = context ? pageContextSchema.safeParse(storableContext(context)) : null;
  if (checked?.success) return checked.data;
  const fallback = minimalPageContext(url, doc.title ?? '');
  return pageContextSchema.safeParse(fallback).success ? fallback : minimalPageContext(cutText(url, 2048), '');
}
