import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePlaybook } from '../../lib/funnel/playbook';
import { playbookSchema } from '../../lib/schemas';
import { createApp, type SidenoteApp } from '../app';
import { runCli } from '../cli';
import { lockDataDir } from '../db/data-dir-lock';
import { silentLogger } from '../http/request-log';
import { apiClient } from '../testing/api-client';
import { seedTeam } from '../testing/fixtures';
import { TEST_DRIVERS, migratedPgliteDataDir, openTestDatabase, type TestDatabase } from '../testing/test-database';
import { AdminError, addRep, createTeam, createToken, listTokens, revokeToken, setPlaybook } from './admin';

const playbook = {
  name: 'Acme playbook',
  stages: [
    {
      stage: 'lead',
      goal: { en: 'Qualify the lead', 'zh-CN': '验证线索' },
      exitCriteria: [],
      keyFacts: [{ key: 'budget', label: { en: 'Budget', 'zh-CN': '预算' }, hint: null }],
      nextSteps: [],
      cadenceDays: 7,
    },
  ],
};

describe.each(TEST_DRIVERS)('admin functions on %s', (driver) => {
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

  it('issues tokens that work, stores only their hash, and lists them without secrets', async () => {
    const team = await createTeam(database.db, '  Acme Sales ');
    expect(team.name).toBe('Acme Sales');
    const added = await addRep(database.db, { teamId: team.id, name: 'Li Wei', email: 'LI@X.com' });
    expect(added.rep.email).toBe('li@x.com');
    expect(added.token).toMatch(/^snt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    const second = await createToken(database.db, added.rep.id);
    for (const token of [added.token, second.token]) expect((await apiClient(app, token).get('/v1/hello')).status).toBe(200);
    const listing = await listTokens(database.db, team.id);
    expect(listing.map((row) => row.tokenId).sort()).toEqual([added.tokenId, second.tokenId].sort());
    expect(JSON.stringify(listing)).not.toContain(added.token.slice(17));
  });

  it('refuses bad input with a message that says what to do', async () => {
    await expect(createTeam(database.db, '   ')).rejects.toThrow(AdminError);
    await expect(addRep(database.db, { teamId: 'nope', name: 'X' })).rejects.toThrow(/team list/);
    const team = await createTeam(database.db, 'T');
    await expect(addRep(database.db, { teamId: team.id, name: 'X', email: 'not-an-email' })).rejects.toThrow(/not an email/);
    await expect(revokeToken(database.db, 'ab')).rejects.toThrow(/at least the first 4/);
    await expect(revokeToken(database.db, 'zzzzzzzz')).rejects.toThrow(/No token/);
  });

  it('revokes by whole token or id prefix', async () => {
    const { reps } = await seedTeam(database.db);
    await revokeToken(database.db, reps[0]!.token);
    expect((await apiClient(app, reps[0]!.token).get('/v1/hello')).status).toBe(401);
    expect((await apiClient(app, reps[1]!.token).get('/v1/hello')).status).toBe(200);
  });

  it('writes the playbook through the push path so reps pull it, and replaces it on a second set', async () => {
    const { team, reps } = await seedTeam(database.db);
    const first = await setPlaybook(database.db, team.id, playbook);
    const second = await setPlaybook(database.db, team.id, { ...playbook, name: 'Acme playbook v2' });
    expect(second.playbookId).toBe(first.playbookId);
    const { changes } = await apiClient(app, reps[0]!.token).pullAll();
    expect(changes).toHaveLength(1);
    const record = playbookSchema.parse(changes[0]!.record);
    expect(record).toMatchObject({ id: first.playbookId, name: 'Acme playbook v2', updatedBy: 'server' });
    expect(record.stages[0]!.keyFacts[0]!.satisfiedBy).toEqual({ kind: 'fact' });
    await expect(setPlaybook(database.db, team.id, { name: 'No stages', stages: [] })).rejects.toThrow(/stages/);
  });

  it("round-trips the team's vocabulary to reps, and empties lists a later file leaves out", async () => {
    const { team, reps } = await seedTeam(database.db);
    const vocabulary = { competitors: [' 薪人薪事 ', '北森', 'Moka', 'moka'], products: ['云表HR'] };
    await setPlaybook(database.db, team.id, { ...playbook, vocabulary });
    const pulled = async () => playbookSchema.parse((await apiClient(app, reps[0]!.token).pullAll()).changes[0]!.record);
    // Stored as the extractor reads it: trimmed, each name once.
    expect((await pulled()).vocabulary).toEqual({ competitors: ['薪人薪事', '北森', 'Moka'], products: ['云表HR'] });
    expect(resolvePlaybook([await pulled()]).vocabulary.competitors).toEqual(['薪人薪事', '北森', 'Moka']);

    await setPlaybook(database.db, team.id, playbook);
    expect((await pulled()).vocabulary).toEqual({ competitors: [], products: [] });
  });

  it('refuses an over-long vocabulary with a message that names the list and the limit, and keeps the playbook', async () => {
    const { team, reps } = await seedTeam(database.db);
    await setPlaybook(database.db, team.id, { ...playbook, vocabulary: { competitors: ['北森'], products: [] } });
    const tooMany = Array.from({ length: 201 }, (_, index) => `Vendor ${index}`);
    await expect(setPlaybook(database.db, team.id, { ...playbook, vocabulary: { competitors: tooMany, products: [] } })).rejects.toThrow(
      'The playbook is not valid at vocabulary.competitors: holds at most 200 names',
    );
    await expect(setPlaybook(database.db, team.id, { ...playbook, vocabulary: { competitors: [], products: ['x'.repeat(81)] } })).rejects.toThrow(
      'The playbook is not valid at vocabulary.products.0: a name is at most 80 characters',
    );
    await expect(setPlaybook(database.db, team.id, { ...playbook, vocabulary: { competitors: ['云表HR'], products: ['云表hr'] } })).rejects.toThrow(
      'vocabulary.competitors.0: "云表HR" is listed as a competitor and as our product',
    );
    const record = playbookSchema.parse((await apiClient(app, reps[0]!.token).pullAll()).changes[0]!.record);
    expect(record.vocabulary).toEqual({ competitors: ['北森'], products: [] });
  });
});

describe('the command line', () => {
  let dataDir: string;
  beforeAll(async () => {
    // Unpacked from the migrated snapshot: a fresh folder would spend most of the test in initdb.
    dataDir = await migratedPgliteDataDir('sidenote-cli-');
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function run(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dataDir], {}, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('creates a team, adds a rep with a token printed once, lists and revokes tokens, and sets a playbook', async () => {
    const created = await run('team', 'create', 'Acme', 'Sales', '--json');
    expect(created.code).toBe(0);
    const team = JSON.parse(created.out) as { id: string; name: string };
    expect(team.name).toBe('Acme Sales');

    const added = await run('rep', 'add', '--team', team.id, '--name', 'Li Wei', '--email', 'li@x.com');
    expect(added.code).toBe(0);
    const token = /snt_[a-z0-9]{12}_[A-Za-z0-9_-]{43}/.exec(added.out)?.[0];
    expect(token).toBeDefined();
    expect(added.out).toContain('shown once');

    const listed = await run('token', 'list', '--team', team.id);
    expect(listed.out).toContain('Li Wei <li@x.com>');
    expect(listed.out).not.toContain(token!.slice(17));

    const file = join(dataDir, 'playbook.json');
    writeFileSync(file, JSON.stringify(playbook));
    expect((await run('playbook', 'set', '--team', team.id, file)).code).toBe(0);

    const revoked = await run('token', 'revoke', token!.slice(4, 10));
    expect(revoked.code).toBe(0);
    expect((await run('token', 'list', '--team', team.id)).out).toContain('REVOKED');
  });

  it("sets a playbook with the team's vocabulary from a file, and refuses an over-long list saying which", async () => {
    const team = JSON.parse((await run('team', 'create', 'Vocabulary', '--json')).out) as { id: string };
    const file = join(dataDir, 'playbook-vocabulary.json');
    writeFileSync(file, JSON.stringify({ ...playbook, vocabulary: { competitors: ['薪人薪事', '北森'], products: ['云表HR'] } }));
    expect((await run('playbook', 'set', '--team', team.id, file)).code).toBe(0);
    writeFileSync(file, JSON.stringify({ ...playbook, vocabulary: { competitors: Array.from({ length: 201 }, (_, index) => `Vendor ${index}`) } }));
    const refused = await run('playbook', 'set', '--team', team.id, file);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('The playbook is not valid at vocabulary.competitors: holds at most 200 names');
  }, 120_000);

  it('explains usage mistakes and refuses a data folder another process is serving', async () => {
    const usage = await run('rep', 'add', '--name', 'Nobody');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Missing --team');
    expect((await run('frobnicate')).err).toContain('Unknown command');
    expect((await run('--help')).out).toContain('Usage: sidenote-server');

    const unlock = lockDataDir(dataDir, 'a test pretending to serve');
    try {
      // The lock belongs to this very process; pretend it is another live one.
      const lockFile = join(dataDir, 'sidenote.lock');
      writeFileSync(lockFile, JSON.stringify({ pid: process.ppid, purpose: 'sidenote-server serve' }));
      const busy = await run('team', 'list');
      expect(busy.code).toBe(1);
      expect(busy.err).toContain('stop that process first');
    } finally {
      unlock();
    }
  });
});
