import * as z from 'zod';
import { CHANGES_CHANNEL, type ServerDatabase } from '../db/connect';
import { readTeamSeq } from '../sync/read-changes';

/**
 * Fans the database's change notifications out to this process's open event streams.
 * Every process LISTENs on one channel, so a push served by any process reaches the
 * streams of all of them. The hub listens only while someone is subscribed.
 */

const payloadSchema = z.object({ team: z.string(), seq: z.number().int().nonnegative() });

export type ChangeListener = (seq: number) => void;

export interface ChangeHub {
  subscribe(teamId: string, listener: ChangeListener): Promise<() => void>;
  close(): Promise<void>;
}

export function createChangeHub(database: ServerDatabase): ChangeHub {
  const listeners = new Map<string, Set<ChangeListener>>();
  let stopListening: Promise<() => Promise<void>> | null = null;
  let closed = false;

  const emit = (teamId: string, seq: number) => {
    for (const listener of listeners.get(teamId) ?? []) listener(seq);
  };

  const ensureListening = () => {
    stopListening ??= database.listen(CHANGES_CHANNEL, {
      onPayload(payload) {
        const parsed = payloadSchema.safeParse(safeJson(payload));
        if (parsed.success) emit(parsed.data.team, parsed.data.seq);
      },
      onReconnect() {
        // Notifications sent while the listener was down are gone: tell every stream the
        // current sequence, so clients that missed a change pull it now.
        for (const teamId of listeners.keys()) {
          readTeamSeq(database.db, teamId).then((seq) => emit(teamId, seq), () => undefined);
        }
      },
    });
    stopListening.catch(() => {
      stopListening = null;
    });
    return stopListening;
  };

  return {
    async subscribe(teamId, listener) {
      if (closed) throw new Error('The change hub is closed');
      await ensureListening();
      let set = listeners.get(teamId);
      if (!set) listeners.set(teamId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(teamId);
      };
    },
    async close() {
      closed = true;
      listeners.clear();
      const pending = stopListening;
      stopListening = null;
      if (pending) await (await pending.catch(() => async () => undefined))();
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
