import {
  MAX_THREAD_PARTICIPANTS,
  THREAD_EXCERPT_CHARACTERS,
  THREAD_TEXT_MAX_CHARACTERS,
  type LoggedActivityInput,
  type PageContext,
  type ThreadCaptureMode,
  type ThreadSnapshot,
  type Visibility,
  type WebmailThread,
} from '../schemas';
import { cutText, toStorableText } from '../schemas/text';
import { captureSourceOf } from './draft';

/**
 * *Log this thread* as one click: the open webmail thread becomes an email activity that
 * keeps the thread (lib/schemas `threadSnapshotSchema`) as far as the rep's privacy setting
 * allows. Logging the same thread again updates that activity (same capture key).
 */

/** The start of a text, ended at a word where there is one near the cut, with an ellipsis when cut. */
export function excerptOf(text: string, maxUnits = THREAD_EXCERPT_CHARACTERS): string {
  const clean = toStorableText(text).trim();
  if (clean.length <= maxUnits) return clean;
  const cut = cutText(clean, maxUnits - 1);
  const space = cut.lastIndexOf(' ');
  // Text without spaces (Chinese) is cut at the limit; a word is kept whole only when near it.
  const end = space >= maxUnits * 0.6 ? space : cut.length;
  return `${cut.slice(0, end).trimEnd()}…`;
}

/** What the privacy mode lets the record keep of the thread's words. */
function keptText(thread: WebmailThread, mode: ThreadCaptureMode): string | null {
  if (mode === 'subject') return null;
  if (mode === 'excerpt') return thread.latestText ? excerptOf(thread.latestText) : null;
  const text = thread.visibleText ?? thread.latestText;
  return text ? cutText(toStorableText(text), THREAD_TEXT_MAX_CHARACTERS) : null;
}

export function threadSnapshotOf(thread: WebmailThread, mode: ThreadCaptureMode): ThreadSnapshot {
  return {
    subject: thread.subject ? cutText(toStorableText(thread.subject), 1000) : null,
    participants: thread.participants.slice(0, MAX_THREAD_PARTICIPANTS).map((person) => ({
      address: person.address,
      name: person.name === null ? null : cutText(toStorableText(person.name), 300),
      role: person.role,
    })),
    latestMessageAt: thread.latestAt ?? null,
    messageCount: thread.messageCount ?? null,
    text: keptText(thread, mode),
    kept: mode,
  };
}

export interface ThreadCaptureTarget {
  accountId: string;
  contactIds: readonly string[];
  dealId: string | null;
  visibility: Visibility;
  mode: ThreadCaptureMode;
  /** The thread's capture key (lib/context/match `captureKeyFor`): the same thread, the same record. */
  captureKey: string;
  now: number;
}

/** The email activity that logs the open thread; null when the page shows no thread. */
export function threadCaptureInput(page: PageContext, target: ThreadCaptureTarget): LoggedActivityInput | null {
  const thread = page.webmail;
  if (!thread) return null;
  const snapshot = threadSnapshotOf(thread, target.mode);
  return {
    type: 'email',
    accountId: target.accountId,
    contactIds: [...target.contactIds],
    dealId: target.dealId,
    visibility: target.visibility,
    subject: snapshot.subject,
    body: '',
    // The thread happened when its latest message came; a re-log keeps the first record's time.
    occurredAt: snapshot.latestMessageAt !== null && snapshot.latestMessageAt <= target.now ? snapshot.latestMessageAt : target.now,
    source: captureSourceOf(page),
    captureKey: target.captureKey,
    thread: snapshot,
  };
}
