import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { ADMIN_PASSWORD, STAFF_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

let server: TestApp;
let staff: StaffHttp;
let admin: StaffHttp;

const send = (who: StaffHttp, method: string, path: string, body?: unknown, csrf = who.csrf) =>
  server.fetch(path, {
    method,
    headers: { cookie: who.cookie, 'x-csrf-token': csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

beforeAll(async () => {
  server = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv() } });
  staff = new StaffHttp(server);
  admin = new StaffHttp(server);
  await staff.login('canbo', STAFF_PASSWORD);
  await admin.login('quantri', ADMIN_PASSWORD);
});
afterAll(() => server?.close());

describe('canned replies', () => {
  it('admins write them, staff read them, by title', async () => {
    const res = await send(admin, 'POST', '/api/admin/canned-replies', { title: '  Chào hỏi ', text: 'Chào anh/chị, tôi là cán bộ Bộ phận Một cửa.' });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ title: 'Chào hỏi', updatedBy: 'quantri' });
    await send(admin, 'POST', '/api/admin/canned-replies', { title: 'Cảm ơn', text: 'Cảm ơn anh/chị đã liên hệ.' });

    const list = await staff.get('/api/staff/canned-replies');
    expect(list.status).toBe(200);
    expect((await list.json()).replies.map((r: { title: string }) => r.title)).toEqual(['Cảm ơn', 'Chào hỏi']);

    const put = await send(admin, 'PUT', `/api/admin/canned-replies/${created.id}`, { title: 'Chào hỏi', text: 'Chào anh/chị.' });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ id: created.id, text: 'Chào anh/chị.' });

    expect((await send(admin, 'DELETE', `/api/admin/canned-replies/${created.id}`)).status).toBe(204);
    const again = await send(admin, 'DELETE', `/api/admin/canned-replies/${created.id}`);
    expect(again.status).toBe(404);
    expect((await again.json()).error.code).toBe('not_found');
    expect((await send(admin, 'PUT', `/api/admin/canned-replies/${created.id}`, { title: 'a', text: 'b' })).status).toBe(404);
  });

  it('records who wrote, changed and deleted a reply in the audit log, without its text', async () => {
    const created = await (await send(admin, 'POST', '/api/admin/canned-replies', { title: 'Hẹn gọi lại', text: 'Cán bộ sẽ gọi lại cho anh/chị trong giờ làm việc.' })).json();
    await send(admin, 'PUT', `/api/admin/canned-replies/${created.id}`, { title: 'Hẹn gọi lại', text: 'Cán bộ sẽ gọi lại.' });
    await send(admin, 'DELETE', `/api/admin/canned-replies/${created.id}`);
    const { entries } = await (await admin.get('/api/admin/audit')).json();
    const mine = entries.filter((e: { detail: string }) => e.detail.startsWith(created.id));
    expect(mine.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`)).toEqual([
      'quantri canned_reply_deleted',
      'quantri canned_reply_updated',
      'quantri canned_reply_created',
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/sẽ gọi lại/);
  });

  it('refuses staff writing (403), strangers (401), and a missing or wrong CSRF token', async () => {
    const body = { title: 'x', text: 'y' };
    const byStaff = await send(staff, 'POST', '/api/admin/canned-replies', body);
    expect(byStaff.status).toBe(403);
    expect((await byStaff.json()).error.code).toBe('forbidden');
    expect((await server.fetch('/api/staff/canned-replies')).status).toBe(401);
    const noToken = await send(admin, 'POST', '/api/admin/canned-replies', body, '');
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).error.code).toBe('csrf');
    const wrongToken = await send(admin, 'POST', '/api/admin/canned-replies', body, `${admin.csrf.slice(0, -1)}${admin.csrf.endsWith('x') ? 'y' : 'x'}`);
    expect(wrongToken.status).toBe(403);
    const staffToken = await send(admin, 'POST', '/api/admin/canned-replies', body, staff.csrf);
    expect(staffToken.status).toBe(403);
    // the near miss: the admin's own token passes
    expect((await send(admin, 'POST', '/api/admin/canned-replies', body)).status).toBe(201);
  });

  it('answers 400 with what is expected for an empty title, a reply longer than a chat message, unknown fields, or a bad id', async () => {
    for (const body of [{ title: '   ', text: 'y' }, { title: 'x', text: 'y'.repeat(2001) }, { title: 'x'.repeat(81), text: 'y' }, { title: 'x', text: 'y', extra: 1 }, { title: 'x' }]) {
      const res = await send(admin, 'POST', '/api/admin/canned-replies', body);
      expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect((await res.json()).error.message).toMatch('1–80 ký tự');
    }
    expect((await send(admin, 'POST', '/api/admin/canned-replies', { title: 'x'.repeat(80), text: 'y'.repeat(2000) })).status).toBe(201);
    expect((await send(admin, 'PUT', '/api/admin/canned-replies/not-a-uuid', { title: 'x', text: 'y' })).status).toBe(400);
  });
});
