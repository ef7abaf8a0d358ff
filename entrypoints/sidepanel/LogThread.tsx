import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { LogThreadButton } from '@/components/LogThreadButton';
import { useMessages } from '@/components/i18n';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import type { PageContext, ThreadCaptureMode, Visibility } from '@/lib/schemas';
import { loadFunnel, loadMatching, loadWrites } from './lazy';
import { useUiStore } from './store';
import { requestReminderRefresh, requestSync } from './write-context';

export interface LogThreadProps {
  page: PageContext;
  accountId: string;
  contactIds: readonly string[];
  dealId: string | null;
  repId: string | null;
  visibility: Visibility;
  mode: ThreadCaptureMode;
}

/**
 * Log this thread, wired: builds the email record from the open thread under the rep's
 * privacy mode (lib/composer/thread-capture) and saves it through the one write path;
 * the same thread logged again updates its record.
 */
export function LogThread({ page, accountId, contactIds, dealId, repId, visibility, mode }: LogThreadProps) {
  const db = getDb();
  const t = useMessages(coreMessages);
  const pushToast = useUiStore((state) => state.pushToast);
  const [busy, setBusy] = useState(false);
  const logged = useLiveQuery(async () => {
    const key = (await loadMatching()).captureKeyFor(page);
    if (!key) return null;
    const found = (await db.activities.where('captureKey').equals(key).toArray()).find((activity) => activity.deletedAt === null && activity.type === 'email');
    return found ? { messageCount: found.thread?.messageCount ?? null } : null;
  }, [db, page]);

  const log = async () => {
    setBusy(true);
    try {
      const captureKey = (await loadMatching()).captureKeyFor(page);
      const { threadCaptureInput } = await import('@/lib/composer/thread-capture');
      const input = captureKey ? threadCaptureInput(page, { accountId, contactIds, dealId, visibility, mode, captureKey, now: Date.now() }) : null;
      if (!input) return;
      const { logActivity } = await loadWrites();
      const { updatedExisting } = await logActivity(db, input, { repId });
      pushToast({ message: updatedExisting ? t.threadUpdated : t.threadLogged, tone: 'info', action: null });
      requestSync('write');
      // A newer activity on a mail thread answers its "remind me if no reply" tasks.
      const { clearRepliedNoReplyTasks } = await loadFunnel();
      if ((await clearRepliedNoReplyTasks(db, { repId, accountId })).length) requestReminderRefresh();
    } catch (cause) {
      pushToast({ message: t.saveFailed(cause instanceof Error ? cause.message : String(cause)), tone: 'error', action: null });
    } finally {
      setBusy(false);
    }
  };

  return <LogThreadButton logged={logged ?? null} busy={busy} onLog={() => void log()} />;
}
