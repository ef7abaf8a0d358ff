/**
 * Phone numbers for lookup. A number is indexed by its national significant digits (the
 * country code and the trunk 0 dropped), so `+86 138 0013 8000`, `138-0013-8000` and
 * `13800138000` are one key, and `010-6552 9988` meets `+86 10 6552 9988`. Caller-ID shows
 * a number in whatever form the carrier sends, and reps often type only its last digits,
 * so lookup matches a typed number against the start and against the end of the key.
 */

/** Fewer typed digits than this are a name or a count, not a phone number. */
export const MIN_PHONE_QUERY_DIGITS = 4;
/** A key this short is not a usable number (an extension, a typo). */
const MIN_PHONE_KEY_DIGITS = 4;
const MAX_PHONE_KEY_DIGITS = 20;

/**
 * ITU calling codes of one and two digits; every other code has three. The codes form a
 * prefix-free set, so the digits after `+` say where the code ends.
 */
const SHORT_CALLING_CODES = new Set([
  '1', '7', '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84', '86',
  '90', '91', '92', '93', '94', '95', '98',
]);

/** Codes a rep may type without `+` or `00` in front (the markets this product serves first). */
const BARE_CALLING_CODES = ['86', '852', '853', '886', '1', '44', '65', '61', '81', '82', '49', '33', '91'];

function callingCodeLength(digits: string): number {
  if (SHORT_CALLING_CODES.has(digits.slice(0, 1))) return 1;
  if (SHORT_CALLING_CODES.has(digits.slice(0, 2))) return 2;
  return 3;
}

/** Digits of the number itself: an extension (`ext 12`, `x12`, `#12`) is not part of it. */
function numberPart(text: string): string {
  return text.split(/(?:ext\.?|x|#)/i)[0] ?? '';
}

/** The national significant digits of a stored phone number, or null when it has too few digits. */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const text = numberPart(phone.normalize('NFKC')).trim();
  let digits = text.replace(/\D+/g, '');
  if (text.startsWith('+')) digits = digits.slice(callingCodeLength(digits));
  else if (digits.startsWith('00')) {
    digits = digits.slice(2);
    digits = digits.slice(callingCodeLength(digits));
  }
  // The trunk prefix: 010-… in China, (0)20 … in the UK, 0 after a calling code written as +44 (0)20.
  if (digits.startsWith('0')) digits = digits.slice(1);
  if (digits.length < MIN_PHONE_KEY_DIGITS) return null;
  return digits.slice(0, MAX_PHONE_KEY_DIGITS);
}

/** True when what the rep typed is only a phone number: digits and the marks numbers are written with. */
export function looksLikePhoneQuery(query: string): boolean {
  const text = query.normalize('NFKC').trim();
  return /^[+\d\s().\-/]+$/.test(text) && text.replace(/\D+/g, '').length >= MIN_PHONE_QUERY_DIGITS;
}

/**
 * The keys a typed number may stand for: its own national digits, and, when it was typed
 * without `+` but starts with a calling code (8613800138000, 14155550134), the digits after
 * that code too. Empty when the query is not a phone number.
 */
export function phoneQueryKeys(query: string): string[] {
  if (!looksLikePhoneQuery(query)) return [];
  const text = query.normalize('NFKC').trim();
  const keys = new Set<string>();
  const own = phoneKey(text);
  if (own) keys.add(own);
  const digits = numberPart(text).replace(/\D+/g, '');
  // Caller-ID digits as typed: the end of a number may start with a 0 that is not a trunk prefix.
  if (!text.startsWith('+')) keys.add(digits);
  if (!text.startsWith('+') && !digits.startsWith('0')) {
    for (const code of BARE_CALLING_CODES) {
      const rest = digits.slice(code.length);
      // A national number is at least seven digits; shorter remainders are the number itself.
      if (digits.startsWith(code) && rest.length >= 7) keys.add(rest.replace(/^0/, ''));
    }
  }
  return [...keys].filter((key) => key.length >= MIN_PHONE_QUERY_DIGITS);
}

export type PhoneMatch = 'whole' | 'part' | null;

/** How a stored key meets the typed keys: the whole number, its start or its end (caller-ID), or not at all. */
export function matchPhoneKey(stored: string | null, queryKeys: readonly string[]): PhoneMatch {
  if (!stored || queryKeys.length === 0) return null;
  let part = false;
  for (const key of queryKeys) {
    if (stored === key) return 'whole';
    if (stored.endsWith(key) || stored.startsWith(key)) part = true;
  }
  return part ? 'part' : null;
}
