import * as z from 'zod';
import { sizeTierSchema } from './account';
import { activityTypeSchema } from './activity';
import { contactRoleSchema } from './contact';
import { recordMetaSchema } from './record';
import { stageSchema } from './stage';

export const localeSchema = z.enum(['en', 'zh-CN']);
export type Locale = z.infer<typeof localeSchema>;

/** Text written in both UI languages; playbooks are data, so both must be present. */
export const localizedTextSchema = z.strictObject({
  en: z.string().trim().min(1).max(4000),
  'zh-CN': z.string().trim().min(1).max(4000),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

const keySchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, {
  message: 'must be a short key of letters, digits and _ starting with a letter',
});

/**
 * How the app can tell a fact is known without asking the rep. Whatever the kind, a fact the
 * rep confirmed in the record's `facts` map under the same key counts as known too.
 */
export const factSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fact') }),
  z.strictObject({ kind: z.literal('contactRole'), role: contactRoleSchema }),
  /**
   * At least `minCount` contacts whose roles are among `roles`: a decision chain, not one name.
   * `requires`: a role the chain is not mapped without (a chain with no decision maker is a
   * list of contacts, not a decision chain).
   */
  z.strictObject({
    kind: z.literal('contactRoles'),
    roles: z.array(contactRoleSchema).min(1).max(5),
    minCount: z.number().int().min(1).max(20),
    requires: contactRoleSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('dealField'), field: z.enum(['amount', 'expectedCloseDate', 'lostReason']) }),
  z.strictObject({ kind: z.literal('accountField'), field: z.enum(['industry', 'sizeTier', 'renewalDate', 'health']) }),
  /**
   * A logged activity shows it: one made from one of the playbook `steps` (logging the demo
   * from "Demo against their scenario" is the demo held), or one of `types` whose subject or
   * body names one of `keywords` (a meeting tagged as a demo).
   */
  z.strictObject({
    kind: z.literal('activity'),
    steps: z.array(keySchema).max(10).default([]),
    types: z.array(activityTypeSchema.exclude(['task', 'stage_change'])).max(6).default([]),
    keywords: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  }),
]);
export type FactSource = z.infer<typeof factSourceSchema>;

/**
 * A fact a stage needs known. `satisfiedBy` says how the app can tell from records
 * (a contact with a role, a deal amount...) and falls back to the rep confirming the fact.
 */
export const playbookFactSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema,
  hint: localizedTextSchema.nullable(),
  satisfiedBy: factSourceSchema.default({ kind: 'fact' }),
  /** Prefills the note in which the rep records the fact; null: the label alone. */
  template: localizedTextSchema.nullable().default(null),
  /** Tiers that skip it (SMB's lighter path: no scenario-solution document). */
  skipTiers: z.array(sizeTierSchema).max(3).optional(),
});
export type PlaybookFact = z.infer<typeof playbookFactSchema>;

/**
 * What brings a step up. `inStage`: while the record is in the step's stage. The others name a
 * rule in lib/funnel whose numbers decide the moment (72 h after the win, 90 days before renewal,
 * an at-risk health score...); the step supplies the words and the note template.
 */
export const stepTriggerSchema = z.enum([
  'inStage',
  'handoff',
  'needsVerification',
  'healthAtRisk',
  'healthWatch',
  'renewalWindow',
  'upsell',
  'churnRisk',
]);
export type StepTrigger = z.infer<typeof stepTriggerSchema>;

export const playbookStepSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema,
  why: localizedTextSchema,
  activityType: activityTypeSchema.exclude(['stage_change']),
  /** Template text inserted into the composer; null when the step needs none. */
  template: localizedTextSchema.nullable(),
  /** Days after the stage is entered (or the trigger fires) by which the step should be done. */
  dueInDays: z.number().int().min(0).max(365),
  when: stepTriggerSchema.default('inStage'),
  /** Steps that come back (check-ins, value reports): days after the last time it was done. */
  repeatEveryDays: z.number().int().min(1).max(365).nullable().default(null),
  /** Only for accounts in these size tiers (e.g. a quarterly review for growth customers); null: all. */
  tiers: z.array(sizeTierSchema).min(1).max(3).nullable().default(null),
  /**
   * A repeating step any touch with the customer does (a relationship check-in): a call, meeting,
   * visit, message or email logged for any reason resets it, not only one made from the step.
   */
  anyTouchCounts: z.boolean().default(false),
  /** Tiers that skip it (SMB's lighter path: no scenario-solution document, no on-site review). */
  skipTiers: z.array(sizeTierSchema).max(3).optional(),
});
export type PlaybookStep = z.infer<typeof playbookStepSchema>;

