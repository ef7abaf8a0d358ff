import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount } from '../db/accounts';
import { createContact } from '../db/contacts';
import type { SidenoteDb } from '../db/database';
import { draftKey } from '../db/drafts';
import type { PageContext } from '../schemas';
import { emptyDraft, type ComposerDraft } from './draft';
import { saveCapture } from './save-capture';

const THREAD: PageContext = {
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx',
  title: 'Re: Pilot pricing for Q3 - Gmail',
  canonicalUrl: null,
  siteName: null,
  domain: 'google.com',
  kind: 'webmail',
  emails: [],
  phones: [],
  selection: null,
  webmail: {
    provider: 'gmail',
    threadId: 'FMfcgzQXJWDsKmknbDXKPdrmPPXMsBpx',
    subject: 'Re: Pilot pricing for Q3',
    participants: [{ address: 'zhang.min@acme-robotics.com', name: 'Zhang Min', role: 'from' }],
  },
  profile: null,
};

let db: SidenoteDb;
let accountId: string;
const ctx = { repId: 'rep-1', now: FIXED_NOW };
const note = (body: string, extra: Partial<ComposerDraft> = {}): ComposerDraft => ({ ...emptyDraft('note'), body, ...extra });

beforeEach(async () => {
  db = createTestDb('save-capture');
  accountId = (await createAccount(db, { name: 'Acme Robotics', domains: ['acme-robotics.com'] }, ctx)).id;
});
afterEach(async () => {
  await db.delete();
});

describe('saveCapture', () => {
  it('writes the note with its outbox entry and removes the draft', async () => {
    const key = draftKey({ accountId, url: null });
    await db.drafts.put({ key, fields: { body: 'Asked about SSO' }, updatedAt: FIXED_NOW });
    const result = await saveCapture(db, { draft: note('Asked about SSO'), accountId, page: null, captureThread: false, links: null, draftKey: key, repId: 'rep-1', now: FIXED_NOW });
    expect(result.ok).toBe(true);
    const stored = await db.activities.toArray();
    expect(stored.map((a) => [a.type, a.body, a.accountId])).toEqual([['note', 'Asked about SSO', accountId]]);
    expect(await db.outbox.where('recordId').equals(stored[0]!.id).count()).toBe(1);
    expect(await db.drafts.get(key)).toBeUndefined();
  });

  it('refuses a draft it cannot save, says why, and writes nothing', async () => {
    const outboxBefore = await db.outbox.count();
    const result = await saveCapture(db, { draft: { ...emptyDraft('call'), duration: 'about ten' }, accountId, page: null, captureThread: false, links: null, draftKey: 'k', repId: null });
    expect(result).toEqual({ ok: false, problem: 'duration' });
    expect(await db.activities.count()).toBe(0);
    expect(await db.outbox.count()).toBe(outboxBefore);
  });

  it('logs the thread as an email with its subject and key; logging it again updates the same record', async () => {
    const first = await saveCapture(db, { draft: note('Sent the pilot scope.'), accountId, page: THREAD, captureThread: true, links: null, draftKey: 'k', repId: 'rep-1', now: FIXED_NOW });
    const again = await saveCapture(db, { draft: note('They agreed to the scope.'), accountId, page: THREAD, captureThread: true, links: null, draftKey: 'k', repId: 'rep-1', now: FIXED_NOW + 60_000 });
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(first.updatedExisting).toBe(false);
    expect(again.updatedExisting).toBe(true);
    expect(again.activity.id).toBe(first.activity.id);
    const emails = (await db.activities.toArray()).filter((activity) => activity.type === 'email');
    expect(emails).toHaveLength(1);
    expect(emails[0]!.subject).toBe('Re: Pilot pricing for Q3');
    expect(emails[0]!.captureKey).toMatch(/thread/);
    expect(emails[0]!.body).toBe('Sent the pilot scope.\n\nThey agreed to the scope.');
  });

  it('links the people and deal the picker chose instead of the draft’s own', async () => {
    const zhang = await createContact(db, { accountId, name: 'Zhang Min', email: 'zhang.min@acme-robotics.com' }, ctx);
    const li = await createContact(db, { accountId, name: 'Li Wei', email: 'li.wei@acme-robotics.com' }, ctx);
    const result = await saveCapture(db, {
      draft: note('Call recap', { contactIds: [li.id] }),
      accountId,
      page: THREAD,
      captureThread: false,
      links: { contactIds: [zhang.id, li.id], dealId: null },
      draftKey: 'k',
      repId: 'rep-1',
    });
    expect(result.ok && result.activity.contactIds).toEqual([zhang.id, li.id]);
  });

  it('closes a "remind me if no reply" task when the thread gets a newer activity, and says reminders changed', async () => {
    const task = await saveCapture(db, {
      draft: { ...emptyDraft('task'), subject: 'Chase pricing reply', dueOn: '2026-03-05', remindIfNoReply: true },
      accountId,
      page: THREAD,
      captureThread: false,
      links: null,
      draftKey: 'k',
      repId: 'rep-1',
      now: FIXED_NOW,
    });
    expect(task.ok && task.remindersChanged).toBe(true);
    const reply = await saveCapture(db, { draft: note('They replied with a PO.'), accountId, page: THREAD, captureThread: true, links: null, draftKey: 'k', repId: 'rep-1', now: FIXED_NOW + 3_600_000 });
    expect(reply.ok && reply.remindersChanged).toBe(true);
    const stored = await db.activities.get(task.ok ? task.activity.id : '');
    expect(stored?.completedAt).not.toBeNull();
  });
});
