import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { ADMIN_PASSWORD, STAFF_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';

describe('handoff to the one-stop desk (office open)', () => {
  let server: TestApp;
  beforeAll(async () => {
    server = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '600' } });
  });
  afterAll(() => server?.close());

  it('citizen asks for a person, staff takes it, they talk both ways in real time, staff closes it and the bot is back', async () => {
    const staff = new StaffHttp(server);
    expect((await staff.login('canbo', STAFF_PASSWORD)).status).toBe(200);
    const desk = await staff.socket();
    await desk.waitFor((f) => f.type === 'queue');

    const c = await server.citizen();
    await c.ask('1', 'đăng ký kết hôn cần gì, sđt tôi 0912345678');
    c.send({ type: 'handoff', reason: 'Tôi muốn hỏi trường hợp riêng' });
    expect(await c.waitFor((f) => f.type === 'handoff')).toMatchObject({ state: 'waiting' });

    const queued = await desk.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
    const h = queued.waiting[0];
    expect(h.reason).toBe('Tôi muốn hỏi trường hợp riêng');
    const transcript = h.transcript.map((m: any) => `${m.role}:${m.text}`).join('\n');
    expect(transcript).toContain('citizen:đăng ký kết hôn cần gì, sđt tôi [số điện thoại]');
    // the desk sees the bot's reply as the citizen got it (with the notice about the redacted number)
    expect(h.transcript.find((m: any) => m.role === 'bot').text).toContain('bà con không cần gửi số căn cước, số điện thoại');
    expect(transcript).not.toContain('0912345678');

    // staff takes it over HTTP; the citizen is told who
    const take = await staff.post(`/api/staff/handoffs/${h.id}/take`);
    expect(take.status).toBe(200);
    expect((await take.json()).handoff).toMatchObject({ state: 'taken', takenBy: 'canbo' });
    expect(await c.waitFor((f) => f.type === 'handoff' && f.state === 'taken')).toMatchObject({ staffName: 'Lò Thị Hoa' });
    expect((await staff.post(`/api/staff/handoffs/${h.id}/take`)).status).toBe(409);

    // a citizen who reconnects learns that a person has the chat
    const rejoined = await server.socket();
    rejoined.send({ type: 'hello', sessionId: c.frames[0].sessionId });
    expect(await rejoined.waitFor((f) => f.type === 'handoff')).toMatchObject({ state: 'taken', staffName: 'Lò Thị Hoa' });
    rejoined.close();

    // staff → citizen, over the live socket
    desk.send({ type: 'message', handoffId: h.id, text: 'Chào bác, bác cần hỏi gì ạ?' });
    expect(await c.waitFor((f) => f.type === 'staff')).toEqual({ type: 'staff', id: expect.any(Number), at: expect.any(String), name: 'Lò Thị Hoa', text: 'Chào bác, bác cần hỏi gì ạ?' });

    // citizen → staff: acknowledged, forwarded, not answered by the bot
    c.send({ type: 'ask', id: '2', text: 'Vợ tôi là người Lào thì sao?' });
    await c.waitFor((f) => f.type === 'ack' && f.ref === '2');
    expect(await desk.waitFor((f) => f.type === 'citizen')).toMatchObject({ handoffId: h.id, text: 'Vợ tôi là người Lào thì sao?' });
    expect(c.frames.some((f) => f.type === 'answer' && f.id === '2')).toBe(false);

    // another staff member cannot write into it; an admin could
    const other = new StaffHttp(server);
    await other.login('thu', STAFF_PASSWORD);
    expect((await other.post(`/api/staff/handoffs/${h.id}/messages`, { text: 'xin chào' })).status).toBe(403);

    // staff closes; the citizen is back with the bot
    expect((await staff.post(`/api/staff/handoffs/${h.id}/close`)).status).toBe(200);
    expect(await c.waitFor((f) => f.type === 'handoff' && f.state === 'closed')).toBeTruthy();
    const { answer } = await c.ask('3', 'làm hộ chiếu ở đâu');
    expect(answer.sources[0].id).toBe('ho-chieu');

    // the admin sees the handoff, its waiting time and the audit trail
    const admin = new StaffHttp(server);
    await admin.login('quantri', ADMIN_PASSWORD);
    const overview = await (await admin.get('/api/admin/overview')).json();
    expect(overview.handoffs).toMatchObject({ total: 1, closed: 1 });
    expect(overview.handoffs.avgWaitSeconds).toBeGreaterThanOrEqual(0);
    const audit = (await (await admin.get('/api/admin/audit')).json()).entries.map((e: any) => `${e.actor}:${e.action}`);
    expect(audit).toEqual(expect.arrayContaining(['canbo:handoff_taken', 'canbo:handoff_closed']));
    c.close();
    desk.close();
  });
});

