import * as z from 'zod';
import { CONTACT_ROLES } from './enums';
import { emailSchema, idSchema, phoneSchema, shortTextSchema, urlSchema } from './primitives';
import { recordMetaSchema } from './record';

/** A contact's place in the customer's decision chain (决策链). */
export const contactRoleSchema = z.enum(CONTACT_ROLES);
export type ContactRole = z.infer<typeof contactRoleSchema>;

export const contactFieldsSchema = z.strictObject({
  accountId: idSchema.nullable(),
  name: shortTextSchema.pipe(z.string().min(1, { message: 'A contact needs a name' })),
  email: emailSchema.nullable(),
  phone: phoneSchema.nullable(),
  title: z.string().trim().max(200).nullable(),
  role: contactRoleSchema.nullable(),
  profileUrl: urlSchema.nullable(),
  deletedAt: recordMetaSchema.shape.deletedAt,
});
export const contactSchema = recordMetaSchema.extend(contactFieldsSchema.shape);
export type Contact = z.infer<typeof contactSchema>;
export type ContactFields = z.infer<typeof contactFieldsSchema>;
