/**
 * Keeps the side panel's lookup index: loads the stored one (or builds it from the records
 * once the panel is interactive), catches up with the change log, stays current as writes
 * land in any context, and stores a fresh build so the next open only loads.
 *
 * The stored index lives in its own database (`<name>-lookup`), one row per kind of record
 * plus one for the rest: typed arrays are stored as they are, so a load is a few large reads
 * and no parsing. A format change or a damaged row means a rebuild, never a wrong answer.
 */
import Dexie, { type EntityTable } from 'dexie';
import { STAGES } from '../schemas';
import { buildLookupIndex, ENTRY_BLOCK, ID_BLOCK, LOOKUP_INDEX_FORMAT, LOOKUP_KINDS, LookupIndex, type LookupHit, type LookupIndexSnapshot, type ShardArrays } from '../lookup/search-index';
import { LOOKUP_CHANGES_TABLE } from './change-log';
import type { SidenoteDb } from './database';
import { latestLookupChange, lookupWithoutIndex, pruneLookupChanges, readLookupChanges, readLookupDocs } from './lookup';

interface StoredChunk {
  name: string;
  value: unknown;
}

class LookupIndexDb extends Dexie {
  chunks!: EntityTable<StoredChunk, 'name'>;
  constructor(name: string) {
    super(name);
    this.version(1).stores({ chunks: 'name' });
  }
}

export function lookupIndexDbName(db: SidenoteDb): string {
  return `${db.name}-lookup`;
}

type SnapshotMeta = Omit<LookupIndexSnapshot, 'shards'>;

export async function saveLookupIndex(db: SidenoteDb, snapshot: LookupIndexSnapshot): Promise<void> {
  const store = new LookupIndexDb(lookupIndexDbName(db));
  try {
    const { shards, ...meta } = snapshot;
    await store.transaction('rw', store.chunks, async () => {
      // The meta row goes last: a reader that finds it finds every shard of the same build.
      await store.chunks.delete('meta');
      for (const kind of LOOKUP_KINDS) await store.chunks.put({ name: kind, value: shards[kind] });
      await store.chunks.put({ name: 'meta', value: meta satisfies SnapshotMeta });
    });
  } finally {
    store.close();
  }
}

function isShard(value: unknown): value is ShardArrays {
  const shard = value as ShardArrays | null;
  return Boolean(shard && typeof shard.count === 'number' && shard.ids instanceof Uint8Array && shard.text instanceof Uint8Array && typeof shard.tokenCount === 'number' && shard.tokenPos instanceof Uint32Array && shard.tokenLen instanceof Uint8Array && shard.tokenStream instanceof Uint8Array && shard.tokenBlockStart instanceof Uint32Array && shard.tokenPos.length === Math.ceil(shard.tokenCount / ENTRY_BLOCK) && shard.textStart instanceof Uint32Array && shard.textLength instanceof Uint8Array && shard.textLength.length === shard.count && shard.longTextSlots instanceof Uint32Array && shard.longTextLengths instanceof Uint32Array && shard.idRest instanceof Uint8Array && shard.idRestStart instanceof Uint32Array && shard.idRestStart.length === Math.ceil(shard.count / ID_BLOCK) && shard.ids.length === shard.idRestStart.length * 16 && typeof shard.nameCount === 'number' && typeof shard.phoneCount === 'number');
}

/** The stored index, or null when there is none or it is of another format or incomplete. */
export async function loadLookupIndex(db: SidenoteDb): Promise<LookupIndexSnapshot | null> {
  const store = new LookupIndexDb(lookupIndexDbName(db));
  try {
    const rows = await store.chunks.bulkGet(['meta', ...LOOKUP_KINDS]);
    const meta = rows[0]?.value as SnapshotMeta | undefined;
    if (!meta || meta.format !== LOOKUP_INDEX_FORMAT) return null;
    const shards = {} as LookupIndexSnapshot['shards'];
    for (const [i, kind] of LOOKUP_KINDS.entries()) {
      const shard = rows[i + 1]?.value;
      if (!isShard(shard)) return null;
      shards[kind] = shard;
    }
    return { ...meta, shards };
  } finally {
    store.close();
  }
}

export type LookupIndexStatus = 'idle' | 'loading' | 'building' | 'ready' | 'failed';

export interface LookupIndexTimings {
  loadMs: number | null;
  /** Reading the records and building, together. */
  buildMs: number | null;
  /** Of buildMs, reading the records from the database. */
  readMs: number | null;
  saveMs: number | null;
}

export interface LookupIndexKeeperOptions {
  /** Yields to the page between slices of a build. */
  pause?: () => Promise<void>;
  /** Changes of more records than this since the stored index are folded in by a rebuild. */
  rebuildAfterRecords?: number;
  now?: () => number;
}

const DEFAULT_REBUILD_AFTER_RECORDS = 20_000;

/**
 * One per panel. `search` answers from the index when it is ready and from the slower path
 * before; listeners hear when the index becomes ready or takes in changes, so shown results
 * can be asked again.
 */
