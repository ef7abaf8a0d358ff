import * as z from 'zod';
import { accountFieldsSchema, accountSchema, factSchema } from './account';
import type { activitySchema} from './activity';
import { activityFieldsSchema, validActivitySchema } from './activity';
import { contactFieldsSchema, contactSchema } from './contact';
import { dealFieldsSchema, dealSchema } from './deal';
import { playbookFieldsSchema, playbookSchema } from './playbook';
import { suggestionStateFieldsSchema, suggestionStateSchema } from './suggestion-state';

/** Every kind of record that syncs. The order is the order a pull applies dependencies in. */
export const entityNameSchema = z.enum(['account', 'contact', 'deal', 'activity', 'suggestionState', 'playbook']);
export type EntityName = z.infer<typeof entityNameSchema>;
export const ENTITY_NAMES = entityNameSchema.options;

export interface EntityRecordMap {
  account: z.infer<typeof accountSchema>;
  contact: z.infer<typeof contactSchema>;
  deal: z.infer<typeof dealSchema>;
  activity: z.infer<typeof activitySchema>;
  suggestionState: z.infer<typeof suggestionStateSchema>;
  playbook: z.infer<typeof playbookSchema>;
}
export type AnyRecord = EntityRecordMap[EntityName];

/**
 * Keys one map field of a record may hold (`facts`): a record needs dozens of facts, not
 * thousands. Bounds every map field of every entity, checked on each patch and merged record.
 */
export const MAX_MAP_FIELD_KEYS = 200;

interface EntityDefinition {
  /** The domain fields a patch may set. */
  fields: z.ZodObject;
  /** A whole record, as stored and as pulled, with every cross-field rule. */
  record: z.ZodType<AnyRecord>;
  /**
   * Map fields merge per key (clock key `facts.budget`), so two reps confirming different
   * facts while offline both keep theirs. Each entry names the schema of one value.
   */
  mapFields: Record<string, z.ZodType>;
  /** Author-owned records: only the author may change them after creation. */
  ownedByAuthor: boolean;
  /** Records only their author can read (beyond `visibility: 'private'` on activities). */
  privateToAuthor: boolean;
}

export const ENTITIES: Record<EntityName, EntityDefinition> = {
  account: { fields: accountFieldsSchema, record: accountSchema, mapFields: { facts: factSchema.nullable() }, ownedByAuthor: false, privateToAuthor: false },
  contact: { fields: contactFieldsSchema, record: contactSchema, mapFields: {}, ownedByAuthor: false, privateToAuthor: false },
  deal: { fields: dealFieldsSchema, record: dealSchema, mapFields: { facts: factSchema.nullable() }, ownedByAuthor: false, privateToAuthor: false },
  activity: { fields: activityFieldsSchema, record: validActivitySchema, mapFields: {}, ownedByAuthor: true, privateToAuthor: false },
  suggestionState: { fields: suggestionStateFieldsSchema, record: suggestionStateSchema, mapFields: {}, ownedByAuthor: true, privateToAuthor: true },
  playbook: { fields: playbookFieldsSchema, record: playbookSchema, mapFields: {}, ownedByAuthor: false, privateToAuthor: false },
};
