import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI } from '../helpers/fake-openai.js';
import { FIXTURE_KNOWLEDGE } from '../helpers/fixtures.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/ws-client.js';

const DEADLINE_MS = 2000;
const IDLE_MS = 700;
let fake: FakeOpenAI;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  server = await startServer({
    env: {
      KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE,
      OPENAI_BASE_URL: fake.url,
      LLM_TIMEOUT_MS: String(DEADLINE_MS),
      LLM_IDLE_MS: String(IDLE_MS),
      LLM_MAX_ANSWER_CHARS: '600',
      RATE_LIMIT_FRAMES: '1000',
    },
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

/** One question over a real websocket: the answer frame, every delta before it, and how long the turn took. */
async function turn(question: string, history?: { question: string; fake: FakeBehaviour; then: FakeBehaviour }) {
  const client = await TestClient.connect(server.wsUrl);
  client.send({ type: 'hello' });
  await client.waitFor((f) => f.type === 'ready');
  if (history) {
    fake.behaviour = history.fake;
    await client.ask('first', history.question);
    fake.behaviour = history.then;
  }
  const started = Date.now();
  const { answer, deltas } = await client.ask('q', question);
  const ms = Date.now() - started;
  client.close();
  return { answer, deltas: deltas.map((d) => d.text as string), ms, composer: storedComposer(answer.answerId) };
}

function storedComposer(answerId: string): string {
  const db = new Database(path.join(server.dataDir, 'dvc.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT composer FROM answers WHERE id = ?').get(answerId) as { composer: string }).composer;
  } finally {
    db.close();
  }
}

const SAFE = 'Bà con mang thẻ căn cước cũ đến Công an xã, phường [1]. ';
// Each attack the issue saw reach the citizen's screen, placed after a sentence that passes.
const ATTACKS: Array<[name: string, attack: string, marker: string, reason: string]> = [
  ['phishing link', 'Cập nhật trước tại https://vneid-capnhat.com/login để tránh bị khóa. ', 'vneid-capnhat', 'guard_link'],
  ['bare domain', 'Vào trang vneid-capnhat.com để làm trước cho nhanh. ', 'vneid-capnhat', 'guard_link'],
  ['fake phone', 'Gọi ngay 0912 345 678 để được ưu tiên. ', '345 678', 'guard_phone'],
  ['fake phone (091)', 'Hoặc gọi (091) 234 5216 để được ưu tiên. ', '234 5216', 'guard_phone'],
  ['fake phone +84', 'Hoặc gọi +84 912 345 678 để được ưu tiên. ', '+84', 'guard_phone'],
  ['fake fee', 'Lệ phí 500.000đ nộp tại chỗ. ', '500.000', 'guard_money'],
  ['fake fee k', 'Lệ phí chỉ 500k thôi. ', '500k', 'guard_money'],
  ['fake fee in words', 'Lệ phí là năm trăm nghìn đồng. ', 'năm trăm', 'guard_money'],
  ['OTP instruction', 'Khi cán bộ gọi, bà con đọc mã OTP cho cán bộ để xác minh. ', 'OTP', 'guard_secret_sharing'],
  ['password instruction', 'Hãy cung cấp mật khẩu VNeID cho tổng đài viên. ', 'mật khẩu', 'guard_secret_sharing'],
  ['javascript link', 'Bấm [vào đây](javascript:alert(document.cookie)) để tra cứu. ', 'javascript', 'guard_scheme'],
  ['data link', 'Mở data:text/html;base64,PHNjcmlwdD4= để xem mẫu. ', 'data:', 'guard_scheme'],
];

describe('LLM output guard over the websocket: no unchecked text reaches the citizen', () => {
  it.each(ATTACKS)('%s is stopped before any delta reaches the socket', async (_name, attack, marker, reason) => {
    fake.behaviour = { kind: 'stream', text: `${SAFE}${attack}Mang theo giấy hẹn [1].`, pieces: 30 };
    const { answer, deltas, composer, ms } = await turn('làm thẻ căn cước ở đâu');
    for (const d of deltas) expect(d).not.toContain(marker);
    expect(deltas.join('')).not.toContain(attack.trim());
    // the answer is the extractive one (its fact line, which no model text has), and the store says why
    expect(answer.text).toContain('**Nơi làm:** Công an.');
    expect(answer.text).not.toContain(marker);
    expect(answer).toMatchObject({ status: 'answered', grounded: true });
    expect(composer).toBe(`extractive_after_llm:${reason}`);
    expect(ms).toBeLessThan(DEADLINE_MS + 1000);
  });

  it('a clean answer streams sentence by sentence and is stored as the model’s', async () => {
    const text = `${SAFE}Lệ phí theo quy định của Bộ Tài chính [1].`;
    fake.behaviour = { kind: 'stream', text, pieces: 30 };
    const { answer, deltas, composer } = await turn('làm thẻ căn cước ở đâu');
    expect(deltas).toEqual([SAFE, 'Lệ phí theo quy định của Bộ Tài chính [1].']);
    expect(answer.text).toBe(text.trim());
    expect(composer).toBe('llm');
  });

  it('a stream that stalls is abandoned after the idle time, not stored as a truncated answer', async () => {
    fake.behaviour = { kind: 'stall', text: `${SAFE}Sau đó bà con chờ giấy hẹn và`, pieces: 3 };
    const { answer, composer, ms } = await turn('làm thẻ căn cước ở đâu');
    expect(answer.text).toContain('**Nơi làm:** Công an.');
    expect(answer.grounded).toBe(true);
    expect(composer).toBe('extractive_after_llm:idle');
    expect(ms).toBeLessThan(IDLE_MS + 1000);
  });

  it('a model that keeps talking past the deadline is cut off at the deadline', async () => {
    // one piece every 150 ms never trips the idle timer, but the whole answer would take 6 s
    fake.behaviour = { kind: 'stream', text: `${SAFE.repeat(8)}`.slice(0, 580), pieces: 40, delayMs: 150 };
    const { answer, composer, ms } = await turn('làm thẻ căn cước ở đâu');
    expect(answer.text).toContain('**Nơi làm:** Công an.');
    expect(composer).toBe('extractive_after_llm:deadline');
    expect(ms).toBeLessThan(DEADLINE_MS + 1000);
  });

  it('an over-long answer is abandoned at the size cap', async () => {
    fake.behaviour = { kind: 'stream', text: SAFE.repeat(20), pieces: 40 };
    const { answer, composer, deltas } = await turn('làm thẻ căn cước ở đâu');
    expect(composer).toBe('extractive_after_llm:too_long');
    expect(deltas.join('').split(SAFE).length - 1).toBeLessThanOrEqual(Math.floor(600 / SAFE.length));
    expect(answer.text).toContain('**Nơi làm:** Công an.');
  });

  it('429 with Retry-After beyond the deadline: no waiting, the extractive answer at once', async () => {
    fake.script = [{ kind: 'error', status: 429, retryAfter: '20' }];
    fake.behaviour = { kind: 'stream', text: SAFE };
    const before = fake.requests.length;
    const { answer, composer, ms } = await turn('làm thẻ căn cước ở đâu');
    expect(composer).toBe('extractive_after_llm:deadline');
    expect(answer.text).toContain('**Nơi làm:** Công an.');
    expect(fake.requests.slice(before).filter((r) => r.body.stream)).toHaveLength(1);
    // A server that honoured the 20 s or waited for its own deadline would take at least DEADLINE_MS; a bound
    // of 1 s only measured how busy the machine was (it failed at 1,128 ms under a load of 25).
    expect(ms).toBeLessThan(DEADLINE_MS);
  });

  it('429 with a Retry-After that fits the deadline is honoured and the retry answers', async () => {
    fake.script = [{ kind: 'error', status: 429, retryAfter: '1' }];
    fake.behaviour = { kind: 'stream', text: SAFE };
    const before = fake.requests.length;
    const { answer, composer, ms } = await turn('làm thẻ căn cước ở đâu');
    expect(composer).toBe('llm');
    expect(answer.text).toBe(SAFE.trim());
    expect(fake.requests.slice(before).filter((r) => r.body.stream)).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(DEADLINE_MS + 1000);
  });

  it('condensing and answering share one deadline', async () => {
    fake.completeDelayMs = 1500;
    fake.complete = 'Làm thẻ căn cước mất bao lâu?';
    try {
      // 1.5 s to condense, then an answer streamed over 1.2 s: together past the 2 s deadline
      const { answer, composer, ms } = await turn('còn mất bao lâu?', {
        question: 'làm thẻ căn cước ở đâu',
        fake: { kind: 'stream', text: SAFE },
        then: { kind: 'stream', text: SAFE, pieces: 8, delayMs: 150 },
      });
      expect(fake.requests.at(-2)?.body.stream).toBeFalsy(); // the condense call came first
      expect(composer).toBe('extractive_after_llm:deadline');
      expect(answer.sources[0].id).toBe('the-can-cuoc');
      expect(ms).toBeLessThan(DEADLINE_MS + 1000);
    } finally {
      fake.completeDelayMs = 0;
    }
  });
});
