import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { errorBody } from '../../lib/errors.js';

/**
 * Per-address request limits for the routes that opt in (`config.rateLimit`); the citizen websocket
 * has its own per-connection limit (chat/connection.ts).
 * @see {@link https://github.com/fastify/fastify-rate-limit}
 */
export default fp(
  async (app) => {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_req, ctx) => ({
        statusCode: 429,
        ...errorBody('rate_limited', `Bà con gửi nhanh quá, vui lòng thử lại sau ${Math.ceil(ctx.ttl / 1000)} giây.`),
      }),
    });
  },
  { name: 'rate-limit' },
);