export const playbookStageSchema = z.strictObject({
  stage: stageSchema,
  goal: localizedTextSchema,
  exitCriteria: z.array(playbookFactSchema).max(30),
  keyFacts: z.array(playbookFactSchema).max(30),
  nextSteps: z.array(playbookStepSchema).max(30),
  /** Expected days between touches in this stage; null for stages with no cadence (lost). */
  cadenceDays: z.number().int().min(1).max(365).nullable(),
});
export type PlaybookStage = z.infer<typeof playbookStageSchema>;

function checkStagesOnce(stages: readonly PlaybookStage[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  stages.forEach((stage, index) => {
    if (seen.has(stage.stage)) {
      ctx.addIssue({ code: 'custom', path: [index, 'stage'], message: `the stage "${stage.stage}" is described twice; keep one entry per stage` });
    }
    seen.add(stage.stage);
    const stepKeys = new Set<string>();
    stage.nextSteps.forEach((step, stepIndex) => {
      if (stepKeys.has(step.key)) {
        ctx.addIssue({ code: 'custom', path: [index, 'nextSteps', stepIndex, 'key'], message: `the step key "${step.key}" is used twice in ${stage.stage}` });
      }
      stepKeys.add(step.key);
    });
  });
}

export const MAX_VOCABULARY_NAMES = 200;
export const MAX_VOCABULARY_NAME_CHARS = 80;

/** A list of names, trimmed; a name written twice (any case) is kept once, as first written. */
const vocabularyNamesSchema = z
  // One character would match inside ordinary words, and the extractor ignores it.
  .array(z.string().trim().min(2, { message: 'a name is at least 2 characters' }).max(MAX_VOCABULARY_NAME_CHARS, { message: `a name is at most ${MAX_VOCABULARY_NAME_CHARS} characters` }))
  .max(MAX_VOCABULARY_NAMES, { message: `holds at most ${MAX_VOCABULARY_NAMES} names; keep the ones reps actually write` })
  .overwrite((names) => {
    const seen = new Set<string>();
    return names.filter((name) => {
      const key = name.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  });

/**
 * The team's own words for the fact extractor: rivals to spot in a note even without a cue
 * ("薪人薪事报价比我们低"), and our own products, never proposed as a competitor.
 */
export const playbookVocabularySchema = z
  .strictObject({
    competitors: vocabularyNamesSchema.default([]),
    products: vocabularyNamesSchema.default([]),
  })
  .superRefine((vocabulary, ctx) => {
    const products = new Set(vocabulary.products.map((name) => name.toLowerCase()));
    vocabulary.competitors.forEach((name, index) => {
      if (products.has(name.toLowerCase())) {
        ctx.addIssue({ code: 'custom', path: ['competitors', index], message: `"${name}" is listed as a competitor and as our product; keep it in one list` });
      }
    });
  });
export type PlaybookVocabulary = z.infer<typeof playbookVocabularySchema>;

/**
 * Segmentation by the money: an account's annual value (its won deals over the last year) puts
 * it in a tier. Strategic from `strategicMin`, growth from `growthMin`, SMB below; amounts in
 * `currency` (deals in other currencies are not counted). `why` says how the bands were drawn.
 */
export const tierBandsSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/),
  strategicMin: z.number().positive(),
  growthMin: z.number().positive(),
  why: localizedTextSchema,
}).refine((bands) => bands.growthMin < bands.strategicMin, { message: 'growthMin must be below strategicMin', path: ['growthMin'] });
export type TierBands = z.infer<typeof tierBandsSchema>;

export const playbookFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  /** Team-overridable; without it the default playbook's bands apply. */
  tierBands: tierBandsSchema.optional(),
  stages: z.array(playbookStageSchema).min(1).max(20).superRefine(checkStagesOnce),
  /** Absent: the default playbook's lists (empty as shipped). */
  vocabulary: playbookVocabularySchema.optional(),
  deletedAt: recordMetaSchema.shape.deletedAt,
});
export const playbookSchema = recordMetaSchema.extend(playbookFieldsSchema.shape);
export type Playbook = z.infer<typeof playbookSchema>;
