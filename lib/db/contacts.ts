import type { Contact, ContactFields } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { newRecordId, writeRecord } from './write';

export interface NewContactInput {
  accountId: string | null;
  name: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  role?: ContactFields['role'];
  profileUrl?: string | null;
}

export async function createContact(db: SidenoteDb, input: NewContactInput, ctx: WriteContext): Promise<Contact> {
  const record = await writeRecord(
    db,
    {
      entity: 'contact',
      recordId: newRecordId(),
      patch: {
        accountId: input.accountId,
        name: input.name,
        email: input.email?.trim() || null,
        phone: input.phone?.trim() || null,
        title: input.title?.trim() || null,
        role: input.role ?? null,
        profileUrl: input.profileUrl?.trim() || null,
        deletedAt: null,
      },
    },
    { now: nowOf(ctx) },
  );
  return record as unknown as Contact;
}

export async function updateContact(
  db: SidenoteDb,
  contactId: string,
  changes: Partial<Omit<ContactFields, 'deletedAt'>>,
  ctx: WriteContext,
): Promise<Contact> {
  const record = await writeRecord(db, { entity: 'contact', recordId: contactId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
  return record as unknown as Contact;
}
