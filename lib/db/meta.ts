import type { Hlc } from '../schemas';
import { newNodeId, nextHlc, observeHlc } from '../sync/hlc';
import type { SidenoteDb } from './database';

export const META_KEYS = {
  clientId: 'clientId',
  hlc: 'hlc',
} as const;

/** This browser profile's node id, created on first use. Call inside a transaction on `meta`. */
export async function getClientId(db: SidenoteDb): Promise<string> {
  const entry = await db.meta.get(META_KEYS.clientId);
  if (typeof entry?.value === 'string') return entry.value;
  const clientId = newNodeId();
  await db.meta.put({ key: META_KEYS.clientId, value: clientId });
  return clientId;
}

/**
 * The local clock for a batch of writes inside one transaction: read once, stamps issued in
 * memory (each after the last), saved once. The last stamp lives in the database, not in
 * memory, because the sidebar and the background both write and either may be killed.
 */
export async function readLocalClock(db: SidenoteDb): Promise<{ next(nowMs: number): Hlc; save(): Promise<void> }> {
  // One request round for both keys: the client id and the clock are read side by side.
  const [idEntry, clockEntry] = await db.meta.bulkGet([META_KEYS.clientId, META_KEYS.hlc]);
  let node = typeof idEntry?.value === 'string' ? idEntry.value : null;
  if (node === null) {
    node = newNodeId();
    await db.meta.put({ key: META_KEYS.clientId, value: node });
  }
  const clientId = node;
  let last = (clockEntry?.value as Hlc | undefined) ?? null;
  const first = last;
  return {
    next(nowMs) {
      last = nextHlc(last, nowMs, clientId);
      return last;
    },
    async save() {
      if (last !== null && last !== first) await db.meta.put({ key: META_KEYS.hlc, value: last });
    },
  };
}

/** Folds stamps pulled from the server into the local clock. */
export async function observeRemoteStamp(db: SidenoteDb, remote: Hlc, nowMs: number): Promise<void> {
  const node = await getClientId(db);
  const previous = (await db.meta.get(META_KEYS.hlc))?.value as Hlc | undefined;
  if (previous !== undefined && previous >= remote) return;
  await db.meta.put({ key: META_KEYS.hlc, value: observeHlc(previous ?? null, remote, nowMs, node) });
}
