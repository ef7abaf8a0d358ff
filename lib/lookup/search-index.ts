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
 * Layout, per kind (a "shard"; ShardArrays has the details, lib/lookup/README.md the numbers):
 * - records sorted by id, so a record's slot is found by binary search over its block's first
 *   id (ids are front-coded in blocks, update times beside them), and equal tokens list their
 *   records in id order, as an IndexedDB index does;
 * - each record's text (name, domains or email, only when needed the normalised name or a
 *   token found nowhere else, then the phone two digits a byte) in one byte array; a contact's
 *   email domain that is its account's first domain is read from the account's text;
 * - one entry per (token, record): where the token sits in that text (position, byte length,
 *   and flags for tokens that skip punctuation, like "acmerobotics" in "Acme Robotics", and for
 *   tokens kept as typed), sorted by token, then id, delta-coded in blocks. A token is read from
 *   the record's own text, A–Z folded, so it costs about 3 bytes and no string.
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
export const LOOKUP_INDEX_FORMAT = 10;

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
  /**
   * Ids, in blocks of ID_BLOCK records: the block's first id whole (16 bytes each) here, and in
   * `idRest` from `idRestStart[block]` each record in turn: the next id as the growth of its first
   * 6 bytes (a varint; ids are sorted, and uuidv7 ids start with their time) and its other 10
   * bytes, then, when `updatedAt` is empty, the update time as a zigzag varint of its distance
   * from the id's first 6 bytes (a uuidv7 id's creation time).
   */
  ids: Uint8Array;
  idRest: Uint8Array;
  idRestStart: Uint32Array;
  /** Update times as they are when any is not a whole number of milliseconds; else empty. */
  updatedAt: Float64Array;
  /**
   * Records' text: where every TEXT_BLOCK-th record's starts, then each record's byte length
   * (255: see `longTextSlots`, in slot order, and `longTextLengths`).
   */
  textStart: Uint32Array;
  textLength: Uint8Array;
  longTextSlots: Uint32Array;
  longTextLengths: Uint32Array;
  text: Uint8Array;
  /** Slot of the record's account in the account shard plus one (0: none or not in it), packed (see packUints); empty for accounts. */
  accountSlot: Uint8Array;
  /** Index into `stageNames` plus one (0 for none), packed. Empty when no record of the kind has a stage (contacts). */
  stage: Uint8Array;
  /**
   * One entry per (token, record), in (token, id) order: where the token sits in `text` (byte
   * position, SKIP_FLAG for a token that skips punctuation, byte length), `tokenCount` of them
   * in blocks of ENTRY_BLOCK. A block's first entry is whole in `tokenPos` and `tokenLen` (one
   * per block: a search finds its block by binary search over them); the others follow in
   * `tokenStream` from `tokenBlockStart[block]`, each as a varint: the distance from the
   * entry before, doubled, when it has the same length and flag and comes later in the text
   * (the records of one token, which are in id order, so in text order); else its position
   * and flag, doubled plus one, then a length byte.
   */
  tokenCount: number;
  tokenPos: Uint32Array;
  tokenLen: Uint8Array;
  tokenStream: Uint8Array;
  tokenBlockStart: Uint32Array;
  /**
   * Accounts: the whole-name key (normalizeCompanyName) of `nameCount` records, sorted by key,
   * then id: its byte position in `text`, doubled, plus one when it skips punctuation, and its
   * byte length, each packed.
   */
  nameCount: number;
  namePos: Uint8Array;
  nameLen: Uint8Array;
  /**
   * Contacts: where each of `phoneCount` phones sits in `text` (its record's last field: digits
   * two to a byte, see writePhone), sorted forwards (prefixes), packed; and the same phones'
   * places in that list sorted backwards (caller-ID suffixes), packed.
   */
  phoneCount: number;
  phonePos: Uint8Array;
  phoneSuffixOrder: Uint8Array;
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
/**
 * Marks a token kept whole after its record's text because it holds A–Z (an email or domain as
 * typed, "ann@Northwind.com"): it is read back as it is, not folded, so it reads as the string it
 * is sorted by.
 */
const AS_IS_FLAG = 0x40000000;
const POS_MASK = 0x3fffffff;
const LIST_SEPARATOR = '\u001e';
const FIELD_SEPARATOR = 0x1f;
/**
 * In a contact's text, stands for its email's domain when that is its account's first domain
 * (most business contacts): the bytes are read from the account's text instead of repeated.
 * 0xff is never part of UTF-8, so no text can hold it otherwise.
 */
const SHARED_DOMAIN = 0xff;
/** Holds SHARED_DOMAIN's place (one byte too) in a laid-out record's string until it is written. */
const SHARED_DOMAIN_PLACE = '\u001d';
const LIST_SEPARATOR_BYTE = 0x1e;
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

