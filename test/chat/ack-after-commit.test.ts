import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { buildTestApp } from '../helpers/app.js';
import { faultyStore } from '../helpers/faulty-store.js';
import type { TestClient } from '../helpers/ws-client.js';

/**
 * The rule the citizen relies on: `ack` means stored. Tested with a store that is slow on purpose
 * (no `ack` while the write waits; the row is there when the `ack` arrives) and one that fails (a
 * typed `not_stored` error and no `ack`; the connection stays usable).
 */
async function setup() {
  const inner = openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-ack-')), 'dvc.sqlite'));
  const faulty = faultyStore(inner);
  const app = await buildTestApp({ store: faulty.store, env: { STAFF_ACCOUNTS: '', OFFICE_HOURS: 'always' } });
  const c = await app.citizen();
  const sessionId: string = c.frames[0].sessionId;
  return { inner, faulty, app, c, sessionId };
}

/** A ping answered means every frame sent before it has been handled as far as it could go. */
async function roundTrip(c: TestClient): Promise<void> {
  const pongs = c.frames.filter((f) => f.type === 'pong').length;
  c.send({ type: 'ping' });
  await c.waitFor(() => c.frames.filter((f) => f.type === 'pong').length > pongs);
}

const acks = (c: TestClient, ref: string) => c.frames.filter((f) => f.type === 'ack' && f.ref === ref);

/** Each citizen write: the frame, the store method behind it, the ack's ref, and how to see the row. */
const WRITES = [
  {
    // stored with its answer in one transaction, so the ack comes just before the answer
    name: 'a question',
    method: ['conversations', 'addAnswer'] as const,
    frame: () => ({ type: 'ask', id: 'q1', text: 'làm thẻ căn cước ở đâu' }),
    ref: 'q1',
    isStored: async (s: Store, sessionId: string) => (await s.conversations.transcript(sessionId)).some((m) => m.text === 'làm thẻ căn cước ở đâu'),
  },
  {
    name: 'a rating',
    method: ['feedback', 'addRating'] as const,
    frame: (answerId: string) => ({ type: 'feedback', answerId, rating: 'down', comment: 'thiếu địa chỉ' }),
    ref: 'answer',
    isStored: async (s: Store) => (await s.reports.feedbackRows('2000-01-01')).some((r) => r.comment === 'thiếu địa chỉ'),
  },
  {
    name: 'a survey',
    method: ['feedback', 'addSurvey'] as const,
    frame: () => ({ type: 'survey', score: 4 }),
    ref: 'survey',
    isStored: async (s: Store) => (await s.reports.periodCounts('2000-01-01', '2999-01-01')).surveys === 1,
  },
  {
    name: 'a call-back number',
    method: ['handoffs', 'setCallback'] as const,
    frame: () => ({ type: 'callback', phone: '0912 345 678' }),
    ref: 'callback',
    isStored: async (s: Store) => (await s.handoffs.pendingCallbacks()).some((h) => h.callbackPhone === '0912 345 678'),
  },
];

/** An answer to rate, asked before any fault is set. */
async function answered(c: TestClient): Promise<string> {
  const { answer } = await c.ask('first', 'đăng ký khai sinh cần giấy tờ gì');
  return answer.answerId;
}

describe('ack after commit', () => {
  it.each(WRITES)('$name is acknowledged only once its row is committed, with a slow store', async (w) => {
    const { inner, faulty, c, sessionId } = await setup();
    const answerId = await answered(c);
    const ref = w.ref === 'answer' ? answerId : w.ref;
    faulty.hold(w.method[0], w.method[1]);
    c.send(w.frame(answerId));
    await faulty.started;
    await roundTrip(c);
    expect(acks(c, ref)).toEqual([]);
    expect(await w.isStored(inner, sessionId)).toBe(false);

    faulty.release();
    await c.waitFor((f) => f.type === 'ack' && f.ref === ref);
    expect(await w.isStored(inner, sessionId)).toBe(true);
  });

  it.each(WRITES)('$name that cannot be stored gets not_stored and no ack; the connection goes on', async (w) => {
    const { inner, faulty, c, sessionId } = await setup();
    const answerId = await answered(c);
    const ref = w.ref === 'answer' ? answerId : w.ref;
    faulty.fail(w.method[0], w.method[1]);
    c.send(w.frame(answerId));
    const error = await c.waitFor((f) => f.type === 'error');
    expect(error.code).toBe('not_stored');
    expect(error.message).toMatch(/chưa lưu được/);
    if (w.ref === 'q1') expect(error.id).toBe('q1');
    await roundTrip(c);
    expect(acks(c, ref)).toEqual([]);
    expect(c.frames.some((f) => f.type === 'answer' && f.id === 'q1')).toBe(false);
    expect(await w.isStored(inner, sessionId)).toBe(false);

    faulty.release(); // the disk has room again: the same frame now goes through
    c.send(w.frame(answerId));
    await c.waitFor((f) => f.type === 'ack' && f.ref === ref);
    expect(await w.isStored(inner, sessionId)).toBe(true);
  });

  it('over HTTP, a question that cannot be stored gets 503 not_stored, not an answer', async () => {
    const { faulty, app } = await setup();
    faulty.fail('conversations', 'addAnswer');
    const res = await app.fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'làm thẻ căn cước ở đâu' }) });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('not_stored');
    faulty.release();
    const ok = await app.fetch('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: 'làm thẻ căn cước ở đâu' }) });
    expect(ok.status).toBe(200);
  });
});
