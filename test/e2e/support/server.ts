import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../../lib/schemas';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const MAIN = path.join(ROOT, 'server/main.ts');

/** A real sync server process on embedded PGlite, as `npm run server` starts it. */
export interface ServerProcess {
  baseUrl: string;
  dataDir: string;
  /** Kills the process the hard way, as a crash or a pulled plug would. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
}

async function cli(dataDir: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(TSX, [MAIN, ...args, '--data-dir', dataDir, '--json'], { cwd: ROOT, env: { ...process.env, SIDENOTE_LOG: 'silent' } });
  return JSON.parse(stdout);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A team with reps, made with the CLI before the server holds the data folder. */
export async function createTeam(dataDir: string, teamName: string, repNames: readonly string[]) {
  const team = (await cli(dataDir, ['team', 'create', teamName])) as { id: string; name: string };
  const reps: Array<{ id: string; name: string; token: string }> = [];
  for (const name of repNames) {
    const added = (await cli(dataDir, ['rep', 'add', '--team', team.id, '--name', name, '--email', `${name.toLowerCase().replace(/\s+/g, '.')}@sidenote-sales.test`])) as {
      rep: { id: string; name: string };
      token: string;
    };
    reps.push({ id: added.rep.id, name: added.rep.name, token: added.token });
  }
  return { team, reps };
}

export async function startServer(options: { dataDir?: string; port?: number } = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'sidenote-server-'));
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;

  const start = async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      // Its own process group: tsx runs the server in a child process, and a crash kills both.
      const spawned = spawn(TSX, [MAIN, 'serve', '--port', String(port), '--data-dir', dataDir], {
        cwd: ROOT,
        env: { ...process.env, SIDENOTE_LOG: 'silent' },
        stdio: 'ignore',
        detached: true,
      });
      child = spawned;
      let exited = false;
      spawned.once('exit', () => {
        exited = true;
      });
      while (!exited) {
        try {
          if ((await fetch(`${baseUrl}/healthz`)).ok) return;
        } catch {
          // not listening yet
        }
        if (Date.now() > deadline) throw new Error(`The sync server did not start on ${baseUrl}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      // Right after a crash the old process may not be reaped yet and still hold the data
      // folder's lock, so the new one refuses to start: try again shortly.
      if (Date.now() > deadline) throw new Error(`The sync server did not start on ${baseUrl}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  await start();
  return {
    baseUrl,
    dataDir,
    kill: async () => {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
      // The listening socket goes with the grandchild; wait until nothing answers.
      for (let waited = 0; waited < 10_000; waited += 100) {
        try {
          await fetch(`${baseUrl}/healthz`);
        } catch {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      child = null;
    },
    restart: start,
  };
}

/** Every record the server holds for a rep, straight from the pull API. */
export async function pullEverything(baseUrl: string, token: string): Promise<Array<{ entity: string; id: string; record: Record<string, unknown> | null }>> {
  const changes: Array<{ entity: string; id: string; record: Record<string, unknown> | null }> = [];
  let cursor = '';
  for (;;) {
    const response = await fetch(`${baseUrl}/v1/pull`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION) },
      body: JSON.stringify({ cursor, limit: 1000 }),
    });
    if (!response.ok) throw new Error(`pull failed: HTTP ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { changes: typeof changes; cursor: string; hasMore: boolean };
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}
