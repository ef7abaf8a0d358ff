import * as z from 'zod';
import { countCharacters } from './text';

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

export { countCharacters, cutText, describeUnstorableText, toStorableText } from './text';

export const NOTE_BODY_MAX_CHARACTERS = 65_536;

/** Free text bounded by characters (code points), never silently truncated. */
export function boundedText(maxCharacters: number, what = 'text') {
  return z.string().refine((value) => countCharacters(value) <= maxCharacters, {
    error: (issue) =>
      `${what} is ${countCharacters(String(issue.input)).toLocaleString('en')} characters; the limit is ${maxCharacters.toLocaleString('en')}. Shorten it or split it in two.`,
  });
}

export const shortTextSchema = boundedText(200, 'This field').pipe(z.string().trim());
