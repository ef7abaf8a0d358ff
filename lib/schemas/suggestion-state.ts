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
export type SuggestionStateFields = z.infer<typeof suggestionStateFieldsSchema>;
/** The fields a client writes on create; `authorId` is the server's. */
export type NewSuggestionStateFields = Omit<SuggestionStateFields, 'authorId'>;

/** The one place a new suggestion state's fields are spelled out. */
export function newSuggestionStateFields(
  input: Pick<NewSuggestionStateFields, 'subjectType' | 'subjectId' | 'suggestionKey' | 'status'> & Partial<NewSuggestionStateFields>,
): NewSuggestionStateFields {
  return {
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    suggestionKey: input.suggestionKey,
    status: input.status,
    snoozedUntil: input.snoozedUntil ?? null,
    deletedAt: input.deletedAt ?? null,
  };
}
