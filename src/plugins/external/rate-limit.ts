import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { errorBody } from '../../lib/errors.js';
import { clientAddress } from '../../lib/proxy.js';
import { sharedRateLimitStore } from '../../net/shared-rate-limit.js';

/** Addresses each limiter remembers at most (least recently seen forgotten first), so a flood of addresses cannot grow memory. */
export const RATE_LIMIT_CACHE = 10_000;
/** How often ended windows are deleted from a shared store. */
const PURGE_MS = 60_000;

/**
 * Per-address request limits on every route: RATE_LIMIT_DEFAULT a minute unless the route sets its
 * own `config.rateLimit` (the API, login, public statistics) or opts out (`/health`, `/ready`). The
 * address is `req.ip`, which follows TRUST_PROXY. The not-found handler is limited too (app.ts).
 * The citizen websocket also has its own per-connection frame limit (chat/connection.ts).
 * One process (SQLite) counts in memory (an LRU per route); with a store several instances share
 * (PostgreSQL) the counts are in the database, so the limit holds across instances.
 * @see {@link https://github.com/fastify/fastify-rate-limit}
 */
export default fp(
  async (app) => {
    const shared = app.store.rateLimits;
    await app.register(rateLimit, {
      global: true,
      max: app.config.RATE_LIMIT_DEFAULT,
      timeWindow: 60_000,
      cache: RATE_LIMIT_CACHE,
      ...(shared ? { store: sharedRateLimitStore(shared, app.log as Logger, RATE_LIMIT_CACHE) } : {}),
      keyGenerator: (req) => normalizeIP(clientAddress(req)),
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        ...errorBody('rate_limited', `Bà con gửi nhanh quá, vui lòng thử lại sau ${Math.ceil(ctx.ttl / 1000)} giây.`),
      }),
    });
    if (!shared) return;
    let stopPurge = () => {};
    app.addHook('onReady', async () => {
      stopPurge = app.clock.every(PURGE_MS, () => shared.purgeEnded().catch((err) => app.log.warn({ err }, 'ended rate-limit windows not purged')));
    });
    app.addHook('onClose', async () => stopPurge());
  },
  { name: 'rate-limit', dependencies: ['store', 'clock'] },
);
