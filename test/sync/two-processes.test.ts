import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidenoteDb } from '../../lib/db/database';
import { writeRecord } from '../../lib/db/write';
import { runSync } from '../../lib/sync/engine';
import { subscribeToTeamChanges, type TeamChange } from '../../lib/sync/live';
import { createTransport } from '../../lib/sync/transport';
import { revokeToken } from '../../server/admin/admin';
import { accountFields, seedTeam } from '../../server/testing/fixtures';
import { POSTGRES_URL, openTestDatabase, type TestDatabase } from '../../server/testing/test-database';
import { uniqueDbName } from './harness';

/**
 * Two real server processes on one PostgreSQL database: what lets a team outgrow one
 * machine. A push served by one process must reach a live stream and a pull served by
 * the other, through the database alone (rows, and LISTEN/NOTIFY for the live event).
 */

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServerProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve', '--port', '0', '--database-url', databaseUrl], {
    cwd: REPO_ROOT,
    env: { ...process.env, SIDENOTE_LOG: 'json', SIDENOTE_RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start within 30 s:\n${output}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        if (!line.includes('"listening"')) continue;
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`The server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe.skipIf(!POSTGRES_URL)('two server processes on one PostgreSQL', () => {
  let database: TestDatabase;
  let first: ServerProcess;
  let second: ServerProcess;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    // Started together, so both run the migrations at once: the advisory lock must serialise them.
    [first, second] = await Promise.all([startServerProcess(database.url!), startServerProcess(database.url!)]);
  });
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await database?.close();
  });

  it('pushes through one process; the other announces it live and serves it in a pull', async () => {
    expect(first.url).not.toBe(second.url);
    const { reps } = await seedTeam(database.db, ['Li Wei', 'Ana Souza']);
    const li = new SidenoteDb(uniqueDbName('li'));
    const ana = new SidenoteDb(uniqueDbName('ana'));

    const changes: TeamChange[] = [];
    const stop = new AbortController();
    const live = subscribeToTeamChanges({ baseUrl: second.url, token: reps[1]!.token, fetch, signal: stop.signal, onChange: (change) => changes.push(change) });
    await waitUntil(() => changes.length > 0);
    expect(changes[0]).toMatchObject({ kind: 'ready', seq: 0 });

    const accountId = crypto.randomUUID();
    await writeRecord(li, { entity: 'account', recordId: accountId, patch: accountFields({ name: 'Across processes' }) });
    expect(await runSync(li, createTransport({ baseUrl: first.url, token: reps[0]!.token, fetch }))).toMatchObject({ outcome: 'synced', pushed: 1 });

    await waitUntil(() => changes.some((change) => change.kind === 'change' && change.seq === 1));
    expect(await runSync(ana, createTransport({ baseUrl: second.url, token: reps[1]!.token, fetch }))).toMatchObject({ outcome: 'synced', pulled: 1 });
    expect((await ana.accounts.get(accountId))?.name).toBe('Across processes');

    stop.abort();
    await live;
  });

  it('refuses a revoked token in both processes at once', async () => {
    const { reps } = await seedTeam(database.db, ['Li Wei']);
    const hello = (url: string) => fetch(`${url}/v1/hello`, { headers: { authorization: `Bearer ${reps[0]!.token}` } });
    expect([(await hello(first.url)).status, (await hello(second.url)).status]).toEqual([200, 200]);
    await revokeToken(database.db, reps[0]!.tokenId);
    expect([(await hello(first.url)).status, (await hello(second.url)).status]).toEqual([401, 401]);
  });
});

const SKIP_MESSAGE = 'skipped: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) to run two server processes on PostgreSQL';
describe.runIf(!POSTGRES_URL)('two server processes on one PostgreSQL', () => {
  if (!POSTGRES_URL) console.warn(`test/sync/two-processes.test.ts ${SKIP_MESSAGE}`);
  it.skip(SKIP_MESSAGE, () => undefined);
});

async function waitUntil(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for the condition');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
