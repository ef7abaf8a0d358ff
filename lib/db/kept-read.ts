import Dexie, { RangeSet, rangesOverlap, type IndexableType } from 'dexie';

/**
 * Reads the sidebar repeats on every card open although their answer rarely changes (the
 * team's stage medians, an industry's won deals) are kept per database and key, and dropped
 * when a write touches a key range they read. Dexie reports every committed write, in this
 * page or another of the extension, through `storagemutated` with the index ranges it
 * changed, so no caller has to remember to invalidate. The store deletes records by
 * tombstone (`deletedAt`), which is a put and reports the row's index keys like any write.
 */

/** A key range of one table's index that a kept answer depends on ('' is the primary key). */
export interface ReadPart {
  table: string;
  index: string;
  from: IndexableType;
  to: IndexableType;
}

interface Kept<T> {
  value: Promise<T>;
  parts: ReadPart[] | null;
}

interface KeptReadOptions<K, T> {
  /** What the answer for `key` depends on; may depend on the answer itself (its peer accounts, say). */
  partsOf: (key: K, value: T) => ReadPart[];
  /** Answers kept at most per database; the oldest goes first. */
  maxEntries?: number;
  keyOf?: (key: K) => string;
}

type Db = Pick<Dexie, 'name'>;

/** A read of `read(db, key)` kept until a write touches a part it depends on. */
export function keptRead<D extends Db, K, T>(read: (db: D, key: K) => Promise<T>, options: KeptReadOptions<K, T>) {
  const byDb = new Map<string, Map<string, Kept<T>>>();
  const maxEntries = options.maxEntries ?? 16;
  const keyOf = options.keyOf ?? ((key: K) => String(key));
  let listening = false;

  const onMutated = (changed: Record<string, unknown>) => {
    for (const [dbName, entries] of byDb) {
      for (const [key, entry] of entries) {
        // Still reading: it may have read before the write, so it is not kept.
        if (entry.parts === null || entry.parts.some((part) => touches(changed, dbName, part))) entries.delete(key);
      }
    }
  };

  return {
    async load(db: D, key: K): Promise<T> {
      if (!listening) {
        Dexie.on('storagemutated', onMutated);
        listening = true;
      }
      let entries = byDb.get(db.name);
      if (!entries) byDb.set(db.name, (entries = new Map()));
      const id = keyOf(key);
      const kept = entries.get(id);
      if (kept) {
        // Most recently used last, so the oldest is the one dropped.
        entries.delete(id);
        entries.set(id, kept);
        return kept.value;
      }
      const entry: Kept<T> = { value: read(db, key), parts: null };
      entries.set(id, entry);
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      try {
        const value = await entry.value;
        entry.parts = options.partsOf(key, value);
        return value;
      } catch (error) {
        if (entries.get(id) === entry) entries.delete(id);
        throw error;
      }
    },
    /** Forgets every kept answer for this database (a test's fresh start, a sign-out). */
    forget(db: D): void {
      byDb.delete(db.name);
    },
  };
}

function touches(changed: Record<string, unknown>, dbName: string, part: ReadPart): boolean {
  const set = changed[`idb://${dbName}/${part.table}/${part.index}`];
  if (!set) return false;
  return rangesOverlap(set as RangeSet, new RangeSet(part.from, part.to));
}
