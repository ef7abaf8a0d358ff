/**
 * The in-memory lookup index: accounts, contacts and deals with their search tokens, held in
 * typed arrays so 100k accounts and 300k contacts fit in a few tens of megabytes and a
 * keystroke is a few binary searches.
 *
 * It answers exactly as the IndexedDB multi-entry indexes it replaces did (lib/db/lookup.ts
 * before schema v3): per kind, the first KEY_WINDOW index entries in (token, id) order whose
 * token starts with the query's longest term, whole-name matches first, at most
 * ROWS_PER_KIND records, filtered by every term and ranked by lib/lookup/rank.ts. Phone
 * numbers (lib/lookup/phone.ts) and deals are new kinds of hits on the same plan.
 *
 * Layout, per kind (a "shard"):
 * - records sorted by id, so a record's slot is found by binary search over `ids` (16 bytes
 *   each) and equal tokens list their records in id order, as an IndexedDB index does;
 * - each record's text (name, domains or email, phone digits, and only when needed the
 *   normalised name or a token found nowhere else) as UTF-8 in one byte array;
 * - one entry per (token, record): where the token sits in that text (position, byte length,
 *   and a flag for tokens that skip punctuation, like "acmerobotics" in "Acme Robotics"), sorted
 *   by token, then id. A token is read from the record's own text with A–Z folded to a–z, so
 *   a token costs 4 bytes (5 in a shard too large to pack) and no string.
 *
 * The shards are immutable once built. Changes (local writes, pulled pages) go to a small
 * overlay of current records by id; a base record that changed or went away is marked dead.
 * Queries merge the overlay into the base in the same order, so answers stay exact; a large
 * overlay is folded in by a rebuild (lib/db/lookup-index-store.ts decides when).
 */
import { matchPhoneKey, phoneQueryKeys } from './phone';
import { rankLookup, tokensMatchAllTerms, type LookupCandidate, type LookupKind, type RankedResult } from './rank';
import { accountSearchTokens, contactSearchTokens, dealSearchTokens, normalizeCompanyName, normalizeForSearch, queryTerms } from './tokens';

/** Index entries read per kind per keystroke, as the IndexedDB path read keys. */
export const KEY_WINDOW = 400;
/** Records ranked per kind per keystroke: whole-name matches first, then the closest tokens. */
export const ROWS_PER_KIND = 25;
export const LOOKUP_RESULT_LIMIT = 20;
/** Bumped whenever the stored layout or the tokens change: an older stored index is rebuilt. */
export const LOOKUP_INDEX_FORMAT = 2;

export const LOOKUP_KINDS = ['account', 'contact', 'deal'] as const satisfies readonly LookupKind[];

/** What the index keeps of a record: enough to find, rank and show it. */
export interface LookupDoc {
  kind: LookupKind;
  id: string;
  name: string;
  /** Accounts' domains. */
  domains: readonly string[];
  /** A contact's email. */
  email: string | null;
  /** A contact's phone as national digits (phoneKey). */
  phone: string | null;
  /** A contact's or deal's account; an account's own id. */
  accountId: string | null;
  /** An account's or deal's stage. */
  stage: string | null;
  updatedAt: number;
}

export interface LookupHit extends RankedResult {
  /** The account's stage for accounts and contacts, the deal's own stage for deals. */
  stage: string | null;
  /** The name of the account a contact or deal belongs to (null when it is not stored). */
  accountName: string | null;
}

/** The typed arrays of one kind; structured-cloneable, so they are stored as they are. */
export interface ShardArrays {
  count: number;
  ids: Uint8Array;
  /**
   * Update times in 6 bytes: whole milliseconds below 2^48 (every date until the year 10889) as
   * `updatedAtHigh` * 2^32 + `updatedAtLow`, with `updatedAt` empty. A shard holding any other
   * number keeps them all as they are in `updatedAt`, and the two others empty.
   */
  updatedAt: Float64Array;
  updatedAtLow: Uint32Array;
  updatedAtHigh: Uint16Array;
  textStart: Uint32Array;
  text: Uint8Array;
  /** Slot of the record's account in the account shard, -1 when none or not in it; empty for accounts. */
  accountSlot: Int32Array;
  /** Index into `stageNames` plus one; 0 for none. Empty when no record of the kind has a stage (contacts). */
  stage: Uint8Array;
  /**
   * One entry per (token, record), in (token, id) order: where the token sits in `text`. Packed
   * (`tokenLen` empty) when the text is under 16 MiB and every token under 128 bytes, as in a
   * book of 300k contacts: position << 7 | length, in 4 bytes. Otherwise the position here and
   * the length in `tokenLen`. SKIP_FLAG marks a token that skips punctuation, in both layouts.
   */
  tokenPos: Uint32Array;
  tokenLen: Uint8Array;
  /** Accounts: the whole-name key (normalizeCompanyName) per record, sorted by key, then id. */
  namePos: Uint32Array;
  nameLen: Uint16Array;
  /** Contacts: phone digits, sorted forwards (prefixes) and backwards (caller-ID suffixes). */
  phonePos: Uint32Array;
  phoneLen: Uint8Array;
  phoneSuffixOrder: Uint32Array;
}

