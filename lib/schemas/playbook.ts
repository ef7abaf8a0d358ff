import { z } from 'zod';
import { activityTypeSchema } from './activity';
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
 * A fact a stage needs known. `satisfiedBy` says how the app can tell from records
 * (a contact with a role, a deal amount...) and falls back to the rep confirming the fact.
 */
export const playbookFactSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema,
  hint: localizedTextSchema.nullable(),
  satisfiedBy: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('fact') }),
      z.strictObject({ kind: z.literal('contactRole'), role: z.enum(['decision_maker', 'influencer', 'champion', 'user', 'contact_person']) }),
      z.strictObject({ kind: z.literal('dealField'), field: z.enum(['amount', 'expectedCloseDate']) }),
      z.strictObject({ kind: z.literal('accountField'), field: z.enum(['industry', 'sizeTier', 'renewalDate', 'health']) }),
    ])
    .default({ kind: 'fact' }),
});
export type PlaybookFact = z.infer<typeof playbookFactSchema>;

export const playbookStepSchema = z.strictObject({
  key: keySchema,
  label: localizedTextSchema,
  why: localizedTextSchema,
  activityType: activityTypeSchema.exclude(['stage_change']),
  /** Template text inserted into the composer; null when the step needs none. */
  template: localizedTextSchema.nullable(),
  dueInDays: z.number().int().min(0).max(365),
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

export const playbookFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  stages: z.array(playbookStageSchema).min(1).max(20),
  deletedAt: recordMetaSchema.shape.deletedAt,
});
export const playbookSchema = recordMetaSchema.extend(playbookFieldsSchema.shape);
export type Playbook = z.infer<typeof playbookSchema>;
