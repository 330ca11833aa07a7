import type { Clock } from '../lib/clock.js';

/**
 * Failed logins per user name, from whatever address they come: after `maxFailures` the name is
 * locked for `lockMs`, and each further failure doubles the lock (up to `maxLockMs`). While locked,
 * even the right password is refused, so guessing from many addresses gains nothing. The state is
 * behind this interface so several instances can later share it through the database.
 */
export interface LoginLockout {
  /** Milliseconds the name must still wait before a try (0 = it may try now). */
  waitMs(username: string): Promise<number>;
  /** Records a failure; returns the wait now in force (0 = not locked). */
  failed(username: string): Promise<number>;
  /** A successful login clears the name's failures. */
  succeeded(username: string): Promise<void>;
}

export interface LockoutOptions {
  clock: Clock;
  maxFailures: number;
  lockMs: number;
  maxLockMs: number;
  /** Names remembered at most (least recently failed forgotten first), so memory stays bounded. */
  maxNames?: number;
}

interface Failures {
  count: number;
  lockedUntil: number;
  last: number;
}

/** The lock-out in this process's memory. */
export function memoryLockout(o: LockoutOptions): LoginLockout {
  const maxNames = o.maxNames ?? 10_000;
  const byName = new Map<string, Failures>();
  // Failures are forgotten once a name has been quiet for as long as the longest lock.
  const forgetAfter = Math.max(o.maxLockMs, 15 * 60_000);
  const current = (username: string): Failures | undefined => {
    const f = byName.get(username);
    if (f && o.clock.now() - f.last > forgetAfter) {
      byName.delete(username);
      return undefined;
    }
    return f;
  };
  return {
    async waitMs(username) {
      return Math.max(0, (current(username)?.lockedUntil ?? 0) - o.clock.now());
    },
    async failed(username) {
      const now = o.clock.now();
      const f = current(username) ?? { count: 0, lockedUntil: 0, last: now };
      f.count++;
      f.last = now;
      if (f.count >= o.maxFailures) f.lockedUntil = now + Math.min(o.maxLockMs, o.lockMs * 2 ** (f.count - o.maxFailures));
      byName.delete(username); // re-inserted last: the map's order is least recently failed first
      byName.set(username, f);
      if (byName.size > maxNames) byName.delete(byName.keys().next().value!);
      return Math.max(0, f.lockedUntil - now);
    },
    async succeeded(username) {
      byName.delete(username);
    },
  };
}