export interface LookupIndexSnapshot {
  format: number;
  /** The last local change (lib/db/change-log.ts) the records reflect. */
  changeSeq: number;
  builtAt: number;
  stageNames: string[];
  shards: Record<LookupKind, ShardArrays>;
  /** Records whose account is not in the account shard: slot → account id. */
  orphanAccounts: Record<LookupKind, Array<[number, string]>>;
  /** Records whose id is not a canonical lower-case UUID: kept whole, outside the shards. */
  looseDocs: LookupDoc[];
}

const SKIP_FLAG = 0x80000000;
const LIST_SEPARATOR = '\u001e';
const CANONICAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function tokensOfDoc(doc: LookupDoc): string[] {
  if (doc.kind === 'account') return accountSearchTokens({ name: doc.name, domains: doc.domains });
  if (doc.kind === 'contact') return contactSearchTokens({ name: doc.name, email: doc.email });
  return dealSearchTokens({ name: doc.name });
}

// ---- ids as 16 bytes ------------------------------------------------------------------

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hexValue(code: number): number {
  return code <= 0x39 ? code - 0x30 : code - 0x57;
}

/** Writes a canonical lower-case UUID as 16 bytes. */
function writeId(target: Uint8Array, slot: number, id: string): void {
  let o = slot * 16;
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) continue;
    target[o++] = (hexValue(id.charCodeAt(i)) << 4) | hexValue(id.charCodeAt(i + 1));
    i++;
  }
}

function readId(source: Uint8Array, slot: number): string {
  const o = slot * 16;
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[source[o + i]!];
  }
  return s;
}

