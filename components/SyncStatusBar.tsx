import { coreMessages } from '@/lib/i18n/messages/core';
import { useFormatters, useMessages } from './i18n';

export interface SyncStatusView {
  connected: boolean;
  /** `offline`: the browser has no network; `server_down`: it has, but the team server does not answer. */
  state: 'idle' | 'syncing' | 'offline' | 'server_down' | 'error';
  pending: number;
  parked: number;
  lastSyncedAt: number | null;
  /** Already in words: what happened and what to do. */
  lastError: string | null;
}

/** Always visible: what is waiting, when it last synced, what went wrong, and a way to retry. */
export function SyncStatusBar({
  status,
  live,
  nowMs,
  onSyncNow,
}: {
  status: SyncStatusView;
  /** The live stream's state while the sidebar is open; null before it starts. */
  live: 'connecting' | 'connected' | 'reconnecting' | 'stopped' | null;
  nowMs: number;
  onSyncNow: () => void;
}) {
  const t = useMessages(coreMessages);
  const format = useFormatters();
  if (!status.connected) {
    return (
      <footer className="sn-footer" aria-label={t.syncNow} data-testid="sync-status">
        <span className="sn-muted">{t.syncLocalOnly}</span>
      </footer>
    );
  }
  const parts = [
    status.state === 'syncing' ? t.syncing : status.lastSyncedAt ? t.syncLast(format.relative(status.lastSyncedAt, nowMs)) : t.syncNever,
    status.pending ? t.syncPending(status.pending) : status.state !== 'syncing' && status.lastSyncedAt ? t.syncUpToDate : null,
  ].filter(Boolean);
  return (
    <footer className="sn-footer sn-sync" data-testid="sync-status">
      <span className="sn-sync__text" aria-live="polite">
        <span data-testid="sync-summary">
          {live === 'connected' && (
            <span className="sn-badge" title={t.liveOn}>
              ● {t.liveOn}
            </span>
          )}{' '}
          {parts.join(' · ')}
        </span>
        {live === 'reconnecting' && status.state !== 'offline' && status.state !== 'server_down' && <span className="sn-muted">{t.liveReconnecting}</span>}
        {status.parked > 0 && <span className="sn-sync__error">{t.syncParked(status.parked)}</span>}
        {status.state === 'offline' && <span className="sn-muted">{t.syncOffline}</span>}
        {status.state === 'server_down' && (
          <span className="sn-muted" data-testid="sync-server-down">
            {t.syncServerDown}
          </span>
        )}
        {status.state === 'error' && status.lastError && <span className="sn-sync__error" data-testid="sync-error">{status.lastError}</span>}
      </span>
      <button type="button" className="sn-button sn-button--small" onClick={onSyncNow} disabled={status.state === 'syncing'}>
        {t.syncNow}
      </button>
    </footer>
  );
}
