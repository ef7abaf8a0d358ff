import * as z from 'zod';
import { epochMsSchema, idSchema } from './primitives';
import { recordMetaSchema } from './record';

/** A rep's own decision about one suggestion; private to its author, synced across browsers. */
export const suggestionStateFieldsSchema = z.strictObject({
  subjectType: z.enum(['account', 'deal']),
  subjectId: idSchema,
  suggestionKey: z.string().min(1).max(200),
  status: z.enum(['active', 'dismissed', 'snoozed']),
  snoozedUntil: epochMsSchema.nullable(),
  authorId: z.string().max(64).nullable(),
  deletedAt: recordMetaSchema.shape.deletedAt,
});
export const suggestionStateSchema = recordMetaSchema.extend(suggestionStateFieldsSchema.shape);
export type SuggestionState = z.infer<typeof suggestionStateSchema>;
