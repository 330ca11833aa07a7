import type { FastifyRequest } from 'fastify';

/**
 * The origin of the page that opened this request, compared exactly (scheme, host and port): the
 * request's own origin, `*`, or one of the listed origins. No Origin header (a non-browser client)
 * passes only where `allowMissing` says so. `req.host` and `req.protocol` honour X-Forwarded-Host
 * and -Proto only from a trusted proxy (TRUST_PROXY), so a client cannot name its own host.
 */
export function originAllowed(req: FastifyRequest, allowed: readonly string[], opts: { allowMissing?: boolean } = {}): boolean {
  const origin = req.headers.origin;
  if (!origin) return opts.allowMissing ?? true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  return origin === ownOrigin(req);
}

/** `scheme://host[:port]` of the request as the client addressed it. */
export function ownOrigin(req: FastifyRequest): string | undefined {
  try {
    return new URL(`${req.protocol ?? 'http'}://${req.host}`).origin; // no protocol: an in-process request without a socket
  } catch {
    return undefined;
  }
}
