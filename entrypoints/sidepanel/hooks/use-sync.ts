import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import type { ConflictView, ParkedChangeView } from '@/components/SyncIssues';
import type { SyncStatusView } from '@/components/SyncStatusBar';
import { useLocale, useMessages } from '@/components/i18n';
import { TABLE_OF_ENTITY } from '@/lib/db/database';
import { getDb } from '@/lib/db/instance';
import { coreMessages } from '@/lib/i18n/messages/core';
import { describeParkedReason, syncErrorWords } from '@/lib/i18n/messages/sync';
import type { EntityName, ServerSettings } from '@/lib/schemas';
import { cutText } from '@/lib/schemas/text';
import type { LiveState } from '@/lib/sync/live';
import type { Identity } from '@/lib/settings/items';
import { loadSyncIo } from '../lazy';
import { requestSync } from '../write-context';


const NAME_LENGTH = 60;

/** A short, human name for any record, for notices about it. */
async function recordNames(refs: ReadonlyArray<{ entity: EntityName; recordId: string }>): Promise<Map<string, string>> {
  const db = getDb();
  const names = new Map<string, string>();
  for (const ref of refs) {
    const row = (await db.table(TABLE_OF_ENTITY[ref.entity]).get(ref.recordId)) as { name?: string; subject?: string | null; body?: string; suggestionKey?: string } | undefined;
    const name = row?.name ?? row?.subject ?? row?.body ?? row?.suggestionKey ?? ref.recordId;
    names.set(`${ref.entity}:${ref.recordId}`, name.length > NAME_LENGTH ? `${cutText(name, NAME_LENGTH)}…` : name);
  }
  return names;
}

/**
 * Everything the sidebar shows about sync, live from the database: status, counts, the
 * live stream's state, refused changes and lost edits. While the sidebar is open it also
 * listens to the team's live stream and asks the background to pull on every change.
 */
export function useSync(server: ServerSettings, identity: Identity | null, nowMs: number) {
  const db = getDb();
  const t = useMessages(coreMessages);
  const locale = useLocale();
  const [live, setLive] = useState<LiveState | null>(null);
  const configured = Boolean(server.url && server.token);

  const overview = useLiveQuery(async () => {
    const io = await loadSyncIo();
    return { overview: await io.readSyncOverview(db), displayed: io.displayedSyncState };
  }, [db]);
  const issues = useLiveQuery(async () => {
    const parked = await db.outbox.where('status').equals('parked').toArray();
    const conflicts = (await db.conflicts.orderBy('createdAt').reverse().toArray()).filter((conflict) => conflict.seenAt === null);
    const names = await recordNames([...parked, ...conflicts]);
    return { parked, conflicts, names };
  }, [db]);

  useEffect(() => {
    if (!configured) return;
    const controller = new AbortController();
    void loadSyncIo().then(({ subscribeToTeamChanges }) =>
      subscribeToTeamChanges({
        baseUrl: server.url,
        token: server.token,
        fetch: (input, init) => fetch(input, init),
        signal: controller.signal,
        // A (re)connect may have missed changes, and says the server answers again (which ends
        // a backoff it earned while down); a change is a teammate's write: sync either way.
        onChange: (change) => requestSync(change.kind === 'ready' ? 'server_back' : 'live_change'),
        onState: setLive,
      }),
    );
    return () => controller.abort();
  }, [configured, server.url, server.token]);

  const repName = (id: string | null) => (id ? (identity?.reps.find((rep) => rep.id === id)?.name ?? t.aTeammate) : t.aTeammate);
  const current = overview?.overview;
  const error = current?.lastError ?? null;
  const words = error ? syncErrorWords[locale][error.code](error.params) : null;
  const status: SyncStatusView = {
    connected: configured,
    // "Offline" only when the browser says so; otherwise the server is not answering.
    state: current && overview ? overview.displayed(current, nowMs, globalThis.navigator?.onLine ?? true) : 'idle',
    pending: current?.pending ?? 0,
    parked: current?.parked ?? 0,
    lastSyncedAt: current?.lastSyncedAt ?? null,
    lastError: words ? `${words.message} ${words.action}` : null,
  };
  const parked: ParkedChangeView[] = (issues?.parked ?? []).map((entry) => ({
    id: entry.id,
    what: t[`entity_${entry.entity}`],
    recordName: issues?.names.get(`${entry.entity}:${entry.recordId}`) ?? entry.recordId,
    reason: describeParkedReason(entry, locale),
  }));
  const conflicts: ConflictView[] = (issues?.conflicts ?? []).map((conflict) => ({
    id: conflict.id,
    text: t.conflictOn(issues?.names.get(`${conflict.entity}:${conflict.recordId}`) ?? conflict.recordId, conflict.fields.join(', '), repName(conflict.lostTo)),
  }));
  return {
    status,
    live,
    parked,
    conflicts,
    discard: (id: string) => void loadSyncIo().then(({ discardParkedChange }) => discardParkedChange(db, id)),
    markSeen: (id: string) => void loadSyncIo().then(({ markConflictSeen }) => markConflictSeen(db, id)),
  };
}
