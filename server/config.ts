import { DEFAULT_RATE_LIMIT, type RateLimitConfig } from './http/rate-limit';
import { DEFAULT_RETENTION_DAYS } from './sync/compact';

/** Settings from the environment; command-line flags override them. */
export interface ServerConfig {
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  log: 'json' | 'silent';
  rateLimit: RateLimitConfig | false;
  corsOrigins: string[];
  poolSize: number;
  /** Applied mutation ids and tombstones are kept this long (server/sync/compact.ts). */
  retentionDays: number;
  /** The server compacts this often while serving; 0 leaves it to `sidenote-server compact`. */
  compactEveryHours: number;
}

function readInt(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${value}".`);
  return number;
}

export function readConfig(env: NodeJS.ProcessEnv, flags: { host?: string; port?: string; dataDir?: string; databaseUrl?: string; retentionDays?: string }): ServerConfig {
  const perMinute = readInt('SIDENOTE_RATE_LIMIT_PER_MINUTE', env.SIDENOTE_RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT.requestsPerMinute, 0);
  const burst = readInt('SIDENOTE_RATE_LIMIT_BURST', env.SIDENOTE_RATE_LIMIT_BURST, DEFAULT_RATE_LIMIT.burst, 1);
  const log = env.SIDENOTE_LOG ?? 'json';
  if (log !== 'json' && log !== 'silent') throw new Error(`SIDENOTE_LOG must be json or silent, not "${log}".`);
  return {
    host: flags.host ?? env.SIDENOTE_HOST ?? '127.0.0.1',
    port: readInt('--port / SIDENOTE_PORT', flags.port ?? env.SIDENOTE_PORT ?? env.PORT, 8787, 0),
    databaseUrl: flags.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir: flags.dataDir ?? env.SIDENOTE_DATA_DIR ?? '.data/server',
    log,
    // 0 requests per minute means no limit, for benchmarks and trusted networks.
    rateLimit: perMinute === 0 ? false : { requestsPerMinute: perMinute, burst },
    corsOrigins: (env.SIDENOTE_CORS_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean),
    poolSize: readInt('SIDENOTE_PG_POOL_SIZE', env.SIDENOTE_PG_POOL_SIZE, 10, 1),
    retentionDays: readInt('--retention-days / SIDENOTE_RETENTION_DAYS', flags.retentionDays ?? env.SIDENOTE_RETENTION_DAYS, DEFAULT_RETENTION_DAYS, 1),
    compactEveryHours: readInt('SIDENOTE_COMPACT_EVERY_HOURS', env.SIDENOTE_COMPACT_EVERY_HOURS, 24, 0),
  };
}
