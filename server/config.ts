import { DEFAULT_RATE_LIMIT, type RateLimitConfig } from './http/rate-limit';

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
}

function readInt(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${value}".`);
  return number;
}

export function readConfig(env: NodeJS.ProcessEnv, flags: { host?: string; port?: string; dataDir?: string; databaseUrl?: string }): ServerConfig {
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
  };
}
