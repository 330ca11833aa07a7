import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, apiHooks, session } from '../../src/pages/console/api.js';
import { loginErrorText } from '../../src/pages/console/boot.js';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that answers the queued responses in order and records the calls. */
function fakeFetch(...answers: Array<[number, unknown] | Error>) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('unexpected call');
    if (next instanceof Error) throw next;
    const [status, body] = next;
    return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const headers = (c: Call) => c.init.headers as Record<string, string>;

afterEach(() => {
  vi.unstubAllGlobals();
  session.user = null;
  session.csrf = '';
  session.running = false;
  apiHooks.expired = () => undefined;
  apiHooks.forbidden = () => undefined;
});

describe('console API calls', () => {
  it('sends the CSRF token and a JSON body on changes, neither on reads', async () => {
    session.csrf = 'tok-1';
    const calls = fakeFetch([200, { ok: true }], [200, { waiting: [] }]);
    await api('POST', '/api/staff/handoffs/1/take');
    await api('GET', '/api/staff/handoffs');
    expect(headers(calls[0])['x-csrf-token']).toBe('tok-1');
    expect(calls[0].init.body).toBe('{}');
    expect(headers(calls[1])['x-csrf-token']).toBeUndefined();
    expect(calls[1].init.body).toBeUndefined();
  });

  it('after a stale-token 403 fetches a fresh token and retries once with it', async () => {
    session.csrf = 'old';
    const calls = fakeFetch(
      [403, { error: { code: 'csrf', message: 'Phiên không hợp lệ' } }],
      [200, { user: { username: 'a', name: 'A', role: 'staff' }, csrf: 'new' }],
      [200, { ok: true }],
    );
    await expect(api('POST', '/api/staff/handoffs/1/messages', { text: 'x' })).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.url)).toEqual(['/api/staff/handoffs/1/messages', '/api/staff/me', '/api/staff/handoffs/1/messages']);
    expect(headers(calls[2])['x-csrf-token']).toBe('new');
  });

  it('does not retry a second time when the fresh token is refused too', async () => {
    const calls = fakeFetch([403, { error: { code: 'csrf', message: 'a' } }], [200, { user: {}, csrf: 'n' }], [403, { error: { code: 'csrf', message: 'b' } }]);
    await expect(api('POST', '/x')).rejects.toMatchObject({ status: 403, code: 'csrf' });
    expect(calls).toHaveLength(3);
  });

  it('tells the page the session expired on a 401, except for login and the session check', async () => {
    const expired = vi.fn();
    apiHooks.expired = expired;
    fakeFetch([401, { error: { code: 'unauthenticated', message: 'x' } }], [401, { error: { code: 'bad_credentials', message: 'y' } }]);
    await expect(api('GET', '/api/admin/overview')).rejects.toBeInstanceOf(ApiError);
    expect(expired).toHaveBeenCalledTimes(1);
    await expect(api('POST', '/api/staff/login', {})).rejects.toMatchObject({ code: 'bad_credentials' });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('tells the page about a forbidden call only while it runs', async () => {
    const forbidden = vi.fn();
    apiHooks.forbidden = forbidden;
    fakeFetch([403, { error: { code: 'forbidden', message: 'x' } }], [403, { error: { code: 'forbidden', message: 'x' } }]);
    await expect(api('GET', '/api/admin/overview')).rejects.toMatchObject({ code: 'forbidden' });
    expect(forbidden).not.toHaveBeenCalled();
    session.running = true;
    await expect(api('GET', '/api/admin/overview')).rejects.toMatchObject({ code: 'forbidden' });
    expect(forbidden).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into status 0 and a body without an error into a generic message', async () => {
    fakeFetch(new TypeError('Failed to fetch'), [500, 'not json']);
    await expect(api('GET', '/x')).rejects.toMatchObject({ status: 0, code: 'network' });
    await expect(api('GET', '/x')).rejects.toMatchObject({ status: 500, code: 'http_500', message: 'Có lỗi xảy ra (mã 500).' });
  });

  it('says why a login failed', () => {
    expect(loginErrorText({ status: 401, message: 'x' })).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(loginErrorText({ status: 429, message: 'Thử lại sau 15 phút.' })).toBe('Thử lại sau 15 phút.');
    expect(loginErrorText({ status: 0, message: 'Mạng' })).toBe('Mạng');
  });
});
