import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SidenoteApp } from '../app';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { mutation, noteFields, seedTeam, stampsFor } from '../testing/fixtures';
import { openTestDatabase, type TestDatabase } from '../testing/test-database';

/** The thread an email keeps (lib/schemas threadSnapshotSchema), checked by the server like every field. */
const thread = {
  subject: 'Re: Pilot pricing',
  participants: [{ address: 'zhang.min@acme.example', name: 'Zhang Min', role: 'from' }],
  latestMessageAt: 1_700_000_000_000,
  messageCount: 3,
  text: 'Thanks for the pricing.',
  kept: 'excerpt',
};

describe('POST /v1/push with a logged mail thread', () => {
  let database: TestDatabase;
  let app: SidenoteApp;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = createApp({ db: database, log: silentLogger, rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  async function rep() {
    const seeded = await seedTeam(database.db);
    return apiClient(app, seeded.reps[0]!.token, 'client0abcd');
  }

  it('keeps the thread on an email and hands it back on pull; a re-log replaces it', async () => {
    const li = await rep();
    const stamp = stampsFor('client0abcd');
    const id = uuidv7();
    expect((await li.push([mutation('activity', id, noteFields({ type: 'email', thread }), stamp())])).status).toBe(200);
    expect((await li.push([mutation('activity', id, { thread: { ...thread, messageCount: 4 } }, stamp())])).status).toBe(200);
    const { changes } = await li.pullAll();
    expect(changes[0]!.record).toMatchObject({ id, type: 'email', thread: { ...thread, messageCount: 4 } });
  });

  it('still takes an activity written before threads existed (no thread field)', async () => {
    const li = await rep();
    const { thread: _none, ...older } = noteFields();
    expect((await li.push([mutation('activity', uuidv7(), older, stampsFor('client0abcd')())])).status).toBe(200);
  });

  it.each([
    ['a thread on a note', noteFields({ thread }), 'Only an email'],
    ['text beyond the bound', noteFields({ type: 'email', thread: { ...thread, kept: 'visible', text: 'x'.repeat(20_001) } }), 'limit is 20,000'],
    ['text kept in subject-only mode', noteFields({ type: 'email', thread: { ...thread, kept: 'subject' } }), 'subject only'],
    ['a participant without a role', noteFields({ type: 'email', thread: { ...thread, participants: [{ address: 'a@b.example', name: null }] } }), 'role'],
    ['an unknown field in the thread', noteFields({ type: 'email', thread: { ...thread, html: '<p>' } }), 'html'],
  ])('refuses %s', async (_name, fields, message) => {
    const li = await rep();
    const answer = await li.push([mutation('activity', uuidv7(), fields, stampsFor('client0abcd')())]);
    expect(answer.status).toBe(422);
    expect(answer.body.error.rejected[0]).toMatchObject({ code: 'invalid', permanent: true, message: expect.stringContaining(message) });
  });
});
