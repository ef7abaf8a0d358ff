import { useCallback } from 'react';
import { useLocale, useMessages } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import { describeWriteError } from '@/lib/i18n/messages/write-errors';
import type { SidenoteDb } from '@/lib/db/database';
import { loadWrites } from '../lazy';
import { useUiStore } from '../store';
import { requestReminderRefresh } from '../write-context';

export type Writes = Awaited<ReturnType<typeof loadWrites>>;

export interface RecordWriteOptions<T> {
  /** A notice after it is stored ("Note saved."); none when the screen shows the result itself. */
  done?: string | ((value: T) => string | null) | null;
  /** Offered in the notice: puts things back as they were. */
  undo?: ((writes: Writes, db: SidenoteDb, value: T) => Promise<unknown>) | null;
  /** Where a refusal is shown: next to the form that caused it; a notice otherwise. */
  onError?: (message: string) => void;
  /** Tasks or follow-ups changed: the background reschedules its reminders. */
  reminders?: boolean | ((value: T) => boolean);
}

export type RecordWriteResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * The sidebar's one way to save: runs a write from the lazily loaded write path, says the
 * result (notice with undo, or the refusal in the UI's language where it belongs) and asks
 * the background for reminders when needed. Sync is not asked for here: the outbox
 * listener (lib/db/outbox-listener.ts) notices every write.
 */
export function useRecordWrite() {
  const t = useMessages(coreMessages);
  const locale = useLocale();
  const pushToast = useUiStore((state) => state.pushToast);
  return useCallback(
    async <T>(work: (writes: Writes, db: SidenoteDb) => Promise<T>, options: RecordWriteOptions<T> = {}): Promise<RecordWriteResult<T>> => {
      const db = getDb();
      try {
        const writes = await loadWrites();
        const value = await work(writes, db);
        const reminders = typeof options.reminders === 'function' ? options.reminders(value) : options.reminders;
        if (reminders) requestReminderRefresh();
        const message = typeof options.done === 'function' ? options.done(value) : options.done;
        if (message) {
          const undo = options.undo;
          pushToast({
            message,
            tone: 'info',
            action: undo
              ? {
                  label: t.undo,
                  run: () => {
                    void undo(writes, db, value).catch((cause: unknown) => pushToast({ message: t.saveFailed(describeWriteError(cause, locale)), tone: 'error', action: null }));
                  },
                }
              : null,
          });
        }
        return { ok: true, value };
      } catch (cause) {
        console.error('Write refused', cause);
        const message = describeWriteError(cause, locale);
        if (options.onError) options.onError(message);
        else pushToast({ message: t.saveFailed(message), tone: 'error', action: null });
        return { ok: false, message };
      }
    },
    [t, locale, pushToast],
  );
}
