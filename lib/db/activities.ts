import type { Activity, ActivityFields, ActivityType, CaptureSource } from '../schemas';
import type { SidenoteDb } from './database';
import { nowOf, type WriteContext } from './context';
import { newRecordId, writeRecord } from './write';

export interface NewActivityInput {
  type: Exclude<ActivityType, 'stage_change'>;
  accountId: string | null;
  body: string;
  contactIds?: readonly string[];
  dealId?: string | null;
  visibility?: ActivityFields['visibility'];
  subject?: string | null;
  occurredAt?: number;
  durationSeconds?: number | null;
  callOutcome?: ActivityFields['callOutcome'];
  phone?: string | null;
  channel?: ActivityFields['channel'];
  location?: string | null;
  nextStep?: string | null;
  followUpAt?: number | null;
  dueAt?: number | null;
  reminder?: ActivityFields['reminder'];
  source?: CaptureSource | null;
  captureKey?: string | null;
  suggestionKey?: string | null;
}

export interface LogResult {
  activity: Activity;
  /** True when a capture key matched an earlier record, which was updated instead. */
  updatedExisting: boolean;
}

function fieldsOf(input: NewActivityInput, now: number) {
  return {
    type: input.type,
    accountId: input.accountId,
    contactIds: [...(input.contactIds ?? [])],
    dealId: input.dealId ?? null,
    visibility: input.visibility ?? 'team',
    subject: input.subject?.trim() || null,
    body: input.body,
    occurredAt: input.occurredAt ?? now,
    durationSeconds: input.durationSeconds ?? null,
    callOutcome: input.callOutcome ?? null,
    phone: input.phone?.trim() || null,
    channel: input.channel ?? null,
    location: input.location?.trim() || null,
    nextStep: input.nextStep?.trim() || null,
    followUpAt: input.followUpAt ?? null,
    dueAt: input.dueAt ?? null,
    completedAt: null,
    reminder: input.reminder ?? null,
    stageChange: null,
    source: input.source ?? null,
    captureKey: input.captureKey ?? null,
    suggestionKey: input.suggestionKey ?? null,
  };
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
  const fields = fieldsOf(input, now);
  if (input.captureKey) {
    const existing = await findCaptured(db, input.captureKey, input.type, ctx.repId);
    if (existing) {
      const { occurredAt: _keepFirstTime, type: _sameType, ...rest } = fields;
      const contactIds = [...new Set([...existing.contactIds, ...rest.contactIds])];
      const record = await writeRecord(
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
      return { activity: record as unknown as Activity, updatedExisting: true };
    }
  }
  const record = await writeRecord(
    db,
    { entity: 'activity', recordId: newRecordId(), patch: { ...fields, deletedAt: null }, localOnCreate: { authorId: ctx.repId } },
    { now },
  );
  return { activity: record as unknown as Activity, updatedExisting: false };
}

export type ActivityChanges = Partial<Omit<ActivityFields, 'type' | 'authorId' | 'deletedAt' | 'stageChange'>>;

export async function updateActivity(db: SidenoteDb, activityId: string, changes: ActivityChanges, ctx: WriteContext): Promise<Activity> {
  const record = await writeRecord(db, { entity: 'activity', recordId: activityId, patch: { ...changes }, mustExist: true }, { now: nowOf(ctx) });
  return record as unknown as Activity;
}
