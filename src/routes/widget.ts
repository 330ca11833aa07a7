import type { FastifyPluginAsync } from 'fastify';
import { crossOriginScriptHelmet, demoPageHelmet } from '../plugins/external/helmet.js';

/**
 * `/`: the demo page (a Sơn La e-service portal page with the chat embedded as a portal would), under
 * the strict demo CSP; `/widget.js`: the widget bundle built by `npm run build` (dist/public), sent
 * pre-compressed, revalidated by ETag, loadable by any portal.
 */
const widgetRoutes: FastifyPluginAsync = async (app) => {
  app.get('/', { helmet: demoPageHelmet }, async (_req, reply) => reply.header('cache-control', 'no-cache').sendFile('index.html'));

  app.get('/widget.js', { helmet: crossOriginScriptHelmet }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*').sendFile('widget.js'),
  );
};

export default widgetRoutes;
