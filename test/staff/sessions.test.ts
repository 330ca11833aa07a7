import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { TEST_ORIGIN } from '../helpers/http.js';
import { ADMIN_PASSWORD, StaffHttp, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import type { TestClient } from '../helpers/ws-client.js';

const ENDED = { code: 4401, reason: 'Phiên đăng nhập đã kết thúc.' };

async function signedIn(t: TestApp, username = 'canbo', password = STAFF_PASSWORD) {
  const http = new StaffHttp(t);
  expect((await http.login(username, password)).status).toBe(200);
  const socket = await http.socket();
  await socket.waitFor((f) => f.type === 'queue');
  return { http, socket };
}

/** A citizen asks for a person: every staff socket still open gets the new queue. */
async function newRequest(t: TestApp): Promise<TestClient> {
  const c = await t.citizen();
  c.send({ type: 'handoff', reason: 'có số điện thoại 0912345678 trong hồ sơ' });
  await c.waitFor((f) => f.type === 'handoff');
  return c;
}

describe('staff websockets end with the session', () => {
  it('logout closes the socket at once; the cookie opens no new one', async () => {
    const t = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const { http, socket } = await signedIn(t);
    const other = await signedIn(t); // another session of the same person stays
    expect((await http.post('/api/staff/logout')).status).toBe(204);
    expect(await socket.waitForClose()).toEqual(ENDED);
    const framesAfter = socket.frames.length;
    const c = await newRequest(t);
    await other.socket.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
    expect(socket.frames.length).toBe(framesAfter);
    await expect(t.socket('/staff/ws', { cookie: http.cookie, origin: TEST_ORIGIN })).rejects.toThrow('HTTP 401');
    c.close();
    other.socket.close();
  });

  it('expiry closes the socket; nothing more reaches it; its requests get 401', async () => {
    const clock = new FakeClock();
    const t = await buildTestApp({ clock, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', STAFF_SESSION_HOURS: '1', HANDOFF_WAIT_SECONDS: '86400' } });
    const { http, socket } = await signedIn(t);
    await clock.advance(3600_000 - 20_000);
    expect(socket.closed).toBeUndefined(); // not before its time
    expect((await http.get('/api/staff/handoffs')).status).toBe(200);
    await clock.advance(20_000);
    expect(await socket.waitForClose()).toEqual(ENDED);
    expect((await http.get('/api/staff/handoffs')).status).toBe(401);
    expect((await http.post('/api/staff/handoffs/00000000-0000-4000-8000-000000000000/take')).status).toBe(401);
  });

  it('a session that expired between two checks gets nothing more and cannot take', async () => {
    const clock = new FakeClock();
    const t = await buildTestApp({ clock, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', STAFF_SESSION_HOURS: '1', HANDOFF_WAIT_SECONDS: '86400' } });
    const { socket } = await signedIn(t);
    const c = await newRequest(t);
    const { waiting } = await socket.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
    clock.jump(3600_000 + 1); // past expiry, before the periodic check runs
    const before = socket.frames.length;
    socket.send({ type: 'take', handoffId: waiting[0].id });
    expect(await socket.waitForClose()).toEqual(ENDED);
    expect(socket.frames.slice(before)).toEqual([]);
    expect((await t.app.store.handoffs.get(waiting[0].id))?.state).toBe('waiting');
    c.close();
  });

  it('a removed account or a changed role closes its sockets when ACCOUNTS_FILE changes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-accounts-'));
    const file = path.join(dir, 'accounts.json');
    const [staffHash, adminHash] = await Promise.all([hashPassword(STAFF_PASSWORD), hashPassword(ADMIN_PASSWORD)]);
    const accounts = (adminRole: string, withStaff: boolean) =>
      JSON.stringify([
        { username: 'quantri', name: 'Quản trị viên', role: adminRole, passwordHash: adminHash },
        ...(withStaff ? [{ username: 'canbo', name: 'Lò Thị Hoa', role: 'staff', passwordHash: staffHash }] : []),
      ]);
    writeFileSync(file, accounts('admin', true));
    const t = await buildTestApp({ env: { ACCOUNTS_FILE: file, OFFICE_HOURS: 'always' } });
    const admin = await signedIn(t, 'quantri', ADMIN_PASSWORD);
    const staff = await signedIn(t, 'canbo', STAFF_PASSWORD);
    expect((await admin.http.get('/api/admin/overview')).status).toBe(200);

    writeFileSync(file, accounts('staff', true)); // the admin becomes staff (the server polls the file)
    expect(await admin.socket.waitForClose()).toEqual(ENDED);
    expect(staff.socket.closed).toBeUndefined();
    expect((await admin.http.get('/api/admin/overview')).status).toBe(403);

    writeFileSync(file, accounts('staff', false)); // canbo removed
    expect(await staff.socket.waitForClose()).toEqual(ENDED);
    expect((await staff.http.get('/api/staff/handoffs')).status).toBe(401);
  });
});

describe('who may end a chat', () => {
  it('only the staff member who has it, or an admin', async () => {
    const t = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const holder = await signedIn(t, 'canbo');
    const colleague = await signedIn(t, 'thu');
    const admin = await signedIn(t, 'quantri', ADMIN_PASSWORD);
    const c = await newRequest(t);
    const { waiting } = await holder.socket.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
    const id = waiting[0].id;
    expect((await holder.http.post(`/api/staff/handoffs/${id}/take`)).status).toBe(200);

    const refused = await colleague.http.post(`/api/staff/handoffs/${id}/close`);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('not_yours');
    colleague.socket.send({ type: 'close', handoffId: id });
    expect(await colleague.socket.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'not_yours' });
    expect(c.frames.some((f) => f.type === 'handoff' && f.state === 'closed')).toBe(false);

    expect((await admin.http.post(`/api/staff/handoffs/${id}/close`)).status).toBe(200);
    await c.waitFor((f) => f.type === 'handoff' && f.state === 'closed');
    for (const s of [holder, colleague, admin]) s.socket.close();
    c.close();
  });
});

describe('CSRF token', () => {
  it('must match the session’s token exactly (compared in constant time)', async () => {
    const t = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const admin = new StaffHttp(t);
    await admin.login('quantri', ADMIN_PASSWORD);
    const sameLength = admin.csrf.slice(0, -1) + (admin.csrf.endsWith('A') ? 'B' : 'A');
    for (const token of ['', 'x', sameLength, `${admin.csrf} `, admin.csrf.toUpperCase() === admin.csrf ? `${admin.csrf}x` : admin.csrf.toUpperCase()]) {
      const res = await admin.post('/api/admin/reindex', undefined, token);
      expect(res.status, JSON.stringify(token)).toBe(403);
      expect((await res.json()).error.code).toBe('csrf');
    }
    expect((await admin.post('/api/admin/reindex')).status).toBe(200);
  });
});

describe('the staff socket’s origin', () => {
  it('is compared exactly with the page’s own origin; look-alikes and forwarded hosts do not pass', async () => {
    const t = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const staff = new StaffHttp(t);
    await staff.login('canbo', STAFF_PASSWORD);
    for (const origin of [`${TEST_ORIGIN}.evil.example`, `${TEST_ORIGIN}:8080`, 'https://dvc.test', 'http://evil.example', 'null']) {
      await expect(staff.socket(origin), origin).rejects.toThrow('HTTP 403');
    }
    await expect(t.socket('/staff/ws', { cookie: staff.cookie, origin: 'http://evil.example', 'x-forwarded-host': 'evil.example' })).rejects.toThrow('HTTP 403');
    (await staff.socket(TEST_ORIGIN)).close();
  });
});
