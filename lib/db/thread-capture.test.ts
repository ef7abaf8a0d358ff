import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb, FIXED_NOW } from '../../test/support/db';
import { FIXTURE_PAGES, loadFixturePage } from '../../test/fixtures/pages/load';
import { threadCaptureInput } from '../composer/thread-capture';
import { extractPageContext } from '../context/extract';
import { captureKeyFor } from '../context/match';
import { createAccount } from './accounts';
import { logActivity } from './activities';
import type { SidenoteDb } from './database';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

function gmailPage() {
  const { document, url } = loadFixturePage(FIXTURE_PAGES.gmailConversation);
  return extractPageContext(document, url);
}

describe('Log this thread (fake-indexeddb)', () => {
  it('logs the thread once and updates the same activity when logged again', async () => {
    db = createTestDb();
    const ctx = { repId: 'priya@northwind.example', now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme Robotics' }, ctx);
    const page = gmailPage();
    const target = { accountId: account.id, contactIds: [], dealId: null, visibility: 'team' as const, mode: 'excerpt' as const, captureKey: captureKeyFor(page)!, now: FIXED_NOW };

    const first = await logActivity(db, threadCaptureInput(page, target)!, ctx);
    expect(first.updatedExisting).toBe(false);
    expect(first.activity.thread).toMatchObject({ messageCount: 3, kept: 'excerpt' });

    // A fourth message arrives; the rep logs the thread again with a stricter setting.
    const later = { ...page, webmail: { ...page.webmail!, messageCount: 4 } };
    const second = await logActivity(db, threadCaptureInput(later, { ...target, mode: 'subject', now: FIXED_NOW + 60_000 })!, { ...ctx, now: FIXED_NOW + 60_000 });
    expect(second.updatedExisting).toBe(true);
    expect(second.activity.id).toBe(first.activity.id);
    expect(second.activity.thread).toMatchObject({ messageCount: 4, kept: 'subject', text: null });
    expect(await db.activities.where('captureKey').equals(target.captureKey).count()).toBe(1);
  });

  it('keeps the logged thread when a note is saved on the same thread from the composer', async () => {
    db = createTestDb();
    const ctx = { repId: null, now: FIXED_NOW };
    const account = await createAccount(db, { name: 'Acme Robotics' }, ctx);
    const page = gmailPage();
    const captureKey = captureKeyFor(page)!;
    await logActivity(db, threadCaptureInput(page, { accountId: account.id, contactIds: [], dealId: null, visibility: 'team', mode: 'visible', captureKey, now: FIXED_NOW })!, ctx);
    const { activity } = await logActivity(db, { type: 'email', accountId: account.id, body: 'CFO wants a call', captureKey }, ctx);
    expect(activity.body).toBe('CFO wants a call');
    expect(activity.thread).toMatchObject({ kept: 'visible', messageCount: 3 });
  });
});
