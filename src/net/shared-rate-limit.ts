import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
// @ts-expect-error the plugin's own in-memory store has no type declarations
import LocalStore from '@fastify/rate-limit/store/LocalStore.js';
import type { Logger } from 'pino';
import type { RateLimitStore } from '../store/store.js';

type Incr = FastifyRateLimitStore['incr'];

/** How often a failing shared store is logged at most. */
const WARN_EVERY_MS = 60_000;

/**
 * A store for @fastify/rate-limit that counts in the database every instance shares (PostgreSQL),
 * so a client gets the same limit whichever instance the proxy sends it to. Each route with its own
 * limit counts under its own key prefix (method and URL), the rest under the global one. If the
 * database cannot be reached, this process counts in memory meanwhile (the limit is then per
 * instance) rather than refusing every request or lifting the limits.
 */
export function sharedRateLimitStore(shared: RateLimitStore, logger: Logger, cache: number): FastifyRateLimitStoreCtor {
  let lastWarning = 0;
  const make = (prefix: string): FastifyRateLimitStore => {
    const local = new LocalStore(false, false, cache) as { incr: Incr };
    return {
      incr(key, callback, timeWindow, max) {
        shared.hit(`${prefix}|${key}`, timeWindow).then(
          ({ count, ttlMs }) => callback(null, { current: count, ttl: ttlMs }),
          (err: unknown) => {
            if (Date.now() - lastWarning > WARN_EVERY_MS) {
              lastWarning = Date.now();
              logger.warn({ err, event: 'rate_limit_store_failed' }, 'shared rate-limit counts unavailable; counting in this process meanwhile');
            }
            local.incr(key, callback, timeWindow, max);
          },
        );
      },
      child(routeOptions) {
        const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo;
        return make(route?.url ? `${[route.method ?? ''].flat().join(',')} ${route.url}` : prefix);
      },
    };
  };
  return class {
    constructor() {
      return make('*');
    }
  } as unknown as FastifyRateLimitStoreCtor;
}
