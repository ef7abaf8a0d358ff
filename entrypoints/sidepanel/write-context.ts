import { browser } from 'wxt/browser';
import type { SyncReason } from '@/lib/messaging/protocol';

/** Tells the background that something is waiting to sync; the background debounces. */
export function requestSync(reason: SyncReason): void {
  browser.runtime.sendMessage({ type: 'sync/request', reason }).catch(() => {
    // The background may be starting up; its alarm will pick the outbox up anyway.
  });
}

export function requestReminderRefresh(): void {
  browser.runtime.sendMessage({ type: 'reminders/refresh' }).catch(() => {});
}
