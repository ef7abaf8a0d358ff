/**
 * The one place that notices new work in the outbox. Every server-bound write adds or
 * refreshes an outbox entry in its own transaction (write.ts), so watching the outbox is
 * enough to know a sync is wanted: callers of the write functions never ask for one.
 * Dexie re-runs the query after any change to the table, from this page or another
 * extension page (the background's writes arrive through Dexie's cross-context events).
 */
import { liveQuery } from 'dexie';
import type { SidenoteDb } from './database';

interface OutboxMark {
  pending: number;
  newest: string | null;
}

async function readMark(db: SidenoteDb): Promise<OutboxMark> {
  const pending = await db.outbox.where('status').equals('pending').count();
  const newest = await db.outbox.orderBy('hlc').last();
  return { pending, newest: newest ? JSON.stringify(newest.hlc) : null };
}

/**
 * Calls `onNewWork` each time a write lands in the outbox (a new entry, or a newer stamp
 * on one) while something is pending; entries leaving after a push do not call it. The
 * state at subscription time does not count: whoever subscribes syncs on start anyway.
 * Returns the unsubscribe function.
 */
export function watchOutbox(db: SidenoteDb, onNewWork: () => void, onError: (error: unknown) => void = console.error): () => void {
  let last: OutboxMark | null = null;
  const subscription = liveQuery(() => readMark(db)).subscribe({
    next: (mark) => {
      const previous = last;
      last = mark;
      if (previous && mark.pending > 0 && mark.newest !== previous.newest) onNewWork();
    },
    error: onError,
  });
  return () => subscription.unsubscribe();
}
