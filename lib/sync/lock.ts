/**
 * One sync at a time per database, across the sidebar, the options page and the background.
 * The Web Locks API spans every context of the extension and releases a lock when its
 * holder dies (a killed service worker), so a crash never leaves sync locked. Where it is
 * missing (Node tests), an in-process lock stands in.
 */

interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

const heldInProcess = new Set<string>();

function webLocks(): LockManagerLike | null {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  return locks && typeof locks.request === 'function' ? locks : null;
}

export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/** Runs `work` holding the lock, or returns `acquired: false` at once if someone else holds it. */
export async function withLockIfAvailable<T>(name: string, work: () => Promise<T>): Promise<LockOutcome<T>> {
  const locks = webLocks();
  if (locks) {
    return locks.request(name, { ifAvailable: true }, async (lock): Promise<LockOutcome<T>> => {
      if (!lock) return { acquired: false };
      return { acquired: true, value: await work() };
    });
  }
  if (heldInProcess.has(name)) return { acquired: false };
  heldInProcess.add(name);
  try {
    return { acquired: true, value: await work() };
  } finally {
    heldInProcess.delete(name);
  }
}
