import { newActivityFields, type Activity, type ActivityFields, type ActivityType, type LoggedActivityInput } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { newRecordId, writeRecord, writeRecords, type RecordWrite } from './write';

/** What a rep logs by hand; the time defaults to now. */
export type NewActivityInput = LoggedActivityInput;

export interface LogResult {
  activity: Activity;
  /** True when a capture key matched an earlier record, which was updated instead. */
  updatedExisting: boolean;
}

/**
 * Joins an earlier capture's text with a new one without losing either: the rep typed both.
 * A new text that extends the old one (the same summary, edited further) replaces it.
 */
export function combineCapturedText(previous: string, next: string): string {
  if (!previous.trim()) return next;
  if (!next.trim() || previous === next) return previous;
  if (next.startsWith(previous)) return next;
  if (previous.includes(next)) return previous;
  return `${previous}\n\n${next}`;
}

async function findCaptured(db: SidenoteDb, captureKey: string, type: ActivityType, repId: string | null): Promise<Activity | undefined> {
  const matches = await db.activities.where('captureKey').equals(captureKey).toArray();
  return matches
    .filter((activity) => activity.deletedAt === null && activity.type === type && (activity.authorId === null || activity.authorId === repId))
    .sort((a, b) => a.createdAt - b.createdAt)[0];
}

/**
 * Logs a note, call, email, meeting, visit, message or task. With a capture key (an email
 * thread id or a page address), logging the same thing again updates the first record.
 */
export async function logActivity(db: SidenoteDb, input: NewActivityInput, ctx: WriteContext, alsoWrite?: AlsoWrite): Promise<LogResult> {
  const now = nowOf(ctx);
  // Writes that belong with the note (facts the rep accepted from it) commit in its transaction.
  const write = async (activityWrite: RecordWrite<'activity'>, activity: Pick<Activity, 'id' | 'accountId' | 'dealId' | 'contactIds' | 'visibility' | 'followUpAt'>) => {
    const [stored] = await writeRecords(db, [activityWrite, ...(alsoWrite?.(activity, now) ?? [])] as RecordWrite<'activity'>[], { now });
    return stored!;
  };
  const fields = newActivityFields({ ...input, occurredAt: input.occurredAt ?? now });
  if (input.captureKey) {
    const existing = await findCaptured(db, input.captureKey, input.type, ctx.repId);
    if (existing) {
      const { occurredAt: _keepFirstTime, type: _sameType, deletedAt: _live, ...rest } = fields;
      const contactIds = [...new Set([...existing.contactIds, ...rest.contactIds])];
      const patch = {
        ...rest,
        contactIds,
        dealId: rest.dealId ?? existing.dealId,
        accountId: rest.accountId ?? existing.accountId,
        body: combineCapturedText(existing.body, rest.body),
        // A note saved on the thread (no snapshot) must not wipe the logged thread.
        thread: rest.thread ?? existing.thread ?? null,
      };
      const activity = await write({ entity: 'activity', recordId: existing.id, patch, mustExist: true }, { ...existing, ...patch, id: existing.id });
      return { activity, updatedExisting: true };
    }
  }
  const id = newRecordId();
  const activity = await write({ entity: 'activity', recordId: id, fresh: true, patch: fields, localOnCreate: { authorId: ctx.repId } }, { ...fields, id });
  return { activity, updatedExisting: false };
}

/** More writes for the same transaction as a logged activity, given its id and fields (before the write). */
export type AlsoWrite = (activity: Pick<Activity, 'id' | 'accountId' | 'dealId' | 'contactIds' | 'visibility' | 'followUpAt'>, now: number) => RecordWrite[];

export type ActivityChanges = Partial<Omit<ActivityFields, 'type' | 'authorId' | 'deletedAt' | 'stageChange'>>;

export async function updateActivity(db: SidenoteDb, activityId: string, changes: ActivityChanges, ctx: WriteContext): Promise<Activity> {
  return writeRecord(db, { entity: 'activity', recordId: activityId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
}
