import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt
 * it. The lock file holds the owner's pid; a lock whose process is gone is taken over.
 */

export class DataDirBusyError extends Error {
  override name = 'DataDirBusyError';
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockDataDir(dataDir: string, purpose: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'sidenote.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, purpose }));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner: { pid?: number; purpose?: string } = {};
      try {
        owner = JSON.parse(readFileSync(path, 'utf8')) as typeof owner;
      } catch {
        // A half-written lock: its writer died mid-write, so it is stale.
      }
      if (typeof owner.pid === 'number' && owner.pid !== process.pid && processAlive(owner.pid)) {
        throw new DataDirBusyError(
          `${dataDir} is in use by process ${owner.pid} (${owner.purpose ?? 'sidenote-server'}). ` +
            'An embedded PGlite database serves one process: stop that process first, ' +
            'or run the server on PostgreSQL (DATABASE_URL) to run commands while it serves.',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirBusyError(`Could not lock ${dataDir}.`);
}
