import type { Account, Contact, EntityName } from '../schemas';
import { accountSearchTokens, contactSearchTokens, normalizeCompanyName } from '../lookup/tokens';
import type { StoredRecord } from '../sync/merge';
import type { AccountRow, ContactRow } from './database';

/** A text field of a record being stored; a record that broke the schema was refused before this. */
function textOf(record: StoredRecord, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : '';
}

function textsOf(record: StoredRecord, field: string): string[] {
  const value = record[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** Adds the local index fields a table needs; a deleted record drops out of lookup. */
export function toRow(entity: EntityName, record: StoredRecord): StoredRecord {
  const deleted = record.deletedAt !== null;
  if (entity === 'account') {
    const name = textOf(record, 'name');
    return {
      ...record,
      searchTokens: deleted ? [] : accountSearchTokens({ name, domains: textsOf(record, 'domains') }),
      nameKey: deleted ? '' : normalizeCompanyName(name),
    };
  }
  if (entity === 'contact') {
    const email = record.email;
    return { ...record, searchTokens: deleted ? [] : contactSearchTokens({ name: textOf(record, 'name'), email: typeof email === 'string' ? email : null }) };
  }
  return record;
}

/** The record as it syncs: derived fields removed. */
export function fromRow(row: AccountRow): Account;
export function fromRow(row: ContactRow): Contact;
export function fromRow<T extends StoredRecord>(row: T): T;
export function fromRow(row: StoredRecord | AccountRow | ContactRow): unknown {
  const { searchTokens: _tokens, nameKey: _nameKey, ...record } = row as StoredRecord;
  return record;
}
