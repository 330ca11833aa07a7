import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import { BUNDLE_DIR, PUBLIC_DIR } from '../../lib/paths.js';

/**
 * Files from `public/` (the pages' styles) and the built bundles in `dist/public/` (`widget.js` and
 * the pages' `staff.js`, `admin.js`, `thong-ke.js`), served with ETag and Last-Modified, and as their pre-compressed `.br`/`.gz` sibling
 * when the client accepts it. The pages themselves (`.html`) are only reachable through their routes
 * (routes/pages.ts, routes/widget.ts), which decide whether they are on and which CSP applies.
 * @see {@link https://github.com/fastify/fastify-static}
 */
export default fp(
  async (app) => {
    await app.register(fastifyStatic, {
      root: [PUBLIC_DIR, BUNDLE_DIR],
      preCompressed: true,
      // The wildcard route serves assets only; pages (.html) go out through their own routes.
      allowedPath: (pathName, _root, req) => !(req.routeOptions.url === '/*' && pathName.endsWith('.html')),
      index: false,
      cacheControl: false,
      // Revalidated on every use unless the route chose otherwise (routes/widget.ts).
      setHeaders: (reply) => {
        if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
      },
    });
  },
  { name: 'static' },
);