export class LookupIndexKeeper {
  status: LookupIndexStatus = 'idle';
  index: LookupIndex | null = null;
  readonly timings: LookupIndexTimings = { loadMs: null, buildMs: null, readMs: null, saveMs: null };
  private readonly listeners = new Set<() => void>();
  private catchingUp: Promise<void> | null = null;
  private catchUpAgain = false;
  private rebuilding: Promise<void> | null = null;
  private closed = false;
  private readonly pause: () => Promise<void>;
  private readonly rebuildAfter: number;
  private readonly now: () => number;
  private readonly onMutated = (parts: Record<string, unknown>) => {
    const prefix = `idb://${this.db.name}/`;
    if (Object.keys(parts).some((part) => part.startsWith(`${prefix}${LOOKUP_CHANGES_TABLE}/`) || part.startsWith(`${prefix}accounts/`) || part.startsWith(`${prefix}contacts/`) || part.startsWith(`${prefix}deals/`))) {
      void this.catchUp();
    }
  };

  constructor(
    private readonly db: SidenoteDb,
    options: LookupIndexKeeperOptions = {},
  ) {
    this.pause = options.pause ?? (() => new Promise((resolve) => setTimeout(resolve, 0)));
    this.rebuildAfter = options.rebuildAfterRecords ?? DEFAULT_REBUILD_AFTER_RECORDS;
    this.now = options.now ?? (() => performance.now());
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Bumped on every status change or change taken in, so a UI knows to ask again. */
  revision = 0;

  private notify(): void {
    this.revision++;
    for (const listener of this.listeners) listener();
  }

  /** Loads the stored index, or builds one; resolves when the index is ready (or failed). */
  async start(): Promise<void> {
    if (this.status !== 'idle') return;
    Dexie.on('storagemutated', this.onMutated);
    this.status = 'loading';
    this.notify();
    try {
      const t0 = this.now();
      const stored = await loadLookupIndex(this.db);
      if (stored) {
        this.index = new LookupIndex(stored);
        this.timings.loadMs = this.now() - t0;
        const outcome = await this.applyChanges();
        if (outcome === 'lost') {
          // Changes it has not seen were pruned: answer from the database until rebuilt.
          this.index = null;
          await this.rebuild();
          return;
        }
        this.status = 'ready';
        this.notify();
        if (outcome === 'large') await this.rebuild();
      } else {
        await this.rebuild();
      }
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (this.closed) return;
    console.error('Sidenote: the lookup index could not be loaded or built; lookup reads the database instead', error);
    this.status = this.index ? 'ready' : 'failed';
    this.notify();
  }

  /** Builds from the records, takes in what changed meanwhile, swaps it in and stores it. */
  rebuild(): Promise<void> {
    this.rebuilding ??= (async () => {
      if (!this.index) {
        this.status = 'building';
        this.notify();
      }
      const t0 = this.now();
      // Changes logged after this point are read again after the build; applying one twice is harmless.
      const changeSeq = await latestLookupChange(this.db);
      const docs = await readLookupDocs(this.db, this.pause);
      this.timings.readMs = this.now() - t0;
      const snapshot = await buildLookupIndex(docs, { stageNames: [...STAGES], changeSeq, pause: this.pause });
      if (this.closed) return;
      this.timings.buildMs = this.now() - t0;
      this.index = new LookupIndex(snapshot);
      await this.applyChanges();
      this.status = 'ready';
      this.notify();
      if (this.closed) return;
      const t1 = this.now();
      await saveLookupIndex(this.db, snapshot);
      this.timings.saveMs = this.now() - t1;
      await pruneLookupChanges(this.db, snapshot.changeSeq);
    })().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /**
   * Applies logged changes. 'large' when the overlay grew past the rebuild threshold (answers
   * stay exact meanwhile), 'lost' when changes were pruned or a range deleted, so only a
   * rebuild is exact.
   */
  private async applyChanges(): Promise<'ok' | 'large' | 'lost'> {
    const index = this.index;
    if (!index) return 'ok';
    const { changes, seq, needsRebuild } = await readLookupChanges(this.db, index.appliedChangeSeq);
    if (needsRebuild) return 'lost';
    if (this.index !== index) return 'ok';
    if (changes.length || seq > index.appliedChangeSeq) index.apply(changes, seq);
    if (changes.length) this.notify();
    return index.overlaySize > this.rebuildAfter ? 'large' : 'ok';
  }

  /** Reads the change log now (also run on every cross-context storage mutation). */
  catchUp(): Promise<void> {
    if (this.closed || this.status !== 'ready' || !this.index) {
      // A build in progress reads the log again when it ends.
      return Promise.resolve();
    }
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const outcome = await this.applyChanges();
        if (outcome === 'lost') {
          this.index = null;
          this.status = 'building';
          this.notify();
        }
        if (outcome !== 'ok' && !this.rebuilding) this.rebuild().catch((error: unknown) => this.failed(error));
      } while (this.catchUpAgain && !this.closed);
    })()
      .catch((error: unknown) => console.error('Sidenote: lookup index catch-up failed', error))
      .finally(() => {
        this.catchingUp = null;
      });
    return this.catchingUp;
  }

  /** Results for what the rep typed: from the index when ready, else from the database. */
  async search(query: string): Promise<LookupHit[]> {
    if (this.status === 'ready' && this.index) return this.index.search(query);
    return lookupWithoutIndex(this.db, query);
  }

  close(): void {
    this.closed = true;
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
    this.listeners.clear();
  }
}
