import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type SidenoteApp } from '../app';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { accountFields, mutation, seedTeam, stampsFor } from '../testing/fixtures';
import { TEST_DRIVERS, openTestDatabase, type TestDatabase } from '../testing/test-database';

/**
 * The hand-over to customer success rides on the account's `csmId`: a rep of the team, set by
 * the rep who won the deal, read by the CSM's sidebar. Clients from before the field push
 * accounts without it, and the server takes both.
 */
describe.each(TEST_DRIVERS)('account.csmId on %s', (driver) => {
  let database: TestDatabase;
  let app: SidenoteApp;

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    app = createApp({ db: database, log: silentLogger, rateLimit: false });
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('takes an account without csmId (an older client), then the pick, and the CSM pulls it', async () => {
    const { reps } = await seedTeam(database.db, ['Li Wei', 'Wang Fang']);
    const li = apiClient(app, reps[0]!.token, 'client0abcd');
    const wang = apiClient(app, reps[1]!.token, 'client1abcd');
    const stamp = stampsFor('client0abcd');
    const accountId = uuidv7();
    const fields = accountFields({ name: 'Acme Retail', stage: 'onboarding' });
    expect(fields).not.toHaveProperty('csmId');
    const created = await li.push([mutation('account', accountId, fields, stamp())]);
    expect(created.body.results[0].status).toBe('applied');

    const picked = await li.push([mutation('account', accountId, { csmId: reps[1]!.id }, stamp())]);
    expect(picked.body.results[0]).toMatchObject({ status: 'applied', lostFields: [] });

    const { changes } = await wang.pullAll();
    const account = changes.find((change) => change.id === accountId);
    expect(account!.record).toMatchObject({ name: 'Acme Retail', csmId: reps[1]!.id });
  });

  it('refuses a csmId that is not a short id, saying which field', async () => {
    const { reps } = await seedTeam(database.db, ['Li Wei']);
    const li = apiClient(app, reps[0]!.token, 'client0abcd');
    const answer = await li.push([mutation('account', uuidv7(), accountFields({ csmId: 'x'.repeat(65) }), stampsFor('client0abcd')())]);
    expect(JSON.stringify(answer.body)).toContain('csmId');
  });
});
