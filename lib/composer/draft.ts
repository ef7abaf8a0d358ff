import type { ActivityFields, CaptureSource, LoggedActivityInput } from '../schemas';
import { cutText, toStorableText } from '../schemas/text';
import type { LOGGABLE_ACTIVITY_TYPES } from '../schemas/enums';

export type LoggableType = (typeof LOGGABLE_ACTIVITY_TYPES)[number];

/**
 * What the composer holds while a rep types: strings as typed, parsed only on save, so a
 * half-typed duration or date is kept in the draft rather than refused mid-keystroke.
 */
export interface ComposerDraft {
  type: LoggableType;
  body: string;
  subject: string;
  contactIds: string[];
  dealId: string | null;
  visibility: ActivityFields['visibility'];
  callOutcome: NonNullable<ActivityFields['callOutcome']>;
  duration: string;
  phone: string;
  channel: NonNullable<ActivityFields['channel']>;
  location: string;
  nextStep: string;
  followUpOn: string;
  dueOn: string;
  dueTime: string;
  remindIfNoReply: boolean;
  /** Set when the draft came from a suggestion: saving it retires the suggestion. */
  suggestionKey: string | null;
}

export function emptyDraft(type: LoggableType = 'note', visibility: ActivityFields['visibility'] = 'team'): ComposerDraft {
  return {
    type,
    body: '',
    subject: '',
    contactIds: [],
    dealId: null,
    visibility,
    callOutcome: 'connected',
    duration: '',
    phone: '',
    channel: 'wechat',
    location: '',
    nextStep: '',
    followUpOn: '',
    dueOn: '',
    dueTime: '09:00',
    remindIfNoReply: false,
    suggestionKey: null,
  };
}

const TYPED_FIELDS = ['body', 'subject', 'duration', 'phone', 'location', 'nextStep', 'followUpOn', 'dueOn'] as const;

/** True when the rep typed something worth keeping; defaults alone are not a draft. */
export function draftHasContent(draft: ComposerDraft): boolean {
  return TYPED_FIELDS.some((field) => draft[field].trim() !== '');
}

/** Reads a stored draft defensively: it may come from an older version of the composer. */
export function restoreDraft(stored: Record<string, unknown> | null, fallback: ComposerDraft): ComposerDraft {
  if (!stored) return fallback;
  const draft = { ...fallback };
  for (const key of Object.keys(fallback) as Array<keyof ComposerDraft>) {
    const value = stored[key];
    if (value !== undefined && typeof value === typeof fallback[key]) (draft as Record<string, unknown>)[key] = value;
    if ((key === 'dealId' || key === 'suggestionKey') && (typeof value === 'string' || value === null)) draft[key] = value;
    if (key === 'contactIds' && Array.isArray(value)) draft.contactIds = value.filter((id): id is string => typeof id === 'string');
  }
  return draft;
}

/** "12" → 720, "12:30" → 750, "90s" → 90, "1h 5m" → 3900; empty → null; anything else → undefined. */
export function parseDuration(text: string): number | null | undefined {
  const value = text.trim().toLowerCase();
  if (!value) return null;
  let match = /^(\d{1,3})(?:\s*(?:m|min|mins|minutes|分钟|分))?$/.exec(value);
  if (match) return Number(match[1]) * 60;
  match = /^(\d{1,3}):([0-5]\d)$/.exec(value);
  if (match) return Number(match[1]) * 60 + Number(match[2]);
  match = /^(\d{1,5})\s*(?:s|sec|secs|seconds|秒)$/.exec(value);
  if (match) return Number(match[1]);
  match = /^(\d{1,2})\s*(?:h|hr|hours|小时)\s*(?:(\d{1,2})\s*(?:m|min|分钟|分)?)?$/.exec(value);
  if (match) return Number(match[1]) * 3600 + Number(match[2] ?? 0) * 60;
  return undefined;
}

export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest ? `${minutes}:${String(rest).padStart(2, '0')}` : String(minutes);
}

/** Local calendar date `YYYY-MM-DD` of an instant. */
export function toDateInput(ms: number): string {
  const date = new Date(ms);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** A date (and time, default 09:00) the rep picked, as an instant in their time zone; null when empty or invalid. */
export function fromDateInput(date: string, time = '09:00'): number | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const timeMatch = /^(\d{2}):(\d{2})$/.exec(time.trim() || '09:00');
  if (!dateMatch || !timeMatch) return null;
  const [, y, m, d] = dateMatch.map(Number) as [number, number, number, number];
  const [, hh, mm] = timeMatch.map(Number) as [number, number, number];
  const result = new Date(y, m - 1, d, hh, mm, 0, 0);
  if (result.getMonth() !== m - 1 || result.getDate() !== d) return null;
  return result.getTime();
}

