import { SidenoteDb } from '../../lib/db/database';

let counter = 0;

/** A fresh, empty database on fake-indexeddb; each test gets its own. */
export function createTestDb(prefix = 'test'): SidenoteDb {
  counter += 1;
  return new SidenoteDb(`${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2)}`);
}

/** A fixed instant so rules and orderings are repeatable: 2026-03-02T09:00:00Z. */
export const FIXED_NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
