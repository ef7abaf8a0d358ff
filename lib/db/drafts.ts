import type { SidenoteDb } from './database';

/** A composer's draft is keyed by what it is bound to: an account, or the page when nothing matched. */
export function draftKey(scope: { accountId: string | null; url: string | null }): string {
  if (scope.accountId) return `composer:account:${scope.accountId}`;
  return `composer:page:${scope.url ?? 'none'}`;
}

export async function loadDraft(db: SidenoteDb, key: string): Promise<Record<string, unknown> | null> {
  return (await db.drafts.get(key))?.fields ?? null;
}

export async function deleteDraft(db: SidenoteDb, key: string): Promise<void> {
  await db.drafts.delete(key);
}

/** A draft with nothing typed in it is removed rather than kept. */
export function isEmptyDraft(fields: Record<string, unknown>): boolean {
  return Object.values(fields).every(
    (value) => value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0),
  );
}

export interface DraftWriter {
  /** Queues the latest fields; at most one write runs at a time and the newest one wins. */
  write(fields: Record<string, unknown>): void;
  /** Resolves once everything queued so far is stored. */
  flush(): Promise<void>;
}

/**
 * Writes every change straight through (no timer), coalescing while a write is in flight,
 * so the draft on disk is never more than one keystroke-batch behind, even if the sidebar
 * is closed the next instant.
 */
export function createDraftWriter(
  db: SidenoteDb,
  key: string,
  options: { now?: () => number; onError?: (error: unknown) => void } = {},
): DraftWriter {
  const now = options.now ?? Date.now;
  let pending: Record<string, unknown> | null = null;
  let running: Promise<void> | null = null;

  const run = async (): Promise<void> => {
    try {
      while (pending) {
        const fields = pending;
        pending = null;
        if (isEmptyDraft(fields)) await db.drafts.delete(key);
        else await db.drafts.put({ key, fields, updatedAt: now() });
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = null;
    }
  };

  return {
    write(fields) {
      pending = fields;
      running ??= run();
    },
    async flush() {
      while (running) await running;
    },
  };
}
