import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { ADMIN_PASSWORD, STAFF_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

describe('without any account configured', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await buildTestApp();
  });
  afterAll(() => server?.close());

  it('the staff and admin pages are off and say so; their APIs answer 503', async () => {
    for (const page of ['/staff', '/admin']) {
      const res = await server.fetch(`${page}`);
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/chưa được bật/i);
    }
    const login = await server.fetch(`/api/staff/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"a","password":"b"}' });
    expect(login.status).toBe(503);
    expect((await login.json()).error.code).toBe('staff_disabled');
    expect((await server.fetch(`/api/admin/overview`)).status).toBe(503);
    expect((await server.fetch(`/api/staff/handoffs`)).status).toBe(503);
  });

  it('the public statistics page stays open', async () => {
    expect((await server.fetch(`/thong-ke`)).status).toBe(200);
    expect((await server.fetch(`/api/public/stats`)).status).toBe(200);
  });
});

describe('with accounts', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
  });
  afterAll(() => server?.close());

  it('a wrong password gets 401, an unknown user too, and after five failures even the right password gets 429', async () => {
    const http = new StaffHttp(server);
    expect((await http.login('thu', 'sai-mat-khau')).status).toBe(401);
    expect((await http.login('khong-co', 'x')).status).toBe(401);
    for (let i = 0; i < 3; i++) await http.login('thu', 'sai-mat-khau');
    const fifth = await http.login('thu', 'sai-mat-khau');
    expect(fifth.status).toBe(401);
    const blocked = await http.login('thu', STAFF_PASSWORD);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe('too_many_attempts');
  });

  it('login sets an httpOnly SameSite=Strict cookie and returns a CSRF token', async () => {
    const http = new StaffHttp(server);
    const res = await http.login('quantri', ADMIN_PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^dvc_staff=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).not.toMatch(/Secure/i); // plain http here; Secure behind TLS
    const body = await res.json();
    expect(body.user).toEqual({ username: 'quantri', name: 'Quản trị viên', role: 'admin' });
    expect(body.csrf.length).toBeGreaterThan(20);
    expect((await (await http.get('/api/staff/me')).json()).user.username).toBe('quantri');
  });

  it('without TRUST_PROXY a client cannot claim TLS with X-Forwarded-Proto (no Secure cookie; see trust-proxy tests for a proxy)', async () => {
    const res = await new StaffHttp(server).login('quantri', ADMIN_PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).not.toMatch(/Secure/);
  });

  it('no session → 401; staff on admin APIs → 403; a POST without the CSRF token → 403', async () => {
    expect((await server.fetch(`/api/staff/handoffs`)).status).toBe(401);
    expect((await server.fetch(`/api/admin/overview`)).status).toBe(401);
    const staff = new StaffHttp(server);
    await staff.login('canbo', STAFF_PASSWORD);
    expect((await staff.get('/api/staff/handoffs')).status).toBe(200);
    const forbidden = await staff.get('/api/admin/overview');
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error.code).toBe('forbidden');
    const admin = new StaffHttp(server);
    await admin.login('quantri', ADMIN_PASSWORD);
    const noCsrf = await admin.post('/api/admin/reindex', undefined, '');
    expect(noCsrf.status).toBe(403);
    expect((await noCsrf.json()).error.code).toBe('csrf');
    const otherSessionsToken = new StaffHttp(server);
    await otherSessionsToken.login('quantri', ADMIN_PASSWORD);
    expect((await admin.post('/api/admin/reindex', undefined, otherSessionsToken.csrf)).status).toBe(403);
    expect((await admin.post('/api/admin/reindex')).status).toBe(200);
  });

  it('logout ends the session', async () => {
    const staff = new StaffHttp(server);
    await staff.login('canbo', STAFF_PASSWORD);
    expect((await staff.post('/api/staff/logout')).status).toBe(204);
    expect((await staff.get('/api/staff/me')).status).toBe(401);
  });

  it('the staff socket needs a session and a same-origin page', async () => {
    const staff = new StaffHttp(server);
    await expect(staff.socket()).rejects.toThrow('HTTP 401');
    await staff.login('canbo', STAFF_PASSWORD);
    await expect(staff.socket('https://evil.example')).rejects.toThrow('HTTP 403');
    await expect(server.socket('/staff/ws', { cookie: staff.cookie })).rejects.toThrow('HTTP 403'); // no Origin at all
    const ok = await staff.socket();
    expect((await ok.waitFor((f) => f.type === 'queue')).waiting).toEqual([]);
    ok.close();
  });

  it('a citizen socket cannot send staff frames nor receive staff-only frames', async () => {
    const staff = new StaffHttp(server);
    await staff.login('canbo', STAFF_PASSWORD);
    const staffSocket = await staff.socket();
    const citizen = await server.citizen();
    citizen.send({ type: 'take', handoffId: '00000000-0000-4000-8000-000000000000' });
    expect((await citizen.waitFor((f) => f.type === 'error')).code).toBe('unknown_type');
    citizen.send({ type: 'handoff', reason: 'xin gặp cán bộ' });
    await citizen.waitFor((f) => f.type === 'handoff');
    await staffSocket.waitFor((f) => f.type === 'queue' && f.waiting.length > 0);
    await citizen.ask('q', 'làm hộ chiếu ở đâu');
    const citizenTypes = new Set(citizen.frames.map((f) => f.type));
    for (const staffOnly of ['queue', 'citizen']) expect(citizenTypes.has(staffOnly)).toBe(false);
    citizen.close();
    staffSocket.close();
  });

  it('pages are served with a strict Content-Security-Policy', async () => {
    const res = await server.fetch(`/staff`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
