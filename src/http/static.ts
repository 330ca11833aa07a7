import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import { build } from 'esbuild';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const gzip = promisify(gzipCb);

const HERE = path.dirname(new URL(import.meta.url).pathname);
const PUBLIC_DIR = path.resolve(HERE, '../../public');
export const WIDGET_ENTRY = path.resolve(HERE, '../widget/index.ts');

/**
 * The Content-Security-Policy of the demo page: what a portal embedding the widget needs, and nothing
 * more. The widget's script comes from the chat host (`script-src`), it talks to `/ws` on that host
 * (`connect-src`; CSP3 `'self'` covers ws/wss of the same host), its CSS is a constructable stylesheet
 * in its shadow root (not governed by `style-src`), and it never turns strings into HTML or code, which
 * `require-trusted-types-for 'script'` enforces in Chromium. `img-src data:` is only for the demo's
 * empty favicon.
 */
export const DEMO_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export interface WidgetBundle {
  code: Buffer;
  gzipped: Buffer;
  etag: string;
}

/** Bundles `src/widget/index.ts` into one minified IIFE (what `/widget.js` serves), plus its gzip. */
export async function buildWidgetBundle(): Promise<WidgetBundle> {
  const result = await build({
    entryPoints: [WIDGET_ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  const text = result.outputFiles[0].text;
  const code = Buffer.from(text, 'utf8');
  const gzipped = await gzip(text, { level: 9 });
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;
  return { code, gzipped, etag };
}

let bundle: Promise<WidgetBundle> | undefined;

/** Built once per process, on first use; a failed build is retried on the next request. */
function widgetBundle(): Promise<WidgetBundle> {
  bundle ??= buildWidgetBundle().catch((err: unknown) => {
    bundle = undefined;
    throw err;
  });
  return bundle;
}

function acceptsGzip(req: FastifyRequest): boolean {
  const accept = String(req.headers['accept-encoding'] ?? '');
  return /\bgzip\b(?!\s*;\s*q=0(\.0*)?\b)/i.test(accept);
}

function securityHeaders(reply: FastifyReply): FastifyReply {
  return reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'strict-origin-when-cross-origin');
}

/**
 * `/`: the demo page (a Sơn La e-service portal page with the chat embedded as a portal would), served
 * with the strict CSP above; `/demo.css`: its stylesheet; `/widget.js`: the widget bundle, built in
 * memory with esbuild, cached with its gzipped form, revalidated by ETag, loadable from any portal.
 */
export async function staticRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (_req, reply) => {
    const html = await readFile(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
    return securityHeaders(reply)
      .header('content-security-policy', DEMO_CSP)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(html);
  });

  app.get('/demo.css', async (_req, reply) => {
    const css = await readFile(path.join(PUBLIC_DIR, 'demo.css'), 'utf8');
    return securityHeaders(reply).header('cache-control', 'public, max-age=300').type('text/css; charset=utf-8').send(css);
  });

  app.get('/widget.js', async (req, reply) => {
    const { code, gzipped, etag } = await widgetBundle();
    securityHeaders(reply)
      .header('cache-control', 'public, max-age=300')
      .header('etag', etag)
      .header('vary', 'accept-encoding')
      .header('access-control-allow-origin', '*')
      .header('cross-origin-resource-policy', 'cross-origin')
      .type('application/javascript; charset=utf-8');
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((t) => t.trim() === etag)) return reply.code(304).send();
    if (acceptsGzip(req)) return reply.header('content-encoding', 'gzip').send(gzipped);
    return reply.send(code);
  });
}
