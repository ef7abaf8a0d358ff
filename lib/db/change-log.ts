/**
 * A local change log for the lookup index: every write to accounts, contacts or deals, from
 * any context (the side panel's saves, the background's pulled pages, an import), adds one
 * row naming the changed ids, in the same IndexedDB transaction. The panel's index reads the
 * rows after the last one it applied, so it learns of changes made while it was closed as
 * well as those Dexie's cross-context `storagemutated` event tells it of while open.
 *
 * It is a Dexie DBCore middleware, so no write path can forget it: it widens every
 * read-write transaction on those tables to include the log, and logs each mutate request
 * (one row per bulk request, not per record, so a 500-row page costs one small put).
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import type { LookupKind } from '../lookup/rank';

export const LOOKUP_CHANGES_TABLE = 'lookupChanges';
/** Meta key: changes up to this sequence number were pruned (a stored index covers them). */
export const LOOKUP_CHANGES_PRUNED_KEY = 'lookupChangesPrunedThrough';

export interface LookupChangeRow {
  seq?: number;
  kind: LookupKind;
  /** Changed (or removed) record ids; null when a whole key range was deleted. */
  ids: string[] | null;
}

const KIND_OF_TABLE: Readonly<Record<string, LookupKind>> = Object.freeze({ accounts: 'account', contacts: 'contact', deals: 'deal' });

function kindOfTable(name: string): LookupKind | null {
  return Object.prototype.hasOwnProperty.call(KIND_OF_TABLE, name) ? KIND_OF_TABLE[name]! : null;
}

function changedIds(request: DBCoreMutateRequest): string[] | null {
  if (request.type === 'deleteRange') return null;
  if (request.type === 'delete') return request.keys.map(String);
  return (request.keys ?? request.values.map((value: { id?: unknown }) => value?.id)).filter((key) => key !== undefined).map(String);
}

export const lookupChangeLog: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'lookupChangeLog',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === 'readwrite' && stores.some((store) => kindOfTable(store) !== null) && !stores.includes(LOOKUP_CHANGES_TABLE) ? [...stores, LOOKUP_CHANGES_TABLE] : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        const kind = kindOfTable(name);
        if (!kind) return table;
        const logged: DBCoreTable = {
          ...table,
          async mutate(request) {
            const result = await table.mutate(request);
            const ids = changedIds(request);
            if (ids === null || ids.length > 0) {
              await down.table(LOOKUP_CHANGES_TABLE).mutate({ type: 'add', trans: request.trans, values: [{ kind, ids } satisfies LookupChangeRow] });
            }
            return result;
          },
        };
        return logged;
      },
    };
  },
};
