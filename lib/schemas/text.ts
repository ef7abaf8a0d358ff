/**
 * Text rules that need no schema library, so the sidebar can use them without loading one:
 * counting characters, and keeping text storable (PostgreSQL refuses NUL characters, and a
 * lone UTF-16 surrogate is no character at all).
 */

/** Half of a surrogate pair with no other half: the rest of a character cut in two. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Counts user-visible code points, so an emoji or a CJK character is one character. */
export function countCharacters(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

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
