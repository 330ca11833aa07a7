import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

const PUBLIC_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../public');

/** The demo page at `/` (a provincial portal page with the chat embedded). */
export async function staticRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (_req, reply) => {
    const html = await readFile(path.join(PUBLIC_DIR, 'index.html'), 'utf8');
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
