import type { Clock } from '../lib/clock.js';
import type { LoginFailureStore, LoginFailures } from '../store/store.js';

/**
 * Failed logins per user name, from whatever address they come: after `maxFailures` the name is
 * locked for `lockMs`, and each further failure doubles the lock (up to `maxLockMs`). While locked,
 * even the right password is refused, so guessing from many addresses gains nothing.
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
}

/**
 * The lock-out on the store's count of failures (`store.loginFailures`): with PostgreSQL every
 * instance counts the same failures, so five spread over two instances lock the name on both. The
 * lock is worked out from the count and the time of the latest failure, so nothing else is written.
 */
export function storeLockout(failures: LoginFailureStore, o: LockoutOptions): LoginLockout {
  // Failures are forgotten once a name has been quiet for as long as the longest lock.
  const forgetAfter = Math.max(o.maxLockMs, 15 * 60_000);
  const lockFor = (count: number) => (count < o.maxFailures ? 0 : Math.min(o.maxLockMs, o.lockMs * 2 ** (count - o.maxFailures)));
  const wait = (f: LoginFailures | undefined) => {
    const now = o.clock.now();
    if (!f || now - f.lastAt > forgetAfter) return 0;
    return Math.max(0, f.lastAt + lockFor(f.count) - now);
  };
  return {
    waitMs: async (username) => wait(await failures.get(username)),
    failed: async (username) => wait(await failures.add(username, forgetAfter)),
    succeeded: (username) => failures.clear(username),
  };
}
