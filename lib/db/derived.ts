import type { Account, Contact, EntityName } from '../schemas';
import { industryKeyOf } from '../funnel/industry';
import { normalizeCompanyName } from '../lookup/tokens';
import type { StoredRecord } from '../sync/merge';
import type { AccountRow, ContactRow } from './database';
import { withGuidanceKey } from './guidance-keys';
import { withTodayKeys } from './today-keys';

/** A text field of a record being stored; a record that broke the schema was refused before this. */
function textOf(record: StoredRecord, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : '';
}

/** Adds the local index fields a table needs; a deleted record drops out of matching. */
export function toRow(entity: EntityName, record: StoredRecord): StoredRecord {
  const deleted = record.deletedAt !== null;
  if (entity === 'account') {
    return withTodayKeys(entity, {
      ...record,
      nameKey: deleted ? '' : normalizeCompanyName(textOf(record, 'name')),
      industryKey: deleted ? '' : industryKeyOf(textOf(record, 'industry')),
    });
  }
  if (entity === 'contact') {
    // The person's name key, the one entry profile matching reads (see ContactRow).
    const name = normalizeCompanyName(textOf(record, 'name'));
    return { ...record, searchTokens: deleted || !name ? [] : [name] };
  }
  return withGuidanceKey(entity, withTodayKeys(entity, record));
}

/** The record as it syncs: local fields removed (rows written before v3 also carry accounts' searchTokens). */
export function fromRow(row: AccountRow): Account;
export function fromRow(row: ContactRow): Contact;
export function fromRow<T extends StoredRecord>(row: T): T;
export function fromRow(row: StoredRecord | AccountRow | ContactRow): unknown {
  const { searchTokens: _tokens, nameKey: _nameKey, industryKey: _industryKey, ownerKey: _ownerKey, authorKey: _authorKey, openTaskDueAt: _openTaskDueAt, lastTouchAt: _lastTouchAt, silentSince: _silentSince, openDeals: _openDeals, dealSilence: _dealSilence, guidanceUntil: _guidanceUntil, ...record } = row as StoredRecord;
  return record;
}
