import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseTrackingCode } from '../../src/feedback/codes.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { ADMIN_PASSWORD, STAFF_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

const DAY = 86_400_000;
const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

let server: TestApp;
let clock: FakeClock;
let staff: StaffHttp;
let other: StaffHttp;
let admin: StaffHttp;

beforeAll(async () => {
  clock = new FakeClock(Date.parse('2026-11-25T03:00:00Z'));
  const logs: string[] = [];
  server = await buildTestApp({ clock, logs, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', FEEDBACK_RATE_LIMIT: '1000' } });
  (server as TestApp & { logs: string[] }).logs = logs;
  staff = new StaffHttp(server);
  other = new StaffHttp(server);
  admin = new StaffHttp(server);
  await staff.login('canbo', STAFF_PASSWORD);
  await other.login('thu', STAFF_PASSWORD);
  await admin.login('quantri', ADMIN_PASSWORD);
});
afterAll(() => server?.close());

async function submit(body: Record<string, unknown>) {
  const res = await server.fetch('/api/feedback-requests', json(body));
  return { status: res.status, body: await res.json() };
}

describe('a citizen sends a góp ý and follows it by code', () => {
  it('gets an unguessable tracking code and a due date; the text is stored redacted, the contact kept for staff but never logged', async () => {
    const { status, body } = await submit({ kind: 'complaint', text: 'Nộp hồ sơ mãi không được, số CCCD của tôi 012345678901', contact: '0912 345 678' });
    expect(status).toBe(201);
    expect(body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(body).toMatchObject({ status: 'new', dueAt: new Date(clock.now() + 7 * DAY).toISOString() });

    const { items } = await (await staff.get('/api/staff/feedback?status=new')).json();
    const item = items.find((i: { code: string }) => i.code === body.code);
    expect(item).toMatchObject({ kind: 'complaint', contact: '0912 345 678', status: 'new', overdue: false });
    expect(item.text).toBe('Nộp hồ sơ mãi không được, số CCCD của tôi [số định danh]');
    const logs = (server as TestApp & { logs: string[] }).logs.join('\n');
    expect(logs).toContain('feedback_item_received');
    expect(logs).not.toMatch(/0912 345 678|012345678901|Nộp hồ sơ mãi/);
  });

  it('reads status and reply by code (in any case, without dashes), with no personal data; a wrong code is 404', async () => {
    const { body } = await submit({ kind: 'suggestion', text: 'Nên có hướng dẫn bằng tiếng Thái', contact: 'nguoidan@example.vn' });
    const typed = body.code.toLowerCase().replaceAll('-', '');
    const res = await server.fetch(`/api/public/feedback/${typed}`);
    expect(res.status).toBe(200);
    const seen = await res.json();
    expect(seen).toEqual({ code: body.code, kind: 'suggestion', status: 'new', receivedAt: new Date(clock.now()).toISOString(), dueAt: body.dueAt, answeredAt: null, reply: null });
    expect(JSON.stringify(seen)).not.toMatch(/example\.vn|tiếng Thái/);

    // A near miss: one character changed is another (unknown) code.
    const last = body.code.at(-1) === '0' ? '1' : '0';
    const near = await server.fetch(`/api/public/feedback/${body.code.slice(0, -1)}${last}`);
    expect(near.status).toBe(404);
    expect((await near.json()).error.code).toBe('unknown_code');
    expect((await server.fetch('/api/public/feedback/not-a-code')).status).toBe(404);
  });

  it('refuses a bad request with a clear 400: unknown kind, text too short, a contact that is neither a phone nor an email, extra fields', async () => {
    for (const bad of [
      { kind: 'praise', text: 'Rất tốt, cảm ơn cán bộ' },
      { kind: 'suggestion', text: 'ok' },
      { kind: 'suggestion', text: 'Nên mở thêm quầy', contact: 'nhà tôi ở bản Mòng' },
      { kind: 'suggestion', text: 'Nên mở thêm quầy', admin: true },
    ]) {
      const { status, body } = await submit(bad);
      expect(status, JSON.stringify(bad)).toBe(400);
      expect(body.error).toMatchObject({ code: 'bad_request' });
      expect(body.error.message).toMatch(/suggestion/);
    }
    // The near miss passes: an email contact, no contact at all.
    expect((await submit({ kind: 'suggestion', text: 'Nên mở thêm quầy', contact: 'a.b@sonla.gov.vn' })).status).toBe(201);
    expect((await submit({ kind: 'suggestion', text: 'Nên mở thêm quầy' })).status).toBe(201);
  });

  it('normalises codes as citizens type them: lower case, spaces, O for 0 and I or L for 1', () => {
    expect(normaliseTrackingCode('k7qm 4tzx 9hpa')).toBe('K7QM-4TZX-9HPA');
    expect(normaliseTrackingCode('KOQM-4TZX-9HPL')).toBe('K0QM-4TZX-9HP1');
    expect(normaliseTrackingCode('K7QM-4TZX-9HP')).toBeNull();
    expect(normaliseTrackingCode('K7QM-4TZX-9HPU')).toBeNull(); // U is not in the alphabet
  });
});

describe('the desk works the queue', () => {
  it('staff take an item, move it, and answer it; the citizen reads the reply; every change is audited', async () => {
    const { body } = await submit({ kind: 'complaint', text: 'Cán bộ hẹn trả kết quả nhưng chưa thấy' });
    const { items } = await (await staff.get('/api/staff/feedback')).json();
    const id = items.find((i: { code: string }) => i.code === body.code).id;

    const taken = await staff.patch(`/api/staff/feedback/${id}`, { assignee: 'canbo', status: 'in_progress' });
    expect(taken.status).toBe(200);
    expect((await taken.json()).item).toMatchObject({ assignee: 'canbo', status: 'in_progress' });
    expect((await (await server.fetch(`/api/public/feedback/${body.code}`)).json()).status).toBe('in_progress');

    await clock.advance(2 * 3600_000);
    const replied = await staff.post(`/api/staff/feedback/${id}/reply`, { text: 'Hồ sơ của bà con đã có kết quả, mời nhận tại Bộ phận Một cửa.' });
    expect(replied.status).toBe(200);
    expect((await replied.json()).item).toMatchObject({ status: 'answered', answeredBy: 'canbo' });
    const seen = await (await server.fetch(`/api/public/feedback/${body.code}`)).json();
    expect(seen).toMatchObject({ status: 'answered', reply: 'Hồ sơ của bà con đã có kết quả, mời nhận tại Bộ phận Một cửa.', answeredAt: new Date(clock.now()).toISOString() });

    // An answered item does not go back by a status change.
    const back = await staff.patch(`/api/staff/feedback/${id}`, { status: 'new' });
    expect(back.status).toBe(409);
    expect((await back.json()).error.code).toBe('already_answered');

    const detail = await (await staff.get(`/api/staff/feedback/${id}`)).json();
    expect(detail.item.code).toBe(body.code);
    const audit = (await (await admin.get('/api/admin/audit')).json()).entries.filter((e: { detail: string }) => e.detail.startsWith(body.code));
    expect(audit.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`).reverse()).toEqual(['canbo feedback_status', 'canbo feedback_assigned', 'canbo feedback_replied']);
    expect(JSON.stringify(audit)).not.toContain('mời nhận');
  });

  it('guards every change: CSRF (missing and wrong), sign-in, roles for assigning and due dates, another officer’s item', async () => {
    const { body } = await submit({ kind: 'suggestion', text: 'Nên có chỗ để xe cho người dân' });
    const { items } = await (await admin.get('/api/staff/feedback')).json();
    const id = items.find((i: { code: string }) => i.code === body.code).id;
    const path = `/api/staff/feedback/${id}`;

    expect((await staff.patch(path, { status: 'in_progress' }, '')).status).toBe(403);
    const wrong = await staff.patch(path, { status: 'in_progress' }, `${staff.csrf}x`);
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).error.code).toBe('csrf');
    expect((await staff.patch(path, { status: 'in_progress' }, other.csrf)).status).toBe(403); // another session's token
    expect((await server.fetch('/api/staff/feedback')).status).toBe(401);
    expect((await server.fetch(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"new"}' })).status).toBe(401);

    // Staff assign to themselves only; admins assign anyone, and only to an existing account.
    const toOther = await staff.patch(path, { assignee: 'thu' });
    expect(toOther.status).toBe(403);
    expect((await toOther.json()).error.code).toBe('forbidden');
    expect((await admin.patch(path, { assignee: 'khong-ton-tai' })).status).toBe(400);
    expect((await admin.patch(path, { assignee: 'thu' })).status).toBe(200);

    // Now it is Thu's: another officer can neither move nor answer it; Thu and admins can.
    expect((await staff.patch(path, { status: 'in_progress' })).status).toBe(403);
    expect((await staff.post(`${path}/reply`, { text: 'Đã ghi nhận.' })).status).toBe(403);
    expect((await other.patch(path, { status: 'in_progress' })).status).toBe(200);

    // Due dates: admins only.
    const due = new Date(clock.now() + 30 * DAY).toISOString();
    expect((await other.patch(path, { dueAt: due })).status).toBe(403);
    const redated = await admin.patch(path, { dueAt: due });
    expect(redated.status).toBe(200);
    expect((await redated.json()).item.dueAt).toBe(due);

    // Bad bodies: nothing to change, an unknown status, 'answered' by a status change, a bad id.
    for (const bad of [{}, { status: 'done' }, { status: 'answered' }, { dueAt: 'ngày mai' }]) expect((await admin.patch(path, bad)).status).toBe(400);
    expect((await admin.patch('/api/staff/feedback/123', { status: 'new' })).status).toBe(400);
    expect((await admin.patch('/api/staff/feedback/00000000-0000-4000-8000-000000000000', { status: 'new' })).status).toBe(404);
    expect((await other.post(`${path}/reply`, { text: '   ' })).status).toBe(400);
  });

  it('lists by status, kind and assignee, earliest due first, and marks overdue items', async () => {
    const { body } = await submit({ kind: 'complaint', text: 'Quầy số 3 không có người trực' });
    clock.jump(8 * DAY);
    for (const [who, name, password] of [[staff, 'canbo', STAFF_PASSWORD], [other, 'thu', STAFF_PASSWORD], [admin, 'quantri', ADMIN_PASSWORD]] as const) await who.login(name, password); // sessions expired
    const { items } = await (await staff.get('/api/staff/feedback?status=new,in_progress&kind=complaint')).json();
    expect(items.every((i: { status: string; kind: string }) => i.kind === 'complaint' && i.status !== 'answered')).toBe(true);
    expect(items.find((i: { code: string }) => i.code === body.code).overdue).toBe(true);
    const dues = items.map((i: { dueAt: string }) => i.dueAt);
    expect(dues).toEqual([...dues].sort());
    const mine = await (await staff.get('/api/staff/feedback?assignee=thu')).json();
    expect(mine.items.every((i: { assignee: string }) => i.assignee === 'thu')).toBe(true);
    expect((await staff.get('/api/staff/feedback?status=lost')).status).toBe(400);
  });
});

describe('thumbs-down comments, survey comments and call-backs enter the same queue', () => {
  it('each gets a tracking code in its acknowledgement; a thumbs-up or a survey without comment does not', async () => {
    const c = await server.citizen();
    const { answer } = await c.ask('1', 'đổi bằng lái xe ô tô hết hạn');
    c.send({ type: 'feedback', answerId: answer.answerId, rating: 'up' });
    const up = await c.waitFor((f) => f.type === 'ack' && f.kind === 'feedback');
    expect(up.code).toBeUndefined();
    c.send({ type: 'feedback', answerId: answer.answerId, rating: 'down', comment: 'Thiếu lệ phí, gọi tôi 0987654321' });
    const down = await c.waitFor((f) => f.type === 'ack' && f.kind === 'feedback' && f.code);
    c.send({ type: 'survey', score: 4 });
    const plain = await c.waitFor((f) => f.type === 'ack' && f.kind === 'survey');
    expect(plain.code).toBeUndefined();
    c.send({ type: 'survey', score: 2, comment: 'Chờ lâu quá' });
    const survey = await c.waitFor((f) => f.type === 'ack' && f.kind === 'survey' && f.code);
    c.send({ type: 'callback', phone: '0912 000 111' });
    const callback = await c.waitFor((f) => f.type === 'ack' && f.kind === 'callback');
    c.close();

    const { items } = await (await staff.get('/api/staff/feedback?kind=rating,survey,callback')).json();
    const byCode = (code: string) => items.find((i: { code: string }) => i.code === code);
    expect(byCode(down.code)).toMatchObject({ kind: 'rating', text: 'Thiếu lệ phí, gọi tôi [số điện thoại]', answerId: answer.answerId });
    expect(byCode(survey.code)).toMatchObject({ kind: 'survey', score: 2, text: 'Chờ lâu quá' });
    expect(byCode(callback.code)).toMatchObject({ kind: 'callback', contact: '0912 000 111' });
    const detail = await (await staff.get(`/api/staff/feedback/${byCode(down.code).id}`)).json();
    expect(detail.transcript.map((t: { text: string }) => t.text)).toContain('đổi bằng lái xe ô tô hết hạn');
  });

  it('the widget sends a góp ý and looks it up over the websocket; a wrong code gets unknown_code, and guessing stops after five', async () => {
    const c = await server.citizen();
    c.send({ type: 'feedback_request', kind: 'suggestion', text: 'Thêm hướng dẫn đăng ký thường trú', contact: '0912 345 678' });
    const ack = await c.waitFor((f) => f.type === 'ack' && f.kind === 'feedback_request');
    expect(ack.code).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    c.send({ type: 'feedback_request', kind: 'suggestion', text: 'ok' });
    await c.waitFor((f) => f.type === 'error' && f.code === 'bad_frame');

    c.send({ type: 'feedback_lookup', code: ack.code });
    const status = await c.waitFor((f) => f.type === 'feedback_status');
    expect(status.item).toMatchObject({ code: ack.code, kind: 'suggestion', status: 'new', reply: null });
    expect(JSON.stringify(status)).not.toMatch(/0912|thường trú/);

    for (let i = 0; i < 5; i++) {
      c.send({ type: 'feedback_lookup', code: `AAAA-AAAA-AAA${i}` });
      await c.waitFor((f) => f.type === 'error' && f.code === 'unknown_code' && c.frames.filter((x) => x.code === 'unknown_code').length === i + 1);
    }
    c.send({ type: 'feedback_lookup', code: ack.code }); // even a right code, once this socket has guessed too often
    await c.waitFor((f) => f.type === 'error' && f.code === 'rate_limited');
    c.close();
  });
});

describe('rate limits', () => {
  it('limits submissions and look-ups per address (429 with a Vietnamese message); another address is not affected', async () => {
    const limited = await buildTestApp({ env: { FEEDBACK_RATE_LIMIT: '2', TRUST_PROXY: '1' } });
    const look = (ip: string) => limited.fetch('/api/public/feedback/AAAA-AAAA-AAAA', { headers: { 'x-forwarded-for': ip } });
    expect((await look('203.0.113.5')).status).toBe(404);
    expect((await look('203.0.113.5')).status).toBe(404);
    const third = await look('203.0.113.5');
    expect(third.status).toBe(429);
    expect((await third.json()).error).toMatchObject({ code: 'rate_limited' });
    expect((await look('203.0.113.6')).status).toBe(404);
  });
});
