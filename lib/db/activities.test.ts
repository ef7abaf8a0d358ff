import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { createAccount } from './accounts';
import { combineCapturedText, logActivity, updateActivity } from './activities';
import { listTimeline } from './queries';
import type { SidenoteDb } from './database';
import { deleteRecord } from './records';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

const source = { url: 'https://mail.google.com/mail/u/0/#inbox/t1', title: 'Pilot - Gmail', threadSubject: 'Pilot', threadId: 't1', provider: 'gmail' as const };

describe('activities', () => {
  it('shows a saved note at once at the top of the account timeline, with where it was written', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    await logActivity(db, { type: 'note', accountId: account.id, body: 'first', occurredAt: FIXED_NOW - 60_000 }, ctx);
    const { activity } = await logActivity(db, { type: 'note', accountId: account.id, body: 'second', source }, ctx);
    const timeline = await listTimeline(db, account.id);
    expect(timeline.map((a) => a.body)).toEqual(['second', 'first']);
    expect(activity.source).toEqual(source);
    expect(activity.authorId).toBe('rep-1');
    expect(await db.outbox.where('recordId').equals(activity.id).count()).toBe(1);
  });

  it('logs a call with outcome, duration, next step and follow-up date', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const { activity } = await logActivity(
      db,
      { type: 'call', accountId: account.id, body: 'Budget approved', callOutcome: 'connected', durationSeconds: 540, nextStep: 'Send quote', followUpAt: FIXED_NOW + 86_400_000 },
      ctx,
    );
    expect(activity).toMatchObject({ type: 'call', callOutcome: 'connected', durationSeconds: 540, nextStep: 'Send quote' });
  });

  it('filters the timeline by type and pages by time', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    for (let i = 0; i < 6; i++) {
      await logActivity(db, i % 2 ? { type: 'call', accountId: account.id, body: `call ${i}`, callOutcome: 'no_answer', occurredAt: FIXED_NOW + i } : { type: 'note', accountId: account.id, body: `note ${i}`, occurredAt: FIXED_NOW + i }, ctx);
    }
    expect((await listTimeline(db, account.id, { types: ['call'] })).map((a) => a.body)).toEqual(['call 5', 'call 3', 'call 1']);
    const firstPage = await listTimeline(db, account.id, { limit: 2 });
    expect(firstPage.map((a) => a.body)).toEqual(['call 5', 'note 4']);
    const nextPage = await listTimeline(db, account.id, { limit: 2, before: firstPage[1]!.occurredAt });
    expect(nextPage.map((a) => a.body)).toEqual(['call 3', 'note 2']);
  });

  it('hides deleted activities and other reps\' private notes', async () => {
    db = createTestDb();
    const account = await createAccount(db, { name: 'Acme' }, { repId: 'rep-1', now: FIXED_NOW });
    const mine = await logActivity(db, { type: 'note', accountId: account.id, body: 'mine, private', visibility: 'private' }, { repId: 'rep-1', now: FIXED_NOW });
    await db.activities.put({ ...mine.activity, id: '0191c7a0-0000-7000-8000-0000000000aa', authorId: 'rep-2', body: 'theirs, private' });
    const gone = await logActivity(db, { type: 'note', accountId: account.id, body: 'deleted' }, { repId: 'rep-1', now: FIXED_NOW });
    await deleteRecord(db, 'activity', gone.activity.id, { repId: 'rep-1', now: FIXED_NOW });
    expect((await listTimeline(db, account.id, { viewerId: 'rep-1' })).map((a) => a.body)).toEqual(['mine, private']);
    expect((await listTimeline(db, account.id, { viewerId: 'rep-2' })).map((a) => a.body)).toEqual(['theirs, private']);
  });

  it('logging the same email thread again updates the first record, keeping both texts', async () => {
    db = createTestDb();
    const ctx = { repId: 'rep-1', now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const first = await logActivity(db, { type: 'email', accountId: account.id, body: 'They want a pilot.', subject: 'Pilot', captureKey: 'gmail:t1', contactIds: [], source }, ctx);
    const second = await logActivity(db, { type: 'email', accountId: account.id, body: 'Pilot starts May.', subject: 'Re: Pilot', captureKey: 'gmail:t1', contactIds: [], source }, { repId: 'rep-1', now: FIXED_NOW + 5000 });
    expect(second.updatedExisting).toBe(true);
    expect(second.activity.id).toBe(first.activity.id);
    expect(await db.activities.count()).toBe(1);
    expect(second.activity.body).toBe('They want a pilot.\n\nPilot starts May.');
    expect(second.activity.subject).toBe('Re: Pilot');
    expect(second.activity.occurredAt).toBe(first.activity.occurredAt);
  });

  it('edits a note', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme' }, ctx);
    const { activity } = await logActivity(db, { type: 'note', accountId: account.id, body: 'draft' }, ctx);
    await updateActivity(db, activity.id, { body: 'final' }, ctx);
    expect((await db.activities.get(activity.id))?.body).toBe('final');
  });

  it.each([
    ['', 'new', 'new'],
    ['old', '', 'old'],
    ['same', 'same', 'same'],
    ['Pilot', 'Pilot: starts May', 'Pilot: starts May'],
    ['long text here', 'text', 'long text here'],
    ['A', 'B', 'A\n\nB'],
  ])('combines captured text %j + %j', (previous, next, expected) => {
    expect(combineCapturedText(previous, next)).toBe(expected);
  });
});
