/**
 * Finding email addresses and phone numbers on a page: in `mailto:`/`tel:` links, in
 * Cloudflare's email protection, and in visible text, including the obfuscations sites use
 * against scrapers (`name [at] acme [dot] com`, full-width `＠`, `#` with a note to swap it
 * for `@`, common on Chinese 联系我们 pages).
 */
import type { PersonAddress } from '../../schemas';
import { cutText } from '../../schemas/text';
import { cleanText } from './dom';

/** The page-context schema's bound; also keeps a hostile page from flooding the sidebar. */
export const MAX_ADDRESSES = 200;

const EMAIL_EXACT = /^[a-z0-9][a-z0-9._%+-]{0,63}@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/i;
/** Retina image names (`logo@2x.png`) look like addresses; no mailbox lives at a file extension. */
const FILE_TLDS = new Set(['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'css', 'js', 'mjs', 'json', 'map', 'woff', 'woff2', 'ttf']);

/** Lower-cased address, or null when the text is not one plain address. */
export function normalizeAddress(raw: string): string | null {
  const value = raw.trim().replace(/^mailto:/i, '').replace(/\.$/, '').toLowerCase();
  if (!EMAIL_EXACT.test(value) || value.length > 320) return null;
  const tld = value.slice(value.lastIndexOf('.') + 1);
  if (FILE_TLDS.has(tld)) return null;
  return value;
}

/** Keeps the first occurrence of each address and the first name seen for it. */
export class AddressCollector {
  private readonly byAddress = new Map<string, PersonAddress>();

  add(raw: string, name: string | null = null): boolean {
    const address = normalizeAddress(raw);
    if (!address) return false;
    const cleanName = cleanPersonName(name, address);
    const existing = this.byAddress.get(address);
    if (existing) {
      if (!existing.name && cleanName) existing.name = cleanName;
      return true;
    }
    if (this.byAddress.size >= MAX_ADDRESSES) return false;
    this.byAddress.set(address, { address, name: cleanName });
    return true;
  }

  has(address: string): boolean {
    return this.byAddress.has(address.toLowerCase());
  }

  get size(): number {
    return this.byAddress.size;
  }

  list(): PersonAddress[] {
    return [...this.byAddress.values()];
  }
}

/** A display name worth keeping: not the address again, not a label, not a paragraph. */
export function cleanPersonName(name: string | null | undefined, address?: string): string | null {
  let value = cleanText(name)
    .replace(/^["'“”‘’]+|["'“”‘’]+$/g, '')
    .trim();
  if (!value) return null;
  if (address && value.toLowerCase() === address) return null;
  if (normalizeAddress(value)) return null;
  if (value.includes('@')) value = value.replace(/<[^>]*>|\([^)]*@[^)]*\)/g, '').trim();
  if (!value || value.length > 120) return null;
  return cutText(value, 300);
}

/**
 * `Jane Doe <jane@acme.com>`, `"Doe, Jane" <jane@acme.com>`, `jane@acme.com (Jane Doe)` and
 * plain addresses, as found in titles and aria-labels.
 */
export function parseAddressText(text: string): PersonAddress | null {
  const value = cleanText(text);
  const angle = /^(.*?)<\s*([^<>\s]+@[^<>\s]+)\s*>\s*$/.exec(value);
  if (angle) {
    const address = normalizeAddress(angle[2]!);
    return address ? { address, name: cleanPersonName(angle[1], address) } : null;
  }
  const paren = /^([^\s()]+@[^\s()]+)\s*\((.*)\)\s*$/.exec(value);
  if (paren) {
    const address = normalizeAddress(paren[1]!);
    return address ? { address, name: cleanPersonName(paren[2], address) } : null;
  }
  const nameThenParen = /^(.*?)\(\s*([^\s()]+@[^\s()]+)\s*\)\s*$/.exec(value);
  if (nameThenParen) {
    const address = normalizeAddress(nameThenParen[2]!);
    return address ? { address, name: cleanPersonName(nameThenParen[1], address) } : null;
  }
  const address = normalizeAddress(value);
  return address ? { address, name: null } : null;
}

const LOCAL_PART_BEFORE_AT = /[a-z0-9._%+-]{1,64}$/i;
const DOMAIN_AFTER_AT = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}/i;

/**
 * Every address inside a longer string (an aria-label like `From: Jane <jane@acme.com>`, a
 * page's text). Anchored on each `@` rather than running one pattern from every position:
 * on a long page that is most of the extraction's time, and text without `@` costs nothing.
 */
export function addressesIn(text: string): string[] {
  const found: string[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const local = LOCAL_PART_BEFORE_AT.exec(text.slice(Math.max(0, at - 64), at))?.[0].replace(/^[._%+-]+/, '');
    if (!local) continue;
    const domain = DOMAIN_AFTER_AT.exec(text.slice(at + 1, at + 256))?.[0];
    if (!domain) continue;
    const address = normalizeAddress(`${local}@${domain}`);
    if (address) found.push(address);
  }
  return found;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The addresses of a `mailto:` href; several may be given, separated by commas. */
export function addressesOfMailto(href: string): string[] {
  const withoutScheme = href.replace(/^\s*mailto:/i, '');
  const target = safeDecode(withoutScheme.split('?')[0] ?? '');
  const query = withoutScheme.includes('?') ? withoutScheme.slice(withoutScheme.indexOf('?') + 1) : '';
  const addresses = target.split(/[,;]/).flatMap((part) => {
    const parsed = parseAddressText(part);
    return parsed ? [parsed.address] : [];
  });
  // `mailto:?to=a@b.com` is valid too.
  for (const pair of query.split('&')) {
    const [key, value] = pair.split('=');
    if (key?.toLowerCase() === 'to' && value) addresses.push(...addressesIn(safeDecode(value)));
  }
  return addresses;
}

/** Cloudflare's email protection: the first byte is an XOR key for the UTF-8 bytes that follow. */
export function decodeCloudflareEmail(hex: string): string | null {
  if (!/^(?:[0-9a-f]{2}){2,200}$/i.test(hex)) return null;
  const key = parseInt(hex.slice(0, 2), 16);
  const bytes = new Uint8Array(hex.length / 2 - 1);
  for (let i = 2; i < hex.length; i += 2) bytes[i / 2 - 1] = parseInt(hex.slice(i, i + 2), 16) ^ key;
  try {
    return normalizeAddress(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
}

const BRACKET_AT = /\s*[[({（【<]\s*(?:at|@|艾特)\s*[\])}）】>]\s*/gi;
const BRACKET_DOT = /\s*[[({（【<]\s*(?:dot|\.|点)\s*[\])}）】>]\s*/gi;
/** `sales at acme dot com`: only when "dot" is spelled out too, or every "at" in prose would be a candidate. */
const SPELLED_OUT = /\b([a-z0-9][a-z0-9._%+-]{0,63})\s+at\s+([a-z0-9-]{1,63}(?:\s+dot\s+[a-z0-9-]{1,63})+)\b/gi;
/** `sales#acme.com（请将#换成@）` and `replace # with @`: the page says which character stands for @. */
const SWAP_HINT = /([#*＃%$&])\s*(?:换成|换为|替换为|替换成|改为|改成|->|→|=>|with)\s*[@＠]/i;
const OBFUSCATION_HINT = /[＠．]|\bdot\b|[[({（【<]\s*(?:at|dot|@|\.|艾特|点)\s*[\])}）】>]|换成|替换|改为|改成|->|→|=>|\breplace\b/i;

/** Rewrites the obfuscations a page uses back into plain addresses; cheap when there are none. */
export function deobfuscate(text: string): string {
  if (!OBFUSCATION_HINT.test(text)) return text;
  let value = text.replace(/[＠．]/g, (char) => (char === '＠' ? '@' : '.'));
  value = value.replace(BRACKET_AT, '@').replace(BRACKET_DOT, '.');
  value = value.replace(SPELLED_OUT, (_all, local: string, domain: string) => `${local}@${domain.replace(/\s+dot\s+/gi, '.')}`);
  const swap = SWAP_HINT.exec(value);
  if (swap) {
    const char = swap[1]!.replace('＃', '#');
    const escaped = char.replace(/[$*]/g, '\\$&');
    const pattern = new RegExp(`([a-z0-9][a-z0-9._%+-]{0,63})[${escaped}＃]((?:[a-z0-9-]{1,63}\\.)+[a-z]{2,24})`, 'gi');
    value = value.replace(pattern, '$1@$2');
  }
  return value;
}

/** Addresses written in text, after undoing common obfuscation. */
export function addressesInText(text: string): string[] {
  return addressesIn(deobfuscate(text));
}

const PHONE_ALLOWED = /^[+0-9 ()\-.#*/ext]+$/i;

/** The number of a `tel:` href, as the page wrote it (spaces kept so the rep can read it). */
export function phoneOfTel(href: string): string | null {
  const raw = safeDecode(href.replace(/^\s*tel:/i, '').split(/[?;]/)[0] ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 3 || raw.length > 40 || !PHONE_ALLOWED.test(raw)) return null;
  return raw;
}
