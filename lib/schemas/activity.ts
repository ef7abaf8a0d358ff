import * as z from 'zod';
import { ACTIVITY_TYPES, CALL_OUTCOMES, LOGGABLE_ACTIVITY_TYPES, MESSAGE_CHANNELS, VISIBILITIES } from './enums';
import {
  NOTE_BODY_MAX_CHARACTERS,
  boundedText,
  epochMsSchema,
  idSchema,
  phoneSchema,
  urlSchema,
} from './primitives';
import { textOrNull } from './account';
import { recordMetaSchema } from './record';
import { threadCaptureModeSchema } from './settings';
import { stageSchema } from './stage';

export const activityTypeSchema = z.enum(ACTIVITY_TYPES);
export type ActivityType = z.infer<typeof activityTypeSchema>;

export { LOGGABLE_ACTIVITY_TYPES };

export const callOutcomeSchema = z.enum(CALL_OUTCOMES);
export type CallOutcome = z.infer<typeof callOutcomeSchema>;

export const messageChannelSchema = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof messageChannelSchema>;

export const visibilitySchema = z.enum(VISIBILITIES);
export type Visibility = z.infer<typeof visibilitySchema>;

export const webmailProviderSchema = z.enum(['gmail', 'outlook', 'other']);

/** Where a record was written: the page, and on webmail the thread. */
export const captureSourceSchema = z.strictObject({
  url: urlSchema,
  title: z.string().max(1000),
  threadSubject: z.string().max(1000).nullable(),
  threadId: z.string().max(512).nullable(),
  provider: webmailProviderSchema.nullable(),
});
export type CaptureSource = z.infer<typeof captureSourceSchema>;

export const stageChangeSchema = z.strictObject({
  subject: z.enum(['account', 'deal']),
  subjectId: idSchema,
  from: stageSchema.nullable(),
  to: stageSchema,
});
export type StageChange = z.infer<typeof stageChangeSchema>;

/** An excerpt keeps the start of the latest message, this many characters at most. */
export const THREAD_EXCERPT_CHARACTERS = 500;
/** "Visible text" keeps what the expanded messages show, up to this many characters. */
export const THREAD_TEXT_MAX_CHARACTERS = 20_000;
export const MAX_THREAD_PARTICIPANTS = 100;

/**
 * What *Log this thread* keeps of a webmail thread: its subject, the people with their
 * addresses, when the latest message came and how many there are, and as much of the text as
 * the rep's privacy setting (`kept`) allows: none, an excerpt of the latest message, or the
 * visible text. Re-logging the thread replaces it whole.
 */
export const threadSnapshotSchema = z.strictObject({
  subject: z.string().max(1000).nullable(),
  participants: z
    .array(z.strictObject({ address: z.string().max(320), name: z.string().max(300).nullable(), role: z.enum(['from', 'to', 'cc']) }))
    .max(MAX_THREAD_PARTICIPANTS),
  latestMessageAt: epochMsSchema.nullable(),
  messageCount: z.number().int().min(1).max(10_000).nullable(),
  text: boundedText(THREAD_TEXT_MAX_CHARACTERS, 'The thread text').nullable(),
  kept: threadCaptureModeSchema,
});
export type ThreadSnapshot = z.infer<typeof threadSnapshotSchema>;

export const reminderKindSchema = z.enum(['due', 'no_reply']);

export const activityFieldsSchema = z.strictObject({
  type: activityTypeSchema,
  accountId: idSchema.nullable(),
  contactIds: z.array(idSchema).max(50),
  dealId: idSchema.nullable(),
  /** Set by the server on first sync; an activity is owned by its author. */
  authorId: z.string().max(64).nullable(),
  visibility: visibilitySchema,
  subject: z.string().trim().max(1000).nullable(),
  body: boundedText(NOTE_BODY_MAX_CHARACTERS, 'The note'),
  occurredAt: epochMsSchema,
  durationSeconds: z.number().int().min(0).max(24 * 3600).nullable(),
  callOutcome: callOutcomeSchema.nullable(),
  phone: phoneSchema.nullable(),
  channel: messageChannelSchema.nullable(),
  location: z.string().trim().max(500).nullable(),
  nextStep: z.string().trim().max(2000).nullable(),
  followUpAt: epochMsSchema.nullable(),
  dueAt: epochMsSchema.nullable(),
  completedAt: epochMsSchema.nullable(),
  reminder: reminderKindSchema.nullable(),
  stageChange: stageChangeSchema.nullable(),
  source: captureSourceSchema.nullable(),
  /** The mail thread as logged; optional because records written before it existed have none. */
  thread: threadSnapshotSchema.nullable().optional(),
  /** Capturing the same thread or page again updates this record instead of adding one. */
  captureKey: z.string().max(1024).nullable(),
  /** The suggestion a task or note was created from, so the suggestion can retire. */
  suggestionKey: z.string().max(200).nullable(),
  deletedAt: recordMetaSchema.shape.deletedAt,
});

