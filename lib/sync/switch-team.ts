import { TABLE_OF_ENTITY, type SidenoteDb } from '../db/database';
import { readTeamBinding, runSync, SYNC_CURSOR_KEY, SYNC_REFRESH_KEY, SYNC_RESYNC_KEY, SYNC_SCOPE_KEY, SYNC_TEAM_KEY, SYNC_VERIFY_KEY, withSyncLock, type TeamBinding } from './engine';
import { countOutbox, SYNC_STATUS_KEY } from './status';
import type { SyncTransport } from './transport';

/**
 * Switching a browser to another team. A database holds one team's records (the engine
 * refuses to sync it with another team), so a switch first sends what is still waiting to
 * the old team, then removes the old team's records from this browser, and only then lets
 * the new settings take effect: one team's records are never sent to another, and the old
 * team keeps everything the rep wrote for it (it is on the old team's server).
 *
 * Why remove rather than keep a database per team: every context of the extension opens
 * the one database by name at start-up, synchronously (lib/db/instance.ts); a second
 * database would need every context to reopen on a switch. Switching teams is rare, the
 * old team's records are on its server, and switching back pulls them again.
 */

export interface TeamSwitchPlan {
  /** The team whose records this browser holds; null when it has never synced. */
  from: TeamBinding | null;
  to: TeamBinding;
  /** Changes not yet sent to `from`. */
  pending: number;
  /** Changes `from` refused for good; they go with its records. */
  parked: number;
  /** Records of `from` in this browser. */
  records: number;
  /** Another team's records are here: the rep must agree before anything is removed. */
  needsConfirmation: boolean;
}

export async function planTeamSwitch(db: SidenoteDb, to: TeamBinding): Promise<TeamSwitchPlan> {
  const from = await readTeamBinding(db);
  const { pending, parked } = await countOutbox(db);
  let records = 0;
  for (const table of Object.values(TABLE_OF_ENTITY)) records += await db.table(table).count();
  return { from, to, pending, parked, records, needsConfirmation: from !== null && from.teamId !== to.teamId };
}

export type TeamSwitchResult =
  | { ok: true; removedRecords: number; discardedChanges: number }
  /** Changes could not be sent to the old team (its server is down, say); nothing was removed. */
  | { ok: false; pending: number; reason: string };

export interface SwitchTeamOptions {
  /** The old team's server, to send what is waiting; null when it cannot be reached at all. */
  oldTransport: SyncTransport | null;
  /** The rep chose to drop the changes the old team has not received. */
  discardUnsent: boolean;
  /** Saves the new settings; runs while no sync can start, right after the old records are gone. */
  applySettings: () => Promise<void>;
  /** How long to wait for a sync running in another context (the background) to finish. */
  busyWaitMs?: number;
}

const LOCAL_TABLES = ['outbox', 'conflicts', 'importMarks', 'drafts'] as const;
const SYNC_META_KEYS = [SYNC_CURSOR_KEY, SYNC_SCOPE_KEY, SYNC_REFRESH_KEY, SYNC_VERIFY_KEY, SYNC_RESYNC_KEY, SYNC_TEAM_KEY, SYNC_STATUS_KEY];

/** Sends what is waiting to the old team, then clears its records and applies the new settings. */
export async function switchTeam(db: SidenoteDb, options: SwitchTeamOptions): Promise<TeamSwitchResult> {
  const deadline = Date.now() + (options.busyWaitMs ?? 30_000);
  let reason = '';
  if (!options.discardUnsent && (await countOutbox(db)).pending > 0) {
    if (!options.oldTransport) return { ok: false, pending: (await countOutbox(db)).pending, reason: 'the old team server is not set' };
    for (;;) {
      const result = await runSync(db, options.oldTransport);
      if (result.outcome === 'failed') reason = result.error.message;
      if (result.outcome !== 'busy' || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  for (;;) {
    const outcome = await withSyncLock(db, async (): Promise<TeamSwitchResult> => {
      const { pending } = await countOutbox(db);
      // A write may have landed after the last push: only the rep's word lets it go unsent.
      if (pending > 0 && !options.discardUnsent) return { ok: false, pending, reason: reason || 'changes are still waiting to be sent' };
      const recordTables = Object.values(TABLE_OF_ENTITY).map((name) => db.table(name));
      let removedRecords = 0;
      let discardedChanges = 0;
      await db.transaction('rw', [...recordTables, ...LOCAL_TABLES.map((name) => db.table(name)), db.meta], async () => {
        for (const table of recordTables) removedRecords += await table.count();
        discardedChanges = await db.outbox.count();
        for (const table of [...recordTables, ...LOCAL_TABLES.map((name) => db.table(name))]) await table.clear();
        await db.meta.bulkDelete(SYNC_META_KEYS);
      });
      await options.applySettings();
      return { ok: true, removedRecords, discardedChanges };
    });
    if (outcome.acquired) return outcome.value;
    if (Date.now() > deadline) return { ok: false, pending: (await countOutbox(db)).pending, reason: 'a sync is still running; try again in a moment' };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
