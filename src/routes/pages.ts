import type { FastifyPluginAsync, FastifyReply } from 'fastify';

/**
 * `/staff` (one-stop desk), `/admin` (console) and `/thong-ke` (public results), with the console CSP
 * (plugins/external/helmet.ts). Without any account configured the first two say the feature is off
 * (503), never open. Their styles are static files and their scripts bundles built from src/pages/
 * (plugins/external/static.ts).
 */
const pageRoutes: FastifyPluginAsync = async (app) => {
  const { staffAuth } = app;
  const page = (reply: FastifyReply, file: string, status = 200) => reply.code(status).header('cache-control', 'no-store').sendFile(file);
  const staffPage = (file: string) => async (_req: unknown, reply: FastifyReply) =>
    staffAuth.enabled ? page(reply, file) : page(reply, 'feature-off.html', 503);

  app.get('/staff', staffPage('staff.html'));
  app.get('/admin', staffPage('admin.html'));
  app.get('/thong-ke', async (_req, reply) => page(reply, 'thong-ke.html'));
};

export default pageRoutes;
