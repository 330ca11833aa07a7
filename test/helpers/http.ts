import type { FastifyInstance } from 'fastify';

/** The Host every in-process request carries, and the Origin of a page served by the app. */
export const TEST_HOST = 'dvc.test';
export const TEST_ORIGIN = `http://${TEST_HOST}`;

export type Fetch = (path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;

/**
 * `fetch` against the app in process (`app.inject`, no port), returning a standard Response, so a
 * test reads the same whether the app listens or not.
 */
export function injectFetch(app: FastifyInstance): Fetch {
  return async (path, init = {}) => {
    const res = await app.inject({
      method: (init.method ?? 'GET') as 'GET',
      url: path,
      headers: { host: TEST_HOST, ...init.headers },
      payload: init.body,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers)) {
      for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) headers.append(name, String(v));
    }
    const empty = res.statusCode === 204 || res.statusCode === 304;
    return new Response(empty ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
  };
}
