/**
 * The extractor against its labelled corpus: fails when overall F1 on any part (held-out,
 * blind — the fourth blind set, blind4-*.txt, once it exists — and dev) drops below the numbers recorded in test/fixtures/facts/baseline.json
 * (`npm run eval:facts` prints the full tables; `-- --write-baseline` records new numbers
 * after an improvement).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADDED_FILE, BLIND_FILE, FOLDED2_FILE, FOLDED3_FILE, FOLDED_FILE, HELD_OUT_SHARE, parseCorpus, wallTimeToEpoch } from './corpus';
import { proposalMatchesLabel, resultsOfSplit, scoreNote, summarize } from './evaluate';
import { extractFacts } from './extract';

const CORPUS_DIR = path.resolve(import.meta.dirname, '../../test/fixtures/facts');
const files = readdirSync(CORPUS_DIR)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(CORPUS_DIR, name), 'utf8') }));
const notes = parseCorpus(files);
// blind is null while the blind part has no notes (the fourth blind set is being written elsewhere).
const baseline = JSON.parse(readFileSync(path.join(CORPUS_DIR, 'baseline.json'), 'utf8')) as Record<'test' | 'dev', { f1: number }> & { blind: { f1: number } | null };

describe('facts corpus', () => {
  it('has at least 400 notes: about 180 zh, 180 en and 40 mixed, with a 30% held-out part per language', () => {
    const hashed = notes.filter((note) => note.batch === 'corpus');
    expect(hashed.length).toBeGreaterThanOrEqual(400);
    for (const [lang, least] of [['zh', 180], ['en', 180], ['mixed', 40]] as const) {
      const ofLang = hashed.filter((note) => note.lang === lang);
      expect(ofLang.length).toBeGreaterThanOrEqual(least);
      expect(ofLang.filter((note) => note.split === 'test').length).toBe(Math.round(ofLang.length * HELD_OUT_SHARE));
    }
  });

  it('keeps the fourth blind set (blind4-*.txt) out of the dev/held-out split as the blind part, in all three languages once it exists', () => {
    const blind = notes.filter((note) => note.split === 'blind');
    const fromBlindFiles = parseCorpus(files.filter((file) => BLIND_FILE.test(file.name) || file.name === 'teams.txt')).map((note) => note.id);
    expect(blind.map((note) => note.id).sort()).toEqual(fromBlindFiles.sort());
    if (blind.length === 0) return;
    for (const lang of ['zh', 'en', 'mixed'] as const) expect(blind.filter((note) => note.lang === lang).length).toBeGreaterThan(0);
  });

  it.each([
    ['first', 'blind1', FOLDED_FILE],
    ['second', 'blind2', FOLDED2_FILE],
    ['third', 'blind3', FOLDED3_FILE],
  ] as const)('folds the %s blind set into dev (150 notes, measured blind before), leaving the held-out part as it was', (_, batch, setFiles) => {
    const folded = notes.filter((note) => note.batch === batch);
    expect(folded.length).toBe(150);
    expect(folded.every((note) => note.split === 'dev')).toBe(true);
    const withoutFolded = parseCorpus(files.filter((file) => !setFiles.test(file.name)));
    const heldOut = (list: typeof notes) => list.filter((note) => note.split === 'test').map((note) => note.id).sort();
    expect(heldOut(notes)).toEqual(heldOut(withoutFolded));
  });

  it('keeps notes added by a tuning round (dev-*.txt) in dev, outside the hash split, leaving the held-out part as it was', () => {
    const added = notes.filter((note) => note.batch === 'added');
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((note) => note.split === 'dev')).toBe(true);
    const withoutAdded = parseCorpus(files.filter((file) => !ADDED_FILE.test(file.name)));
    const heldOut = (list: typeof notes) => list.filter((note) => note.split === 'test').map((note) => note.id).sort();
    expect(heldOut(notes)).toEqual(heldOut(withoutAdded));
  });

  it('labels every key and keeps notes with nothing to extract', () => {
    const keys = new Set(notes.flatMap((note) => note.labels.map((label) => label.key)));
    expect(keys.size).toBe(9);
    expect(notes.filter((note) => note.labels.length === 0).length).toBeGreaterThanOrEqual(40);
  });

  it('rejects a label whose quote is not in its note, naming the line', () => {
    const broken = { name: 'broken.txt', text: '=== x-1 zh call 2026-03-12 10:00 Asia/Shanghai\n预算 85 万\n---\nbudget: 850000 CNY @ 预算 90 万\n' };
    expect(() => parseCorpus([broken])).toThrow(/broken\.txt:4: the quote "预算 90 万" is not in note x-1/);
  });

  it('reads wall times in the note’s own zone', () => {
    expect(new Date(wallTimeToEpoch('2026-03-05 23:30', 'America/Los_Angeles')).toISOString()).toBe('2026-03-06T07:30:00.000Z');
    expect(new Date(wallTimeToEpoch('2026-07-09 23:40', 'Asia/Shanghai')).toISOString()).toBe('2026-07-09T15:40:00.000Z');
  });

  it('matches phrases by overlapping evidence and names by containment', () => {
    const label = { key: 'nextStep' as const, values: ['send the proposal'], start: 12, end: 29 };
    expect(proposalMatchesLabel({ key: 'nextStep', value: 'send the proposal by Friday', start: 12, end: 39, confidence: 1 }, label)).toBe(true);
    expect(proposalMatchesLabel({ key: 'nextStep', value: 'proposal', start: 21, end: 29, confidence: 1 }, label)).toBe(true);
    expect(proposalMatchesLabel({ key: 'nextStep', value: 'the whole note about a proposal and more', start: 0, end: 80, confidence: 1 }, label)).toBe(false);
    const person = { key: 'decisionMaker' as const, values: ['Mark Chen'], start: 0, end: 9 };
    expect(proposalMatchesLabel({ key: 'decisionMaker', value: 'CFO Mark Chen', start: 0, end: 13, confidence: 1 }, person)).toBe(true);
    const budget = { key: 'budget' as const, values: [{ amount: 1200000, currency: null }], start: 0, end: 4 };
    expect(proposalMatchesLabel({ key: 'budget', value: { amount: 1200000, currency: 'USD' }, start: 0, end: 4, confidence: 1 }, budget)).toBe(false);
  });

  it('scores no lower than the recorded baseline on the held-out, blind and dev parts', () => {
    const results = notes.map((note) =>
      scoreNote(note, extractFacts(note.text, { now: note.now, timeZone: note.timeZone, ...(note.team ? { vocabulary: { competitors: note.team.competitors, products: note.team.products } } : {}) })),
    );
    const test = summarize(resultsOfSplit(results, 'test'));
    const blind = summarize(resultsOfSplit(results, 'blind'));
    const dev = summarize(resultsOfSplit(results, 'dev'));
    expect(test.overall.f1).toBeGreaterThanOrEqual(baseline.test.f1);
    if (blind.notes > 0 && baseline.blind) expect(blind.overall.f1).toBeGreaterThanOrEqual(baseline.blind.f1);
    expect(dev.overall.f1).toBeGreaterThanOrEqual(baseline.dev.f1);
  });
});
