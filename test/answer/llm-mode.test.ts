import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { FIXTURE_KNOWLEDGE } from '../helpers/fixtures.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { TestClient } from '../helpers/ws-client.js';

let fake: FakeOpenAI;
let server: TestServer;

beforeAll(async () => {
  fake = await startFakeOpenAI();
  server = await startServer({
    env: { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE, OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'test-key', CHAT_MODEL: 'fake-model', LLM_TIMEOUT_MS: '1500' },
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.close();
});

async function askWs(text: string) {
  const client = await TestClient.connect(server.wsUrl);
  client.send({ type: 'hello' });
  await client.waitFor((f) => f.type === 'ready');
  const result = await client.ask('q1', text);
  client.close();
  return result;
}

describe('LLM answer mode (OpenAI-compatible server on localhost)', () => {
  it('streams the model’s answer sentence by sentence as deltas, grounded in numbered passages, citing what it used', async () => {
    const text = 'Bà con cần chuẩn bị tờ khai và giấy chứng sinh [1]. Có thể nộp trên Cổng Dịch vụ công [2].\nĐăng ký đúng hạn được miễn lệ phí [1].';
    fake.behaviour = { kind: 'stream', text, pieces: 25 };
    const before = fake.requests.length;
    const { answer, deltas } = await askWs('đăng ký khai sinh cần giấy tờ gì');

    // whole sentences only: each delta ends at a sentence end (or is the end of the answer)
    expect(deltas.map((d) => d.text)).toEqual([
      'Bà con cần chuẩn bị tờ khai và giấy chứng sinh [1]. ',
      'Có thể nộp trên Cổng Dịch vụ công [2].\n',
      'Đăng ký đúng hạn được miễn lệ phí [1].',
    ]);
    expect(answer).toMatchObject({ type: 'answer', grounded: true, status: 'answered', text });
    expect(answer.sources.map((s: any) => s.id)).toEqual(['dang-ky-khai-sinh']);

    const req = fake.requests.slice(before).find((r) => r.path === '/v1/chat/completions')!;
    expect(req.body).toMatchObject({ model: 'fake-model', stream: true });
    const user = req.body.messages.at(-1).content as string;
    expect(user).toContain('[1] Đăng ký khai sinh');
    expect(user).toContain('Câu hỏi của người dân: đăng ký khai sinh cần giấy tờ gì');
    expect(req.body.messages[0].content).toContain('KHONG_DU_THONG_TIN');
  });

  it('falls back to the extractive answer when the model errors', async () => {
    fake.behaviour = { kind: 'error', status: 500 };
    const { answer } = await askWs('đăng ký khai sinh cần giấy tờ gì');
    expect(answer.grounded).toBe(true);
    expect(answer.text).toContain('Giấy chứng sinh');
    expect(answer.sources[0].id).toBe('dang-ky-khai-sinh');
  });

  it('falls back when the model does not answer in time', async () => {
    fake.behaviour = { kind: 'hang' };
    const started = Date.now();
    const { answer } = await askWs('làm thẻ căn cước ở đâu');
    expect(Date.now() - started).toBeLessThan(8000);
    expect(answer.text).toContain('Công an xã, phường');
    expect(answer.sources[0].id).toBe('the-can-cuoc');
  });

  it('falls back when the stream breaks off halfway; the final frame replaces the partial text', async () => {
    fake.behaviour = { kind: 'cut', text: 'Bà con đến Công an xã [1] để làm thẻ căn cước, mang theo thẻ cũ nếu có.' };
    const { answer } = await askWs('làm thẻ căn cước ở đâu');
    expect(answer.text).not.toContain('[1]');
    expect(answer.text).toContain('Công an xã, phường');
  });

  it('declines when the model says the passages do not answer it, without leaking the marker', async () => {
    fake.behaviour = { kind: 'stream', text: 'KHONG_DU_THONG_TIN' };
    const { answer, deltas } = await askWs('làm thẻ căn cước ở đâu');
    expect(answer.grounded).toBe(false);
    expect(answer.status).toBe('unanswerable_no_content');
    expect(deltas.map((d) => d.text).join('')).not.toContain('KHONG');
  });

  it('replaces an answer that invents a phone number or a fee with the extractive one', async () => {
    fake.behaviour = { kind: 'stream', text: 'Gọi số 0912345678 hoặc nộp 500.000 đồng tại Công an xã [1].' };
    const { answer, deltas } = await askWs('làm thẻ căn cước ở đâu');
    expect(deltas.map((d) => d.text).join('')).not.toContain('0912345678');
    expect(answer.text).not.toContain('500.000');
    expect(answer.text).toContain('Công an xã, phường');
  });

  it('replaces an answer with a link that is not in the sources', async () => {
    fake.behaviour = { kind: 'stream', text: 'Xem [trang này](https://lua-dao.example/x) và https://dichvucong.gov.vn [1].' };
    const { answer, deltas } = await askWs('đăng ký khai sinh online');
    expect(JSON.stringify(deltas)).not.toContain('lua-dao');
    expect(answer.text).not.toContain('lua-dao.example');
    expect(answer.text).toContain('**Làm trực tuyến:**');
  });

  it('condenses a follow-up with the model, using the conversation so far', async () => {
    const client = await TestClient.connect(server.wsUrl);
    client.send({ type: 'hello' });
    await client.waitFor((f) => f.type === 'ready');
    fake.behaviour = { kind: 'stream', text: 'Bà con đến Công an xã, phường [1].' };
    await client.ask('a', 'làm thẻ căn cước ở đâu');
    fake.complete = 'Làm thẻ căn cước mất bao lâu?';
    fake.behaviour = { kind: 'stream', text: 'Khoảng 7 ngày làm việc [1].' };
    const before = fake.requests.length;
    const { answer } = await client.ask('b', 'còn mất bao lâu?');
    client.close();
    const condense = fake.requests.slice(before).find((r) => !r.body.stream)!;
    expect(condense.body.messages.at(-1).content).toContain('làm thẻ căn cước ở đâu');
    const streamed = fake.requests.slice(before).find((r) => r.body.stream)!;
    expect(streamed.body.messages.at(-1).content).toContain('Câu hỏi của người dân: Làm thẻ căn cước mất bao lâu?');
    expect(answer.sources[0].id).toBe('the-can-cuoc');
  });
});

describe('OpenAI-compatible embeddings', () => {
  it('indexes and searches with EMBEDDING_MODEL through the same server', async () => {
    const s = await startServer({ env: { KNOWLEDGE_DIR: FIXTURE_KNOWLEDGE, OPENAI_BASE_URL: fake.url, EMBEDDING_MODEL: 'fake-embed' } });
    try {
      expect(fake.requests.some((r) => r.path === '/v1/embeddings' && r.body.model === 'fake-embed')).toBe(true);
      const res = await fetch(`${s.url}/api/search?q=${encodeURIComponent('dang ky khai sinh')}`);
      const body = await res.json();
      expect(body.passages[0].id).toBe('dang-ky-khai-sinh');
    } finally {
      await s.close();
    }
  });
});