/** Compares a stored id with the 16 bytes of another, byte by byte (the order of the lower-case strings). */
function compareIdBytes(source: Uint8Array, slot: number, bytes: Uint8Array): number {
  const o = slot * 16;
  for (let i = 0; i < 16; i++) {
    const d = source[o + i]! - bytes[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function idBytes(id: string): Uint8Array {
  const bytes = new Uint8Array(16);
  writeId(bytes, 0, id);
  return bytes;
}

// ---- reading tokens out of the text -----------------------------------------------------

/** ASCII punctuation and space: what a punctuation-skipping token steps over. */
function isAsciiSkippable(byte: number): boolean {
  return byte < 0x80 && !((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte < 0x20);
}

/**
 * Walks a token's UTF-16 code units out of UTF-8 bytes, A–Z folded, punctuation skipped when
 * asked; the same order JavaScript strings and IndexedDB keys compare in.
 */
class TokenReader {
  private pos = 0;
  private end = 0;
  private skip = false;
  private pendingLow = -1;
  constructor(private readonly text: Uint8Array) {}

  reset(pos: number, len: number, skip: boolean): void {
    this.pos = pos;
    this.end = pos + len;
    this.skip = skip;
    this.pendingLow = -1;
  }

  /** The next code unit, or -1 at the token's end. */
  next(): number {
    if (this.pendingLow >= 0) {
      const low = this.pendingLow;
      this.pendingLow = -1;
      return low;
    }
    const text = this.text;
    for (;;) {
      if (this.pos >= this.end) return -1;
      const b = text[this.pos]!;
      if (b < 0x80) {
        this.pos++;
        if (this.skip && isAsciiSkippable(b)) continue;
        return b >= 0x41 && b <= 0x5a ? b + 32 : b;
      }
      let cp: number;
      if (b < 0xe0) {
        cp = ((b & 0x1f) << 6) | (text[this.pos + 1]! & 0x3f);
        this.pos += 2;
      } else if (b < 0xf0) {
        cp = ((b & 0x0f) << 12) | ((text[this.pos + 1]! & 0x3f) << 6) | (text[this.pos + 2]! & 0x3f);
        this.pos += 3;
      } else {
        cp = ((b & 0x07) << 18) | ((text[this.pos + 1]! & 0x3f) << 12) | ((text[this.pos + 2]! & 0x3f) << 6) | (text[this.pos + 3]! & 0x3f);
        this.pos += 4;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        this.pendingLow = 0xdc00 + (cp & 0x3ff);
        return 0xd800 + (cp >> 10);
      }
      return cp;
    }
  }
}

/** <0 when the token sorts before `term`, 0 when it starts with `term`, >0 when after. */
function compareToTerm(reader: TokenReader, term: string): number {
  for (let i = 0; i < term.length; i++) {
    const unit = reader.next();
    if (unit < 0) return -1;
    const d = unit - term.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

/** Digits read backwards from the end of a phone entry: the key reversed, for caller-ID suffixes. */
function compareReversedToTerm(text: Uint8Array, pos: number, len: number, reversedTerm: string): number {
  for (let i = 0; i < reversedTerm.length; i++) {
    if (i >= len) return -1;
    const d = text[pos + len - 1 - i]! - reversedTerm.charCodeAt(i);
    if (d !== 0) return d;
  }
  return 0;
}

function decodeRange(text: Uint8Array, start: number, end: number): string {
  return DECODER.decode(text.subarray(start, end));
}
const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();

// ---- one kind ---------------------------------------------------------------------------

const PACKED_LEN_BITS = 7;
const PACKED_LEN_MASK = (1 << PACKED_LEN_BITS) - 1;
const PACKED_MAX_TEXT_BYTES = 2 ** (31 - PACKED_LEN_BITS);

class Shard {
  /** One bit per record: changed or removed since the build (the overlay holds its current version). */
  private readonly deadBits: Uint8Array;
  private readonly reader: TokenReader;
  private readonly packed: boolean;

  constructor(
    readonly kind: LookupKind,
    readonly a: ShardArrays,
    readonly orphanAccounts: Map<number, string>,
  ) {
    this.deadBits = new Uint8Array((a.count + 7) >>> 3);
    this.reader = new TokenReader(a.text);
    this.packed = a.tokenLen.length === 0 && a.tokenPos.length > 0;
  }

  isDead(slot: number): boolean {
    return (this.deadBits[slot >>> 3]! & (1 << (slot & 7))) !== 0;
  }

  markDead(slot: number): void {
    this.deadBits[slot >>> 3]! |= 1 << (slot & 7);
  }

  /** Byte position of token entry `i` in the text, without the flag. */
  private entryPos(i: number): number {
    const v = this.a.tokenPos[i]!;
    return this.packed ? (v & ~SKIP_FLAG) >>> PACKED_LEN_BITS : (v & ~SKIP_FLAG) >>> 0;
  }

  private entryLen(i: number): number {
    return this.packed ? this.a.tokenPos[i]! & PACKED_LEN_MASK : this.a.tokenLen[i]!;
  }

  private entrySkips(i: number): boolean {
    return (this.a.tokenPos[i]! & SKIP_FLAG) !== 0;
  }

  slotOfPos(pos: number): number {
    const starts = this.a.textStart;
    let lo = 0;
    let hi = this.a.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  slotOfId(id: string): number {
    if (!CANONICAL_ID.test(id)) return -1;
    const bytes = idBytes(id);
    let lo = 0;
    let hi = this.a.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareIdBytes(this.a.ids, mid, bytes);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  idOf(slot: number): string {
    return readId(this.a.ids, slot);
  }

  fields(slot: number): string[] {
    return decodeRange(this.a.text, this.a.textStart[slot]!, this.a.textStart[slot + 1]!).split('\u001f');
  }

  doc(slot: number, stageNames: readonly string[], accountIdOf: (slot: number) => string | null): LookupDoc {
    const [name = '', second = '', phone = ''] = this.fields(slot);
    const stageCode = this.a.stage.length ? this.a.stage[slot]! : 0;
    const accountSlot = this.a.accountSlot.length ? this.a.accountSlot[slot]! : -1;
    return {
      kind: this.kind,
      id: this.idOf(slot),
      name,
      domains: this.kind === 'account' && second ? second.split(LIST_SEPARATOR) : [],
      email: this.kind === 'contact' && second ? second : null,
      phone: phone || null,
      accountId: this.kind === 'account' ? this.idOf(slot) : accountSlot >= 0 ? accountIdOf(accountSlot) : (this.orphanAccounts.get(slot) ?? null),
      stage: stageCode ? (stageNames[stageCode - 1] ?? null) : null,
      updatedAt: this.a.updatedAt.length ? this.a.updatedAt[slot]! : this.a.updatedAtHigh[slot]! * 2 ** 32 + this.a.updatedAtLow[slot]!,
    };
  }

  tokenString(pos: number, len: number, skip: boolean): string {
    this.reader.reset(pos, len, skip);
    let s = '';
    for (let unit = this.reader.next(); unit >= 0; unit = this.reader.next()) s += String.fromCharCode(unit);
    return s;
  }

  /** The first entry whose token does not sort before the term. */
  private static lowerBound(count: number, compare: (i: number) => number): number {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(mid) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Up to `limit` live entries (in index order) of a sorted entry list whose token starts
   * with `term`, as [token, slot] pairs; tokens are decoded only when `withTokens`. It stops
   * once ROWS_PER_KIND distinct records are in it: the search takes at most that many records
   * from a list (see `pick`), so the entries after them would never be read.
   */
  window(list: 'tokens' | 'names', term: string, limit: number, withTokens: boolean): Array<{ slot: number; token: string | null }> {
    const tokens = list === 'tokens';
    const count = tokens ? this.a.tokenPos.length : this.a.namePos.length;
    // A whole-name key may skip punctuation too ("acmerobotics" in "Acme Robotics").
    const posOf = tokens ? (i: number) => this.entryPos(i) : (i: number) => (this.a.namePos[i]! & ~SKIP_FLAG) >>> 0;
    const lenOf = tokens ? (i: number) => this.entryLen(i) : (i: number) => this.a.nameLen[i]!;
    const skipsOf = tokens ? (i: number) => this.entrySkips(i) : (i: number) => (this.a.namePos[i]! & SKIP_FLAG) !== 0;
    const compareAt = (i: number) => {
      this.reader.reset(posOf(i), lenOf(i), skipsOf(i));
      return compareToTerm(this.reader, term);
    };
    const out: Array<{ slot: number; token: string | null }> = [];
    const distinct = new Set<number>();
    for (let i = Shard.lowerBound(count, compareAt); i < count && out.length < limit && distinct.size < ROWS_PER_KIND; i++) {
      if (compareAt(i) !== 0) break;
      const at = posOf(i);
      const slot = this.slotOfPos(at);
      if (this.isDead(slot)) continue;
      distinct.add(slot);
      out.push({ slot, token: withTokens ? this.tokenString(at, lenOf(i), skipsOf(i)) : null });
    }
    return out;
  }

  /** Live contacts whose phone digits start (forward) or end (backward) with `key`, in key order, then id. */
  phoneWindow(key: string, backward: boolean, limit: number): number[] {
    const { phonePos, phoneLen, phoneSuffixOrder, text } = this.a;
    const count = phonePos.length;
    const reversed = reverse(key);
    const entry = (i: number) => (backward ? phoneSuffixOrder[i]! : i);
    const compareAt = (i: number) => {
      const e = entry(i);
      if (backward) return compareReversedToTerm(text, phonePos[e]!, phoneLen[e]!, reversed);
      this.reader.reset(phonePos[e]!, phoneLen[e]!, false);
      return compareToTerm(this.reader, key);
    };
    const out: number[] = [];
    const distinct = new Set<number>();
    for (let i = Shard.lowerBound(count, compareAt); i < count && out.length < limit && distinct.size < ROWS_PER_KIND; i++) {
      if (compareAt(i) !== 0) break;
      const slot = this.slotOfPos(phonePos[entry(i)]!);
      if (this.isDead(slot)) continue;
      distinct.add(slot);
      out.push(slot);
    }
    return out;
  }

  byteSize(): number {
    let total = this.deadBits.byteLength;
    for (const value of Object.values(this.a)) if (ArrayBuffer.isView(value)) total += value.byteLength;
    return total;
  }
}

// ---- the overlay of changed records -----------------------------------------------------

interface OverlayDoc {
  doc: LookupDoc;
  tokens: string[];
  nameKey: string;
}

interface OverlayEntry {
  token: string;
  id: string;
}

function byTokenThenId(x: OverlayEntry, y: OverlayEntry): number {
  return x.token < y.token ? -1 : x.token > y.token ? 1 : x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

function reverse(digits: string): string {
  return [...digits].reverse().join('');
}

class Overlay {
  readonly docs = new Map<string, OverlayDoc | null>();
  private sorted: { tokens: OverlayEntry[]; names: OverlayEntry[]; phones: OverlayEntry[]; phonesReversed: OverlayEntry[] } | null = null;

  set(id: string, doc: LookupDoc | null): void {
    this.docs.set(id, doc ? { doc, tokens: tokensOfDoc(doc), nameKey: normalizeCompanyName(doc.name) } : null);
    this.sorted = null;
  }

  private entries() {
    if (this.sorted) return this.sorted;
    const tokens: OverlayEntry[] = [];
    const names: OverlayEntry[] = [];
    const phones: OverlayEntry[] = [];
    const phonesReversed: OverlayEntry[] = [];
    for (const [id, entry] of this.docs) {
      if (!entry) continue;
      for (const token of entry.tokens) tokens.push({ token, id });
      if (entry.nameKey) names.push({ token: entry.nameKey, id });
      if (entry.doc.phone) {
        phones.push({ token: entry.doc.phone, id });
        phonesReversed.push({ token: reverse(entry.doc.phone), id });
      }
    }
    this.sorted = { tokens: tokens.sort(byTokenThenId), names: names.sort(byTokenThenId), phones: phones.sort(byTokenThenId), phonesReversed: phonesReversed.sort(byTokenThenId) };
    return this.sorted;
  }

  window(list: 'tokens' | 'names' | 'phones' | 'phonesReversed', term: string, limit: number): OverlayEntry[] {
    const entries = this.entries()[list];
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (entries[mid]!.token < term) lo = mid + 1;
      else hi = mid;
    }
    const out: OverlayEntry[] = [];
    const distinct = new Set<string>();
    for (let i = lo; i < entries.length && out.length < limit && distinct.size < ROWS_PER_KIND && entries[i]!.token.startsWith(term); i++) {
      distinct.add(entries[i]!.id);
      out.push(entries[i]!);
    }
    return out;
  }
}

// ---- the index ----------------------------------------------------------------------------

function longestTerm(terms: readonly string[]): string {
  return terms.reduce((longest, term) => (term.length > longest.length ? term : longest), '');
}

export interface LookupIndexMemory {
  /** Bytes of the typed arrays (outside the JavaScript heap). */
  typedArrayBytes: number;
  /** Records in the overlay of changes since the last build. */
  overlayRecords: number;
  records: Record<LookupKind, number>;
  entries: Record<LookupKind, number>;
}

export class LookupIndex {
  private readonly shards: Record<LookupKind, Shard>;
  private readonly overlays: Record<LookupKind, Overlay> = { account: new Overlay(), contact: new Overlay(), deal: new Overlay() };
  private changeSeq: number;

  constructor(private readonly snapshot: LookupIndexSnapshot) {
    if (snapshot.format !== LOOKUP_INDEX_FORMAT) throw new Error(`Stored lookup index has format ${snapshot.format}; this version reads ${LOOKUP_INDEX_FORMAT}. Rebuild it.`);
    this.shards = {
      account: new Shard('account', snapshot.shards.account, new Map(snapshot.orphanAccounts.account)),
      contact: new Shard('contact', snapshot.shards.contact, new Map(snapshot.orphanAccounts.contact)),
      deal: new Shard('deal', snapshot.shards.deal, new Map(snapshot.orphanAccounts.deal)),
    };
    this.changeSeq = snapshot.changeSeq;
    for (const doc of snapshot.looseDocs) this.overlays[doc.kind].set(doc.id, doc);
  }

  /** The last local change reflected (the snapshot's, then every change applied since). */
  get appliedChangeSeq(): number {
    return this.changeSeq;
  }

  get overlaySize(): number {
    return LOOKUP_KINDS.reduce((sum, kind) => sum + this.overlays[kind].docs.size, 0);
  }

  /**
   * Takes in records that changed (or were removed: null) up to change `seq`. A record
   * that is not stored any more, or is deleted, drops out of every answer at once.
   */
  apply(changes: ReadonlyArray<{ kind: LookupKind; id: string; doc: LookupDoc | null }>, seq: number): void {
    for (const change of changes) {
      const shard = this.shards[change.kind];
      const slot = shard.slotOfId(change.id);
      if (slot >= 0) shard.markDead(slot);
      this.overlays[change.kind].set(change.id, change.doc);
    }
    if (seq > this.changeSeq) this.changeSeq = seq;
  }

  /** The current version of a record, or null when it is not stored or deleted. */
  get(kind: LookupKind, id: string): LookupDoc | null {
    const overlaid = this.overlays[kind].docs.get(id);
    if (overlaid !== undefined) return overlaid?.doc ?? null;
    const shard = this.shards[kind];
    const slot = shard.slotOfId(id);
    if (slot < 0 || shard.isDead(slot)) return null;
    return this.docAt(kind, slot);
  }

  private docAt(kind: LookupKind, slot: number): LookupDoc {
    return this.shards[kind].doc(slot, this.snapshot.stageNames, (accountSlot) => this.shards.account.idOf(accountSlot));
  }

  /**
   * The first `limit` index entries for `term` in (token, id) order, base and overlay merged,
   * as record ids (one per entry, so a record with two matching tokens appears twice).
   */
  private windowIds(kind: LookupKind, list: 'tokens' | 'names', term: string, limit: number): Array<{ id: string; slot: number }> {
    const shard = this.shards[kind];
    const overlay = this.overlays[kind].window(list, term, limit);
    const base = shard.window(list, term, limit, overlay.length > 0);
    if (overlay.length === 0) return base.map((entry) => ({ id: '', slot: entry.slot }));
    const merged: Array<{ token: string; id: string; slot: number }> = [
      ...base.map((entry) => ({ token: entry.token!, id: shard.idOf(entry.slot), slot: entry.slot })),
      ...overlay.map((entry) => ({ token: entry.token, id: entry.id, slot: -1 })),
    ];
    merged.sort(byTokenThenId);
    return merged.slice(0, limit).map(({ id, slot }) => ({ id, slot }));
  }

  private phoneIds(key: string, backward: boolean, limit: number): Array<{ id: string; slot: number }> {
    const shard = this.shards.contact;
    const term = backward ? reverse(key) : key;
    const overlay = this.overlays.contact.window(backward ? 'phonesReversed' : 'phones', term, limit);
    const base = shard.phoneWindow(key, backward, limit);
    if (overlay.length === 0) return base.map((slot) => ({ id: '', slot }));
    const merged = [
      ...base.map((slot) => {
        const phone = this.docAt('contact', slot).phone ?? '';
        return { token: backward ? reverse(phone) : phone, id: shard.idOf(slot), slot };
      }),
      ...overlay.map((entry) => ({ token: entry.token, id: entry.id, slot: -1 })),
    ];
    merged.sort(byTokenThenId);
    return merged.slice(0, limit).map(({ id, slot }) => ({ id, slot }));
  }

  private resolve(kind: LookupKind, entry: { id: string; slot: number }): LookupDoc | null {
    if (entry.slot >= 0) return this.shards[kind].isDead(entry.slot) ? null : this.docAt(kind, entry.slot);
    return this.overlays[kind].docs.get(entry.id)?.doc ?? null;
  }

  /** Quick lookup over accounts, contacts (names, emails, phones) and deals, ranked. */
  search(query: string, limit = LOOKUP_RESULT_LIMIT): LookupHit[] {
    const terms = queryTerms(query);
    const phoneKeys = phoneQueryKeys(query);
    if (terms.length === 0 && phoneKeys.length === 0) return [];
    const probe = longestTerm(terms);
    const nameProbe = normalizeCompanyName(query);
    const joinedProbe = terms.length > 1 ? terms.join('') : null;
    const candidates: LookupCandidate[] = [];
    const docs = new Map<string, LookupDoc>();
    // A list whose every entry is known to match (`matched`) skips the per-record check, which
    // re-tokenises the record: a one-term query's token window only holds tokens starting with it.
    const pick = (kind: LookupKind, lists: Array<{ entries: Array<{ id: string; slot: number }>; matched: boolean }>, accept: (doc: LookupDoc) => boolean) => {
      const seen = new Set<string>();
      for (const { entries: list, matched } of lists) {
        for (const entry of list) {
          if (seen.size >= ROWS_PER_KIND) break;
          const key = entry.slot >= 0 ? `s${entry.slot}` : `o${entry.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const doc = this.resolve(kind, entry);
          if (!doc || docs.has(`${kind}:${doc.id}`) || (!matched && !accept(doc))) continue;
          docs.set(`${kind}:${doc.id}`, doc);
          candidates.push({
            kind,
            id: doc.id,
            name: doc.name,
            domains: kind === 'account' ? doc.domains : kind === 'contact' && doc.email?.includes('@') ? [doc.email.split('@')[1]!] : [],
            email: doc.email,
            phone: doc.phone,
            accountId: doc.accountId,
            updatedAt: doc.updatedAt,
          });
        }
      }
    };
    const matchesTerms = (doc: LookupDoc) => terms.length > 0 && tokensMatchAllTerms(tokensOfDoc(doc), terms);
    if (probe) {
      const oneTerm = terms.length === 1;
      const unchecked = (entries: Array<{ id: string; slot: number }>) => ({ entries, matched: false });
      pick('account', [unchecked(nameProbe ? this.windowIds('account', 'names', nameProbe, limit) : []), { entries: this.windowIds('account', 'tokens', probe, KEY_WINDOW), matched: oneTerm }], matchesTerms);
      for (const kind of ['contact', 'deal'] as const) {
        pick(kind, [unchecked(joinedProbe ? this.windowIds(kind, 'tokens', joinedProbe, limit) : []), { entries: this.windowIds(kind, 'tokens', probe, KEY_WINDOW), matched: oneTerm }], matchesTerms);
      }
    }
    if (phoneKeys.length) {
      const lists = phoneKeys.flatMap((key) => [this.phoneIds(key, false, KEY_WINDOW), this.phoneIds(key, true, KEY_WINDOW)]).map((entries) => ({ entries, matched: false }));
      // A separate pool, so caller-ID hits are not crowded out by names that share the digits.
      pick('contact', lists, (doc) => matchPhoneKey(doc.phone, phoneKeys) !== null);
    }
    const ranked = rankLookup({ terms, phoneKeys }, candidates, limit);
    return ranked.map((hit) => {
      const doc = docs.get(`${hit.kind}:${hit.id}`)!;
      const account = hit.kind === 'account' ? doc : hit.accountId ? this.get('account', hit.accountId) : null;
      return { ...hit, stage: hit.kind === 'deal' ? doc.stage : (account?.stage ?? null), accountName: hit.kind === 'account' ? null : (account?.name ?? null) };
    });
  }

  memory(): LookupIndexMemory {
    const records = {} as Record<LookupKind, number>;
    const entries = {} as Record<LookupKind, number>;
    let typedArrayBytes = 0;
    for (const kind of LOOKUP_KINDS) {
      const shard = this.shards[kind];
      typedArrayBytes += shard.byteSize();
      records[kind] = shard.a.count;
      entries[kind] = shard.a.tokenPos.length;
    }
    return { typedArrayBytes, overlayRecords: this.overlaySize, records, entries };
  }

  /** Every current record, base and overlay, for a rebuild. */
  *documents(): Generator<LookupDoc> {
    for (const kind of LOOKUP_KINDS) {
      const shard = this.shards[kind];
      for (let slot = 0; slot < shard.a.count; slot++) if (!shard.isDead(slot)) yield this.docAt(kind, slot);
      for (const entry of this.overlays[kind].docs.values()) if (entry) yield entry.doc;
    }
  }
}

// ---- building -----------------------------------------------------------------------------

/** ASCII upper case folded, the only folding the reader does. */
function foldAscii(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function sanitize(text: string): string {
  // Control characters are the text's own separators; in a name they show as nothing anyway.
  let clean = true;
  for (let i = 0; i < text.length && clean; i++) clean = text.charCodeAt(i) >= 0x20;
  if (clean) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out += code < 0x20 ? ' ' : text[i];
  }
  return out;
}

class GrowableBytes {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  append(text: string): void {
    const need = this.length + text.length * 3;
    if (need > this.bytes.length) {
      let size = this.bytes.length;
      while (size < need) size *= 2;
      const next = new Uint8Array(size);
      next.set(this.bytes.subarray(0, this.length));
      this.bytes = next;
    }
    this.length += ENCODER.encodeInto(text, this.bytes.subarray(this.length)).written;
  }
}

interface Located {
  /** Byte position in the shard's text, with SKIP_FLAG for punctuation-skipping tokens. */
  pos: number;
  len: number;
}

/** Lays out one record's text and finds each of its tokens in it. */
function layoutDoc(doc: LookupDoc, tokens: readonly string[], base: number, nameKey: string | null): { text: string; tokens: Located[]; tokenStrings: string[]; name: Located | null; phone: Located | null } {
  const name = sanitize(doc.name);
  const second = doc.kind === 'account' ? doc.domains.map(sanitize).join(LIST_SEPARATOR) : doc.kind === 'contact' ? sanitize(doc.email ?? '') : '';
  const phone = doc.phone ?? '';
  let text = `${name}\u001f${second}\u001f${phone}`;
  const normalized = normalizeForSearch(name);
  if (normalized !== foldAscii(name)) text += `\u001f${normalized}`;
  const extras: string[] = [];
  let folded = foldAscii(text);
  let compact: { text: string; map: number[] } | null = null;
  const compactOf = () => {
    if (compact) return compact;
    const map: number[] = [];
    let out = '';
    for (let i = 0; i < folded.length; i++) {
      const c = folded.charCodeAt(i);
      if (c < 0x80 && isAsciiSkippable(c)) continue;
      out += folded[i];
      map.push(i);
    }
    compact = { text: out, map };
    return compact;
  };
  const locate = (token: string, maxBytes: number): Located | null => {
    const at = folded.indexOf(token);
    if (at >= 0) {
      const len = utf8Length(folded, at, at + token.length);
      if (len <= maxBytes) return { pos: base + utf8Length(folded, 0, at), len };
    }
    const c = compactOf();
    const ci = c.text.indexOf(token);
    if (ci >= 0 && token.length > 0) {
      const start = c.map[ci]!;
      const end = c.map[ci + token.length - 1]! + 1;
      const len = utf8Length(folded, start, end);
      if (len <= maxBytes) return { pos: ((base + utf8Length(folded, 0, start)) | SKIP_FLAG) >>> 0, len };
    }
    return null;
  };
  const located: Located[] = [];
  const tokenStrings: string[] = [];
  const missing: string[] = [];
  for (const token of tokens) {
    const found = locate(token, 255);
    if (found) {
      located.push(found);
      tokenStrings.push(token);
    } else missing.push(token);
  }
  let nameLocated = nameKey ? locate(nameKey, 0xffff) : null;
  if (missing.length || (nameKey && !nameLocated)) {
    for (const token of missing) extras.push(token);
    if (nameKey && !nameLocated) extras.push(nameKey);
    // Tokens found nowhere in the record's own text are kept whole after it.
    const offset = text.length;
    text += extras.map((extra) => `\u001f${extra}`).join('');
    folded = foldAscii(text);
    compact = null;
    let cursor = offset;
    for (const extra of extras) {
      cursor += 1;
      const pos = base + utf8Length(folded, 0, cursor);
      const len = utf8Length(folded, cursor, cursor + extra.length);
      if (extra === nameKey && nameKey && !nameLocated) nameLocated = { pos, len };
      else {
        located.push({ pos, len: Math.min(len, 255) });
        tokenStrings.push(extra);
      }
      cursor += extra.length;
    }
  }
  const phoneLocated = phone ? { pos: base + utf8Length(folded, 0, name.length + 1 + second.length + 1), len: phone.length } : null;
  return { text, tokens: located, tokenStrings, name: nameLocated, phone: phoneLocated };
}

export interface BuildOptions {
  stageNames: readonly string[];
  changeSeq: number;
  now?: number;
  /** Called every few thousand records so a caller can yield to the page. */
  pause?: () => Promise<void>;
}

const PAUSE_EVERY_RECORDS = 2000;

/**
 * Builds one shard from its records (any order). The records are laid out in id order, each
 * token located in its record's text, and the entries sorted by token, then id.
 */
async function buildShard(kind: LookupKind, input: readonly LookupDoc[], stageNames: readonly string[], accountSlots: Map<string, number> | null, pause: () => Promise<void>): Promise<{ arrays: ShardArrays; orphans: Array<[number, string]> }> {
  const docs = input.filter((doc) => CANONICAL_ID.test(doc.id)).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const count = docs.length;
  const ids = new Uint8Array(count * 16);
  const sixByteTimes = docs.every((doc) => Number.isInteger(doc.updatedAt) && doc.updatedAt >= 0 && doc.updatedAt < 2 ** 48);
  const updatedAt = new Float64Array(sixByteTimes ? 0 : count);
  const updatedAtLow = new Uint32Array(sixByteTimes ? count : 0);
  const updatedAtHigh = new Uint16Array(sixByteTimes ? count : 0);
  const textStart = new Uint32Array(count + 1);
  // Accounts are their own account; contacts have no stage: neither array is kept for them.
  const accountSlot = new Int32Array(kind === 'account' ? 0 : count).fill(-1);
  let stage = new Uint8Array(count);
  let anyStage = false;
  const orphans: Array<[number, string]> = [];
  const text = new GrowableBytes();
  // Token → encoded entries (pos * 256 + len), in id order because records are visited in id order.
  const byToken = new Map<string, number[]>();
  const names: Array<{ key: string; pos: number; len: number }> = [];
  const phones: Array<{ key: string; pos: number; len: number }> = [];
  for (let slot = 0; slot < count; slot++) {
    if (slot % PAUSE_EVERY_RECORDS === PAUSE_EVERY_RECORDS - 1) await pause();
    const doc = docs[slot]!;
    writeId(ids, slot, doc.id);
    if (sixByteTimes) {
      updatedAtLow[slot] = doc.updatedAt % 2 ** 32;
      updatedAtHigh[slot] = Math.floor(doc.updatedAt / 2 ** 32);
    } else updatedAt[slot] = doc.updatedAt;
    const stageIndex = doc.stage ? stageNames.indexOf(doc.stage) : -1;
    stage[slot] = stageIndex + 1;
    if (stageIndex >= 0) anyStage = true;
    if (kind !== 'account' && doc.accountId) {
      const found = accountSlots?.get(doc.accountId);
      if (found !== undefined) accountSlot[slot] = found;
      else orphans.push([slot, doc.accountId]);
    }
    textStart[slot] = text.length;
    const nameKey = kind === 'account' ? normalizeCompanyName(doc.name) : null;
    const laid = layoutDoc(doc, tokensOfDoc(doc), text.length, nameKey);
    text.append(laid.text);
    for (const [t, located] of laid.tokens.entries()) {
      // The located text reads back as exactly this token (layoutDoc found it there).
      const token = laid.tokenStrings[t]!;
      const list = byToken.get(token);
      const encoded = located.pos * 256 + located.len;
      if (list) list.push(encoded);
      else byToken.set(token, [encoded]);
    }
    if (laid.name && nameKey) names.push({ key: nameKey, pos: laid.name.pos, len: laid.name.len });
    if (laid.phone && doc.phone) phones.push({ key: doc.phone, pos: laid.phone.pos, len: laid.phone.len });
  }
  textStart[count] = text.length;
  await pause();
  // Sort the distinct tokens by their first code unit's bucket, pausing between buckets.
  const buckets = new Map<number, string[]>();
  for (const token of byToken.keys()) {
    const first = token.charCodeAt(0);
    const bucket = buckets.get(first);
    if (bucket) bucket.push(token);
    else buckets.set(first, [token]);
  }
  let entryCount = 0;
  let longestToken = 0;
  for (const list of byToken.values()) {
    entryCount += list.length;
    for (const encoded of list) longestToken = Math.max(longestToken, encoded % 256);
  }
  const packed = text.length < PACKED_MAX_TEXT_BYTES && longestToken <= PACKED_LEN_MASK;
  const tokenPos = new Uint32Array(entryCount);
  const tokenLen = new Uint8Array(packed ? 0 : entryCount);
  let e = 0;
  let sortedSoFar = 0;
  for (const first of [...buckets.keys()].sort((x, y) => x - y)) {
    const bucket = buckets.get(first)!.sort();
    for (const token of bucket) {
      for (const encoded of byToken.get(token)!) {
        const at = Math.floor(encoded / 256);
        const len = encoded % 256;
        if (packed) tokenPos[e] = ((at & SKIP_FLAG) | ((at & ~SKIP_FLAG) << PACKED_LEN_BITS) | len) >>> 0;
        else {
          tokenPos[e] = at;
          tokenLen[e] = len;
        }
        e++;
      }
    }
    sortedSoFar += bucket.length;
    if (sortedSoFar > 20_000) {
      sortedSoFar = 0;
      await pause();
    }
  }
  byToken.clear();
  if (!anyStage) stage = new Uint8Array(0);
  // Stable sorts: equal keys stay in id order.
  names.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  phones.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const reversedKeys = phones.map((phone) => reverse(phone.key));
  const suffixOrder = Array.from(phones.keys()).sort((x, y) => (reversedKeys[x]! < reversedKeys[y]! ? -1 : reversedKeys[x]! > reversedKeys[y]! ? 1 : 0));
  const bytes = text.bytes.slice(0, text.length);
  return {
    arrays: {
      count,
      ids,
      updatedAt,
      updatedAtLow,
      updatedAtHigh,
      textStart,
      text: bytes,
      accountSlot,
      stage,
      tokenPos,
      tokenLen,
      namePos: Uint32Array.from(names, (n) => n.pos),
      nameLen: Uint16Array.from(names, (n) => n.len),
      phonePos: Uint32Array.from(phones, (p) => p.pos),
      phoneLen: Uint8Array.from(phones, (p) => Math.min(p.len, 255)),
      phoneSuffixOrder: Uint32Array.from(suffixOrder),
    },
    orphans,
  };
}


/** Builds the whole index from current records (deleted ones left out by the caller). */
export async function buildLookupIndex(docs: Record<LookupKind, readonly LookupDoc[]>, options: BuildOptions): Promise<LookupIndexSnapshot> {
  const pause = options.pause ?? (() => Promise.resolve());
  const stageNames = [...options.stageNames];
  const account = await buildShard('account', docs.account, stageNames, null, pause);
  const accountSlots = new Map<string, number>();
  for (let slot = 0; slot < account.arrays.count; slot++) accountSlots.set(readId(account.arrays.ids, slot), slot);
  const contact = await buildShard('contact', docs.contact, stageNames, accountSlots, pause);
  const deal = await buildShard('deal', docs.deal, stageNames, accountSlots, pause);
  return {
    format: LOOKUP_INDEX_FORMAT,
    changeSeq: options.changeSeq,
    builtAt: options.now ?? Date.now(),
    stageNames,
    shards: { account: account.arrays, contact: contact.arrays, deal: deal.arrays },
    orphanAccounts: { account: [], contact: contact.orphans, deal: deal.orphans },
    looseDocs: LOOKUP_KINDS.flatMap((kind) => docs[kind].filter((doc) => !CANONICAL_ID.test(doc.id))),
  };
}
