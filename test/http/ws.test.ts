import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_ORIGIN, type TestApp } from '../helpers/app.js';

let server: TestApp;
const logs: string[] = [];
beforeAll(async () => {
  server = await buildTestApp({ logs, env: { ALLOWED_ORIGINS: 'https://dichvucong.sonla.gov.vn' } });
});
afterAll(() => server?.close());

const hello = () => server.citizen();

describe('websocket /ws', () => {
  it('hello → ready with suggestions; ask → the ack, then the whole extractive answer in one frame citing the document', async () => {
    const c = await server.socket();
    c.send({ type: 'hello' });
    const ready = await c.waitFor((f) => f.type === 'ready');
    expect(ready.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ready.suggestions.length).toBeGreaterThanOrEqual(6);

    const { answer, deltas } = await c.ask('1', 'dang ky khai sinh can giay to gi');
    expect(deltas).toEqual([]); // composed at once: no deltas (an LLM's answer streams, see llm-mode tests)
    expect(c.frames.filter((f) => f.type !== 'ready').map((f) => f.type)).toEqual(['ack', 'answer']);
    expect(answer.text).toContain('Giấy chứng sinh');
    expect(answer).toMatchObject({ type: 'answer', id: '1', grounded: true, status: 'answered' });
    expect(answer.sources[0]).toEqual({
      id: 'dang-ky-khai-sinh',
      title: 'Đăng ký khai sinh',
      url: expect.stringMatching(/^https:/),
      section: 'Giấy tờ cần chuẩn bị',
    });
    expect(answer.followUps.length).toBeGreaterThan(0);
    const last = c.frames.filter((f) => f.id === '1').at(-1);
    expect(last.type).toBe('answer');
    c.close();
  });

  it('resumes a session: a follow-up after reconnecting uses the earlier turn', async () => {
    const a = await hello();
    const sessionId = a.frames[0].sessionId;
    await a.ask('1', 'làm hộ chiếu');
    a.close();
    const b = await server.socket();
    b.send({ type: 'hello', sessionId });
    expect((await b.waitFor((f) => f.type === 'ready')).sessionId).toBe(sessionId);
    const { answer } = await b.ask('2', 'còn lệ phí bao nhiêu?');
    expect(answer.sources[0].id).toBe('ho-chieu');
    b.close();
  });

  it('answers ping with pong, acknowledges stored questions, feedback and surveys, answers a handoff', async () => {
    const c = await hello();
    c.send({ type: 'ping' });
    await c.waitFor((f) => f.type === 'pong');
    const { answer } = await c.ask('1', 'đổi bằng lái xe');
    c.send({ type: 'feedback', answerId: answer.answerId, rating: 'down', comment: 'gọi tôi 0912345678' });
    expect(c.frames.find((f) => f.type === 'ack')).toEqual({ type: 'ack', kind: 'ask', ref: '1' }); // the question, stored
    expect(await c.waitFor((f) => f.type === 'ack' && f.ref === answer.answerId)).toBeTruthy();
    c.send({ type: 'feedback', answerId: '00000000-0000-4000-8000-000000000000', rating: 'up' });
    expect((await c.waitFor((f) => f.type === 'error')).code).toBe('unknown_answer');
    c.send({ type: 'survey', score: 5 });
    await c.waitFor((f) => f.type === 'ack' && f.ref === 'survey');
    // no staff account configured: a person is reached by phone or in person
    c.send({ type: 'handoff', reason: 'cần người' });
    const handoff = await c.waitFor((f) => f.type === 'handoff');
    expect(handoff.state).toBe('unavailable');
    expect(handoff.message).toContain('18001096');
    c.close();
  });

  it.each([
    ['malformed JSON', '{"type":"ask",', 'bad_frame'],
    ['not an object', '42', 'bad_frame'],
    ['unknown frame type', JSON.stringify({ type: 'hack' }), 'unknown_type'],
    ['ask without text', JSON.stringify({ type: 'ask', id: 'x' }), 'bad_frame'],
    ['id too long', JSON.stringify({ type: 'ask', id: 'x'.repeat(65), text: 'a' }), 'bad_frame'],
    ['oversized text', JSON.stringify({ type: 'ask', id: 'big', text: 'khai sinh '.repeat(150) }), 'too_long'],
    ['feedback without answerId', JSON.stringify({ type: 'feedback', rating: 'up' }), 'bad_frame'],
  ])('%s → typed error frame, connection stays usable', async (_name, raw, code) => {
    const c = await hello();
    c.send(raw);
    const err = await c.waitFor((f) => f.type === 'error');
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/\p{L}/u);
    const { answer } = await c.ask('after', 'làm thẻ căn cước ở đâu');
    expect(answer.grounded).toBe(true);
    c.close();
  });

  it('binary frames get a typed error', async () => {
    const c = await hello();
    c.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await c.waitFor((f) => f.type === 'error')).code).toBe('binary_not_supported');
    c.close();
  });

  it('a frame over the payload limit closes the socket with 1009', async () => {
    const c = await hello();
    c.send({ type: 'ask', id: 'huge', text: 'a'.repeat(40_000) });
    expect((await c.waitForClose()).code).toBe(1009);
  });

  it('100 frames in a second: rate_limited, then closed with a reason; other clients keep being served', async () => {
    const flooder = await hello();
    const bystander = await hello();
    for (let i = 0; i < 100; i++) flooder.send({ type: 'ping' });
    expect((await flooder.waitFor((f) => f.type === 'error')).code).toBe('rate_limited');
    const closed = await flooder.waitForClose();
    expect(closed).toEqual({ code: 1008, reason: 'rate limit exceeded' });
    expect(flooder.frames.filter((f) => f.type === 'error')).toHaveLength(1);
    // a dropped question is named, so the client knows to send it again later
    const asker = await hello();
    for (let i = 0; i < 25; i++) asker.send({ type: 'ping' });
    asker.send({ type: 'ask', id: 'late', text: 'khai sinh' });
    expect(await asker.waitFor((f) => f.type === 'error' && f.id === 'late')).toMatchObject({ code: 'rate_limited' });
    asker.close();
    const { answer } = await bystander.ask('b', 'đăng ký tạm trú');
    expect(answer.grounded).toBe(true);
    bystander.close();
  });

  it('checks the Origin: listed or same-host origins connect, others get 403', async () => {
    const listed = await server.socket('/ws', { origin: 'https://dichvucong.sonla.gov.vn' });
    listed.close();
    const same = await server.socket('/ws', { origin: TEST_ORIGIN });
    same.close();
    await expect(server.socket('/ws', { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
    // a look-alike of a listed origin, and another port of this host, are other origins
    await expect(server.socket('/ws', { origin: 'https://dichvucong.sonla.gov.vn.evil.example' })).rejects.toThrow('HTTP 403');
    await expect(server.socket('/ws', { origin: `${TEST_ORIGIN}:8080` })).rejects.toThrow('HTTP 403');
  });

  it('asks sent back to back are all answered, in order', async () => {
    const c = await hello();
    for (const [id, q] of [['a', 'khai sinh'], ['b', 'kết hôn'], ['c', 'khai tử']]) c.send({ type: 'ask', id, text: q });
    const c3 = await c.waitFor((f) => f.type === 'answer' && f.id === 'c');
    const order = c.frames.filter((f) => f.type === 'answer').map((f) => f.id);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(c3.sources[0].id).toBe('dang-ky-khai-tu');
    c.close();
  });

  it('logs carry no ID numbers, phone numbers or emails from citizens', async () => {
    const c = await hello();
    await c.ask('pii', 'tôi tên Lò Văn A, CCCD 034195001234, sđt 0987 654 321, email a.lo@gmail.com, làm lại thẻ căn cước ở đâu');
    c.send('{"type":"ask","id":"x","text":"034195001234'); // malformed, must not be logged raw
    await c.waitFor((f) => f.type === 'error');
    const answerId = c.frames.find((f) => f.type === 'answer').answerId;
    c.send({ type: 'feedback', answerId, rating: 'down', comment: 'sđt tôi 0912345678' });
    await c.waitFor((f) => f.type === 'ack' && f.ref === answerId);
    c.close();
    const all = logs.join('\n');
    expect(all).toContain('"event":"answer"');
    expect(all).toContain('[số định danh]');
    for (const secret of ['034195001234', '0987 654 321', '987654321', 'a.lo@gmail.com', '0912345678']) expect(all).not.toContain(secret);
  });
});

describe('websocket before the index is ready', () => {
  it('answers ask with not_ready instead of failing', async () => {
    const app = await buildTestApp({ loadKnowledge: false });
    expect((await app.fetch('/ready')).status).toBe(503);
    const c = await app.socket();
    c.send({ type: 'ask', id: '1', text: 'khai sinh' });
    expect((await c.waitFor((f) => f.type === 'error')).code).toBe('not_ready');
    c.send({ type: 'hello' });
    expect((await c.waitFor((f) => f.type === 'ready')).suggestions).toEqual([]);
    c.close();
  });
});
