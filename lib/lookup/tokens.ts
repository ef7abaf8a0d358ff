/**
 * Search tokens for the IndexedDB multi-entry index that serves quick lookup. Prefix
 * queries on the index find any token that starts with what the rep typed; for CJK text,
 * which has no spaces, every suffix of a run is a token, so typing any part of a Chinese
 * company name (巴巴 in 阿里巴巴) is still a prefix match.
 */

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const HAS_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** Long CJK runs are capped so a pasted paragraph cannot explode the index. */
const MAX_CJK_SUFFIX_RUN = 24;
const MAX_TOKEN_LENGTH = 64;

/** Only ASCII (what `[\x00-\x7f]` would say, without a control character in a pattern). */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Lower case, full-width to half-width (NFKC), accents removed. */
export function normalizeForSearch(text: string): string {
  // ASCII is its own NFKC, NFD and NFC form and has no marks: lower case is all there is to do.
  if (isAscii(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .normalize('NFC');
}

/** A company name reduced to letters and digits, so "ACME Robotics, Inc." keys like "acme robotics inc". */
export function normalizeCompanyName(name: string): string {
  return normalizeForSearch(name).replace(/[^\p{L}\p{N}]+/gu, '');
}

function isAsciiWordChar(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
}

/** The words of ASCII text ([A-Za-z0-9] runs, which is what \p{L}\p{N} matches there), without a regular expression. */
function asciiWords(text: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const word = i < text.length && isAsciiWordChar(text.charCodeAt(i));
    if (word && start < 0) start = i;
    else if (!word && start >= 0) {
      words.push(text.slice(start, i));
      start = -1;
    }
  }
  return words;
}

function addWordTokens(tokens: Set<string>, text: string): void {
  const normalized = normalizeForSearch(text);
  if (isAscii(normalized)) {
    const words = asciiWords(normalized);
    for (const word of words) tokens.add(word.slice(0, MAX_TOKEN_LENGTH));
    const joined = words.join('');
    if (joined) tokens.add(joined.slice(0, MAX_TOKEN_LENGTH));
    return;
  }
  for (const match of normalized.matchAll(WORD)) {
    const word = match[0];
    if (HAS_CJK.test(word)) {
      for (const run of word.matchAll(CJK_RUN)) {
        const chars = Array.from(run[0]).slice(0, MAX_CJK_SUFFIX_RUN);
        for (let i = 0; i < chars.length; i++) tokens.add(chars.slice(i).join(''));
      }
      for (const latin of word.split(CJK_RUN)) if (latin) tokens.add(latin.slice(0, MAX_TOKEN_LENGTH));
    } else {
      tokens.add(word.slice(0, MAX_TOKEN_LENGTH));
    }
  }
  // The whole name without separators, so "acme rob" and "acmerob" both find "Acme Robotics".
  const joined = Array.from(normalized.matchAll(WORD), (m) => m[0]).join('');
  if (joined) tokens.add(joined.slice(0, MAX_TOKEN_LENGTH));
}

export function accountSearchTokens(account: { name: string; domains: readonly string[] }): string[] {
  const tokens = new Set<string>();
  addWordTokens(tokens, account.name);
  for (const domain of account.domains) {
    tokens.add(domain.slice(0, MAX_TOKEN_LENGTH));
    const firstLabel = domain.split('.')[0];
    if (firstLabel) tokens.add(firstLabel);
  }
  return [...tokens];
}

export function dealSearchTokens(deal: { name: string }): string[] {
  const tokens = new Set<string>();
  addWordTokens(tokens, deal.name);
  return [...tokens];
}

export function contactSearchTokens(contact: { name: string; email: string | null }): string[] {
  const tokens = new Set<string>();
  addWordTokens(tokens, contact.name);
  if (contact.email) {
    tokens.add(contact.email.slice(0, MAX_TOKEN_LENGTH));
    const [local, domain] = contact.email.split('@');
    if (local) addWordTokens(tokens, local);
    if (domain) tokens.add(domain);
  }
  return [...tokens];
}

/**
 * Splits what the rep typed into query terms. Each term must prefix-match some token of a
 * result; CJK terms are kept whole because CJK tokens are suffixes.
 */
export function queryTerms(query: string): string[] {
  const normalized = normalizeForSearch(query).trim();
  if (!normalized) return [];
  const terms: string[] = [];
  for (const part of normalized.split(/\s+/)) {
    // Keep addresses and domains whole: "li@acme" and "acme.com" are single terms.
    if (/[@.]/.test(part)) terms.push(part.slice(0, MAX_TOKEN_LENGTH));
    else for (const word of part.matchAll(WORD)) terms.push(word[0].slice(0, MAX_TOKEN_LENGTH));
  }
  return terms;
}
