import type { FastifyPluginAsync } from 'fastify';
import { ignorePressure } from '../plugins/external/under-pressure.js';

/** A write probe's result is reused for this long, so polling /ready cannot turn into a write flood. */
const PROBE_REUSE_MS = 1000;

/**
 * Liveness (`/health`: the process answers; never rate limited or refused under pressure) and
 * readiness (`/ready`: the index is loaded and the store can write, else 503 with the reason; not
 * rate limited either, as its probe write is reused for a second).
 */
const healthRoutes: FastifyPluginAsync = async (app) => {
  const { knowledge, store, clock, log } = app;
  let last: { at: number; error?: string } | undefined;

  const storageError = async (): Promise<string | undefined> => {
    if (last && clock.now() - last.at < PROBE_REUSE_MS) return last.error;
    const before = last?.error;
    let error: string | undefined;
    try {
      await store.probe();
    } catch (err) {
      error = (err as Error).message.split('\n')[0];
    }
    last = { at: clock.now(), error };
    if (error && !before) log.error({ event: 'storage_unwritable', error }, 'the store cannot write: not ready');
    if (!error && before) log.info({ event: 'storage_writable' }, 'the store can write again');
    return error;
  };

  app.get('/health', { config: { rateLimit: false, ...ignorePressure } }, async () => ({ status: 'ok' }));
  app.get('/ready', { config: { rateLimit: false } }, async (_req, reply) => {
    if (!knowledge.ready) return reply.code(503).send({ ready: false, reason: 'knowledge_loading' });
    const error = await storageError();
    if (error) return reply.code(503).send({ ready: false, reason: 'storage_unwritable', detail: error });
    const s = knowledge.snapshot;
    return { ready: true, documents: s.docs.length, rejected: s.errors.length, index: s.key, builtAt: s.builtAt };
  });
};

export default healthRoutes;
