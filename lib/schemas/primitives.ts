import * as z from 'zod';

/**
 * Client-generated, time-sortable ids (UUIDv7), so records can be created offline. Parsed to
 * one canonical form, lower case: PostgreSQL's `uuid` type ignores case but every string
 * comparison and map key does not, so an id written in capitals must not slip past a check
 * that the database then treats as the same record.
 */
export const idSchema = z.uuid({ message: 'must be a UUID' }).toLowerCase();
export type Id = z.infer<typeof idSchema>;

/** Milliseconds since the Unix epoch. */
export const epochMsSchema = z.number().int().nonnegative();

/** A calendar date with no time of day, e.g. a renewal date: `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date({ message: 'must be a date written YYYY-MM-DD' });

/**
 * A hybrid logical clock stamp: `<wall ms, 15 digits>:<counter, 4 base-36>:<node id>`.
 * The fixed widths make plain string comparison the causal order with a deterministic
 * tie-break by node id, which is what the field-level merge relies on.
 */
export const hlcSchema = z
  .string()
  .regex(/^\d{15}:[0-9a-z]{4}:[0-9a-z]{4,32}$/, { message: 'must be a hybrid logical clock stamp' });
export type Hlc = z.infer<typeof hlcSchema>;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be an email address like name@example.com' }));

/** A host name in lower case without scheme, path or port, e.g. `acme.com.cn`. */
export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,63}$/u, {
    message: 'must be a domain like example.com, without http:// or a path',
  });

export const urlSchema = z.string().max(4096).pipe(z.url({ message: 'must be a web address' }));

export const phoneSchema = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[+0-9 ()\-.#*/ext]+$/i, { message: 'must be a phone number (digits, spaces, + - ( ))' });

/** Counts user-visible code points, so an emoji or a CJK character is one character. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export const NOTE_BODY_MAX_CHARACTERS = 65_536;

/** Free text bounded by characters (code points), never silently truncated. */
export function boundedText(maxCharacters: number, what = 'text') {
  return z.string().refine((value) => countCharacters(value) <= maxCharacters, {
    error: (issue) =>
      `${what} is ${countCharacters(String(issue.input)).toLocaleString('en')} characters; the limit is ${maxCharacters.toLocaleString('en')}. Shorten it or split it in two.`,
  });
}

export const shortTextSchema = boundedText(200, 'This field').pipe(z.string().trim());

/**
 * Why a string cannot be stored, or null when it can. PostgreSQL refuses a NUL character in
 * text and JSON, and a lone UTF-16 surrogate (half of an emoji cut in two) is no character at
 * all; either would fail a whole push on the server, so both are refused where a value is
 * parsed, with where they are, in characters, so the rep can find them.
 */
export function describeUnstorableText(text: string): string | null {
  const nul = text.indexOf('\u0000');
  const broken = LONE_SURROGATE.exec(text)?.index ?? -1;
  if (nul < 0 && broken < 0) return null;
  if (nul >= 0 && (broken < 0 || nul < broken)) {
    return `contains a NUL character (U+0000) at character ${countCharacters(text.slice(0, nul)) + 1}; remove it`;
  }
  return `contains a broken character (half of an emoji or other symbol, an unpaired UTF-16 surrogate) at character ${countCharacters(text.slice(0, broken)) + 1}; type or paste that part again`;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Text read from a page or the browser, made storable: NUL characters are dropped and
 * unpaired surrogates become U+FFFD (the replacement character), as a browser shows them.
 */
export function toStorableText(text: string): string {
  const withoutNul = text.includes('\u0000') ? text.replaceAll('\u0000', '') : text;
  return LONE_SURROGATE.test(withoutNul) ? withoutNul.replace(LONE_SURROGATES, '\ufffd') : withoutNul;
}

/**
 * The longest start of `text` within `maxUnits` UTF-16 code units that does not split a
 * character: a cut between the two halves of a surrogate pair would leave a broken one.
 * Counting code units keeps the result within any `.max(n)` string bound as well.
 */
export function cutText(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  if (maxUnits <= 0) return '';
  const last = text.charCodeAt(maxUnits - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? maxUnits - 1 : maxUnits);
}
