import type { FastifyPluginAsync } from 'fastify';

/** Liveness (`/health`) and readiness (`/ready`: the index is loaded). */
const healthRoutes: FastifyPluginAsync = async (app) => {
  const { knowledge } = app;
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    if (!knowledge.ready) return reply.code(503).send({ ready: false });
    const s = knowledge.snapshot;
    return { ready: true, documents: s.docs.length, rejected: s.errors.length, index: s.key, builtAt: s.builtAt };
  });
};

export default healthRoutes;
