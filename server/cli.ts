import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AdminError, addRep, createTeam, createToken, listTeams, listTokens, revokeToken, setPlaybook } from './admin/admin';
import { createApp } from './app';
import { readConfig, type ServerConfig } from './config';
import { DataDirBusyError, lockDataDir } from './db/data-dir-lock';
import { openDatabase, type ServerDatabase } from './db/connect';
import { serveApp } from './http/node-server';
import { jsonLineLogger, silentLogger } from './http/request-log';
import { compact } from './sync/compact';

export const USAGE = `Sidenote team sync server

Usage: sidenote-server [command] [options]      (or: npm run server -- [command] [options])

  serve                       serve the API (the default when no command is given)
      --host <host>           default 127.0.0.1 (env SIDENOTE_HOST)
      --port <port>           default 8787 (env SIDENOTE_PORT or PORT); 0 picks a free port
      --data-dir <folder>     embedded PGlite data folder, default .data/server (env SIDENOTE_DATA_DIR)
      --database-url <url>    use PostgreSQL instead of PGlite (env DATABASE_URL)
  team create <name>          create a team; prints its id
  team list                   list teams
  rep add --team <id> --name <name> [--email <email>]
                              add a rep; prints their API token ONCE
  token create --rep <id>     issue another token for a rep; printed once
  token list --team <id>      list a team's tokens (ids only, never secrets)
  token revoke <id-or-prefix> revoke a token at once, in every server process
  playbook set --team <id> <file.json>
                              write the team's playbook; it syncs to every rep
                              (name, stages, and optional vocabulary: the team's
                              competitor and product names, at most 200 each)
  compact [--retention-days <n>]
                              drop applied mutation ids and tombstones older than the
                              retention (default 180 days, env SIDENOTE_RETENTION_DAYS);
                              browsers away longer re-sync from the start by themselves
  migrate                     apply database migrations and exit

Every command takes --data-dir / --database-url to choose the database, and --json for
machine-readable output. Other settings come from the environment: SIDENOTE_LOG=json|silent,
SIDENOTE_RATE_LIMIT_PER_MINUTE (0 = off), SIDENOTE_RATE_LIMIT_BURST, SIDENOTE_CORS_ORIGINS,
SIDENOTE_PG_POOL_SIZE, SIDENOTE_RETENTION_DAYS (180), SIDENOTE_COMPACT_EVERY_HOURS (24: how
often a serving process compacts; 0 = only by the compact command).`;

class UsageError extends Error {}

interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = { out: (line) => console.log(line), err: (line) => console.error(line) };

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`Missing ${what}.`);
  return value;
}

async function withDatabase<T>(config: ServerConfig, purpose: string, work: (database: ServerDatabase) => Promise<T>): Promise<T> {
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir, purpose);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    unlock();
  }
}

