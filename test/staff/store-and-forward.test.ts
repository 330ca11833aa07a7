import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { faultyStore } from '../helpers/faulty-store.js';
import { StaffHttp, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import { TestClient } from '../helpers/ws-client.js';

/**
 * A staff reply sent while the citizen's connection is down is kept and delivered when they come
 * back (hello with their session), in order and exactly once; the desk sees whether the citizen is
 * online and which messages reached them.
 */
async function deskWithTakenChat(t: TestApp | TestServer) {
  const staff = new StaffHttp(t);
  await staff.login('canbo', STAFF_PASSWORD);
  const desk = await staff.socket();
  await desk.waitFor((f) => f.type === 'queue');
  const citizen = 'wsUrl' in t ? await connectCitizen(t) : await t.citizen();
  const sessionId: string = citizen.frames[0].sessionId;
  citizen.send({ type: 'handoff' });
  const { waiting } = await desk.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
  const id: string = waiting[0].id;
  expect((await staff.post(`/api/staff/handoffs/${id}/take`)).status).toBe(200);
  await citizen.waitFor((f) => f.type === 'handoff' && f.state === 'taken');
  return { staff, desk, citizen, sessionId, id };
}

const staffTexts = (c: TestClient) => c.frames.filter((f) => f.type === 'staff').map((f) => f.text);
const lastQueue = (desk: TestClient) => desk.frames.filter((f) => f.type === 'queue').at(-1);
const chat = (desk: TestClient, id: string) => lastQueue(desk).taken.find((h: any) => h.id === id);

/** A citizen on a real connection (its close reaches the server at once, which the desk's presence needs). */
async function connectCitizen(s: TestServer, sessionId?: string): Promise<TestClient> {
  const c = await TestClient.connect(s.wsUrl);
  c.send({ type: 'hello', ...(sessionId ? { sessionId } : {}) });
  await c.waitFor((f) => f.type === 'ready');
  return c;
}

/** Resumes the session on a new socket; resolves once its pending messages (if any) have arrived. */
async function comeBack(t: TestServer, sessionId: string, expected: number): Promise<TestClient> {
  const c = await connectCitizen(t, sessionId);
  await c.waitFor((f) => f.type === 'handoff');
  if (expected) await c.waitFor(() => staffTexts(c).length >= expected);
  // a ping answered after the hello: nothing else was queued for it
  c.send({ type: 'ping' });
  await c.waitFor((f) => f.type === 'pong');
  return c;
}

describe('store-and-forward of staff messages', () => {
  it('messages sent while the citizen is away arrive on return, in order, exactly once; the desk sees delivery and presence', async () => {
    const t = await startServer({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const { staff, desk, citizen, sessionId, id } = await deskWithTakenChat(t);
    expect(chat(desk, id).citizenOnline).toBe(true);

    citizen.close(); // the phone lost its connection
    await desk.waitFor(() => chat(desk, id)?.citizenOnline === false);
    for (const text of ['Chào bác.', 'Bác cần mang theo căn cước.', 'Bác còn ở đó không?']) {
      expect((await staff.post(`/api/staff/handoffs/${id}/messages`, { text })).status).toBe(200);
    }
    const pending = (await (await staff.get('/api/staff/handoffs')).json()).taken[0];
    expect(pending.transcript.filter((m: any) => m.role === 'staff').map((m: any) => m.delivered)).toEqual([false, false, false]);

    const back = await comeBack(t, sessionId, 3);
    expect(staffTexts(back)).toEqual(['Chào bác.', 'Bác cần mang theo căn cước.', 'Bác còn ở đó không?']);
    const order = back.frames.map((f) => f.type);
    expect(order.indexOf('ready')).toBeLessThan(order.indexOf('handoff'));
    expect(order.indexOf('handoff')).toBeLessThan(order.indexOf('staff'));
    const ids = back.frames.filter((f) => f.type === 'staff').map((f) => f.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    await desk.waitFor(() => chat(desk, id)?.citizenOnline === true && chat(desk, id).transcript.filter((m: any) => m.role === 'staff').every((m: any) => m.delivered));

    // a message while the citizen is there arrives once, at once
    desk.send({ type: 'message', handoffId: id, text: 'Bác đến trước 11 giờ nhé.' });
    await back.waitFor(() => staffTexts(back).length === 4);
    back.close();
    await desk.waitFor(() => chat(desk, id)?.citizenOnline === false);

    const again = await comeBack(t, sessionId, 0); // nothing is delivered twice
    expect(staffTexts(again)).toEqual([]);
    again.close();
    desk.close();
  });

  it('two tabs of one session both get a message; it is delivered once', async () => {
    const t = await startServer({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const { staff, desk, citizen, sessionId, id } = await deskWithTakenChat(t);
    const tab = await comeBack(t, sessionId, 0);
    await staff.post(`/api/staff/handoffs/${id}/messages`, { text: 'Chào bác.' });
    await citizen.waitFor(() => staffTexts(citizen).length === 1);
    await tab.waitFor(() => staffTexts(tab).length === 1);
    expect((await t.app.store.conversations.pendingStaffMessages(sessionId))).toEqual([]);
    for (const c of [citizen, tab, desk]) c.close();
  });

  it('messages sent while the citizen reconnects are neither lost, duplicated nor reordered', async () => {
    const t = await startServer({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const { staff, desk, citizen, sessionId, id } = await deskWithTakenChat(t);
    citizen.close();
    const texts = Array.from({ length: 12 }, (_, i) => `tin ${i + 1}`);
    const sending = (async () => {
      for (const text of texts) await staff.post(`/api/staff/handoffs/${id}/messages`, { text });
    })();
    const back = await connectCitizen(t, sessionId); // while the messages are being sent
    await sending;
    const seen = staffTexts(citizen);
    await back.waitFor(() => seen.length + staffTexts(back).length >= texts.length);
    expect([...seen, ...staffTexts(back)]).toEqual(texts);
    back.close();
    desk.close();
  });

  it('a staff message the store cannot keep is refused (503 not_stored) and never delivered', async () => {
    const faulty = faultyStore(openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-saf-')), 'dvc.sqlite')));
    const t = await buildTestApp({ store: faulty.store, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const { staff, desk, citizen, id } = await deskWithTakenChat(t);
    faulty.fail('conversations', 'addMessage');
    const res = await staff.post(`/api/staff/handoffs/${id}/messages`, { text: 'không lưu được' });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('not_stored');
    faulty.release();
    await staff.post(`/api/staff/handoffs/${id}/messages`, { text: 'đã lưu' });
    await citizen.waitFor(() => staffTexts(citizen).length === 1);
    expect(staffTexts(citizen)).toEqual(['đã lưu']);
    citizen.close();
    desk.close();
  });

  it('a delivery held up by a slow store does not let a later message overtake it', async () => {
    const faulty = faultyStore(openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-saf-')), 'dvc.sqlite')));
    const t = await buildTestApp({ store: faulty.store, env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const { staff, desk, citizen, id } = await deskWithTakenChat(t);
    faulty.hold('conversations', 'markDelivered');
    const first = staff.post(`/api/staff/handoffs/${id}/messages`, { text: 'một' });
    await faulty.started;
    const second = staff.post(`/api/staff/handoffs/${id}/messages`, { text: 'hai' });
    faulty.release();
    await Promise.all([first, second]);
    await citizen.waitFor(() => staffTexts(citizen).length === 2);
    expect(staffTexts(citizen)).toEqual(['một', 'hai']);
    citizen.close();
    desk.close();
  });
});

describe('call-back numbers', () => {
  it('a second number left in a session is kept next to the first', async () => {
    const t = await buildTestApp({ env: { STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' } });
    const c = await t.citizen();
    for (const phone of ['0912 345 678', '0987 654 321']) {
      c.send({ type: 'callback', phone });
      await c.waitFor((f) => f.type === 'ack' && c.frames.filter((x) => x.type === 'ack').length === (phone.startsWith('091') ? 1 : 2));
    }
    const staff = new StaffHttp(t);
    await staff.login('canbo', STAFF_PASSWORD);
    const { callbacks } = await (await staff.get('/api/staff/handoffs')).json();
    expect(callbacks.map((h: any) => h.callbackPhone)).toEqual(['0912 345 678', '0987 654 321']);
    c.close();
  });
});

describe('two instances sharing one store', () => {
  it('deliver a waiting staff message once when the citizen has a socket on each (the message is claimed in the store)', async () => {
    const inner = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-claim-')), 'dvc.sqlite'));
    // Both instances read the pending message before either claims it: the claim decides.
    let arrived = 0;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let closed = false;
    const store = {
      ...inner,
      conversations: {
        ...inner.conversations,
        markDelivered: async (id: number) => {
          arrived++;
          await gate;
          return inner.conversations.markDelivered(id);
        },
      },
      close: async () => {
        if (!closed) await inner.close();
        closed = true;
      },
    };
    const a = await buildTestApp({ store });
    const b = await buildTestApp({ store });
    const sessionId = await inner.conversations.openSession();
    await inner.conversations.addMessage({ sessionId, role: 'staff', name: 'Cán bộ Lan', text: 'Hồ sơ của bà con đã xong.' });

    const onA = await a.citizen(sessionId);
    const onB = await b.citizen(sessionId);
    await until(() => (arrived === 2 ? true : undefined));
    open();
    await Promise.all([a.app.desk.deliver(sessionId), b.app.desk.deliver(sessionId)]); // after the runs in flight
    const received = [...onA.frames, ...onB.frames].filter((f) => f.type === 'staff');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ text: 'Hồ sơ của bà con đã xong.' });
    expect(await inner.conversations.pendingStaffMessages(sessionId)).toEqual([]);
    onA.close();
    onB.close();
  });
});

/** Resolves once `check` returns something, re-checking on each turn of the event loop. */
async function until<T>(check: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
