/**
 * Reads the labelled note corpus (test/fixtures/facts/*.txt; format in its README) and splits
 * it into dev and held-out test parts by a hash of each note's id, so the split never depends
 * on the rules being evaluated. Batches written later stay out of that hash split:
 * - `blind-*.txt`, the first blind set, was measured once blind on 2026-12-01 at F1 0.678,
 *   then folded into dev: it is tuning data now, all of it in the dev part;
 * - `blind2-*.txt`, the second blind set, was measured blind on 2026-12-02 at F1 0.730 (0.745
 *   when the next round started), then folded into dev the same way;
 * - `blind3-*.txt`, the third blind set, was measured blind on 2026-12-02 at F1 0.743 (0.741 when
 *   the next round started), then folded into dev the same way;
 * - `blind4-*.txt`, the fourth blind set, is the blind part: written without sight of the
 *   extractor, never tuned on, its errors never listed (it may not exist yet: the part is then empty);
 * - `dev-*.txt`, notes a tuning round added for general failure patterns: dev, always.
 */
import { FACT_KEYS, type BudgetValue, type FactKey } from './extract';

export type Lang = 'zh' | 'en' | 'mixed';
export type Split = 'dev' | 'test' | 'blind';

/** Files whose notes form the blind part (the fourth blind set). */
export const BLIND_FILE = /^blind4-/;
/** Files of the first blind set: measured once blind on 2026-12-01 at F1 0.678, then folded into dev. */
export const FOLDED_FILE = /^blind-/;
/** Files of the second blind set: measured blind on 2026-12-02 at F1 0.730 (0.745 at the next round's start), then folded into dev. */
export const FOLDED2_FILE = /^blind2-/;
/** Files of the third blind set: measured blind on 2026-12-02 at F1 0.743 (0.741 at the next round's start), then folded into dev. */
export const FOLDED3_FILE = /^blind3-/;
/** Files of notes added by a tuning round for failure patterns reasoned about in general: dev, outside the hash split. */
export const ADDED_FILE = /^dev-/;

/** Where a note comes from: the first 400 (hash-split into dev and test), the first three blind sets (dev), the fourth (blind), notes added by a tuning round (dev). */
export type Batch = 'corpus' | 'blind1' | 'blind2' | 'blind3' | 'blind4' | 'added';

function batchOf(fileName: string): Batch {
  if (BLIND_FILE.test(fileName)) return 'blind4';
  if (FOLDED3_FILE.test(fileName)) return 'blind3';
  if (FOLDED2_FILE.test(fileName)) return 'blind2';
  if (FOLDED_FILE.test(fileName)) return 'blind1';
  if (ADDED_FILE.test(fileName)) return 'added';
  return 'corpus';
}

export interface Team {
  id: string;
  competitors: string[];
  products: string[];
}

export interface Label {
  key: FactKey;
  /** Accepted values (alternatives written `a | b`). */
  values: Array<BudgetValue | string>;
  /** Offsets of the evidence quote in the note text. */
  start: number;
  end: number;
}

export interface CorpusNote {
  id: string;
  lang: Lang;
  style: string;
  now: number;
  nowLocal: string;
  timeZone: string;
  team: Team | null;
  text: string;
  labels: Label[];
  remarks: string[];
  batch: Batch;
  split: Split;
}

export const HELD_OUT_SHARE = 0.3;

/** Epoch ms of a wall time ("2026-03-12 10:20") in a time zone. */
export function wallTimeToEpoch(local: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new RangeError(`"${local}" is not a wall time written YYYY-MM-DD HH:MM`);
  const wanted = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(guess)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const seen = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    guess += wanted - seen;
  }
  return guess;
}

