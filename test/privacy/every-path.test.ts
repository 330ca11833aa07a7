import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { FIXTURE_KNOWLEDGE } from '../helpers/fixtures.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { STAFF_PASSWORD, StaffHttp, staffAccountsEnv } from '../helpers/staff.js';
import { TestClient } from '../helpers/ws-client.js';
import { PLACEHOLDERS } from '../../src/privacy/redact.js';
import { PII_SAMPLES, leakedSamples } from './samples.js';

let fake: FakeOpenAI;
let server: TestServer;
const logs: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  fake.behaviour = { kind: 'stream', text: 'Bà con đến Công an xã, phường [1].' };
  fake.complete = 'Làm lại thẻ căn cước ở đâu?';
  server = await startServer({
    logs,
    env: {
      KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE,
      OPENAI_BASE_URL: fake.url,
      STAFF_ACCOUNTS: await staffAccountsEnv(),
      OFFICE_HOURS: 'always',
      RATE_LIMIT_FRAMES: '1000',
      HTTP_RATE_LIMIT: '1000',
    },
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

/** Every text column of every table. */
function databaseText(): string {
  const db = new Database(path.join(server.dataDir, 'dvc.sqlite'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>;
    return tables.map(({ name }) => JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all())).join('\n');
  } finally {
    db.close();
  }
}

describe('personal data in every free-text field never reaches logs, the database or the model', () => {
  it('questions (websocket and HTTP), follow-ups, ratings, surveys, complaints, handoff reasons and messages to staff', async () => {
    const staff = new StaffHttp(server);
    await staff.login('canbo', STAFF_PASSWORD);
    const desk = await staff.socket();
    await desk.waitFor((f) => f.type === 'queue');

    const c = await TestClient.connect(server.wsUrl);
    c.send({ type: 'hello' });
    await c.waitFor((f) => f.type === 'ready');
    let answerId = '';
    for (const [i, [, sample]] of PII_SAMPLES.entries()) {
      const { answer } = await c.ask(`q${i}`, `làm lại thẻ căn cước ở đâu, của tôi là ${sample}`);
      answerId = answer.answerId;
      // a follow-up: the model condenses it with the stored (redacted) history
      await c.ask(`f${i}`, `còn mất bao lâu? gọi tôi ${sample}`);
      c.send({ type: 'feedback', answerId, rating: 'down', comment: `sai rồi, số tôi ${sample}` });
      c.send({ type: 'survey', score: 2, comment: `liên hệ ${sample}` });
      await c.waitFor((f) => f.type === 'ack' && f.kind === 'survey' && c.frames.filter((x) => x.kind === 'survey').length === i + 1);
      c.send({ type: 'feedback_request', kind: 'complaint', text: `cán bộ hẹn mãi không trả, liên hệ tôi ${sample}` });
      await c.waitFor((f) => f.type === 'ack' && f.kind === 'feedback_request' && c.frames.filter((x) => x.kind === 'feedback_request').length === i + 1);
      const res = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: `làm thẻ căn cước ở đâu, số tôi ${sample}` }),
      });
      expect(res.status).toBe(200);
    }
    // A reason holds at most 500 characters: the samples go in several reasons, one citizen each.
    const reasons = PII_SAMPLES.map(([, s]) => s).reduce<string[][]>((chunks, s) => {
      const last = chunks.at(-1);
      if (last && [...last, s].join('; ').length <= 470) last.push(s);
      else chunks.push([s]);
      return chunks;
    }, []);
    c.send({ type: 'handoff', reason: `cần gặp cán bộ: ${reasons[0].join('; ')}` });
    const queued = await desk.waitFor((f) => f.type === 'queue' && f.waiting.length === 1);
    const handoffId = queued.waiting[0].id;
    expect((await staff.post(`/api/staff/handoffs/${handoffId}/take`)).status).toBe(200);
    await c.waitFor((f) => f.type === 'handoff' && f.state === 'taken');
    for (const [i, [, sample]] of PII_SAMPLES.entries()) {
      c.send({ type: 'ask', id: `h${i}`, text: `số của tôi ${sample}` });
      await c.waitFor((f) => f.type === 'ack' && f.ref === `h${i}`);
    }
    await desk.waitFor((f) => f.type === 'citizen' && f.text.startsWith('số của tôi') && desk.frames.filter((x) => x.type === 'citizen').length === PII_SAMPLES.length);
    for (const reason of reasons.slice(1)) {
      const other = await TestClient.connect(server.wsUrl);
      other.send({ type: 'hello' });
      await other.waitFor((f) => f.type === 'ready');
      other.send({ type: 'handoff', reason: `cần gặp cán bộ: ${reason.join('; ')}` });
      await other.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
      other.close();
    }
    await desk.waitFor((f) => f.type === 'queue' && f.waiting.length === reasons.length - 1);
    c.close();
    desk.close();

    const prompts = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(prompts.filter((r) => r.body.stream).length).toBeGreaterThanOrEqual(PII_SAMPLES.length);
    expect(prompts.some((r) => !r.body.stream)).toBe(true); // condense calls
    // every kind reached the model, the database and the staff, as its placeholder
    const kinds = [...new Set(PII_SAMPLES.map(([kind]) => kind))];
    for (const kind of kinds) {
      expect(JSON.stringify(prompts), kind).toContain(PLACEHOLDERS[kind]);
      expect(databaseText(), kind).toContain(PLACEHOLDERS[kind]);
      expect(JSON.stringify(desk.frames), kind).toContain(PLACEHOLDERS[kind]);
    }

    expect(leakedSamples(logs.join('\n'))).toEqual([]);
    expect(leakedSamples(databaseText())).toEqual([]);
    expect(leakedSamples(JSON.stringify(prompts))).toEqual([]);
    expect(leakedSamples(JSON.stringify(desk.frames))).toEqual([]);
  }, 60_000);
});