function idString(source: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[source[at + i]!];
  }
  return s;
}

/** Compares stored id bytes with the 16 bytes of another, byte by byte (the order of the lower-case strings). */
function compareIdBytes(source: Uint8Array, at: number, bytes: Uint8Array): number {
  for (let i = 0; i < 16; i++) {
    const d = source[at + i]! - bytes[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

function idBytes(id: string): Uint8Array {
  const bytes = new Uint8Array(16);
  writeId(bytes, 0, id);
  return bytes;
}

// ---- whole numbers packed to the bits they need -----------------------------------------

/** Bytes after a packed list's last value, so a read of five bytes never runs past the end. */
const PACKED_SPARE = 4;

/**
 * Whole numbers from 0 to 2^32 - 1, each in as many bits as the largest needs, low bits first:
 * the bit width in the first byte, then the values, then PACKED_SPARE zero bytes. An account
 * slot of a book of 100k accounts takes 17 bits where three bytes took 24; a list of no values
 * is empty.
 */
export function packUints(values: ArrayLike<number>): Uint8Array {
  if (values.length === 0) return new Uint8Array(0);
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, values[i]!);
  if (max >= 2 ** 32) throw new Error(`${max} does not fit a packed list`);
  const bits = Math.max(1, 32 - Math.clz32(max));
  const out = new Uint8Array(1 + Math.ceil((values.length * bits) / 8) + PACKED_SPARE);
  out[0] = bits;
  let at = 0;
  for (let i = 0; i < values.length; i++) {
    let value = values[i]!;
    for (let left = bits; left > 0; ) {
      const shift = at & 7;
      const take = Math.min(8 - shift, left);
      out[1 + (at >>> 3)]! |= (value % 2 ** take) << shift;
      value = Math.floor(value / 2 ** take);
      at += take;
      left -= take;
    }
  }
  return out;
}

/** The `i`-th value of a list made by packUints. */
export function readPacked(packed: Uint8Array, i: number): number {
  const bits = packed[0]!;
  const at = i * bits;
  const byte = 1 + Math.floor(at / 8);
  // Up to 32 bits after a shift of up to 7: five bytes, as a 40-bit whole number (exact in a double).
  const low = packed[byte]! | (packed[byte + 1]! << 8) | (packed[byte + 2]! << 16);
  const high = packed[byte + 3]! | (packed[byte + 4]! << 8);
  return Math.floor((low + high * 0x1000000) / 2 ** (at % 8)) % 2 ** bits;
}

export const ID_BLOCK = 64;
/** An id's first 6 bytes as a number (below 2^48: exact in a double). */
function idPrefix(source: Uint8Array, at: number): number {
  return source[at]! * 2 ** 40 + source[at + 1]! * 2 ** 32 + source[at + 2]! * 2 ** 24 + ((source[at + 3]! << 16) | (source[at + 4]! << 8) | source[at + 5]!);
}

function writeIdPrefix(target: Uint8Array, value: number): void {
  for (let i = 5; i >= 0; i--) {
    target[i] = value % 256;
    value = Math.floor(value / 256);
  }
}

/** Walks one block of `idRest`, record by record: the current record's id is its 6-byte prefix and the 10 bytes at `tail` of `tailSource`. */
class IdCursor {
  prefix = 0;
  tailSource: Uint8Array = new Uint8Array(0);
  tail = 0;
  updatedAt = 0;
  slot = 0;
  private at = 0;
  constructor(private readonly a: ShardArrays) {}

  private varint(): number {
    const bytes = this.a.idRest;
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[this.at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
  }

  private readTime(): void {
    if (this.a.updatedAt.length) {
      this.updatedAt = this.a.updatedAt[this.slot]!;
      return;
    }
    const zigzag = this.varint();
    this.updatedAt = this.prefix + (zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2);
  }

  /** To the first record of `block`. */
  start(block: number): void {
    const ids = this.a.ids;
    this.slot = block * ID_BLOCK;
    this.at = this.a.idRestStart[block]!;
    this.prefix = idPrefix(ids, block * 16);
    this.tailSource = ids;
    this.tail = block * 16 + 6;
    this.readTime();
  }

  /** To the next record of the same block. */
  next(): void {
    this.slot++;
    this.prefix += this.varint();
    this.tailSource = this.a.idRest;
    this.tail = this.at;
    this.at += 10;
    this.readTime();
  }

  seek(slot: number): void {
    this.start(Math.floor(slot / ID_BLOCK));
    while (this.slot < slot) this.next();
  }

  id(): string {
    const bytes = new Uint8Array(16);
    writeIdPrefix(bytes, this.prefix);
    bytes.set(this.tailSource.subarray(this.tail, this.tail + 10), 6);
    return idString(bytes, 0);
  }

  /** The current id compared with `bytes`, as compareIdBytes. */
  compare(bytes: Uint8Array): number {
    const d = this.prefix - idPrefix(bytes, 0);
    if (d !== 0) return d;
    for (let i = 0; i < 10; i++) {
      const e = this.tailSource[this.tail + i]! - bytes[6 + i]!;
      if (e !== 0) return e;
    }
    return 0;
  }
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
  private text: Uint8Array;
  private pos = 0;
  private end = 0;
  private skip = false;
  private fold = true;
  private pendingLow = -1;
  /** Where reading resumes in the record's own text after a shared domain (SHARED_DOMAIN). */
  private resumePos = -1;
  private resumeEnd = 0;
  constructor(
    private readonly ownText: Uint8Array,
    /** The text, start and end of the domain a SHARED_DOMAIN byte at `pos` stands for. */
    private readonly sharedDomain: ((pos: number) => { text: Uint8Array; start: number; end: number }) | null = null,
  ) {
    this.text = ownText;
  }

  reset(pos: number, len: number, skip: boolean, fold = true): void {
    this.text = this.ownText;
    this.pos = pos;
    this.end = pos + len;
    this.skip = skip;
    this.fold = fold;
    this.pendingLow = -1;
    this.resumePos = -1;
  }

  /** The next code unit, or -1 at the token's end. */
  next(): number {
    if (this.pendingLow >= 0) {
      const low = this.pendingLow;
      this.pendingLow = -1;
      return low;
    }
    let text = this.text;
    for (;;) {
      if (this.pos >= this.end) {
        if (this.resumePos < 0) return -1;
        // Back from the account's text to the rest of the record's own.
        text = this.text = this.ownText;
        this.pos = this.resumePos;
        this.end = this.resumeEnd;
        this.resumePos = -1;
        continue;
      }
      const b = text[this.pos]!;
      if (b === SHARED_DOMAIN && this.sharedDomain && text === this.ownText) {
        const shared = this.sharedDomain(this.pos);
        this.resumePos = this.pos + 1;
        this.resumeEnd = this.end;
        text = this.text = shared.text;
        this.pos = shared.start;
        this.end = shared.end;
        continue;
      }
      if (b < 0x80) {
        this.pos++;
        if (this.skip && isAsciiSkippable(b)) continue;
        return this.fold && b >= 0x41 && b <= 0x5a ? b + 32 : b;
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

// ---- phones -------------------------------------------------------------------------------

/** Ends a phone's digits (a nibble no digit has) and fills its last byte. */
const PHONE_END = 0xa;
/** Starts a phone that is not only ASCII digits (never from phoneKey): its UTF-8 follows, then PHONE_TEXT_END. */
const PHONE_AS_TEXT = 0xfe;
const PHONE_TEXT_END = 0x1e;

function isDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** A phone's bytes: two digits a byte (first in the high nibble), then PHONE_END; none for no phone. No byte is 0x1f, 0x1e or 0xff. */
function writePhone(out: GrowableBytes, phone: string): void {
  if (!phone) return;
  if (!isDigits(phone)) {
    out.appendByte(PHONE_AS_TEXT);
    out.append(sanitize(phone));
    out.appendByte(PHONE_TEXT_END);
    return;
  }
  for (let i = 0; i <= phone.length; i += 2) {
    const high = i < phone.length ? phone.charCodeAt(i) - 0x30 : PHONE_END;
    const low = i + 1 < phone.length ? phone.charCodeAt(i + 1) - 0x30 : PHONE_END;
    out.appendByte((high << 4) | low);
  }
}

function readPhone(text: Uint8Array, pos: number): string {
  if (text[pos] === PHONE_AS_TEXT) return decodeRange(text, pos + 1, text.indexOf(PHONE_TEXT_END, pos + 1));
  let phone = '';
  for (let at = pos; ; at++) {
    const byte = text[at]!;
    if (byte >> 4 === PHONE_END) return phone;
    phone += String.fromCharCode(0x30 + (byte >> 4));
    if ((byte & 0xf) === PHONE_END) return phone;
    phone += String.fromCharCode(0x30 + (byte & 0xf));
  }
}

/** <0 when `key` sorts before `term`, 0 when it starts with it, >0 when after. */
function compareKeyToTerm(key: string, term: string): number {
  if (key.startsWith(term)) return 0;
  return key < term ? -1 : 1;
}

function decodeRange(text: Uint8Array, start: number, end: number): string {
  return DECODER.decode(text.subarray(start, end));
}
const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();

// ---- where each record's text is ----------------------------------------------------------

/** Records per stored text start; the ones between are found by adding lengths (1 byte each). */
const TEXT_BLOCK = 32;
const LONG_TEXT = 255;

function recordLength(a: ShardArrays, slot: number): number {
  const length = a.textLength[slot]!;
  if (length < LONG_TEXT) return length;
  const long = a.longTextSlots;
  let lo = 0;
  let hi = long.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (long[mid]! < slot) lo = mid + 1;
    else hi = mid;
  }
  return a.longTextLengths[lo]!;
}

function recordStart(a: ShardArrays, slot: number): number {
  let pos = a.textStart[Math.floor(slot / TEXT_BLOCK)]!;
  for (let s = slot - (slot % TEXT_BLOCK); s < slot; s++) pos += recordLength(a, s);
  return pos;
}

/** The record whose text holds byte `pos`. */
function slotAt(a: ShardArrays, pos: number): number {
  const starts = a.textStart;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  let slot = lo * TEXT_BLOCK;
  let start = starts[lo]!;
  for (;;) {
    const end = start + recordLength(a, slot);
    if (pos < end || slot >= a.count - 1) return slot;
    start = end;
    slot++;
  }
}

// ---- one kind ---------------------------------------------------------------------------

export const ENTRY_BLOCK = 128;

function accountSlotOf(a: ShardArrays, slot: number): number {
  if (a.accountSlot.length === 0) return -1;
  return readPacked(a.accountSlot, slot) - 1;
}


/** Walks the token entries (see ShardArrays.tokenStream) from a block's first. */
class EntryCursor {
  index = 0;
  pos = 0;
  len = 0;
  skip = false;
  fold = true;
  private at = 0;
  constructor(private readonly a: ShardArrays) {}

  start(block: number): void {
    const head = this.a.tokenPos[block]!;
    this.index = block * ENTRY_BLOCK;
    this.pos = head & POS_MASK;
    this.skip = (head & SKIP_FLAG) !== 0;
    this.fold = (head & AS_IS_FLAG) === 0;
    this.len = this.a.tokenLen[block]!;
    this.at = this.a.tokenBlockStart[block]!;
  }

  /** To the next entry; false past the last. */
  next(): boolean {
    const index = this.index + 1;
    if (index >= this.a.tokenCount) return false;
    if (index % ENTRY_BLOCK === 0) {
      this.start(index / ENTRY_BLOCK);
      return true;
    }
    this.index = index;
    const bytes = this.a.tokenStream;
    let value = 0;
    let scale = 1;
    for (;;) {
      const b = bytes[this.at++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 128;
    }
    if (value % 2 === 0) this.pos += value / 2;
    else {
      const flagged = (value - 1) / 2;
      this.skip = (flagged & 2) !== 0;
      this.fold = (flagged & 1) === 0;
      this.pos = Math.floor(flagged / 4);
      this.len = bytes[this.at++]!;
    }
    return true;
  }
}

class Shard {
  /** One bit per record: changed or removed since the build (the overlay holds its current version); none until a record changes. */
  private deadBits: Uint8Array | null = null;
  private readonly reader: TokenReader;
  private readonly cursor: IdCursor;
  private readonly entries: EntryCursor;

  constructor(
    readonly kind: LookupKind,
    readonly a: ShardArrays,
    readonly orphanAccounts: Map<number, string>,
    /** The account shard, whose text holds the domains contacts' emails share (SHARED_DOMAIN). */
    private readonly accounts: ShardArrays | null = null,
  ) {
    this.cursor = new IdCursor(a);
    this.reader = new TokenReader(a.text, accounts ? (pos) => this.sharedDomainAt(pos) : null);
    this.entries = new EntryCursor(a);
  }

  /** The account's first domain, in the account shard's text, that a SHARED_DOMAIN byte at `pos` stands for. */
  private sharedDomainAt(pos: number): { text: Uint8Array; start: number; end: number } {
    const accounts = this.accounts!;
    const accountSlot = accountSlotOf(this.a, this.slotOfPos(pos));
    const text = accounts.text;
    let start = recordStart(accounts, accountSlot);
    while (text[start] !== FIELD_SEPARATOR) start++;
    start++;
    let end = start;
    while (text[end] !== FIELD_SEPARATOR && text[end] !== LIST_SEPARATOR_BYTE) end++;
    return { text, start, end };
  }

  isDead(slot: number): boolean {
    return this.deadBits !== null && (this.deadBits[slot >>> 3]! & (1 << (slot & 7))) !== 0;
  }

  markDead(slot: number): void {
    this.deadBits ??= new Uint8Array((this.a.count + 7) >>> 3);
    this.deadBits[slot >>> 3]! |= 1 << (slot & 7);
  }

  slotOfPos(pos: number): number {
    return slotAt(this.a, pos);
  }

  slotOfId(id: string): number {
    if (!CANONICAL_ID.test(id) || this.a.count === 0) return -1;
    const bytes = idBytes(id);
    // The last block whose first id is not after this one, then that block's records in turn.
    let lo = 0;
    let hi = this.a.idRestStart.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareIdBytes(this.a.ids, mid * 16, bytes) <= 0) lo = mid;
      else hi = mid - 1;
    }
    const cursor = this.cursor;
    cursor.start(lo);
    const end = Math.min(this.a.count, (lo + 1) * ID_BLOCK);
    for (;;) {
      const c = cursor.compare(bytes);
      if (c === 0) return cursor.slot;
      if (c > 0 || cursor.slot + 1 >= end) return -1;
      cursor.next();
    }
  }

  idOf(slot: number): string {
    this.cursor.seek(slot);
    return this.cursor.id();
  }

  /** The record's name, its domains or email, and its phone. */
  fields(slot: number): [string, string, string] {
    const start = recordStart(this.a, slot);
    const record = this.a.text.subarray(start, start + recordLength(this.a, slot));
    // The phone is the last field, and no byte of it is a field separator.
    const phoneAt = record.lastIndexOf(FIELD_SEPARATOR) + 1;
    const phone = phoneAt < record.length ? readPhone(this.a.text, start + phoneAt) : '';
    const end = start + phoneAt - 1;
    const shared = this.accounts ? record.subarray(0, phoneAt).indexOf(SHARED_DOMAIN) : -1;
    let text: string;
    if (shared < 0) text = decodeRange(this.a.text, start, end);
    else {
      const domain = this.sharedDomainAt(start + shared);
      text = decodeRange(this.a.text, start, start + shared) + decodeRange(domain.text, domain.start, domain.end) + decodeRange(this.a.text, start + shared + 1, end);
    }
    const [name = '', second = ''] = text.split('\u001f', 2);
    return [name, second, phone];
  }

  doc(slot: number, stageNames: readonly string[], accountIdOf: (slot: number) => string | null): LookupDoc {
    const [name, second, phone] = this.fields(slot);
    const stageCode = this.a.stage.length ? readPacked(this.a.stage, slot) : 0;
    const accountSlot = accountSlotOf(this.a, slot);
    this.cursor.seek(slot);
    const id = this.cursor.id();
    const updatedAt = this.cursor.updatedAt;
    return {
      kind: this.kind,
      id,
      name,
      domains: this.kind === 'account' && second ? second.split(LIST_SEPARATOR) : [],
      email: this.kind === 'contact' && second ? second : null,
      phone: phone || null,
      accountId: this.kind === 'account' ? id : accountSlot >= 0 ? accountIdOf(accountSlot) : (this.orphanAccounts.get(slot) ?? null),
      stage: stageCode ? (stageNames[stageCode - 1] ?? null) : null,
      updatedAt,
    };
  }

  tokenString(pos: number, len: number, skip: boolean, fold = true): string {
    this.reader.reset(pos, len, skip, fold);
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
    if (list === 'tokens') return this.tokenWindow(term, limit, withTokens);
    const count = this.a.nameCount;
    // A whole-name key may skip punctuation too ("acmerobotics" in "Acme Robotics").
    const posOf = (i: number) => Math.floor(readPacked(this.a.namePos, i) / 2);
    const lenOf = (i: number) => readPacked(this.a.nameLen, i);
    const skipsOf = (i: number) => readPacked(this.a.namePos, i) % 2 === 1;
    const compareAt = (i: number) => {
      const packed = readPacked(this.a.namePos, i);
      this.reader.reset(Math.floor(packed / 2), lenOf(i), packed % 2 === 1);
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

  /** `window` over the token entries: a binary search over the blocks' first entries, then one block read in turn. */
  private tokenWindow(term: string, limit: number, withTokens: boolean): Array<{ slot: number; token: string | null }> {
    const out: Array<{ slot: number; token: string | null }> = [];
    if (this.a.tokenCount === 0) return out;
    const cursor = this.entries;
    const compare = () => {
      this.reader.reset(cursor.pos, cursor.len, cursor.skip, cursor.fold);
      return compareToTerm(this.reader, term);
    };
    // The first block whose first entry does not sort before the term; the entry sought is in the block before it or is that first entry.
    const block = Shard.lowerBound(this.a.tokenPos.length, (b) => {
      const head = this.a.tokenPos[b]!;
      this.reader.reset(head & POS_MASK, this.a.tokenLen[b]!, (head & SKIP_FLAG) !== 0, (head & AS_IS_FLAG) === 0);
      return compareToTerm(this.reader, term);
    });
    cursor.start(Math.max(0, block - 1));
    let c = compare();
    while (c < 0) {
      if (!cursor.next()) return out;
      c = compare();
    }
    const distinct = new Set<number>();
    while (c === 0 && out.length < limit && distinct.size < ROWS_PER_KIND) {
      const slot = this.slotOfPos(cursor.pos);
      if (!this.isDead(slot)) {
        distinct.add(slot);
        out.push({ slot, token: withTokens ? this.tokenString(cursor.pos, cursor.len, cursor.skip, cursor.fold) : null });
      }
      if (!cursor.next()) break;
      c = compare();
    }
    return out;
  }

  /** Live contacts whose phone digits start (forward) or end (backward) with `key`, in key order, then id. */
  phoneWindow(key: string, backward: boolean, limit: number): number[] {
    const { phonePos, phoneSuffixOrder, text } = this.a;
    const count = this.a.phoneCount;
    const reversed = reverse(key);
    const posOf = (i: number) => readPacked(phonePos, backward ? readPacked(phoneSuffixOrder, i) : i);
    const compareAt = (i: number) => {
      const phone = readPhone(text, posOf(i));
      return backward ? compareKeyToTerm(reverse(phone), reversed) : compareKeyToTerm(phone, key);
    };
    const out: number[] = [];
    const distinct = new Set<number>();
    for (let i = Shard.lowerBound(count, compareAt); i < count && out.length < limit && distinct.size < ROWS_PER_KIND; i++) {
      if (compareAt(i) !== 0) break;
      const slot = this.slotOfPos(posOf(i));
      if (this.isDead(slot)) continue;
      distinct.add(slot);
      out.push(slot);
    }
    return out;
  }

  byteSize(): number {
    let total = this.deadBits?.byteLength ?? 0;
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
      contact: new Shard('contact', snapshot.shards.contact, new Map(snapshot.orphanAccounts.contact), snapshot.shards.account),
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
      entries[kind] = shard.a.tokenCount;
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
  appendByte(byte: number): void {
    if (this.length === this.bytes.length) {
      const next = new Uint8Array(this.bytes.length * 2);
      next.set(this.bytes);
      this.bytes = next;
    }
    this.bytes[this.length++] = byte;
  }
  /** A non-negative whole number, 7 bits a byte, low bits first. */
  varint(value: number): void {
    while (value >= 0x80) {
      this.appendByte((value % 0x80) | 0x80);
      value = Math.floor(value / 0x80);
    }
    this.appendByte(value);
  }
}

interface Located {
  /** Byte position in the shard's text, with SKIP_FLAG for punctuation-skipping tokens. */
  pos: number;
  len: number;
}

/** Lays out one record's text and finds each of its tokens in it. */
function layoutDoc(doc: LookupDoc, tokens: readonly string[], base: number, nameKey: string | null, accountDomain: string | null = null): { text: string; sharedAt: number; tokens: Located[]; tokenStrings: string[]; name: Located | null } {
  const name = sanitize(doc.name);
  const second = doc.kind === 'account' ? doc.domains.map(sanitize).join(LIST_SEPARATOR) : doc.kind === 'contact' ? sanitize(doc.email ?? '') : '';
  // The phone is written after the rest (writePhone), so no token is found in its digits.
  let text = `${name}\u001f${second}`;
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
        located.push({ pos: /[A-Z]/.test(extra) ? (pos | AS_IS_FLAG) >>> 0 : pos, len: Math.min(len, 255) });
        tokenStrings.push(extra);
      }
      cursor += extra.length;
    }
  }
  const laid = { text, sharedAt: -1, tokens: located, tokenStrings, name: nameLocated };
  return accountDomain ? shareAccountDomain(laid, name.length + 1, second, accountDomain, base) : laid;
}

/**
 * Replaces a contact's email domain by SHARED_DOMAIN when it is its account's first domain,
 * moving what follows. Only when every token either ends before the domain, starts after it, or
 * ends exactly with it (the email, the domain): a token that ends inside it could not be read
 * back through the account's text, and the record keeps its domain then.
 */
function shareAccountDomain<T extends { text: string; sharedAt: number; tokens: Located[]; name: Located | null }>(laid: T, emailAt: number, email: string, domain: string, base: number): T {
  if (!email.endsWith(`@${domain}`) || email.indexOf('@') !== email.length - domain.length - 1) return laid;
  const at = emailAt + email.length - domain.length;
  const start = base + utf8Length(laid.text, 0, at);
  const end = start + utf8Length(domain, 0, domain.length);
  const saved = end - start - 1;
  const located = [...laid.tokens, ...(laid.name ? [laid.name] : [])];
  const shareable = located.every(({ pos, len }) => {
    const from = pos & POS_MASK;
    return from + len <= start || from >= end || (from <= start && from + len === end);
  });
  if (!shareable) return laid;
  const move = ({ pos, len }: Located): Located => {
    const from = pos & POS_MASK;
    if (from >= end) return { pos: (pos - saved) >>> 0, len };
    if (from + len === end) return { pos, len: len - saved };
    return { pos, len };
  };
  return {
    ...laid,
    text: laid.text.slice(0, at) + SHARED_DOMAIN_PLACE + laid.text.slice(at + domain.length),
    sharedAt: at,
    tokens: laid.tokens.map(move),
    name: laid.name && move(laid.name),
  };
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
async function buildShard(kind: LookupKind, input: readonly LookupDoc[], stageNames: readonly string[], accounts: { slots: Map<string, number>; domains: readonly string[] } | null, pause: () => Promise<void>): Promise<{ arrays: ShardArrays; orphans: Array<[number, string]> }> {
  const docs = input.filter((doc) => CANONICAL_ID.test(doc.id)).sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  const count = docs.length;
  const ids = new Uint8Array(Math.ceil(count / ID_BLOCK) * 16);
  const idRestStart = new Uint32Array(Math.ceil(count / ID_BLOCK));
  const idRest = new GrowableBytes();
  const id = new Uint8Array(16);
  let previousPrefix = 0;
  // Whole milliseconds go into the id stream as their distance from the id's time; anything else as it is.
  // Below 2^50, so a distance from a 48-bit id prefix, doubled for its sign, stays an exact double.
  const timesInStream = docs.every((doc) => Number.isInteger(doc.updatedAt) && Math.abs(doc.updatedAt) < 2 ** 50);
  const updatedAt = new Float64Array(timesInStream ? 0 : count);
  const textStart = new Uint32Array(Math.ceil(count / TEXT_BLOCK));
  const textLength = new Uint8Array(count);
  const longTextSlots: number[] = [];
  const longTextLengths: number[] = [];
  // Accounts are their own account; contacts have no stage: neither array is kept for them.
  const accountSlot = new Uint32Array(kind === 'account' ? 0 : count);
  const stage = new Uint32Array(count);
  let anyStage = false;
  const orphans: Array<[number, string]> = [];
  const text = new GrowableBytes();
  // Token → encoded entries (pos * 256 + len), in id order because records are visited in id order.
  const byToken = new Map<string, number[]>();
  const names: Array<{ key: string; pos: number; len: number }> = [];
  const phones: Array<{ key: string; pos: number }> = [];
  for (let slot = 0; slot < count; slot++) {
    if (slot % PAUSE_EVERY_RECORDS === PAUSE_EVERY_RECORDS - 1) await pause();
    const doc = docs[slot]!;
    writeId(id, 0, doc.id);
    const prefix = idPrefix(id, 0);
    if (slot % ID_BLOCK === 0) {
      ids.set(id, (slot / ID_BLOCK) * 16);
      idRestStart[slot / ID_BLOCK] = idRest.length;
    } else {
      idRest.varint(prefix - previousPrefix);
      for (let i = 6; i < 16; i++) idRest.appendByte(id[i]!);
    }
    previousPrefix = prefix;
    if (timesInStream) {
      const distance = doc.updatedAt - prefix;
      idRest.varint(distance >= 0 ? distance * 2 : -distance * 2 - 1);
    } else updatedAt[slot] = doc.updatedAt;
    const stageIndex = doc.stage ? stageNames.indexOf(doc.stage) : -1;
    stage[slot] = stageIndex + 1;
    if (stageIndex >= 0) anyStage = true;
    let accountDomain: string | null = null;
    if (kind !== 'account' && doc.accountId) {
      const found = accounts?.slots.get(doc.accountId);
      if (found !== undefined) {
        accountSlot[slot] = found + 1;
        if (kind === 'contact') accountDomain = accounts!.domains[found] || null;
      } else orphans.push([slot, doc.accountId]);
    }
    const start = text.length;
    if (slot % TEXT_BLOCK === 0) textStart[slot / TEXT_BLOCK] = start;
    const nameKey = kind === 'account' ? normalizeCompanyName(doc.name) : null;
    const laid = layoutDoc(doc, tokensOfDoc(doc), text.length, nameKey, accountDomain);
    if (laid.sharedAt < 0) text.append(laid.text);
    else {
      text.append(laid.text.slice(0, laid.sharedAt));
      text.appendByte(SHARED_DOMAIN);
      text.append(laid.text.slice(laid.sharedAt + 1));
    }
    text.appendByte(FIELD_SEPARATOR);
    const phoneAt = text.length;
    writePhone(text, doc.phone ?? '');
    for (const [t, located] of laid.tokens.entries()) {
      // The located text reads back as exactly this token (layoutDoc found it there).
      const token = laid.tokenStrings[t]!;
      const list = byToken.get(token);
      const encoded = located.pos * 256 + located.len;
      if (list) list.push(encoded);
      else byToken.set(token, [encoded]);
    }
    const length = text.length - start;
    textLength[slot] = Math.min(length, LONG_TEXT);
    if (length >= LONG_TEXT) {
      longTextSlots.push(slot);
      longTextLengths.push(length);
    }
    if (laid.name && nameKey) names.push({ key: nameKey, pos: laid.name.pos, len: laid.name.len });
    if (doc.phone) phones.push({ key: doc.phone, pos: phoneAt });
  }
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
  for (const list of byToken.values()) entryCount += list.length;
  const blocks = Math.ceil(entryCount / ENTRY_BLOCK);
  const tokenPos = new Uint32Array(blocks);
  const tokenLen = new Uint8Array(blocks);
  const tokenBlockStart = new Uint32Array(blocks);
  const tokenStream = new GrowableBytes();
  let e = 0;
  let previousAt = 0;
  let previousLen = 0;
  let sortedSoFar = 0;
  for (const first of [...buckets.keys()].sort((x, y) => x - y)) {
    const bucket = buckets.get(first)!.sort();
    for (const token of bucket) {
      for (const encoded of byToken.get(token)!) {
        const at = Math.floor(encoded / 256);
        const len = encoded % 256;
        if (e % ENTRY_BLOCK === 0) {
          tokenPos[e / ENTRY_BLOCK] = at;
          tokenLen[e / ENTRY_BLOCK] = len;
          tokenBlockStart[e / ENTRY_BLOCK] = tokenStream.length;
        } else {
          const pos = at & POS_MASK;
          const previousPos = previousAt & POS_MASK;
          const flags = ((at & SKIP_FLAG) !== 0 ? 2 : 0) | ((at & AS_IS_FLAG) !== 0 ? 1 : 0);
          const previousFlags = ((previousAt & SKIP_FLAG) !== 0 ? 2 : 0) | ((previousAt & AS_IS_FLAG) !== 0 ? 1 : 0);
          if (len === previousLen && flags === previousFlags && pos > previousPos) tokenStream.varint((pos - previousPos) * 2);
          else {
            tokenStream.varint((pos * 4 + flags) * 2 + 1);
            tokenStream.appendByte(len);
          }
        }
        previousAt = at;
        previousLen = len;
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
  // Stable sorts: equal keys stay in id order.
  names.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  phones.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const reversedKeys = phones.map((phone) => reverse(phone.key));
  const suffixOrder = Array.from(phones.keys()).sort((x, y) => (reversedKeys[x]! < reversedKeys[y]! ? -1 : reversedKeys[x]! > reversedKeys[y]! ? 1 : 0));
  if (text.length > POS_MASK) throw new Error(`The ${kind} records' text is ${text.length} bytes, more than a lookup index holds`);
  const bytes = text.bytes.slice(0, text.length);
  return {
    arrays: {
      count,
      ids,
      idRest: idRest.bytes.slice(0, idRest.length),
      idRestStart,
      updatedAt,
      textStart,
      textLength,
      longTextSlots: Uint32Array.from(longTextSlots),
      longTextLengths: Uint32Array.from(longTextLengths),
      text: bytes,
      accountSlot: packUints(accountSlot),
      stage: anyStage ? packUints(stage) : new Uint8Array(0),
      tokenCount: entryCount,
      tokenPos,
      tokenLen,
      tokenStream: tokenStream.bytes.slice(0, tokenStream.length),
      tokenBlockStart,
      nameCount: names.length,
      namePos: packUints(names.map((n) => (n.pos & POS_MASK) * 2 + ((n.pos & SKIP_FLAG) !== 0 ? 1 : 0))),
      nameLen: packUints(names.map((n) => n.len)),
      phoneCount: phones.length,
      phonePos: packUints(phones.map((p) => p.pos)),
      phoneSuffixOrder: packUints(suffixOrder),
    },
    orphans,
  };
}


/** Builds the whole index from current records (deleted ones left out by the caller). */
export async function buildLookupIndex(docs: Record<LookupKind, readonly LookupDoc[]>, options: BuildOptions): Promise<LookupIndexSnapshot> {
  const pause = options.pause ?? (() => Promise.resolve());
  const stageNames = [...options.stageNames];
  const account = await buildShard('account', docs.account, stageNames, null, pause);
  const accounts = { slots: new Map<string, number>(), domains: [] as string[] };
  const accountIds = new IdCursor(account.arrays);
  for (let slot = 0; slot < account.arrays.count; slot++) {
    if (slot % ID_BLOCK === 0) accountIds.start(slot / ID_BLOCK);
    else accountIds.next();
    accounts.slots.set(accountIds.id(), slot);
  }
  // The first domain as the account's text holds it (sanitised), which is what a contact's SHARED_DOMAIN reads.
  for (const doc of docs.account) {
    const slot = accounts.slots.get(doc.id);
    if (slot !== undefined) accounts.domains[slot] = sanitize(doc.domains[0] ?? '');
  }
  const contact = await buildShard('contact', docs.contact, stageNames, accounts, pause);
  const deal = await buildShard('deal', docs.deal, stageNames, accounts, pause);
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
