import * as z from 'zod';
import { factsSchema } from './account';
import { DEFAULT_CURRENCY } from './enums';
import { epochMsSchema, idSchema, isoDateSchema, shortTextSchema } from './primitives';
import { recordMetaSchema } from './record';
import { dealStageSchema } from './stage';

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, { message: 'must be a three-letter currency code like CNY or USD' });

export const dealFieldsSchema = z.strictObject({
  accountId: idSchema,
  name: shortTextSchema.pipe(z.string().min(1, { message: 'A deal needs a name' })),
  stage: dealStageSchema,
  amount: z.number().nonnegative().max(1e13).nullable(),
  currency: currencySchema,
  expectedCloseDate: isoDateSchema.nullable(),
  ownerId: z.string().max(64).nullable(),
  /** When the deal reached won or lost; starts the 72-hour handoff clock. */
  closedAt: epochMsSchema.nullable(),
  lostReason: z.string().trim().max(500).nullable(),
  facts: factsSchema,
  deletedAt: recordMetaSchema.shape.deletedAt,
});
export const dealSchema = recordMetaSchema.extend(dealFieldsSchema.shape);
export type Deal = z.infer<typeof dealSchema>;
export type DealFields = z.infer<typeof dealFieldsSchema>;

/** What creating a deal needs: its account and a name; every other field has a default. */
export type DealInput = Pick<DealFields, 'accountId' | 'name'> & Partial<Omit<DealFields, 'accountId' | 'name'>>;

/** The one place a new deal's fields are spelled out. */
export function newDealFields(input: DealInput): DealFields {
  return {
    accountId: input.accountId,
    name: input.name,
    stage: input.stage ?? 'lead',
    amount: input.amount ?? null,
    currency: input.currency ?? DEFAULT_CURRENCY,
    expectedCloseDate: input.expectedCloseDate || null,
    ownerId: input.ownerId ?? null,
    closedAt: input.closedAt ?? null,
    lostReason: input.lostReason ?? null,
    facts: { ...input.facts },
    deletedAt: input.deletedAt ?? null,
  };
}
