import type { EntityName } from '../schemas';
import { accountSearchTokens, contactSearchTokens, normalizeCompanyName } from '../lookup/tokens';
import type { StoredRecord } from '../sync/merge';

/** Adds the local index fields a table needs; a deleted record drops out of lookup. */
export function toRow(entity: EntityName, record: StoredRecord): StoredRecord {
  const deleted = record.deletedAt !== null;
  if (entity === 'account') {
    const account = record as unknown as { name: string; domains: string[] };
    return {
      ...record,
      searchTokens: deleted ? [] : accountSearchTokens(account),
      nameKey: deleted ? '' : normalizeCompanyName(account.name),
    };
  }
  if (entity === 'contact') {
    const contact = record as unknown as { name: string; email: string | null };
    return { ...record, searchTokens: deleted ? [] : contactSearchTokens(contact) };
  }
  return record;
}

const DERIVED_FIELDS = ['searchTokens', 'nameKey'];

/** The record as it syncs: derived fields removed. */
export function fromRow(row: StoredRecord): StoredRecord {
  const record: StoredRecord = { ...row };
  for (const field of DERIVED_FIELDS) delete record[field];
  return record;
}
