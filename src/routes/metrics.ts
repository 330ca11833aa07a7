import type { FastifyPluginAsync } from 'fastify';

/** `GET /metrics`: Prometheus text (see plugins/app/metrics.ts). Access control comes with issue 11. */
const metricsRoutes: FastifyPluginAsync = async (app) => {
  const { metrics } = app;
  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.render()));
};

export default metricsRoutes;
