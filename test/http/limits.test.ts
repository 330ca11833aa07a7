import { describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { faultyStore } from '../helpers/faulty-store.js';
import { StaffHttp, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const json = { 'content-type': 'application/json' };

/** Every route a visitor can reach without signing in, and how it is called. */
const PUBLIC_ROUTES: Array<[string, { method?: string; headers?: Record<string, string>; body?: string }, string]> = [
  ['/', {}, 'RATE_LIMIT_DEFAULT'],
  ['/widget.js', {}, 'RATE_LIMIT_DEFAULT'],
  ['/thong-ke', {}, 'RATE_LIMIT_DEFAULT'],
  ['/staff', {}, 'RATE_LIMIT_DEFAULT'],
  ['/console.css', {}, 'RATE_LIMIT_DEFAULT'],
  ['/khong-co-trang-nay', {}, 'RATE_LIMIT_DEFAULT'], // the 404 handler
  ['/api/public/stats', {}, 'STATS_RATE_LIMIT'],
  ['/api/search?q=khai%20sinh', {}, 'HTTP_RATE_LIMIT'],
  ['/api/ask', { method: 'POST', headers: json, body: '{"question":"khai sinh"}' }, 'HTTP_RATE_LIMIT'],
  ['/api/staff/login', { method: 'POST', headers: json, body: '{"username":"canbo","password":"sai-mat-khau"}' }, 'LOGIN_RATE_LIMIT'],
];

describe('rate limits on every public route', () => {
  it.each(PUBLIC_ROUTES)('%s answers 429 rate_limited past its limit (%s)', async (route, init, setting) => {
    const t = await buildTestApp({ env: { [setting]: '3', STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await t.fetch(route, init)).status);
    expect(codes.slice(0, 3)).not.toContain(429);
    expect(codes[3]).toBe(429);
    const limited = await t.fetch(route, init);
    expect((await limited.json()).error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/thử lại sau \d+ giây/) });
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    // liveness and readiness are never limited
    for (let i = 0; i < 10; i++) expect((await t.fetch('/health')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await t.fetch('/ready')).status).toBe(200);
  });

  it('the login limit applies before any password is checked, per address', async () => {
    const t = await buildTestApp({ env: { LOGIN_RATE_LIMIT: '2', STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const staff = new StaffHttp(t);
    expect((await staff.login('canbo', 'sai')).status).toBe(401);
    expect((await staff.login('canbo', STAFF_PASSWORD)).status).toBe(200);
    const refused = await staff.login('canbo', STAFF_PASSWORD); // even the right password
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('rate_limited');
  });
});

describe('rate limits counted in a shared store (several instances)', () => {
  it('while the shared counts cannot be reached, the process counts in memory: the limit still holds, and nothing fails', async () => {
    const inner = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-test-')), 'dvc.sqlite'));
    let hits = 0;
    const store = {
      ...inner,
      rateLimits: {
        hit: async () => {
          hits++;
          throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
        },
        purgeEnded: async () => 0,
      },
    };
    const t = await buildTestApp({ store, env: { HTTP_RATE_LIMIT: '3' } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await t.fetch('/api/search?q=khai%20sinh')).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect(hits).toBe(4); // the shared store was asked each time
  });
});

describe('public statistics', () => {
  it('are computed at most once a minute', async () => {
    const clock = new FakeClock();
    const t = await buildTestApp({ clock });
    const first = await (await t.fetch('/api/public/stats')).json();
    const c = await t.citizen();
    c.send({ type: 'survey', score: 5 });
    await c.waitFor((f) => f.type === 'ack');
    await clock.advance(59_000);
    expect(await (await t.fetch('/api/public/stats')).json()).toEqual(first);
    await clock.advance(1_000);
    expect((await (await t.fetch('/api/public/stats')).json()).surveys).toBe(first.surveys + 1);
    c.close();
  });
});

describe('overload', () => {
  it('answers 503 overloaded at once under pressure, with Retry-After; /health still answers', async () => {
    const t = await buildTestApp({ env: { MAX_HEAP_MB: '1' } }); // any real heap is over 1 MB
    await until(() => (t.app.memoryUsage().heapUsed > 0 ? true : undefined));
    const res = await t.fetch('/api/search?q=khai%20sinh');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect((await res.json()).error).toMatchObject({ code: 'overloaded', message: expect.stringMatching(/quá tải/) });
    expect((await t.fetch('/health')).status).toBe(200);
    const calm = await buildTestApp({ env: { MAX_HEAP_MB: '100000' } });
    await until(() => (calm.app.memoryUsage().heapUsed > 0 ? true : undefined));
    expect((await calm.fetch('/api/search?q=khai%20sinh')).status).toBe(200);
  });
});

describe('body limits', () => {
  it('a body over BODY_LIMIT_BYTES gets 413 on any route; login takes far less', async () => {
    const t = await buildTestApp({ env: { BODY_LIMIT_BYTES: '4096', STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const big = JSON.stringify({ question: 'a'.repeat(5000) });
    const res = await t.fetch('/api/ask', { method: 'POST', headers: json, body: big });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('bad_request');
    expect((await t.fetch('/api/ask', { method: 'POST', headers: json, body: JSON.stringify({ question: 'a'.repeat(900) }) })).status).toBe(200);
    const login = await t.fetch('/api/staff/login', { method: 'POST', headers: json, body: JSON.stringify({ username: 'canbo', password: 'x'.repeat(1100) }) });
    expect(login.status).toBe(413);
    const staff = new StaffHttp(t);
    await staff.login('canbo', STAFF_PASSWORD);
    const message = await staff.post('/api/staff/handoffs/00000000-0000-4000-8000-000000000000/messages', { text: 'x'.repeat(5000) });
    expect(message.status).toBe(413);
  });
});

describe('/metrics', () => {
  const TOKEN = 'a-long-token-for-prometheus-1234';
  const get = (t: TestApp, authorization?: string) => t.fetch('/metrics', { headers: authorization ? { authorization } : {} });

  it('is closed without METRICS_TOKEN or METRICS_ALLOW', async () => {
    const t = await buildTestApp();
    expect((await get(t)).status).toBe(403);
    expect((await get(t, 'Bearer ')).status).toBe(403);
  });

  it('opens with the bearer token only', async () => {
    const t = await buildTestApp({ env: { METRICS_TOKEN: TOKEN } });
    expect((await get(t)).status).toBe(403);
    expect((await get(t, `Bearer ${TOKEN}x`)).status).toBe(403);
    expect((await get(t, `Bearer ${TOKEN.slice(0, -1)}`)).status).toBe(403);
    expect((await get(t, TOKEN)).status).toBe(403);
    const ok = await get(t, `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('dvc_ws_open_sockets');
  });

  it('opens to listed addresses (the request here comes from 127.0.0.1)', async () => {
    expect((await get(await buildTestApp({ env: { METRICS_ALLOW: '127.0.0.0/8' } }))).status).toBe(200);
    expect((await get(await buildTestApp({ env: { METRICS_ALLOW: '10.0.0.0/8,192.168.1.5' } }))).status).toBe(403);
  });
});

describe('citizen sessions are issued by the server', () => {
  it('an id the server does not know gets a new one (HTTP and websocket); a known one resumes', async () => {
    const t = await buildTestApp();
    const chosen = '11111111-2222-4333-8444-555555555555';
    const body = await (await t.fetch('/api/ask', { method: 'POST', headers: json, body: JSON.stringify({ question: 'khai sinh', sessionId: chosen }) })).json();
    expect(body.sessionId).not.toBe(chosen);
    const c = await t.citizen(chosen);
    const issued = c.frames.find((f) => f.type === 'ready').sessionId;
    expect(issued).not.toBe(chosen);
    expect(issued).not.toBe(body.sessionId);
    const again = await t.citizen(issued);
    expect(again.frames.find((f) => f.type === 'ready').sessionId).toBe(issued);
    const http = await (await t.fetch('/api/ask', { method: 'POST', headers: json, body: JSON.stringify({ question: 'khai sinh', sessionId: body.sessionId }) })).json();
    expect(http.sessionId).toBe(body.sessionId);
    c.close();
    again.close();
  });
});

describe('the ask queue of one socket is bounded', () => {
  it('past 5 waiting asks, the next gets busy with its id; the queued ones are answered', async () => {
    const faulty = faultyStore(openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-queue-')), 'dvc.sqlite')));
    const t = await buildTestApp({ store: faulty.store });
    const c = await t.citizen();
    faulty.hold('conversations', 'addAnswer'); // the first ask waits on a slow disk
    c.send({ type: 'ask', id: 'q1', text: 'khai sinh' });
    await faulty.started;
    for (let i = 2; i <= 7; i++) c.send({ type: 'ask', id: `q${i}`, text: 'khai sinh' });
    const busy = await c.waitFor((f) => f.type === 'error' && f.code === 'busy');
    expect(busy.id).toBe('q7');
    faulty.release();
    await c.waitFor((f) => f.type === 'answer' && f.id === 'q6');
    expect(c.frames.filter((f) => f.type === 'answer').map((f) => f.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
    expect(c.frames.filter((f) => f.type === 'error')).toHaveLength(1);
    c.close();
  });
});

/** Resolves once `check` returns something, re-checking on each turn of the event loop. */
async function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}
