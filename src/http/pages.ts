import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

const PUBLIC_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../public');

/** The pages' Content-Security-Policy: nothing inline, nothing from elsewhere. */
export const CONSOLE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// The console pages' own scripts and styles in public/ (the widget and demo page are served by static.ts).
const CONSOLE_ASSET = /^(console|staff|admin|thong-ke)[a-z-]*\.(js|css)$/;
const TYPES: Record<string, string> = { js: 'application/javascript; charset=utf-8', css: 'text/css; charset=utf-8' };

/**
 * `/staff` (one-stop desk), `/admin` (console) and `/thong-ke` (public results). Without any
 * account configured the first two say the feature is off (503), never open.
 */
export async function pageRoutes(app: FastifyInstance): Promise<void> {
  const { auth } = app.services;
  const page = async (reply: FastifyReply, file: string, status = 200) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', CONSOLE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('cache-control', 'no-store')
      .send(await readFile(path.join(PUBLIC_DIR, file), 'utf8'));

  app.get('/staff', async (_req, reply) => (auth.enabled ? page(reply, 'staff.html') : page(reply, 'feature-off.html', 503)));
  app.get('/admin', async (_req, reply) => (auth.enabled ? page(reply, 'admin.html') : page(reply, 'feature-off.html', 503)));
  app.get('/thong-ke', async (_req, reply) => page(reply, 'thong-ke.html'));
  for (const file of (await readdir(PUBLIC_DIR)).filter((f) => CONSOLE_ASSET.test(f))) {
    const type = TYPES[path.extname(file).slice(1)];
    app.get(`/${file}`, async (_req, reply) =>
      reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(await readFile(path.join(PUBLIC_DIR, file), 'utf8')),
    );
  }
}
