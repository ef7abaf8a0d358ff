/**
 * The extractor for any page, and the one every site extractor falls back to: title,
 * canonical URL, Open Graph site name, registrable domain, `mailto:`/`tel:` links, addresses
 * visible in the text, and the rep's selection.
 */
import type { PageContext } from '../../schemas';
import { cutText } from '../../schemas/text';
import { registrableDomain } from '../domain';
import { AddressCollector, MAX_ADDRESSES, addressesInText, addressesOfMailto, decodeCloudflareEmail, phoneOfTel } from './addresses';
import { absoluteHttpUrl, cleanText, metaContent, queryFirst, textOf, visibleText, type SelectorList } from './dom';

/**
 * How much visible text is scanned for addresses. Contact details sit in headers, footers
 * and 联系我们 blocks; past this the scan costs time on huge pages and finds noise.
 */
export const MAX_SCANNED_TEXT_CHARACTERS = 300_000;
/** The page-context schema's limits, in UTF-16 code units. */
const MAX_SELECTION_UNITS = 65_536;
const MAX_TITLE_UNITS = 2000;

const CANONICAL: SelectorList = [
  'link[rel="canonical"][href]',
  // Some CMSs write several rel tokens.
  'link[rel~="canonical"][href]',
];
const OG_URL: SelectorList = ['meta[property="og:url"]', 'meta[name="og:url"]'];
const OG_TITLE: SelectorList = ['meta[property="og:title"]', 'meta[name="twitter:title"]'];
const SITE_NAME: SelectorList = [
  'meta[property="og:site_name"]',
  // Sites that fill Open Graph by name instead of property.
  'meta[name="og:site_name"]',
  'meta[name="application-name"]',
  'meta[name="apple-mobile-web-app-title"]',
];
const MAILTO_LINKS = 'a[href^="mailto:"], a[href^="MAILTO:"], a[href^="Mailto:"], area[href^="mailto:"]';
const TEL_LINKS = 'a[href^="tel:"], a[href^="TEL:"], a[href^="Tel:"]';
/** Cloudflare replaces addresses with these when its email protection is on. */
const CLOUDFLARE_EMAILS = '[data-cfemail], a[href*="/cdn-cgi/l/email-protection#"]';


export interface ContactScan {
  emails: AddressCollector;
  phones: string[];
}

/**
 * Addresses and numbers under `root`: links first (they carry names), then up to
 * `maxTextCharacters` of visible text. Returns how much text it read.
 */
export function scanContactDetails(root: ParentNode & Node, scan: ContactScan, options: { scanText: boolean; maxTextCharacters?: number }): number {
  for (const link of Array.from(root.querySelectorAll(MAILTO_LINKS))) {
    const href = link.getAttribute('href') ?? '';
    const label = textOf(link) || link.getAttribute('title') || link.getAttribute('aria-label');
    for (const address of addressesOfMailto(href)) scan.emails.add(address, label);
  }
  for (const element of Array.from(root.querySelectorAll(CLOUDFLARE_EMAILS))) {
    const hex = element.getAttribute('data-cfemail') ?? element.getAttribute('href')?.split('#')[1] ?? '';
    const address = decodeCloudflareEmail(hex);
    if (address) scan.emails.add(address, null);
  }
  const seenDigits = new Set(scan.phones.map((phone) => phone.replace(/\D/g, '')));
  for (const link of Array.from(root.querySelectorAll(TEL_LINKS))) {
    if (scan.phones.length >= MAX_ADDRESSES) break;
    const phone = phoneOfTel(link.getAttribute('href') ?? '');
    if (!phone) continue;
    const digits = phone.replace(/\D/g, '');
    if (seenDigits.has(digits)) continue;
    seenDigits.add(digits);
    scan.phones.push(phone);
  }
  const budget = options.maxTextCharacters ?? MAX_SCANNED_TEXT_CHARACTERS;
  if (!options.scanText || budget <= 0 || scan.emails.size >= MAX_ADDRESSES) return 0;
  const text = visibleText(root, budget);
  for (const address of addressesInText(text)) {
    if (!scan.emails.add(address, null) && scan.emails.size >= MAX_ADDRESSES) break;
  }
  return text.length;
}

export function canonicalUrlOf(doc: Document, url: string): string | null {
  const link = queryFirst(doc, CANONICAL);
  return absoluteHttpUrl(link?.getAttribute('href'), url) ?? absoluteHttpUrl(metaContent(doc, OG_URL), url);
}

export function pageTitleOf(doc: Document): string {
  const title = cleanText(doc.title) || metaContent(doc, OG_TITLE) || textOf(doc.querySelector('h1'));
  return cutText(title, MAX_TITLE_UNITS);
}

export function selectionText(selection: string | null | undefined): string | null {
  // Line breaks are kept: the selection may become a note body.
  const value = (selection ?? '').replace(/\r\n?/g, '\n').trim();
  return value ? cutText(value, MAX_SELECTION_UNITS) : null;
}

/** The parts of a context every extractor fills the same way. */
export function basePageContext(doc: Document, url: string, selection: string | null | undefined): PageContext {
  return {
    url,
    title: pageTitleOf(doc),
    canonicalUrl: canonicalUrlOf(doc, url),
    siteName: metaContent(doc, SITE_NAME),
    domain: registrableDomain(url),
    kind: 'generic',
    emails: [],
    phones: [],
    selection: selectionText(selection),
    webmail: null,
    profile: null,
  };
}

export function extractGeneric(doc: Document, url: string, selection?: string | null): PageContext {
  const context = basePageContext(doc, url, selection);
  const scan: ContactScan = { emails: new AddressCollector(), phones: [] };
  if (doc.body) scanContactDetails(doc.body, scan, { scanText: true });
  return { ...context, emails: scan.emails.list(), phones: scan.phones };
}