describe('nobody available', () => {
  it('outside office hours the citizen is told so and can leave a phone number that staff see', async () => {
    // Monday 30 November 2026, 20:00 in Vietnam: after office hours
    const clock = new FakeClock(Date.parse('2026-11-30T13:00:00Z'));
    const server = await buildTestApp({ clock, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'Mon-Fri 07:30-11:30,13:30-17:00' } });
    try {
      const c = await server.citizen();
      c.send({ type: 'handoff' });
      const reply = await c.waitFor((f) => f.type === 'handoff');
      expect(reply).toMatchObject({ state: 'unavailable', callback: true });
      expect(reply.message).toContain('ngoài giờ làm việc');
      expect(reply.message).toContain('18001096');
      // The hours in words, never the raw setting; the hotline as its own field for a tap-to-call link.
      expect(reply.message).toContain('thứ Hai đến thứ Sáu: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ');
      expect(reply.message).not.toContain('Mon-Fri');
      expect(reply.hotline).toBe('18001096');
      expect(c.frames[0].support).toEqual({ hotline: '18001096', hours: 'thứ Hai đến thứ Sáu: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ' });
      c.send({ type: 'callback', phone: '09xx' });
      expect((await c.waitFor((f) => f.type === 'error')).code).toBe('bad_frame');
      c.send({ type: 'callback', phone: '0912 345 678' });
      await c.waitFor((f) => f.type === 'ack' && f.ref === 'callback');
      const staff = new StaffHttp(server);
      await staff.login('canbo', STAFF_PASSWORD);
      const { callbacks } = await (await staff.get('/api/staff/handoffs')).json();
      expect(callbacks).toHaveLength(1);
      expect(callbacks[0].callbackPhone).toBe('0912 345 678');
      // marking it done removes it from the list
      expect((await staff.post(`/api/staff/handoffs/${callbacks[0].id}/close`)).status).toBe(200);
      expect((await (await staff.get('/api/staff/handoffs')).json()).callbacks).toEqual([]);
      c.close();
    } finally {
      await server.close();
    }
  });

  it('a request nobody takes in time ends with an apology, the hotline and a call-back offer', async () => {
    const clock = new FakeClock();
    const server = await buildTestApp({ clock, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '300' } });
    try {
      const c = await server.citizen();
      c.send({ type: 'handoff' });
      await c.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
      await clock.advance(290_000);
      expect(c.frames.some((f) => f.type === 'handoff' && f.state === 'unavailable')).toBe(false);
      await clock.advance(20_000);
      const ended = await c.waitFor((f) => f.type === 'handoff' && f.state === 'unavailable');
      expect(ended.callback).toBe(true);
      expect(ended.message).toContain('chưa có cán bộ');
      const admin = new StaffHttp(server);
      await admin.login('quantri', ADMIN_PASSWORD);
      expect((await (await admin.get('/api/admin/overview')).json()).handoffs.timedOut).toBe(1);
      c.close();
    } finally {
      await server.close();
    }
  });
});

describe('waiting for a person', () => {
  it('tells each waiting citizen their place in the queue as it moves, and the expected wait once there is history', async () => {
    const clock = new FakeClock();
    const server = await buildTestApp({ clock, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always', HANDOFF_WAIT_SECONDS: '3600' } });
    try {
      const staff = new StaffHttp(server);
      await staff.login('canbo', STAFF_PASSWORD);
      // Three earlier requests taken after 2, 4 and 6 minutes: a median wait of 4 minutes.
      for (const minutes of [2, 4, 6]) {
        const earlier = await server.citizen();
        earlier.send({ type: 'handoff' });
        const w = await earlier.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
        expect(w).toMatchObject({ position: 1 });
        expect(w.waitMinutes).toBeUndefined(); // no history yet for the first three
        await clock.advance(minutes * 60_000);
        const { waiting } = await (await staff.get('/api/staff/handoffs')).json();
        await staff.post(`/api/staff/handoffs/${waiting[0].id}/take`);
        await staff.post(`/api/staff/handoffs/${waiting[0].id}/close`);
        earlier.close();
      }

      const first = await server.citizen();
      first.send({ type: 'handoff' });
      expect(await first.waitFor((f) => f.type === 'handoff' && f.state === 'waiting')).toMatchObject({ position: 1, waitMinutes: 4 });
      const second = await server.citizen();
      second.send({ type: 'handoff' });
      expect(await second.waitFor((f) => f.type === 'handoff' && f.state === 'waiting')).toMatchObject({ position: 2, waitMinutes: 8 });
      // Asking again does not make a second request: the same place.
      second.send({ type: 'handoff' });
      await second.waitFor((f) => f.type === 'handoff' && second.frames.filter((x) => x.type === 'handoff').length === 2);
      expect(second.frames.filter((x) => x.type === 'handoff').at(-1)).toMatchObject({ state: 'waiting', position: 2 });
      expect((await (await staff.get('/api/staff/handoffs')).json()).waiting).toHaveLength(2);

      // The first is taken: the second moves up and is told so.
      const { waiting } = await (await staff.get('/api/staff/handoffs')).json();
      await staff.post(`/api/staff/handoffs/${waiting[0].id}/take`);
      expect(await second.waitFor((f) => f.type === 'handoff' && f.position === 1)).toMatchObject({ state: 'waiting', waitMinutes: 4 });
      first.close();
      second.close();
    } finally {
      await server.close();
    }
  });

  it('the citizen ends the conversation: the request is closed, staff see it leave, the bot answers again', async () => {
    const server = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const staff = new StaffHttp(server);
    await staff.login('canbo', STAFF_PASSWORD);
    const desk = await staff.socket();
    await desk.waitFor((f) => f.type === 'queue');
    const c = await server.citizen();
    c.send({ type: 'handoff' });
    await desk.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
    c.send({ type: 'end' });
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'end');
    expect(await c.waitFor((f) => f.type === 'handoff' && f.state === 'closed')).toMatchObject({ message: expect.stringContaining('kết thúc') });
    await desk.waitFor((f) => f.type === 'queue' && f.waiting.length === 0);
    const { answer } = await c.ask('1', 'làm hộ chiếu ở đâu');
    expect(answer.sources[0].id).toBe('ho-chieu');
    // Ending with nothing open is harmless.
    c.send({ type: 'end' });
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'end' && c.frames.filter((x) => x.ref === 'end').length === 2);
    expect(c.frames.filter((f) => f.type === 'handoff' && f.state === 'closed')).toHaveLength(1);
    c.close();
    desk.close();
  });
});
