/** Today: the rep's own work across accounts (pure; the Dexie read is lib/db/today.ts). */
export * from './build';
export * from './describe';
export * from './left-out';
