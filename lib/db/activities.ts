import { newActivityFields, type Activity, type ActivityFields, type ActivityType, type LoggedActivityInput } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { newRecordId, writeRecord } from './write';

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
export async function logActivity(db: SidenoteDb, input: NewActivityInput, ctx: WriteContext): Promise<LogResult> {
  const now = nowOf(ctx);
  const fields = newActivityFields({ ...input, occurredAt: input.occurredAt ?? now });
  if (input.captureKey) {
    const existing = await findCaptured(db, input.captureKey, input.type, ctx.repId);
    if (existing) {
      const { occurredAt: _keepFirstTime, type: _sameType, deletedAt: _live, ...rest } = fields;
      const contactIds = [...new Set([...existing.contactIds, ...rest.contactIds])];
      const activity = await writeRecord(
        db,
        {
          entity: 'activity',
          recordId: existing.id,
          patch: {
            ...rest,
            contactIds,
            dealId: rest.dealId ?? existing.dealId,
            accountId: rest.accountId ?? existing.accountId,
            body: combineCapturedText(existing.body, rest.body),
          },
          mustExist: true,
        },
        { now },
      );
      return { activity, updatedExisting: true };
    }
  }
  const activity = await writeRecord(
    db,
    { entity: 'activity', recordId: newRecordId(), patch: fields, localOnCreate: { authorId: ctx.repId } },
    { now },
  );
  return { activity, updatedExisting: false };
}

export type ActivityChanges = Partial<Omit<ActivityFields, 'type' | 'authorId' | 'deletedAt' | 'stageChange'>>;

export async function updateActivity(db: SidenoteDb, activityId: string, changes: ActivityChanges, ctx: WriteContext): Promise<Activity> {
  return writeRecord(db, { entity: 'activity', recordId: activityId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
}
