import * as z from 'zod';
import { SIZE_TIERS } from './enums';
import { domainSchema, isoDateSchema, shortTextSchema } from './primitives';
import { recordMetaSchema } from './record';
import { stageSchema } from './stage';
import { factsSchema } from './fact';

/** Segmentation tiers from the domain rules: strategic (>1M/yr), growth (100k–500k), SMB (<100k). */
export const sizeTierSchema = z.enum(SIZE_TIERS);
export type SizeTier = z.infer<typeof sizeTierSchema>;

export { factSchema, factsSchema, type Fact, type Facts } from './fact';

/** Customer health inputs, each 0–100; the score weights them 40/30/20/10 (lib/funnel). */
export const healthInputsSchema = z.strictObject({
  usage: z.number().min(0).max(100),
  meetings: z.number().min(0).max(100),
  issues: z.number().min(0).max(100),
  nps: z.number().min(0).max(100),
  measuredOn: isoDateSchema,
});
export type HealthInputs = z.infer<typeof healthInputsSchema>;

export const accountFieldsSchema = z.strictObject({
  name: shortTextSchema.pipe(z.string().min(1, { message: 'An account needs a name' })),
  domains: z.array(domainSchema).max(20),
  industry: z.string().trim().max(80).nullable(),
  sizeTier: sizeTierSchema.nullable(),
  ownerId: z.string().max(64).nullable(),
  /**
   * The customer-success manager the rep handed the account to on the win (a rep id of the
   * team). Records written before it existed have none: missing means none (read it as `csmId ?? null`).
   */
  csmId: z.string().max(64).nullable().optional(),
  stage: stageSchema,
  renewalDate: isoDateSchema.nullable(),
  health: healthInputsSchema.nullable(),
  /** Earlier measurements, oldest first (at most 24), for the trend; missing on older records. */
  healthHistory: z.array(healthInputsSchema).max(24).optional(),
  facts: factsSchema,
  deletedAt: recordMetaSchema.shape.deletedAt,
});
export const accountSchema = recordMetaSchema.extend(accountFieldsSchema.shape);
export type Account = z.infer<typeof accountSchema>;
export type AccountFields = z.infer<typeof accountFieldsSchema>;

/** What creating an account needs: a name; every other field has a default. */
export type AccountInput = Pick<AccountFields, 'name'> & Partial<Omit<AccountFields, 'name' | 'domains'>> & { domains?: readonly string[] };

/** Blank text is no value: stored as null, so "has an industry" means one was written. */
export function textOrNull(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

/**
 * The one place a new account's fields are spelled out: a new field gets its default here,
 * and every writer (the sidebar's forms, import, tests) picks it up.
 */
export function newAccountFields(input: AccountInput): AccountFields {
  return {
    name: input.name,
    domains: [...(input.domains ?? [])],
    industry: textOrNull(input.industry),
    sizeTier: input.sizeTier ?? null,
    ownerId: input.ownerId ?? null,
    csmId: input.csmId ?? null,
    stage: input.stage ?? 'lead',
    renewalDate: input.renewalDate || null,
    health: input.health ?? null,
    facts: { ...input.facts },
    deletedAt: input.deletedAt ?? null,
  };
}
