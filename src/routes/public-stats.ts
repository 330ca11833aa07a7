import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicStats } from '../reports/public-stats.js';
import { publicStatsReplySchema } from '../schemas/api.js';

/** The published figures are computed at most once a minute, however often the page is opened. */
const CACHE_MS = 60_000;

/** `GET /api/public/stats`: this month's published results (reports/public-stats.ts), cached, rate limited per address. */
const publicStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, config, clock } = app;
  let cached: { at: number; stats: ReturnType<typeof publicStats> } | undefined;
  const current = () => {
    if (!cached || clock.now() - cached.at >= CACHE_MS) {
      const stats = publicStats(store, { timeZone: config.TIMEZONE, now: clock.now(), minN: config.STATS_MIN_N });
      cached = { at: clock.now(), stats };
      stats.catch(() => cached?.stats === stats && (cached = undefined)); // a failed read is not kept
    }
    return cached.stats;
  };
  app.get(
    '/api/public/stats',
    { schema: { response: { 200: publicStatsReplySchema } }, config: { rateLimit: { max: config.STATS_RATE_LIMIT, timeWindow: 60_000 } } },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return current();
    },
  );
};

export default publicStatsRoutes;
