import type { SessionReply, StaffUser } from './api-types.js';

/**
 * JSON calls to the staff and admin API (docs/staff-api.md): the signed-in session (user, CSRF token,
 * running), the `x-csrf-token` header on every change, one retry with a fresh token after a stale-token
 * 403, and the page told when the session expired (401) or the account may not do this (403).
 */

export const NETWORK_MESSAGE = 'Không kết nối được với máy chủ. Vui lòng kiểm tra mạng rồi thử lại.';

export class ApiError extends Error {
  constructor(
    /** The HTTP status; 0 when the network failed. */
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Session {
  user: StaffUser | null;
  csrf: string;
  /** The page is signed in and showing its app (not the login form). */
  running: boolean;
}

export const session: Session = { user: null, csrf: '', running: false };

/** What the page does when a call says the session is gone or the account lacks the role. */
export const apiHooks: { expired(): void; forbidden(): void } = { expired: () => undefined, forbidden: () => undefined };

const NO_EXPIRY_URLS = new Set(['/api/staff/login', '/api/staff/me']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON call; rejects with an ApiError (status 0 when the network failed). */
export async function api<T = unknown>(method: Method, url: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const init: RequestInit = { method, credentials: 'same-origin', headers, cache: 'no-store' };
  if (method !== 'GET') {
    headers['content-type'] = 'application/json';
    if (session.csrf) headers['x-csrf-token'] = session.csrf;
    init.body = JSON.stringify(body ?? {});
  }
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new ApiError(0, 'network', NETWORK_MESSAGE);
  }
  if (res.status === 204) return null as T;
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as T;
  const e = apiError(res.status, data);
  // A stale CSRF token (e.g. after logging in in another tab): fetch a fresh one and retry once.
  if (res.status === 403 && e.code === 'csrf' && !retried && method !== 'GET') {
    await refreshMe();
    return api<T>(method, url, body, true);
  }
  if (res.status === 401 && !NO_EXPIRY_URLS.has(url)) apiHooks.expired();
  if (res.status === 403 && e.code === 'forbidden' && session.running) apiHooks.forbidden();
  throw e;
}

/** The ApiError for an error answer `{error:{code,message}}` (or anything else) with this status. */
export function apiError(status: number, data: unknown): ApiError {
  const err = (data as { error?: { code?: unknown; message?: unknown } } | null)?.error ?? {};
  const code = typeof err.code === 'string' ? err.code : `http_${status}`;
  const message = typeof err.message === 'string' && err.message ? err.message : `Có lỗi xảy ra (mã ${status}).`;
  return new ApiError(status, code, message);
}

/** Reads the session again (user and a fresh CSRF token). */
export async function refreshMe(): Promise<SessionReply> {
  const data = await api<SessionReply>('GET', '/api/staff/me');
  session.csrf = data.csrf;
  session.user = data.user;
  return data;
}
