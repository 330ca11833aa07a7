import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { adminRoutes } from './http/admin.js';
import { askRoutes } from './http/ask.js';
import { errorBody, HttpError } from './http/errors.js';
import { healthRoutes } from './http/health.js';
import { metricsRoutes } from './http/metrics.js';
import { pageRoutes } from './http/pages.js';
import { publicStatsRoutes } from './http/public-stats.js';
import { staffRoutes } from './http/staff.js';
import { staticRoutes } from './http/static.js';
import { wsRoutes } from './http/ws.js';
import type { Services } from './services.js';

/** Builds the Fastify app around ready-made services; tests call this with their own. */
export async function buildApp(services: Services, logger: Logger): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 64 * 1024,
    trustProxy: true,
  });
  app.decorate('services', services);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof HttpError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    const body = err as { error?: { code?: string; message?: string } };
    if (status === 429 && body.error?.code) return reply.code(429).send({ error: body.error });
    if (status < 500) {
      // Fastify's own 4xx (bad JSON, wrong content type, body too large)
      return reply.code(status).send(errorBody('bad_request', 'Yêu cầu không hợp lệ: cần JSON đúng định dạng.'));
    }
    req.log.error({ err }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'Hệ thống đang trục trặc, vui lòng thử lại sau.'));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(errorBody('not_found', 'Không tìm thấy trang này.')));

  await app.register(cookie);
  // Only routes that opt in (config.rateLimit) are limited.
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      ...errorBody('rate_limited', `Bà con gửi nhanh quá, vui lòng thử lại sau ${Math.ceil(ctx.ttl / 1000)} giây.`),
    }),
  });
  await app.register(websocket, { options: { maxPayload: services.config.MAX_FRAME_BYTES } });
  await app.register(healthRoutes);
  await app.register(metricsRoutes);
  await app.register(askRoutes);
  await app.register(wsRoutes);
  await app.register(staticRoutes);
  await app.register(staffRoutes);
  await app.register(adminRoutes);
  await app.register(publicStatsRoutes);
  await app.register(pageRoutes);
  return app;
}
