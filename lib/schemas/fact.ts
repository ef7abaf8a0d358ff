import * as z from 'zod';
import { factFromLegacy } from './legacy-fact';
import { epochMsSchema, idSchema } from './primitives';

/**
 * A fact about an account or deal, keyed in the record's `facts` map by the playbook's fact
 * key (`facts.intentBudget`). `known`: the rep confirmed it; `unconfirmed`: written down but
 * not confirmed (heard second-hand, a guess). `evidence` is the sentence of the rep's note it
 * came from. `by` and `at` say who set it and when; facts written before they existed (the
 * `{ value, confirmed }` shape) carry null.
 */
export const FACT_STATES = ['known', 'unconfirmed'] as const;
export const factStateSchema = z.enum(FACT_STATES);
export type FactState = z.infer<typeof factStateSchema>;

/** The quote is the note's own words, kept short: a sentence, not the note. */
export const MAX_FACT_QUOTE_CHARS = 500;

export const factEvidenceSchema = z.strictObject({
  activityId: idSchema,
  quote: z.string().max(MAX_FACT_QUOTE_CHARS),
});
export type FactEvidence = z.infer<typeof factEvidenceSchema>;

const currentFactSchema = z.strictObject({
  /** For display; a budget carries the amount as formatted when it was accepted. */
  value: z.string().max(2000),
  state: factStateSchema,
  evidence: factEvidenceSchema.optional(),
  /** The rep who set it (their rep id), null when not known. */
  by: z.string().max(64).nullable(),
  /** When it was set (epoch ms), null when not known. */
  at: epochMsSchema.nullable(),
});
export type Fact = z.infer<typeof currentFactSchema>;

/** The shape before facts had evidence: still sent by clients and servers not yet updated. */
export const legacyFactSchema = z.strictObject({
  value: z.string().max(2000),
  confirmed: z.boolean(),
});
export type LegacyFact = z.infer<typeof legacyFactSchema>;
export { factFromLegacy };

/**
 * Both shapes are read at every border (a patch, a pulled record, a backup, a Dexie row); the
 * legacy one comes out converted, so everything past the border sees one shape.
 */
export const factSchema = z.union([currentFactSchema, legacyFactSchema.transform((legacy) => factFromLegacy(legacy))]);
export const factsSchema = z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/), factSchema.nullable());
export type Facts = Record<string, Fact | null>;

/**
 * A stored map entry in the current shape, without Zod (the funnel reads facts on every
 * render): a legacy entry is converted, anything unreadable is no fact.
 */
export function readFact(entry: unknown): Fact | null {
  if (entry === null || typeof entry !== 'object') return null;
  const candidate = entry as Partial<Fact> & Partial<LegacyFact>;
  if (typeof candidate.value !== 'string') return null;
  if (candidate.state === 'known' || candidate.state === 'unconfirmed') return candidate as Fact;
  if (typeof candidate.confirmed === 'boolean') return factFromLegacy({ value: candidate.value, confirmed: candidate.confirmed });
  return null;
}

/** The one constructor of a fact a rep sets now. */
export function newFact(input: { value: string; state: FactState; by: string | null; at: number; evidence?: FactEvidence | null }): Fact {
  const fact: Fact = { value: input.value, state: input.state, by: input.by, at: input.at };
  if (input.evidence) fact.evidence = { activityId: input.evidence.activityId, quote: input.evidence.quote };
  return fact;
}
