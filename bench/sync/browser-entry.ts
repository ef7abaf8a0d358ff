/**
 * The initial-sync client as a page script for Chromium (bundled to an IIFE by
 * bench/sync/initial-sync.ts): `window.syncBench.product(...)` runs the real sync engine into a
 * fresh IndexedDB database, `window.syncBench.floor(...)` the plain fetch-and-bulkPut floor.
 */
import '../browser/zod-jitless';
import { runInitialSyncClient, runInitialSyncFloor } from './initial-sync-client';

(globalThis as unknown as { syncBench: unknown }).syncBench = { product: runInitialSyncClient, floor: runInitialSyncFloor };
