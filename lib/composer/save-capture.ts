/**
 * Saving what the composer holds: a note, call, email… or the mail thread on the page. One
 * function, so the sidebar's container only shows the result: the rules for what goes into
 * the record (the picker's links, the thread's subject and key) and what follows a save
 * (the draft goes, answered "remind me if no reply" tasks close) are tested here.
 */
import { captureKeyFor } from '../context/match';
import type { SidenoteDb } from '../db/database';
import { logActivity, type AlsoWrite } from '../db/activities';
import { deleteDraft } from '../db/drafts';
import { clearRepliedNoReplyTasks } from '../db/funnel-queries';
import type { Activity, PageContext } from '../schemas';
import { activityInputFromDraft, captureSourceOf, type ComposerDraft, type DraftProblem } from './draft';

export interface SaveCaptureRequest {
  draft: ComposerDraft;
  accountId: string;
  /** The page the composer sits next to; null when it is not to be recorded (never-log). */
  page: PageContext | null;
  /** True for "Log this thread": saved as an email keyed by the thread, so a repeat updates it. */
  captureThread: boolean;
  /** The participant picker's choice, which replaces the draft's own contacts and deal. */
  links: { contactIds: readonly string[]; dealId: string | null } | null;
  /** The draft's storage key, removed once the record is written. */
  draftKey: string;
  repId: string | null;
  now?: number;
  /** Records that belong with this one (facts accepted from the note), written in its transaction. */
  alsoWrite?: AlsoWrite;
}

export type SaveCaptureResult =
  | { ok: false; problem: DraftProblem }
  | {
      ok: true;
      activity: Activity;
      /** The thread (or page) was logged before: the first record was updated. */
      updatedExisting: boolean;
      /** Tasks or follow-ups changed: the background should reschedule reminders. */
      remindersChanged: boolean;
    };

export async function saveCapture(db: SidenoteDb, request: SaveCaptureRequest): Promise<SaveCaptureResult> {
  const { draft, accountId, page, captureThread, links, repId } = request;
  const ctx = { repId, now: request.now };
  const captureKey = captureThread && page ? captureKeyFor(page) : null;
  // A thread logged without a subject of the rep's own takes the thread's.
  const subject = captureThread && !draft.subject.trim() ? (page?.webmail?.subject ?? '') : draft.subject;
  const result = activityInputFromDraft(
    { ...draft, subject, type: captureThread ? 'email' : draft.type },
    { accountId, source: page ? captureSourceOf(page) : null, captureKey },
  );
  if (!result.ok) return result;
  const input = links ? { ...result.input, contactIds: [...links.contactIds], dealId: links.dealId } : result.input;
  const { activity, updatedExisting } = await logActivity(db, input, ctx, request.alsoWrite);
  await deleteDraft(db, request.draftKey);
  let remindersChanged = activity.type === 'task' || activity.followUpAt !== null;
  if (activity.source?.threadId) {
    // A newer activity on a mail thread answers its "remind me if no reply" tasks.
    if ((await clearRepliedNoReplyTasks(db, { ...ctx, accountId })).length) remindersChanged = true;
  }
  return { ok: true, activity, updatedExisting, remindersChanged };
}
