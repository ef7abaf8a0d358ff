import { afterEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../../test/support/db';
import { SidenoteDb } from './database';
import { createDraftWriter, draftKey, loadDraft } from './drafts';

let db: SidenoteDb;
afterEach(async () => {
  await db?.delete();
});

describe('composer drafts', () => {
  it('keys drafts by account, or by page when nothing matched', () => {
    expect(draftKey({ accountId: 'a1', url: 'https://x.com' })).toBe('composer:account:a1');
    expect(draftKey({ accountId: null, url: 'https://x.com/p' })).toBe('composer:page:https://x.com/p');
  });

  it('keeps the newest text through a burst of keystrokes, and survives reopening the database', async () => {
    db = createTestDb();
    const writer = createDraftWriter(db, 'composer:account:a1');
    let text = '';
    for (const char of 'Call back Tuesday about the pilot') {
      text += char;
      writer.write({ body: text });
    }
    await writer.flush();
    const name = db.name;
    db.close();
    // A closed sidebar is a new page with a new connection to the same database.
    db = new SidenoteDb(name);
    expect(await loadDraft(db, 'composer:account:a1')).toEqual({ body: 'Call back Tuesday about the pilot' });
  });

  it('writes far fewer times than keystrokes while a write is in flight', async () => {
    db = createTestDb();
    let puts = 0;
    db.drafts.hook('creating', () => {
      puts++;
    });
    db.drafts.hook('updating', () => {
      puts++;
    });
    const writer = createDraftWriter(db, 'k');
    for (let i = 0; i < 100; i++) writer.write({ body: 'x'.repeat(i + 1) });
    await writer.flush();
    expect(puts).toBeLessThan(10);
    expect(await loadDraft(db, 'k')).toEqual({ body: 'x'.repeat(100) });
  });

  it('removes the draft once it is emptied', async () => {
    db = createTestDb();
    const writer = createDraftWriter(db, 'k');
    writer.write({ body: 'something' });
    await writer.flush();
    writer.write({ body: '', nextStep: null });
    await writer.flush();
    expect(await loadDraft(db, 'k')).toBeNull();
  });

  it('reports a failed write instead of losing it silently', async () => {
    db = createTestDb();
    const errors: unknown[] = [];
    db.close();
    const writer = createDraftWriter(db, 'k', { onError: (error) => errors.push(error) });
    writer.write({ body: 'text' });
    await writer.flush();
    expect(errors).toHaveLength(1);
  });
});