export type QuickDate = 'tomorrow' | 'in3days' | 'nextWeek';

/** Tomorrow, in three days, or next Monday, as `YYYY-MM-DD`. */
export function quickDate(choice: QuickDate, nowMs: number): string {
  const date = new Date(nowMs);
  if (choice === 'tomorrow') date.setDate(date.getDate() + 1);
  else if (choice === 'in3days') date.setDate(date.getDate() + 3);
  else date.setDate(date.getDate() + (((8 - date.getDay()) % 7) || 7));
  return toDateInput(date.getTime());
}

export interface ComposerBinding {
  accountId: string | null;
  source: CaptureSource | null;
  /** Webmail thread key, set only when the rep logs the thread itself. */
  captureKey: string | null;
}

export type DraftProblem = 'empty' | 'duration' | 'due';

/** What the composer should write, or why it can't yet. Field rules beyond these live in the schema. */
export function activityInputFromDraft(
  draft: ComposerDraft,
  binding: ComposerBinding,
): { ok: true; input: LoggedActivityInput } | { ok: false; problem: DraftProblem } {
  const body = draft.body.trim() ? draft.body : '';
  const subject = draft.subject.trim();
  if (!body && !subject && draft.type !== 'call') return { ok: false, problem: 'empty' };
  const durationSeconds = draft.type === 'call' || draft.type === 'meeting' || draft.type === 'visit' ? parseDuration(draft.duration) : null;
  if (durationSeconds === undefined) return { ok: false, problem: 'duration' };
  const dueAt = draft.type === 'task' ? fromDateInput(draft.dueOn, draft.dueTime) : null;
  if (draft.type === 'task' && dueAt === null) return { ok: false, problem: 'due' };
  const hasFollowUp = draft.type !== 'task' && draft.type !== 'note';
  return {
    ok: true,
    input: {
      type: draft.type,
      accountId: binding.accountId,
      body,
      subject: subject || null,
      contactIds: draft.contactIds,
      dealId: draft.dealId,
      visibility: draft.visibility,
      durationSeconds,
      callOutcome: draft.type === 'call' ? draft.callOutcome : null,
      phone: draft.type === 'call' ? draft.phone.trim() || null : null,
      channel: draft.type === 'message' ? draft.channel : null,
      location: draft.type === 'meeting' || draft.type === 'visit' ? draft.location.trim() || null : null,
      nextStep: hasFollowUp || draft.type === 'note' ? draft.nextStep.trim() || null : null,
      followUpAt: hasFollowUp || draft.type === 'note' ? fromDateInput(draft.followUpOn) : null,
      dueAt,
      reminder: draft.type === 'task' ? (draft.remindIfNoReply ? 'no_reply' : 'due') : null,
      source: binding.source,
      captureKey: binding.captureKey,
      suggestionKey: draft.suggestionKey,
    },
  };
}

/** Page text as a record can hold it: broken characters made whole, cut between characters. */
function storableCut(text: string, maxUnits: number): string {
  return cutText(toStorableText(text), maxUnits);
}

const MAX_SOURCE_URL = 4096;
const MAX_SOURCE_TITLE = 1000;

/**
 * Where a record was written, from what the page reported. Page titles are metadata, so a
 * very long one is shortened; an address too long to store is left out rather than cut.
 */
export function captureSourceOf(context: {
  url: string;
  canonicalUrl: string | null;
  title: string;
  webmail: { provider: 'gmail' | 'outlook' | 'other'; threadId: string | null; subject: string | null } | null;
}): CaptureSource | null {
  const url = [context.url, context.canonicalUrl].find((candidate): candidate is string => {
    if (!candidate || candidate.length > MAX_SOURCE_URL) return false;
    try {
      return ['http:', 'https:'].includes(new URL(candidate).protocol);
    } catch {
      return false;
    }
  });
  if (!url) return null;
  return {
    url,
    title: storableCut(context.title, MAX_SOURCE_TITLE),
    threadSubject: context.webmail?.subject ? storableCut(context.webmail.subject, MAX_SOURCE_TITLE) : null,
    threadId: context.webmail?.threadId ? storableCut(context.webmail.threadId, 512) : null,
    provider: context.webmail?.provider ?? null,
  };
}
