import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { HttpError } from '../lib/errors.js';
import { addressMatcher, clientAddress } from '../lib/proxy.js';

/**
 * `GET /metrics`: Prometheus text (see plugins/app/metrics.ts), for a scraper with
 * `Authorization: Bearer <METRICS_TOKEN>` or at an address in METRICS_ALLOW; closed (403) to
 * everyone when neither is set.
 */
const metricsRoutes: FastifyPluginAsync = async (app) => {
  const { metrics, config } = app;
  const allowedAddress = addressMatcher(config.METRICS_ALLOW);
  const token = config.METRICS_TOKEN;

  const allowed = (req: FastifyRequest) => (token !== undefined && sameToken(req.headers.authorization, `Bearer ${token}`)) || allowedAddress(clientAddress(req));

  app.get('/metrics', async (req, reply) => {
    if (!allowed(req)) throw new HttpError(403, 'forbidden', 'Không có quyền xem số liệu vận hành.');
    return reply.type(metrics.contentType).send(await metrics.render());
  });
};

function sameToken(given: string | undefined, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}

export default metricsRoutes;