async function startServer(config: ServerConfig, io: Io): Promise<void> {
  const log = config.log === 'json' ? jsonLineLogger : silentLogger;
  const unlock = config.databaseUrl ? () => undefined : lockDataDir(config.dataDir, `sidenote-server serve (pid ${process.pid})`);
  let database: ServerDatabase;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.poolSize });
  } catch (error) {
    unlock();
    throw error;
  }
  const app = createApp({ db: database, log, rateLimit: config.rateLimit, corsOrigins: config.corsOrigins });
  const server = serveApp(app, { hostname: config.host, port: config.port }, (info) => {
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${info.port}`;
    log({ level: 'info', msg: 'listening', url, port: info.port, database: database.location, pid: process.pid });
    if (config.log === 'silent') io.out(url);
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: 'stopping', signal });
    await app.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets would hold close() open; nothing useful is left on them.
      setTimeout(() => (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.(), 2000).unref();
    });
    await database.close();
    unlock();
    process.exit(0);
  };
  if (config.compactEveryHours > 0) {
    // First a few minutes after start (not while every browser reconnects), then periodically.
    const runCompaction = () =>
      void compact(database, { retentionDays: config.retentionDays })
        .then((report) => log({ level: 'info', msg: 'compacted', ...report }))
        .catch((error: unknown) => log({ level: 'error', msg: 'compaction failed', kind: error instanceof Error ? error.name : typeof error }));
    setTimeout(runCompaction, 5 * 60_000).unref();
    setInterval(runCompaction, config.compactEveryHours * 60 * 60_000).unref();
  }
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

/** Runs one command; resolves to its exit code, or `serving` once the server listens. */
export async function runCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env, io: Io = defaultIo): Promise<number | 'serving'> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'database-url': { type: 'string' },
        team: { type: 'string' },
        rep: { type: 'string' },
        name: { type: 'string' },
        email: { type: 'string' },
        json: { type: 'boolean' },
        'retention-days': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') {
    io.out(USAGE);
    return 0;
  }
  const json = values.json === true;
  const print = (human: string, machine: unknown) => io.out(json ? JSON.stringify(machine) : human);
  try {
    const config = readConfig(env, {
      ...(values.host !== undefined ? { host: values.host } : {}),
      ...(values.port !== undefined ? { port: values.port } : {}),
      ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
      ...(values['database-url'] !== undefined ? { databaseUrl: values['database-url'] } : {}),
      ...(values['retention-days'] !== undefined ? { retentionDays: values['retention-days'] } : {}),
    });
    const [command = 'serve', sub, ...rest] = positionals;
    const action = command === 'serve' || command === 'migrate' || command === 'compact' ? command : `${command} ${sub ?? ''}`.trim();
    switch (action) {
      case 'serve':
        await startServer(config, io);
        return 'serving';
      case 'migrate':
        await withDatabase(config, 'sidenote-server migrate', async (database) => print(`Migrations applied (${database.location}).`, { ok: true }));
        return 0;
      case 'compact': {
        const report = await withDatabase(config, 'sidenote-server compact', (database) => compact(database, { retentionDays: config.retentionDays }));
        print(
          `Compacted: kept ${config.retentionDays} days (since ${new Date(report.horizonMs).toISOString()}); removed ${report.mutationIdsDeleted} applied mutation ids and ${report.tombstonesPurged} tombstones in ${report.teamsResynced} team(s).`,
          { retentionDays: config.retentionDays, ...report },
        );
        return 0;
      }
      case 'team create': {
        const name = need(rest.join(' ').trim() || values.name, 'the team name: team create "Acme Sales"');
        const team = await withDatabase(config, 'sidenote-server team create', (database) => createTeam(database.db, name));
        print(`Created team "${team.name}"\n  id: ${team.id}\nAdd reps with: sidenote-server rep add --team ${team.id} --name "..." --email ...`, team);
        return 0;
      }
      case 'team list': {
        const list = await withDatabase(config, 'sidenote-server team list', (database) => listTeams(database.db));
        print(list.length ? list.map((team) => `${team.id}  ${team.name}  (${team.reps} rep${team.reps === 1 ? '' : 's'})`).join('\n') : 'No teams yet. Create one with: sidenote-server team create "Acme Sales"', list);
        return 0;
      }
      case 'rep add': {
        const teamId = need(values.team, '--team <team id>');
        const name = need(values.name, '--name "<rep name>"');
        const added = await withDatabase(config, 'sidenote-server rep add', (database) => addRep(database.db, { teamId, name, email: values.email ?? null }));
        print(
          `Added ${added.rep.name} (rep id ${added.rep.id}).\n\nAPI token (shown once; paste it into Sidenote's options):\n\n  ${added.token}\n\nToken id ${added.tokenId}; revoke it with: sidenote-server token revoke ${added.tokenId}`,
          added,
        );
        return 0;
      }
      case 'token create': {
        const repId = need(values.rep, '--rep <rep id>');
        const created = await withDatabase(config, 'sidenote-server token create', (database) => createToken(database.db, repId));
        print(`API token (shown once):\n\n  ${created.token}\n\nToken id ${created.tokenId}`, created);
        return 0;
      }
      case 'token list': {
        const teamId = need(values.team, '--team <team id>');
        const list = await withDatabase(config, 'sidenote-server token list', (database) => listTokens(database.db, teamId));
        print(
          list.length
            ? list
                .map((token) => `${token.tokenId}  ${token.repName}${token.repEmail ? ` <${token.repEmail}>` : ''}  created ${new Date(token.createdAt).toISOString()}${token.revokedAt ? `  REVOKED ${new Date(token.revokedAt).toISOString()}` : ''}`)
                .join('\n')
            : 'This team has no tokens yet.',
          list,
        );
        return 0;
      }
      case 'token revoke': {
        const id = need(rest[0], 'the token id (or a prefix of it): token revoke <id>');
        const revoked = await withDatabase(config, 'sidenote-server token revoke', (database) => revokeToken(database.db, id));
        print(`Revoked token ${revoked.tokenId} of ${revoked.repName}. Requests with it are refused from now on.`, revoked);
        return 0;
      }
      case 'playbook set': {
        const teamId = need(values.team, '--team <team id>');
        const file = need(rest[0], 'the playbook file: playbook set --team <id> playbook.json');
        let input: unknown;
        try {
          input = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          throw new AdminError(`Cannot read ${file} as JSON: ${(error as Error).message}`);
        }
        const written = await withDatabase(config, 'sidenote-server playbook set', (database) => setPlaybook(database.db, teamId, input));
        print(`Playbook ${written.playbookId} saved; reps receive it on their next sync.`, written);
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${positionals.join(' ')}".`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof AdminError || error instanceof DataDirBusyError) {
      io.err(`Error: ${error.message}`);
      return 1;
    }
    io.err(`Error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
