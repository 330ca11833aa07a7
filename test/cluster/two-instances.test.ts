import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from '../../scripts/build.mjs';
import { POSTGRES_MISSING, postgresBin, startThrowawayCluster, type ThrowawayCluster } from '../helpers/postgres.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';
import { TestClient } from '../helpers/ws-client.js';

/**
 * Two real instances of the compiled server (child processes, two ports) sharing one PostgreSQL:
 * no sticky sessions, the handoff crosses instances both ways, statistics are shared, and a citizen
 * whose instance is killed resumes on the other with nothing acknowledged lost.
 */
const available = Boolean(postgresBin());
if (!available) console.warn(POSTGRES_MISSING);

describe.skipIf(!available)(`two instances on one PostgreSQL${available ? '' : ` (${POSTGRES_MISSING})`}`, () => {
  let cluster: ThrowawayCluster;
  let a: ServerProcess;
  let b: ServerProcess;
  const dirs: string[] = [];
  const clients: TestClient[] = [];
  const base = (s: ServerProcess) => `http://127.0.0.1:${s.port}`;
  const ws = async (s: ServerProcess, pathname: string, headers: Record<string, string> = {}) => {
    const c = await TestClient.connect(`ws://127.0.0.1:${s.port}${pathname}`, { origin: base(s), ...headers });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    await buildServer({ ifStale: true });
    cluster = await startThrowawayCluster();
    const env = {
      DATABASE_URL: await cluster.createDatabase(),
      STAFF_ACCOUNTS: await staffAccountsEnv(),
      OFFICE_HOURS: 'always',
      HANDOFF_WAIT_SECONDS: '3600',
    };
    const dirA = mkdtempSync(path.join(tmpdir(), 'dvc-a-'));
    const dirB = mkdtempSync(path.join(tmpdir(), 'dvc-b-'));
    dirs.push(dirA, dirB);
    a = await startServerProcess({ ...env, DATA_DIR: dirA });
    cpSync(dirA, dirB, { recursive: true }); // B loads the index A built (each instance has its own copy)
    b = await startServerProcess({ ...env, DATA_DIR: dirB });
  }, 240_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await a?.kill();
    await b?.kill();
    await cluster?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('hands a citizen on A to staff on B, messages cross both ways, B counts A\'s questions, and after A is killed the citizen resumes on B with nothing acknowledged lost', { timeout: 120_000 }, async () => {
    const stats = async () => (await (await fetch(`${base(b)}/api/public/stats`)).json()).questionsTotal as number;

    // A citizen on A asks the bot, then for a person.
    const citizen = await ws(a, '/ws');
    citizen.send({ type: 'hello' });
    const { sessionId } = await citizen.waitFor((f) => f.type === 'ready');
    const { answer } = await citizen.ask('q1', 'làm thẻ căn cước ở đâu');
    expect(answer.sources[0].id).toBe('the-can-cuoc');
    expect(await stats()).toBe(1); // asked on A, counted on B (B's figures are first computed now; then cached a minute)
    citizen.send({ type: 'handoff' });
    await citizen.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');

    // A staff member signs in on B and sees the request made on A.
    const login = await fetch(`${base(b)}/api/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base(b) },
      body: JSON.stringify({ username: 'canbo', password: STAFF_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const staff = await ws(b, '/staff/ws', { cookie });
    const queue = await staff.waitFor((f) => f.type === 'queue' && f.waiting.some((h: any) => h.sessionId === sessionId));
    const handoffId = queue.waiting.find((h: any) => h.sessionId === sessionId).id;

    // B → A: taking it and a staff message reach the citizen's socket on A.
    staff.send({ type: 'take', handoffId });
    await citizen.waitFor((f) => f.type === 'handoff' && f.state === 'taken');
    staff.send({ type: 'message', handoffId, text: 'Chào bà con, cán bộ Hoa đây.' });
    await citizen.waitFor((f) => f.type === 'staff' && f.text === 'Chào bà con, cán bộ Hoa đây.');

    // A → B: the citizen's message, acknowledged on A, reaches staff on B.
    citizen.send({ type: 'ask', id: 'm1', text: 'Tôi cần làm lại căn cước bị mất' });
    await citizen.waitFor((f) => f.type === 'ack' && f.ref === 'm1');
    await staff.waitFor((f) => f.type === 'citizen' && f.text === 'Tôi cần làm lại căn cước bị mất');

    // A dies right after acknowledging a message.
    citizen.send({ type: 'ask', id: 'm2', text: 'Tôi ở xã Chiềng Mung' });
    await citizen.waitFor((f) => f.type === 'ack' && f.ref === 'm2');
    await a.kill();
    expect(a.proc.signalCode).toBe('SIGKILL');

    // The citizen reconnects to B with the same session: still with the same staff member.
    const resumed = await ws(b, '/ws');
    resumed.send({ type: 'hello', sessionId });
    expect((await resumed.waitFor((f) => f.type === 'ready')).sessionId).toBe(sessionId);
    await resumed.waitFor((f) => f.type === 'handoff' && f.state === 'taken');
    resumed.send({ type: 'ask', id: 'm3', text: 'Máy tôi vừa bị mất kết nối' });
    await resumed.waitFor((f) => f.type === 'ack' && f.ref === 'm3');
    await staff.waitFor((f) => f.type === 'citizen' && f.text === 'Máy tôi vừa bị mất kết nối');
    staff.send({ type: 'message', handoffId, text: 'Cán bộ vẫn ở đây.' });
    await resumed.waitFor((f) => f.type === 'staff' && f.text === 'Cán bộ vẫn ở đây.');

    // Every acknowledged message is in the conversation B shows staff, in order.
    const handoffs = await (await fetch(`${base(b)}/api/staff/handoffs`, { headers: { cookie } })).json();
    const transcript = handoffs.taken.find((h: any) => h.id === handoffId).transcript.map((m: any) => `${m.role}: ${m.text}`);
    const expected = [
      'citizen: làm thẻ căn cước ở đâu',
      'staff: Chào bà con, cán bộ Hoa đây.',
      'citizen: Tôi cần làm lại căn cước bị mất',
      'citizen: Tôi ở xã Chiềng Mung',
      'citizen: Máy tôi vừa bị mất kết nối',
      'staff: Cán bộ vẫn ở đây.',
    ];
    expect(transcript.filter((line: string) => expected.includes(line))).toEqual(expected);
  });
});
