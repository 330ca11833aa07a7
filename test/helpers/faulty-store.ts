import type { Store } from '../../src/store/store.js';

type Concern = Exclude<keyof Store, 'close' | 'probe' | 'rateLimits' | 'presence'>;

/** The methods that write, per concern: what a full disk breaks (reads keep working). */
export const WRITE_METHODS: Record<Concern, string[]> = {
  conversations: ['openSession', 'addMessage', 'addAnswer', 'markDelivered', 'releaseDelivery', 'purgeOlderThan'],
  feedback: ['addRating', 'addSurvey'],
  handoffs: ['create', 'take', 'close', 'expireWaiting', 'setCallback'],
  staffSessions: ['create', 'delete'],
  loginFailures: ['add', 'clear'],
  audit: ['record'],
  feedbackQueue: ['add', 'update', 'reply', 'eraseContactsBefore'],
  cannedReplies: ['create', 'update', 'delete'],
  reports: [],
};

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A real store with one method made slow or broken on purpose: `hold(concern, method)` makes its
 * next calls wait until `release()` (a slow disk), `fail(concern, method)` makes them reject (a full
 * or broken one). `started` resolves when a held call arrives.
 */
export function faultyStore(inner: Store) {
  const faults = new Map<string, 'hold' | 'fail'>();
  let gate = deferred();
  let arrived = deferred();
  const wrap = <C extends Concern>(concern: C): Store[C] =>
    new Proxy(inner[concern], {
      get(target, method: string) {
        const real = (target as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[method];
        const fault = () => faults.get(`${concern}.${method}`);
        return async (...args: unknown[]) => {
          if (fault() === 'fail') throw new Error(`SQLITE_FULL: database or disk is full (${concern}.${method}, on purpose)`);
          if (fault() === 'hold') {
            arrived.resolve();
            await gate.promise;
          }
          return real.apply(target, args);
        };
      },
    }) as Store[C];
  const store: Store = {
    conversations: wrap('conversations'),
    feedback: wrap('feedback'),
    feedbackQueue: wrap('feedbackQueue'),
    handoffs: wrap('handoffs'),
    staffSessions: wrap('staffSessions'),
    loginFailures: wrap('loginFailures'),
    audit: wrap('audit'),
    cannedReplies: wrap('cannedReplies'),
    reports: wrap('reports'),
    rateLimits: inner.rateLimits,
    presence: inner.presence,
    probe: async () => {
      if ([...faults.values()].includes('fail')) throw new Error('SQLITE_FULL: database or disk is full (probe, on purpose)');
      return inner.probe();
    },
    close: () => inner.close(),
  };
  return {
    store,
    hold(concern: Concern, method: string) {
      faults.set(`${concern}.${method}`, 'hold');
      gate = deferred();
      arrived = deferred();
    },
    fail(concern: Concern, method: string) {
      faults.set(`${concern}.${method}`, 'fail');
    },
    /** Every write fails, as on a full disk, until `release()`. */
    diskFull() {
      for (const [concern, methods] of Object.entries(WRITE_METHODS)) for (const m of methods) faults.set(`${concern}.${m}`, 'fail');
    },
    /** Resolves when a held call has arrived (and is waiting). */
    get started() {
      return arrived.promise;
    },
    /** Lets held calls through and stops holding or failing. */
    release() {
      faults.clear();
      gate.resolve();
    },
  };
}
