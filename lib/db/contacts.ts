import { newContactFields, type Contact, type ContactFields } from '../schemas';
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
  return writeRecord(db, { entity: 'contact', recordId: newRecordId(), patch: newContactFields(input) }, { now: nowOf(ctx) });
}

export async function updateContact(
  db: SidenoteDb,
  contactId: string,
  changes: Partial<Omit<ContactFields, 'deletedAt'>>,
  ctx: WriteContext,
): Promise<Contact> {
  return writeRecord(db, { entity: 'contact', recordId: contactId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
}