/** Rules that tie fields to the activity type; applied to whole records, after merges. */
export function checkActivityConsistency(
  activity: z.infer<typeof activityFieldsSchema>,
  ctx: z.RefinementCtx,
): void {
  if (activity.type === 'call' && activity.callOutcome === null) {
    ctx.addIssue({ code: 'custom', path: ['callOutcome'], message: 'A call needs an outcome: connected, voicemail, no answer or wrong number' });
  }
  if (activity.type !== 'call' && activity.callOutcome !== null) {
    ctx.addIssue({ code: 'custom', path: ['callOutcome'], message: 'Only calls have an outcome' });
  }
  if (activity.type === 'task' && activity.dueAt === null) {
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'A task needs a due time' });
  }
  if (activity.type === 'stage_change' && activity.stageChange === null) {
    ctx.addIssue({ code: 'custom', path: ['stageChange'], message: 'A stage change must say which stage it moved to' });
  }
  if (activity.thread && activity.type !== 'email') {
    ctx.addIssue({ code: 'custom', path: ['thread'], message: 'Only an email can keep a mail thread' });
  }
  if (activity.thread?.kept === 'subject' && activity.thread.text !== null) {
    ctx.addIssue({ code: 'custom', path: ['thread', 'text'], message: 'A thread kept as subject only has no text' });
  }
  if (activity.type === 'message' && activity.channel === null) {
    ctx.addIssue({ code: 'custom', path: ['channel'], message: 'A message needs its channel, e.g. WeChat' });
  }
}

export const activitySchema = recordMetaSchema.extend(activityFieldsSchema.shape);
export const validActivitySchema = activitySchema.superRefine(checkActivityConsistency);
export type Activity = z.infer<typeof activitySchema>;
export type ActivityFields = z.infer<typeof activityFieldsSchema>;

/** The fields a client writes on create; `authorId` is the server's (see SERVER_MANAGED_FIELDS). */
export type NewActivityFields = Omit<ActivityFields, 'authorId'>;

/** What creating an activity needs: its type, account and time; every other field has a default. */
export type ActivityInput = Pick<NewActivityFields, 'type' | 'accountId' | 'occurredAt'> &
  Partial<Omit<NewActivityFields, 'type' | 'accountId' | 'occurredAt' | 'contactIds'>> & { contactIds?: readonly string[] };

/**
 * The one place a new activity's fields are spelled out: a new field gets its default here,
 * and the composer, the funnel's stage changes and tasks, import and tests all pick it up.
 * Free text the rep left blank is stored as null.
 */
export function newActivityFields(input: ActivityInput): NewActivityFields {
  return {
    type: input.type,
    accountId: input.accountId,
    contactIds: [...(input.contactIds ?? [])],
    dealId: input.dealId ?? null,
    visibility: input.visibility ?? 'team',
    subject: textOrNull(input.subject),
    body: input.body ?? '',
    occurredAt: input.occurredAt,
    durationSeconds: input.durationSeconds ?? null,
    callOutcome: input.callOutcome ?? null,
    phone: textOrNull(input.phone),
    channel: input.channel ?? null,
    location: textOrNull(input.location),
    nextStep: textOrNull(input.nextStep),
    followUpAt: input.followUpAt ?? null,
    dueAt: input.dueAt ?? null,
    completedAt: input.completedAt ?? null,
    reminder: input.reminder ?? null,
    stageChange: input.stageChange ?? null,
    source: input.source ?? null,
    thread: input.thread ?? null,
    captureKey: input.captureKey ?? null,
    suggestionKey: input.suggestionKey ?? null,
    deletedAt: input.deletedAt ?? null,
  };
}

/** What a rep logs by hand (not a stage change, which the app writes); the time defaults to now. */
export type LoggedActivityInput = Omit<ActivityInput, 'type' | 'occurredAt' | 'body' | 'stageChange' | 'completedAt' | 'deletedAt'> & {
  type: Exclude<ActivityType, 'stage_change'>;
  body: string;
  occurredAt?: number;
};
