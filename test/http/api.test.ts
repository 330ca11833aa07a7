import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let server: TestApp;
const METRICS_TOKEN = 'token-for-the-prometheus-scraper';
beforeAll(async () => {
  server = await buildTestApp({ env: { METRICS_TOKEN } });
});
afterAll(() => server?.close());

const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  server.fetch('/api/ask', { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('HTTP API', () => {
  it('POST /api/ask answers with a cited, grounded answer', async () => {
    const res = await post({ question: 'dang ky khai sinh can giay to gi' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'answered', grounded: true });
    expect(body.sources[0]).toMatchObject({ id: 'dang-ky-khai-sinh', title: 'Đăng ký khai sinh', section: 'Giấy tờ cần chuẩn bị' });
    expect(body.sources[0].url).toMatch(/^https:\/\//);
    expect(typeof body.sources[0].score).toBe('number');
    expect(body.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.answerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.answer).toContain('Giấy chứng sinh');
  });

  it('declines an out-of-scope question with a helpful Vietnamese reply', async () => {
    const body = await (await post({ question: 'Thời tiết Sơn La ngày mai?' })).json();
    expect(body.grounded).toBe(false);
    expect(body.sources).toEqual([]);
    expect(body.answer).toContain('thủ tục hành chính');
    expect(body.answer).toContain('18001096');
  });

  it('keeps the conversation when the sessionId is sent back', async () => {
    const first = await (await post({ question: 'đổi bằng lái xe ô tô' })).json();
    const second = await (await post({ question: 'còn lệ phí thì sao?', sessionId: first.sessionId })).json();
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.sources[0]?.id).toBe('giay-phep-lai-xe');
  });

  it.each([
    ['malformed JSON', '{"question":', { 'content-type': 'application/json' }],
    ['missing question', { sessionId: 'x' }, undefined],
    ['wrong type', { question: 42 }, undefined],
    ['unknown field', { question: 'a', admin: true }, undefined],
    ['bad sessionId', { question: 'khai sinh', sessionId: 'not-a-uuid' }, undefined],
  ])('400 with a JSON error for %s', async (_name, body, headers) => {
    const res = await post(body, headers);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toMatch(/^bad_request$/);
    expect(json.error.message.length).toBeGreaterThan(5);
  });

  it('400 too_long for an oversized question, 415 for a non-JSON body', async () => {
    const res = await post({ question: 'x'.repeat(1001) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('too_long');
    const text = await post('<q>hi</q>', { 'content-type': 'application/xml' });
    expect(text.status).toBe(415);
    expect((await text.json()).error.code).toBe('bad_request');
  });

  it('GET /api/search returns scored passages with their document and section', async () => {
    const res = await server.fetch(`/api/search?q=${encodeURIComponent('đổi số điện thoại vneid')}&k=3`);
    const body = await res.json();
    expect(body.grounded).toBe(true);
    expect(body.passages).toHaveLength(3);
    expect(body.passages[0]).toMatchObject({ id: 'vneid-su-co' });
    expect(body.passages[0].score).toBeGreaterThanOrEqual(body.passages[1].score);
    expect(body.passages[0].text.length).toBeGreaterThan(20);
    expect((await server.fetch('/api/search?q=')).status).toBe(400);
    expect((await server.fetch('/api/search?q=a&k=999')).status).toBe(400);
  });

  it('health, readiness, metrics and a JSON 404', async () => {
    expect(await (await server.fetch('/health')).json()).toEqual({ status: 'ok' });
    const ready = await (await server.fetch('/ready')).json();
    expect(ready).toMatchObject({ ready: true, rejected: 0 });
    expect(ready.documents).toBeGreaterThanOrEqual(40);
    const metrics = await (await server.fetch('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/dvc_answers_total\{status="answered"\} [1-9]/);
    expect(metrics).toMatch(/dvc_pipeline_step_seconds_count\{step="retrieve"\} [1-9]/);
    expect(metrics).toMatch(/dvc_pipeline_step_seconds_bucket\{le="0\.01",step="retrieve"\} \d+/);
    expect(metrics).toMatch(/# TYPE dvc_pipeline_step_seconds histogram/);
    expect(metrics).toMatch(/^process_cpu_user_seconds_total \d/m);
    const missing = await server.fetch('/khong-co');
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe('not_found');
  });
});

describe('HTTP rate limit', () => {
  it('answers 429 rate_limited past HTTP_RATE_LIMIT requests a minute from one address', async () => {
    const s = await buildTestApp({ env: { HTTP_RATE_LIMIT: '3' } });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await s.fetch('/api/search?q=khai%20sinh')).status);
    expect(codes).toEqual([200, 200, 200, 429]);
    const res = await s.fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"question":"khai sinh"}' });
    expect(res.status).toBe(200); // each route counts on its own
    const limited = await s.fetch('/api/search?q=khai%20sinh');
    expect((await limited.json()).error.code).toBe('rate_limited');
    expect((await s.fetch('/health')).status).toBe(200);
  });
});