/** 32-bit FNV-1a of a string. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function parseValue(key: FactKey, raw: string, where: string): BudgetValue | string {
  if (key === 'budget') {
    const m = /^(\d+(?:\.\d+)?)\s+([A-Z]{3}|null)$/.exec(raw);
    if (!m) throw new Error(`${where}: a budget is written "850000 CNY" or "1200000 null", got "${raw}"`);
    return { amount: Number(m[1]), currency: m[2] === 'null' ? null : m[2]! };
  }
  if (key === 'dueDate' || key === 'expectedClose') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(raw)) throw new Error(`${where}: a date is written YYYY-MM-DD, got "${raw}"`);
    return raw;
  }
  return raw;
}

function parseTeams(text: string, file: string): Team[] {
  const teams: Team[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.startsWith('@team ')) return;
    const m = /^@team (\S+) competitors=(\S.*?) products=(\S.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${index + 1}: a team line is "@team ID competitors=A|B products=X|Y"`);
    teams.push({ id: m[1]!, competitors: m[2]!.split('|').map((s) => s.trim()), products: m[3]!.split('|').map((s) => s.trim()) });
  });
  return teams;
}

/** Parses corpus files ({ name, text }); throws with file:line on any malformed note or label. */
export function parseCorpus(files: ReadonlyArray<{ name: string; text: string }>): CorpusNote[] {
  const teams = new Map<string, Team>();
  for (const file of files) for (const team of parseTeams(file.text, file.name)) teams.set(team.id, team);
  const notes: Array<Omit<CorpusNote, 'split'>> = [];
  const ids = new Set<string>();
  for (const file of files) {
    const lines = file.text.split('\n');
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      if (!line.startsWith('=== ')) {
        i++;
        continue;
      }
      const where = `${file.name}:${i + 1}`;
      const header = /^=== (\S+) (zh|en|mixed) (\S+) (\d{4}-\d{2}-\d{2} \d{2}:\d{2}) (\S+)(?: team=(\S+))?$/.exec(line);
      if (!header) throw new Error(`${where}: a note header is "=== ID LANG STYLE YYYY-MM-DD HH:MM ZONE [team=ID]"`);
      const [, id, lang, style, nowLocal, timeZone, teamId] = header;
      if (ids.has(id!)) throw new Error(`${where}: note id ${id} appears twice`);
      ids.add(id!);
      const team = teamId ? teams.get(teamId) : null;
      if (teamId && !team) throw new Error(`${where}: unknown team ${teamId}`);
      i++;
      const body: string[] = [];
      while (i < lines.length && lines[i] !== '---') body.push(lines[i++]!);
      if (i >= lines.length) throw new Error(`${where}: note ${id} has no "---" line before its labels`);
      i++;
      const text = body.join('\n');
      const labels: Label[] = [];
      const remarks: string[] = [];
      while (i < lines.length && !lines[i]!.startsWith('=== ')) {
        const labelLine = lines[i]!;
        const labelWhere = `${file.name}:${i + 1}`;
        i++;
        if (labelLine.trim() === '' || labelLine.startsWith('#')) continue;
        if (labelLine.startsWith('!')) {
          remarks.push(labelLine.slice(1).trim());
          continue;
        }
        const m = /^(\w+):\s*(.+?)(?:\s+@\s+(.+))?$/.exec(labelLine);
        if (!m) throw new Error(`${labelWhere}: a label is "key: value [@ quote]"`);
        const key = m[1] as FactKey;
        if (!FACT_KEYS.includes(key)) throw new Error(`${labelWhere}: unknown key "${m[1]}"`);
        const alternatives = key === 'budget' ? [m[2]!] : m[2]!.split(' | ');
        const values = alternatives.map((raw) => parseValue(key, raw.trim(), labelWhere));
        const quote = m[3] ?? (typeof values[0] === 'string' ? (values[0] as string) : undefined);
        if (!quote) throw new Error(`${labelWhere}: a ${key} label needs an evidence quote ("@ quote")`);
        const start = text.indexOf(quote);
        if (start < 0) throw new Error(`${labelWhere}: the quote "${quote}" is not in note ${id}`);
        labels.push({ key, values, start, end: start + quote.length });
      }
      notes.push({ id: id!, lang: lang as Lang, style: style!, now: wallTimeToEpoch(nowLocal!, timeZone!), nowLocal: nowLocal!, timeZone: timeZone!, team: team ?? null, text, labels, remarks, batch: batchOf(file.name) });
    }
  }
  const test = new Set<string>();
  for (const lang of ['zh', 'en', 'mixed'] as const) {
    const ofLang = notes.filter((note) => note.lang === lang && note.batch === 'corpus').sort((a, b) => fnv1a(a.id) - fnv1a(b.id) || a.id.localeCompare(b.id));
    for (const note of ofLang.slice(0, Math.round(ofLang.length * HELD_OUT_SHARE))) test.add(note.id);
  }
  return notes.map((note) => ({ ...note, split: note.batch === 'blind4' ? 'blind' : test.has(note.id) ? 'test' : 'dev' }));
}
