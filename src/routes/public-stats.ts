import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { publicStats } from '../reports/public-stats.js';
import { publicStatsReplySchema } from '../schemas/api.js';

/** `GET /api/public/stats`: this month's published results (reports/public-stats.ts). */
const publicStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { store, config, clock } = app;
  app.get('/api/public/stats', { schema: { response: { 200: publicStatsReplySchema } } }, async () =>
    publicStats(store, { timeZone: config.TIMEZONE, now: clock.now(), minN: config.STATS_MIN_N }),
  );
};

export default publicStatsRoutes;
