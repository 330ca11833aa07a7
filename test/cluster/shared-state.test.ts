import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { POSTGRES_MISSING, postgresBin, startThrowawayCluster, type ThrowawayCluster } from '../helpers/postgres.js';
import { StaffHttp, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import { TestClient } from '../helpers/ws-client.js';

/**
 * Two instances of the app in this process (each its own PostgreSQL pool, LISTEN connection, desk
 * and limits) on one throw-away PostgreSQL database, each on its own fake clock: what one instance
 * counts, the other enforces. Requests come through a proxy (TRUST_PROXY=1), so X-Forwarded-For is
 * the client's address.
 */
const available = Boolean(postgresBin());
if (!available) console.warn(POSTGRES_MISSING);

const START = Date.parse('2026-11-25T03:00:00Z'); // a Wednesday, 10:00 in Vietnam

describe.skipIf(!available)(`two instances share limits, lock-outs, presence and time-outs${available ? '' : ` (${POSTGRES_MISSING})`}`, () => {
  let cluster: ThrowawayCluster;
  let a: TestApp;
  let b: TestApp;
  let clockA: FakeClock;
  let clockB: FakeClock;
  /** Both instances' time moves together (and their sweeps run at the same moment). */
  const advance = async (ms: number) => {
    await Promise.all([clockA.advance(ms), clockB.advance(ms)]);
  };
  const from = (address: string) => ({ 'x-forwarded-for': address });
  /** A citizen's chat on the instance's real port, after hello → ready. */
  const citizenOn = async (t: TestApp, sessionId?: string) => {
    const origin = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    const c = await TestClient.connect(`${origin.replace('http', 'ws')}/ws`, { origin });
    c.send({ type: 'hello', ...(sessionId ? { sessionId } : {}) });
    await c.waitFor((f) => f.type === 'ready');
    return c;
  };

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    const env = {
      DATABASE_URL: await cluster.createDatabase(),
      TRUST_PROXY: '1',
      STAFF_ACCOUNTS: await staffAccountsEnv(),
      OFFICE_HOURS: 'always',
      HANDOFF_WAIT_SECONDS: '300',
      HTTP_RATE_LIMIT: '3',
      LOGIN_MAX_FAILURES: '5',
      LOGIN_LOCK_SECONDS: '60',
    };
    clockA = new FakeClock(START);
    clockB = new FakeClock(START);
    a = await buildTestApp({ clock: clockA, env });
    b = await buildTestApp({ clock: clockB, env });
    // Real ports for the citizens' websockets: a closed socket must be seen closed by the server.
    for (const t of [a, b]) await t.app.listen({ port: 0, host: '127.0.0.1' });
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  it('a client over its request limit on A is refused on B, a client at another address is not, and the window ends on both', async () => {
    const search = (t: TestApp, address: string) => t.fetch('/api/search?q=khai%20sinh', { headers: from(address) });
    expect((await search(a, '203.0.113.5')).status).toBe(200);
    expect((await search(b, '203.0.113.5')).status).toBe(200);
    expect((await search(a, '203.0.113.5')).status).toBe(200);
    const refused = await search(b, '203.0.113.5'); // the 4th in the minute, the 2nd on B
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect((await search(a, '203.0.113.5')).status).toBe(429);
    expect((await search(b, '203.0.113.6')).status).toBe(200); // another client
    await advance(60_000);
    expect((await search(b, '203.0.113.5')).status).toBe(200);
  });

  it('login failures spread over A and B lock the name on both; fewer do not; the lock ends after its time on both', async () => {
    const login = (t: TestApp, password: string, i: number) => new StaffHttp(t).login('thu', password, from(`198.51.100.${i}`));
    // Four failures (A, B, A, B) are not yet a lock: the right password still works (and clears them).
    for (let i = 0; i < 4; i++) expect((await login(i % 2 ? b : a, 'sai-mat-khau', i)).status).toBe(401);
    expect((await login(b, STAFF_PASSWORD, 10)).status).toBe(200);
    // Five (A, B, A, B, A): locked on both, even with the right password.
    for (let i = 0; i < 5; i++) expect((await login(i % 2 ? b : a, 'sai-mat-khau', 20 + i)).status).toBe(401);
    for (const t of [a, b]) {
      const locked = await login(t, STAFF_PASSWORD, 30);
      expect(locked.status).toBe(429);
      expect(locked.headers.get('retry-after')).toBe('60');
    }
    expect((await new StaffHttp(b).login('canbo', STAFF_PASSWORD, from('198.51.100.40'))).status).toBe(200); // another name
    await advance(59_000);
    expect((await login(a, STAFF_PASSWORD, 41)).status).toBe(429);
    await advance(1000);
    expect((await login(b, STAFF_PASSWORD, 42)).status).toBe(200);
  });

  it('staff on B see a citizen connected to A as online, and as away once the chat is closed', async () => {
    const citizen = await citizenOn(a);
    const { sessionId } = citizen.frames.find((f) => f.type === 'ready');
    citizen.send({ type: 'handoff' });
    await citizen.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
    const staff = new StaffHttp(b);
    expect((await staff.login('canbo', STAFF_PASSWORD, from('198.51.100.50'))).status).toBe(200);
    const desk = await staff.socket();
    const mine = (f: any) => f.type === 'queue' && f.waiting.find((h: any) => h.sessionId === sessionId);
    expect(mine(await desk.waitFor(mine)).citizenOnline).toBe(true);
    citizen.close();
    await desk.waitFor((f) => mine(f)?.citizenOnline === false);
    // Back on B this time: online again.
    const again = await citizenOn(b, sessionId);
    const away = desk.frames.findIndex((f) => mine(f)?.citizenOnline === false);
    await desk.waitFor((f) => mine(f)?.citizenOnline === true && desk.frames.indexOf(f) > away);
    again.close();
    desk.close();
    // End the request so the next test starts with an empty queue.
    const open = (await (await staff.get('/api/staff/handoffs')).json()).waiting.find((h: any) => h.sessionId === sessionId);
    expect((await staff.post(`/api/staff/handoffs/${open.id}/close`)).status).toBe(200);
  });

  it('requests nobody takes are each ended once, by one instance, when both check at the same moment', async () => {
    // Five citizens on A and B wait for a person; both instances' sweeps run at the same moment.
    const citizens = await Promise.all([a, b, a, b, a].map((t) => citizenOn(t)));
    for (const c of citizens) {
      c.send({ type: 'handoff' });
      await c.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
    }
    await advance(299_000);
    expect(citizens.flatMap((c) => c.frames).filter((f) => f.state === 'unavailable')).toHaveLength(0);
    await advance(2000);
    for (const c of citizens) {
      const { sessionId } = c.frames.find((f) => f.type === 'ready');
      await c.waitFor((f) => f.type === 'handoff' && f.state === 'unavailable' && f.callback === true);
      const messages = await b.app.store.conversations.transcript(sessionId);
      expect(messages.filter((m) => m.text === 'Chưa có cán bộ nhận yêu cầu trong thời gian chờ.')).toHaveLength(1);
      // The citizen asks again and gets the answer: a second time-out frame would have come before it.
      c.send({ type: 'ask', id: 'q-after', text: 'làm thẻ căn cước ở đâu' });
      await c.waitFor((f) => f.type === 'answer' && f.id === 'q-after');
      expect(c.frames.filter((f) => f.type === 'handoff' && f.state === 'unavailable')).toHaveLength(1);
      c.close();
    }
  });
});
