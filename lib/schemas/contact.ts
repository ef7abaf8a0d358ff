import * as z from 'zod';
import { CONTACT_ROLES } from './enums';
import { emailSchema, idSchema, phoneSchema, shortTextSchema, urlSchema } from './primitives';
import { textOrNull } from './account';
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

/** What creating a contact needs: a name; every other field has a default. */
export type ContactInput = Pick<ContactFields, 'name'> & Partial<Omit<ContactFields, 'name'>>;

/** The one place a new contact's fields are spelled out. */
export function newContactFields(input: ContactInput): ContactFields {
  return {
    accountId: input.accountId ?? null,
    name: input.name,
    email: textOrNull(input.email),
    phone: textOrNull(input.phone),
    title: textOrNull(input.title),
    role: input.role ?? null,
    profileUrl: textOrNull(input.profileUrl),
    deletedAt: input.deletedAt ?? null,
  };
}
