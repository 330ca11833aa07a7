import type { FastifyInstance } from 'fastify';

/** Liveness (`/health`) and readiness (`/ready`: the index is loaded). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_req, reply) => {
    const { kb } = app.services;
    if (!kb.ready) return reply.code(503).send({ ready: false });
    const s = kb.snapshot;
    return { ready: true, documents: s.docs.length, rejected: s.errors.length, index: s.key, builtAt: s.builtAt };
  });
}
