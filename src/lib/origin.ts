import type { FastifyRequest } from 'fastify';

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
