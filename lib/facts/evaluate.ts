/**
 * Scores proposals against corpus labels. A proposal is correct when its key matches a label's
 * and its value matches one of the label's values:
 * - budget: the same amount and the same currency (null only matches null);
 * - dueDate, expectedClose: the same date;
 * - competitors, decisionMaker: after normalising (case, spaces, punctuation), one name
 *   contains the other ("CFO Mark Chen" ~ "Mark Chen", "用友 YonSuite" ~ "用友");
 * - currentSolution, keyPains, buyingProcess, nextStep (phrases): the two evidence spans
 *   overlap by at least half of each, or the normalised phrases are equal or one contains
 *   the other and is at least half its length.
 * Each label is matched at most once; a proposal matching none (or an already matched one)
 * is a false positive; a label matched by none is a false negative.
 */
import type { CorpusNote, Label, Lang, Split } from './corpus';
import { FACT_KEYS, type FactKey, type FactProposal } from './extract';

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Scores extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export interface NoteResult {
  note: CorpusNote;
  proposals: FactProposal[];
  falsePositives: FactProposal[];
  falseNegatives: Label[];
  truePositives: Array<{ proposal: FactProposal; label: Label }>;
}

const PHRASE_KEYS: ReadonlySet<FactKey> = new Set(['currentSolution', 'keyPains', 'buyingProcess', 'nextStep']);
const NAME_KEYS: ReadonlySet<FactKey> = new Set(['competitors', 'decisionMaker']);

export function normalizePhrase(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

function spansOverlapHalf(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  const overlap = Math.min(aEnd, bEnd) - Math.max(aStart, bStart);
  if (overlap <= 0) return false;
  return overlap >= 0.5 * (aEnd - aStart) && overlap >= 0.5 * (bEnd - bStart);
}

export function proposalMatchesLabel(proposal: FactProposal, label: Label): boolean {
  if (proposal.key !== label.key) return false;
  for (const value of label.values) {
    if (typeof value === 'object') {
      if (typeof proposal.value !== 'object') continue;
      if (Math.abs(proposal.value.amount - value.amount) < 0.5 && proposal.value.currency === value.currency) return true;
      continue;
    }
    if (typeof proposal.value !== 'string') continue;
    if (proposal.key === 'dueDate' || proposal.key === 'expectedClose') {
      if (proposal.value === value) return true;
      continue;
    }
    const a = normalizePhrase(proposal.value);
    const b = normalizePhrase(value);
    if (!a || !b) continue;
    if (NAME_KEYS.has(proposal.key)) {
      if (a.includes(b) || b.includes(a)) return true;
      continue;
    }
    if (PHRASE_KEYS.has(proposal.key)) {
      if (a === b) return true;
      const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
      if (longer.includes(shorter) && shorter.length >= 0.5 * longer.length) return true;
    }
  }
  if (PHRASE_KEYS.has(proposal.key) && spansOverlapHalf(proposal.start, proposal.end, label.start, label.end)) return true;
  return false;
}

export function scoreNote(note: CorpusNote, proposals: FactProposal[]): NoteResult {
  const matched = new Set<Label>();
  const falsePositives: FactProposal[] = [];
  const truePositives: NoteResult['truePositives'] = [];
  for (const proposal of proposals) {
    const label = note.labels.find((candidate) => !matched.has(candidate) && proposalMatchesLabel(proposal, candidate));
    if (label) {
      matched.add(label);
      truePositives.push({ proposal, label });
    } else falsePositives.push(proposal);
  }
  return { note, proposals, falsePositives, falseNegatives: note.labels.filter((label) => !matched.has(label)), truePositives };
}

export function toScores(counts: Counts): Scores {
  const precision = counts.tp + counts.fp === 0 ? 1 : counts.tp / (counts.tp + counts.fp);
  const recall = counts.tp + counts.fn === 0 ? 1 : counts.tp / (counts.tp + counts.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...counts, precision, recall, f1 };
}

export interface Report {
  overall: Scores;
  byKey: Record<FactKey, Scores>;
  byLang: Record<Lang, Scores>;
  notes: number;
}

/** Micro-averaged scores of a set of note results, overall, per key and per language. */
export function summarize(results: readonly NoteResult[]): Report {
  const zero = (): Counts => ({ tp: 0, fp: 0, fn: 0 });
  const overall = zero();
  const byKey = Object.fromEntries(FACT_KEYS.map((key) => [key, zero()])) as Record<FactKey, Counts>;
  const byLang: Record<Lang, Counts> = { zh: zero(), en: zero(), mixed: zero() };
  for (const result of results) {
    const lang = byLang[result.note.lang];
    for (const { proposal } of result.truePositives) {
      overall.tp++;
      lang.tp++;
      byKey[proposal.key].tp++;
    }
    for (const proposal of result.falsePositives) {
      overall.fp++;
      lang.fp++;
      byKey[proposal.key].fp++;
    }
    for (const label of result.falseNegatives) {
      overall.fn++;
      lang.fn++;
      byKey[label.key].fn++;
    }
  }
  return {
    overall: toScores(overall),
    byKey: Object.fromEntries(FACT_KEYS.map((key) => [key, toScores(byKey[key])])) as Record<FactKey, Scores>,
    byLang: { zh: toScores(byLang.zh), en: toScores(byLang.en), mixed: toScores(byLang.mixed) },
    notes: results.length,
  };
}

export function resultsOfSplit(results: readonly NoteResult[], split: Split | 'all'): NoteResult[] {
  return split === 'all' ? [...results] : results.filter((result) => result.note.split === split);
}
