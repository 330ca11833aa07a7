import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ChatConnection } from '../chat/connection.js';
import { HttpError } from './errors.js';

/** `/ws`: the citizen chat protocol (see chat/connection.ts), for allowed origins only. */
export async function wsRoutes(app: FastifyInstance): Promise<void> {
  const { config } = app.services;

  app.get('/ws', { websocket: true, preValidation: checkOrigin(app) }, (socket, req) => {
    // Handlers are attached synchronously, before any await, so no early frame is dropped.
    const conn = new ChatConnection(app, socket, req);
    socket.on('message', (data, isBinary) => conn.onMessage(data as Buffer, isBinary));
    socket.on('close', () => conn.onClose());
    socket.on('error', (err) => req.log.warn({ err: { message: err.message } }, 'websocket error'));
  });

  function checkOrigin(app: FastifyInstance) {
    return async (req: FastifyRequest) => {
      if (!originAllowed(req, config.allowedOrigins)) {
        app.services.metrics.recordFrameError('origin');
        throw new HttpError(403, 'origin_not_allowed', 'Trang này không được phép kết nối.');
      }
    };
  }
}

/** No Origin header (a non-browser client), the same host, `*`, or a listed origin. */
export function originAllowed(req: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    // req.host honours X-Forwarded-Host behind a trusted proxy
    return new URL(origin).host === req.host;
  } catch {
    return false;
  }
}
