import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/lib/clock.js';
import type { AnswerRecord, NewFeedbackItem, Store } from '../../src/store/store.js';
import { FakeClock } from '../helpers/clock.js';

const DAY = 86_400_000;

/** A new, empty store on `clock`; `reopen` (optional) opens the same data again, as after a restart. */
export type StoreFactory = (clock: Clock) => Promise<{ store: Store; reopen?: () => Promise<Store>; cleanup?: () => Promise<void> }>;

const answer = (id: string, sessionId: string, extra: Partial<AnswerRecord> = {}): AnswerRecord => ({
  id,
  sessionId,
  question: 'làm căn cước',
  text: 'trả lời',
  status: 'answered',
  grounded: true,
  sources: [{ id: 'the-can-cuoc', title: 'Thẻ căn cước', url: 'https://x.gov.vn', section: '', score: 0.9 }],
  ...extra,
});

/**
 * What every Store implementation must do, whatever keeps the data (SQLite today, PostgreSQL next).
 * A test file calls it with a factory: `storeContract('SQLite', async (clock) => ({ store: … }))`.
 * Time comes from a fake clock, so retention, expiry and calendar weeks are tested without touching
 * the data behind the store's back.
 */
export function storeContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let clock: FakeClock;
    let s: Store;
    let opened: Awaited<ReturnType<StoreFactory>>;

    beforeEach(async () => {
      // Wednesday 25 November 2026, 10:00 in Vietnam
      clock = new FakeClock(Date.parse('2026-11-25T03:00:00Z'));
      opened = await factory(clock);
      s = opened.store;
    });
    afterEach(async () => {
      await s.close();
      await opened.cleanup?.();
    });

    describe('conversations', () => {
      it('stores a turn (the citizen\'s message, then the answer and its bot message) in one transaction: all or nothing', async () => {
        const id = await s.conversations.openSession();
        await s.conversations.addAnswer(answer('a1', id, { question: 'làm căn cước', text: 'Bà con đến công an xã.' }), { citizenText: 'làm căn cước' });
        expect((await s.conversations.transcript(id)).map((m) => `${m.role}: ${m.text}`)).toEqual(['citizen: làm căn cước', 'bot: Bà con đến công an xã.']);
        // The same answer id again: the answer row is refused, so the citizen's message is not kept either.
        await expect(s.conversations.addAnswer(answer('a1', id), { citizenText: 'hỏi lại' })).rejects.toThrow();
        expect((await s.conversations.transcript(id)).map((m) => m.text)).not.toContain('hỏi lại');
        expect(await s.conversations.transcript(id)).toHaveLength(2);
      });

      it('opens a session, resumes a known one, and issues its own id for any other (never one the client chose)', async () => {
        const id = await s.conversations.openSession();
        expect(id).toMatch(/^[0-9a-f-]{36}$/);
        expect(await s.conversations.openSession(id)).toBe(id);
        const chosen = randomUUID();
        const issued = await s.conversations.openSession(chosen);
        expect(issued).not.toBe(chosen);
        expect(issued).toMatch(/^[0-9a-f-]{36}$/);
        expect(await s.conversations.openSession(chosen)).not.toBe(chosen); // still unknown: never adopted
        const other = await s.conversations.openSession('not-a-uuid');
        expect(other).not.toBe('not-a-uuid');
        expect(other).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('keeps history for follow-ups (oldest first, greetings left out, document only when grounded) and transcripts', async () => {
        const id = await s.conversations.openSession();
        await s.conversations.addMessage({ sessionId: id, role: 'citizen', text: 'làm căn cước' });
        await s.conversations.addAnswer(answer('a1', id));
        await clock.advance(1000);
        await s.conversations.addAnswer(answer('g', id, { question: 'xin chào', status: 'greeting', grounded: false, sources: [] }));
        await clock.advance(1000);
        await s.conversations.addAnswer(answer('a2', id, { question: 'còn lệ phí', grounded: false, status: 'unanswerable_no_content', sources: [] }));
        await s.conversations.addMessage({ sessionId: id, role: 'staff', name: 'Lò Thị Hoa', text: 'chào bác' });
        expect(await s.conversations.history(id, 5)).toEqual([
          { question: 'làm căn cước', answer: 'trả lời', docId: 'the-can-cuoc' },
          { question: 'còn lệ phí', answer: 'trả lời', docId: undefined },
        ]);
        expect(await s.conversations.history(id, 1)).toEqual([{ question: 'còn lệ phí', answer: 'trả lời', docId: undefined }]);
        const transcript = await s.conversations.transcript(id);
        expect(transcript.map((m) => m.role)).toEqual(['citizen', 'bot', 'bot', 'bot', 'staff']);
        expect(transcript.at(-1)).toEqual({ id: expect.any(Number), role: 'staff', name: 'Lò Thị Hoa', text: 'chào bác', at: new Date(clock.now()).toISOString(), delivered: false });
        expect(transcript.map((m) => m.id)).toEqual([...transcript.map((m) => m.id)].sort((a, b) => a! - b!));
        expect((await s.conversations.transcript(id, 2)).map((m) => m.role)).toEqual(['bot', 'staff']);
        expect(await s.conversations.transcript(await s.conversations.openSession())).toEqual([]);
      });

      it('knows an answer only within its own session', async () => {
        const id = await s.conversations.openSession();
        await s.conversations.addAnswer(answer('a1', id));
        expect(await s.conversations.answerExists('a1', id)).toBe(true);
        expect(await s.conversations.answerExists('a1')).toBe(true);
        expect(await s.conversations.answerExists('a1', await s.conversations.openSession())).toBe(false);
        expect(await s.conversations.answerExists('nope', id)).toBe(false);
      });

      it('retention deletes sessions idle longer than the limit with everything attached, and old rows inside sessions still in use', async () => {
        const old = await s.conversations.openSession();
        const active = await s.conversations.openSession();
        await s.conversations.addAnswer(answer('old-a', old));
        await s.feedback.addRating({ answerId: 'old-a', sessionId: old, rating: 'up' });
        await s.feedback.addSurvey({ sessionId: old, score: 5 });
        await s.handoffs.create({ id: 'h-old', sessionId: old });
        await s.conversations.addMessage({ sessionId: active, role: 'citizen', text: 'câu hỏi cũ' });
        await s.conversations.addAnswer(answer('active-a', active));
        await s.feedback.addRating({ answerId: 'active-a', sessionId: active, rating: 'down' });
        await s.feedback.addSurvey({ sessionId: active, score: 2 });
        await clock.advance(100 * DAY);
        await s.conversations.addMessage({ sessionId: active, role: 'citizen', text: 'vẫn hỏi' });
        await clock.advance(90 * DAY);
        const recent = await s.conversations.openSession();
        await s.conversations.addAnswer(answer('new-a', recent));

        const removed = await s.conversations.purgeOlderThan(180);
        expect(removed.sessions).toBe(1);
        expect(removed.rows).toBeGreaterThanOrEqual(4); // the active session's old question, answer, rating and survey
        expect(await s.conversations.answerExists('old-a')).toBe(false);
        expect(await s.handoffs.get('h-old')).toBeUndefined();
        expect(await s.conversations.transcript(old)).toEqual([]);
        // the session in use keeps what is recent and loses what is older than the limit
        expect(await s.conversations.openSession(active)).toBe(active);
        expect((await s.conversations.transcript(active)).map((m) => m.text)).toEqual(['vẫn hỏi']);
        expect(await s.conversations.answerExists('active-a')).toBe(false);
        expect(await s.conversations.answerExists('new-a')).toBe(true);
        expect(await s.reports.periodCounts('2000-01-01', '2999-01-01')).toMatchObject({ surveys: 0, feedback: 0, questionsTotal: 1 });
        expect(await s.conversations.purgeOlderThan(180)).toEqual({ sessions: 0, rows: 0 });
      });

      it('retention keeps a call-back number nobody has handled, however old, and deletes it once handled and old', async () => {
        const id = await s.conversations.openSession();
        await s.conversations.addMessage({ sessionId: id, role: 'citizen', text: 'gọi lại cho tôi' });
        const h = await s.handoffs.setCallback(id, '0912 345 678');
        await clock.advance(200 * DAY);
        await s.conversations.purgeOlderThan(180);
        expect((await s.handoffs.pendingCallbacks()).map((x) => x.callbackPhone)).toEqual(['0912 345 678']);
        expect(await s.conversations.transcript(id)).toEqual([]); // the old messages go, the number stays
        await s.handoffs.close(h.id, 'canbo'); // called back
        await clock.advance(181 * DAY);
        expect((await s.conversations.purgeOlderThan(180)).sessions).toBe(1);
        expect(await s.handoffs.get(h.id)).toBeUndefined();
      });

      it('keeps staff messages pending until delivered, oldest first, each claimed once', async () => {
        const id = await s.conversations.openSession();
        const other = await s.conversations.openSession();
        const first = await s.conversations.addMessage({ sessionId: id, role: 'staff', name: 'Lò Thị Hoa', text: 'một' });
        await s.conversations.addMessage({ sessionId: id, role: 'citizen', text: 'vâng' });
        const second = await s.conversations.addMessage({ sessionId: id, role: 'staff', name: 'Lò Thị Hoa', text: 'hai' });
        await s.conversations.addMessage({ sessionId: other, role: 'staff', name: 'Lò Thị Hoa', text: 'khác' });
        expect(second).toBeGreaterThan(first);
        const pending = await s.conversations.pendingStaffMessages(id);
        expect(pending).toEqual([
          { id: first, name: 'Lò Thị Hoa', text: 'một', at: new Date(clock.now()).toISOString() },
          { id: second, name: 'Lò Thị Hoa', text: 'hai', at: new Date(clock.now()).toISOString() },
        ]);
        expect(await s.conversations.markDelivered(first)).toBe(true);
        expect(await s.conversations.markDelivered(first)).toBe(false); // delivered exactly once
        expect((await s.conversations.pendingStaffMessages(id)).map((m) => m.text)).toEqual(['hai']);
        expect(await s.conversations.markDelivered(second)).toBe(true);
        await s.conversations.releaseDelivery(second); // the send failed: pending again
        expect((await s.conversations.pendingStaffMessages(id)).map((m) => m.text)).toEqual(['hai']);
        expect((await s.conversations.transcript(id)).filter((m) => m.role === 'staff').map((m) => m.delivered)).toEqual([true, false]);
        const citizenId = (await s.conversations.transcript(id)).find((m) => m.role === 'citizen')!.id!;
        expect(await s.conversations.markDelivered(citizenId)).toBe(false); // only staff messages are delivered this way
      });
    });

    describe('feedback and reports', () => {
      it('counts questions, satisfaction (4 and 5 of 5) and thumbs-up in a period, and the most cited documents', async () => {
        const id = await s.conversations.openSession();
        await s.conversations.addAnswer(answer('a1', id));
        await s.conversations.addAnswer(answer('a2', id, { grounded: false, status: 'out_of_scope', sources: [] }));
        for (const score of [5, 4, 3, 2]) await s.feedback.addSurvey({ sessionId: id, score });
        await s.feedback.addRating({ answerId: 'a1', sessionId: id, rating: 'up' });
        await s.feedback.addRating({ answerId: 'a1', sessionId: id, rating: 'down', comment: 'sai' });
        const c = await s.reports.periodCounts('2000-01-01', '2999-01-01');
        expect(c).toMatchObject({ questionsTotal: 2, questionsAnswered: 1, surveys: 4, satisfied: 2, feedback: 2, up: 1 });
        expect(c.topDocs).toEqual([{ id: 'the-can-cuoc', title: 'Thẻ căn cước', count: 1 }]);
        expect(await s.reports.unanswered('2000-01-01', 10)).toEqual([{ question: 'làm căn cước', status: 'out_of_scope', at: new Date(clock.now()).toISOString() }]);
        expect((await s.reports.downvoted('2000-01-01', 10))[0]).toMatchObject({ question: 'làm căn cước', answer: 'trả lời', comment: 'sai' });
        const rows = await s.reports.feedbackRows('2000-01-01');
        expect(rows.map((r) => r.rating)).toEqual(['up', 'down']);
        expect(JSON.parse(rows[0].sources)[0].id).toBe('the-can-cuoc');
        expect((await s.reports.recentQuestions('2000-01-01', 10)).map((r) => r.grounded).sort()).toEqual([false, true]);
        expect(await s.reports.statusCounts('2000-01-01')).toEqual({ answered: 1, out_of_scope: 1 });
        expect(await s.reports.statusCounts('2999-01-01')).toEqual({});
      });

      it('counts a period from its start (included) to its end (excluded)', async () => {
        const id = await s.conversations.openSession();
        const start = new Date(clock.now()).toISOString();
        await s.conversations.addAnswer(answer('in', id));
        await clock.advance(DAY);
        const end = new Date(clock.now()).toISOString();
        await s.conversations.addAnswer(answer('after', id));
        expect((await s.reports.periodCounts(start, end)).questionsTotal).toBe(1);
        expect((await s.reports.periodCounts(end, '2999-01-01')).questionsTotal).toBe(1);
      });

      it('labels weeks by ISO week in local time (Sunday evening UTC is already Monday in Vietnam)', async () => {
        await clock.advance(Date.parse('2026-11-29T18:00:00Z') - clock.now()); // Sunday 18:00 UTC = Monday 30 Nov 01:00 in Vietnam
        const id = await s.conversations.openSession();
        await s.feedback.addSurvey({ sessionId: id, score: 5 });
        await s.conversations.addAnswer(answer('a', id));
        await s.feedback.addRating({ answerId: 'a', sessionId: id, rating: 'down' });
        expect(await s.reports.weeklyStats(4, 420)).toEqual([{ week: '2026-W49', surveys: 1, satisfied: 1, feedback: 1, up: 0 }]);
        expect((await s.reports.weeklyStats(4, 0)).map((w) => w.week)).toEqual(['2026-W48']);
        await clock.advance(5 * 7 * DAY);
        expect(await s.reports.weeklyStats(4, 420)).toEqual([]); // older than the weeks asked for
      });
    });

    describe('feedback queue', () => {
      const item = (id: string, extra: Partial<NewFeedbackItem> = {}): NewFeedbackItem => ({
        id,
        code: `CODE-${id}`,
        kind: 'suggestion',
        text: 'Nên có thêm hướng dẫn bằng tiếng Thái',
        dueAt: new Date(clock.now() + 7 * DAY).toISOString(),
        ...extra,
      });

      it('adds an item as new, finds it by id and by code, and refuses a code twice', async () => {
        const sessionId = await s.conversations.openSession();
        const added = await s.feedbackQueue.add(item('f1', { sessionId, contact: '0912 345 678' }));
        expect(added).toMatchObject({
          id: 'f1',
          code: 'CODE-f1',
          kind: 'suggestion',
          status: 'new',
          contact: '0912 345 678',
          sessionId,
          assignee: null,
          reply: null,
          answeredAt: null,
          createdAt: new Date(clock.now()).toISOString(),
          updatedAt: new Date(clock.now()).toISOString(),
        });
        expect(await s.feedbackQueue.get('f1')).toEqual(added);
        expect(await s.feedbackQueue.byCode('CODE-f1')).toEqual(added);
        expect(await s.feedbackQueue.byCode('code-f1')).toBeUndefined();
        expect(await s.feedbackQueue.get('nope')).toBeUndefined();
        await expect(s.feedbackQueue.add(item('f2', { code: 'CODE-f1' }))).rejects.toThrow();
      });

      it('moves new → in progress → answered, assigns and re-dates, keeps the first answer time when the reply is corrected', async () => {
        await s.feedbackQueue.add(item('f1'));
        await clock.advance(1000);
        const due = new Date(clock.now() + 2 * DAY).toISOString();
        expect(await s.feedbackQueue.update('f1', { status: 'in_progress', assignee: 'canbo', dueAt: due })).toMatchObject({
          status: 'in_progress',
          assignee: 'canbo',
          dueAt: due,
          updatedAt: new Date(clock.now()).toISOString(),
        });
        expect(await s.feedbackQueue.update('f1', { assignee: null })).toMatchObject({ assignee: null, status: 'in_progress', dueAt: due });
        await clock.advance(1000);
        const answeredAt = new Date(clock.now()).toISOString();
        expect(await s.feedbackQueue.reply('f1', { text: 'Đã bổ sung.', by: 'canbo' })).toMatchObject({ status: 'answered', reply: 'Đã bổ sung.', answeredAt, answeredBy: 'canbo' });
        await clock.advance(1000);
        expect(await s.feedbackQueue.reply('f1', { text: 'Đã bổ sung, xem mục 2.', by: 'quantri' })).toMatchObject({
          reply: 'Đã bổ sung, xem mục 2.',
          answeredAt,
          answeredBy: 'canbo',
        });
        // An answered item stays answered: only a reply changes it.
        expect(await s.feedbackQueue.update('f1', { status: 'new' })).toMatchObject({ status: 'answered' });
        expect(await s.feedbackQueue.update('nope', { status: 'new' })).toBeUndefined();
        expect(await s.feedbackQueue.reply('nope', { text: 'x', by: 'canbo' })).toBeUndefined();
      });

      it('lists by status, kind and assignee, the earliest due first', async () => {
        await s.feedbackQueue.add(item('late', { dueAt: new Date(clock.now() + 9 * DAY).toISOString() }));
        await s.feedbackQueue.add(item('soon', { kind: 'complaint', dueAt: new Date(clock.now() + 1 * DAY).toISOString() }));
        await s.feedbackQueue.add(item('mid', { kind: 'survey', score: 2, dueAt: new Date(clock.now() + 5 * DAY).toISOString() }));
        await s.feedbackQueue.update('mid', { assignee: 'canbo', status: 'in_progress' });
        await s.feedbackQueue.reply('late', { text: 'ok', by: 'canbo' });
        expect((await s.feedbackQueue.list()).map((i) => i.id)).toEqual(['soon', 'mid', 'late']);
        expect((await s.feedbackQueue.list({ status: ['new', 'in_progress'] })).map((i) => i.id)).toEqual(['soon', 'mid']);
        expect((await s.feedbackQueue.list({ kind: ['survey'] })).map((i) => [i.id, i.score])).toEqual([['mid', 2]]);
        expect((await s.feedbackQueue.list({ assignee: 'canbo' })).map((i) => i.id)).toEqual(['mid']);
        expect(await s.feedbackQueue.list({ status: [] })).toEqual([]);
        expect((await s.feedbackQueue.list({}, 1)).map((i) => i.id)).toEqual(['soon']);
      });

      it('shows a call-back item with the number kept on its handoff', async () => {
        const sessionId = await s.conversations.openSession();
        const h = await s.handoffs.setCallback(sessionId, '0987 654 321');
        const added = await s.feedbackQueue.add(item('cb', { kind: 'callback', text: 'Đề nghị gọi lại', sessionId, handoffId: h.id }));
        expect(added).toMatchObject({ kind: 'callback', handoffId: h.id, contact: '0987 654 321' });
      });

      it('gives the times of the items received in a period, and erases old contacts', async () => {
        const start = new Date(clock.now()).toISOString();
        await s.feedbackQueue.add(item('a', { contact: 'a@example.vn' }));
        await s.feedbackQueue.reply('a', { text: 'ok', by: 'canbo' });
        await clock.advance(DAY);
        const end = new Date(clock.now()).toISOString();
        await s.feedbackQueue.add(item('b', { contact: '0912 345 678' }));
        const times = await s.feedbackQueue.times(start, end);
        expect(times).toEqual([{ createdAt: start, dueAt: expect.any(String), answeredAt: start }]);
        expect(await s.feedbackQueue.times(end, '2999-01-01')).toEqual([expect.objectContaining({ createdAt: end, answeredAt: null })]);
        expect(await s.feedbackQueue.eraseContactsBefore(end)).toBe(1);
        expect((await s.feedbackQueue.get('a'))?.contact).toBeNull();
        expect((await s.feedbackQueue.get('b'))?.contact).toBe('0912 345 678');
      });

      it('keeps an item when its conversation is deleted by retention (for the published figures), without the session', async () => {
        const sessionId = await s.conversations.openSession();
        await s.conversations.addAnswer(answer('a1', sessionId));
        await s.feedbackQueue.add(item('r', { kind: 'rating', sessionId, answerId: 'a1', text: 'thiếu lệ phí' }));
        await clock.advance(200 * DAY);
        expect((await s.conversations.purgeOlderThan(180)).sessions).toBe(1);
        expect(await s.feedbackQueue.get('r')).toMatchObject({ kind: 'rating', text: 'thiếu lệ phí', sessionId: null, answerId: null });
      });
    });

    describe('handoffs', () => {
      it('moves waiting → taken → closed exactly once, keeping who took and who closed it', async () => {
        const id = await s.conversations.openSession();
        const created = await s.handoffs.create({ id: 'h1', sessionId: id, reason: 'cần người' });
        expect(created).toMatchObject({ id: 'h1', sessionId: id, state: 'waiting', reason: 'cần người', takenAt: null, closedAt: null, callbackPhone: null });
        expect((await s.handoffs.openFor(id))?.state).toBe('waiting');
        await clock.advance(30_000);
        expect(await s.handoffs.take('h1', 'canbo')).toMatchObject({ state: 'taken', takenBy: 'canbo', takenAt: new Date(clock.now()).toISOString() });
        expect(await s.handoffs.take('h1', 'khac')).toBeUndefined();
        expect((await s.handoffs.openFor(id))?.state).toBe('taken');
        expect(await s.handoffs.close('h1', 'canbo')).toMatchObject({ state: 'closed', closedBy: 'canbo' });
        expect(await s.handoffs.close('h1', 'timeout')).toMatchObject({ state: 'closed', closedBy: 'canbo' });
        expect(await s.handoffs.take('h1', 'khac')).toBeUndefined();
        expect(await s.handoffs.openFor(id)).toBeUndefined();
        expect(await s.handoffs.get('nope')).toBeUndefined();
      });

      it('expires the requests still waiting that were made at or before a time, each once, and leaves taken and later ones alone', async () => {
        const id = await s.conversations.openSession();
        await s.handoffs.create({ id: 'old1', sessionId: id });
        await clock.advance(1000);
        await s.handoffs.create({ id: 'old2', sessionId: id });
        await s.handoffs.create({ id: 'taken', sessionId: id });
        await s.handoffs.take('taken', 'canbo');
        const cutoff = new Date(clock.now()).toISOString(); // old2 and taken were made exactly then
        await clock.advance(1000);
        await s.handoffs.create({ id: 'new', sessionId: id });
        const expired = await s.handoffs.expireWaiting(cutoff, 'timeout');
        expect(expired.map((h) => [h.id, h.state, h.closedBy, h.closedAt])).toEqual([
          ['old1', 'closed', 'timeout', new Date(clock.now()).toISOString()],
          ['old2', 'closed', 'timeout', new Date(clock.now()).toISOString()],
        ]);
        // A second sweep (another instance) finds nothing left to end.
        expect(await s.handoffs.expireWaiting(cutoff, 'timeout')).toEqual([]);
        expect((await s.handoffs.get('taken'))?.state).toBe('taken');
        expect((await s.handoffs.get('new'))?.state).toBe('waiting');
        // Two sweeps at once: each request is ended by one of them.
        await clock.advance(1000);
        const [a, b] = await Promise.all([s.handoffs.expireWaiting(new Date(clock.now()).toISOString(), 'timeout'), s.handoffs.expireWaiting(new Date(clock.now()).toISOString(), 'timeout')]);
        expect([...a, ...b].map((h) => h.id)).toEqual(['new']);
      });

      it('gives the waits (request → taken) of the latest requests taken, the latest first', async () => {
        const id = await s.conversations.openSession();
        expect(await s.handoffs.recentWaits(20)).toEqual([]);
        for (const [h, seconds] of [['h1', 120], ['h2', 30], ['h3', 600]] as const) {
          await s.handoffs.create({ id: h, sessionId: id });
          await clock.advance(seconds * 1000);
          await s.handoffs.take(h, 'canbo');
        }
        await s.handoffs.create({ id: 'waiting', sessionId: id });
        await clock.advance(5000);
        expect(await s.handoffs.recentWaits(20)).toEqual([600, 30, 120]);
        expect(await s.handoffs.recentWaits(2)).toEqual([600, 30]);
      });

      it('lists by state, oldest first', async () => {
        const id = await s.conversations.openSession();
        for (const h of ['h1', 'h2', 'h3']) {
          await s.handoffs.create({ id: h, sessionId: id });
          await clock.advance(1000);
        }
        await s.handoffs.take('h2', 'canbo');
        expect((await s.handoffs.list(['waiting'])).map((h) => h.id)).toEqual(['h1', 'h3']);
        expect((await s.handoffs.list(['waiting', 'taken'])).map((h) => h.id)).toEqual(['h1', 'h2', 'h3']);
        expect((await s.handoffs.list(['waiting'], 1)).map((h) => h.id)).toEqual(['h1']);
      });

      it('keeps a second call-back number of a session next to the first, never over it, and each until it is handled', async () => {
        const id = await s.conversations.openSession();
        const first = await s.handoffs.setCallback(id, '0912 345 678');
        const second = await s.handoffs.setCallback(id, '0987 654 321');
        expect(second.id).not.toBe(first.id);
        expect(await s.handoffs.setCallback(id, '0987 654 321')).toMatchObject({ id: second.id }); // the same number again: not twice
        expect((await s.handoffs.pendingCallbacks()).map((h) => h.callbackPhone)).toEqual(['0912 345 678', '0987 654 321']);
        await s.handoffs.close(first.id, 'canbo');
        expect((await s.handoffs.pendingCallbacks()).map((h) => h.callbackPhone)).toEqual(['0987 654 321']);
      });

      it('keeps a call-back number on the latest handoff, or on a new closed one, until it is marked done', async () => {
        const withHandoff = await s.conversations.openSession();
        await s.handoffs.create({ id: 'h1', sessionId: withHandoff });
        await s.handoffs.close('h1', 'timeout');
        const onLatest = await s.handoffs.setCallback(withHandoff, '0912 345 678');
        expect(onLatest).toMatchObject({ id: 'h1', callbackPhone: '0912 345 678' });

        await clock.advance(1000);
        const without = await s.conversations.openSession();
        const created = await s.handoffs.setCallback(without, '0987 654 321');
        expect(created).toMatchObject({ sessionId: without, state: 'closed', reason: 'callback', callbackPhone: '0987 654 321' });
        expect(await s.handoffs.openFor(without)).toBeUndefined(); // a call-back is not a chat waiting for staff

        expect((await s.handoffs.pendingCallbacks()).map((h) => h.callbackPhone)).toEqual(['0912 345 678', '0987 654 321']);
        await s.handoffs.close('h1', 'canbo'); // closing a closed handoff with a number = called back
        expect((await s.handoffs.pendingCallbacks()).map((h) => h.id)).toEqual([created.id]);
        await clock.advance(1000);
        await s.handoffs.setCallback(withHandoff, '0912 000 111'); // a new number is pending again
        expect((await s.handoffs.pendingCallbacks()).map((h) => h.callbackPhone)).toEqual(['0987 654 321', '0912 000 111']);
      });
    });

    describe('login failures', () => {
      const QUIET = 15 * 60_000;

      it('counts a name\'s failures (each of many at once), apart from other names, until cleared', async () => {
        expect(await s.loginFailures.get('thu')).toBeUndefined();
        expect(await s.loginFailures.add('thu', QUIET)).toEqual({ count: 1, lastAt: clock.now() });
        await clock.advance(1000);
        const burst = await Promise.all([1, 2, 3, 4].map(() => s.loginFailures.add('thu', QUIET)));
        expect(burst.map((f) => f.count).sort()).toEqual([2, 3, 4, 5]);
        expect(await s.loginFailures.get('thu')).toEqual({ count: 5, lastAt: clock.now() });
        expect(await s.loginFailures.get('Thu')).toBeUndefined(); // names are exact
        await s.loginFailures.clear('thu');
        expect(await s.loginFailures.get('thu')).toBeUndefined();
      });

      it('starts again at 1 after a quiet spell longer than the limit, and deletes names quiet that long', async () => {
        await s.loginFailures.add('thu', QUIET);
        await s.loginFailures.add('thu', QUIET);
        await s.loginFailures.add('lan', QUIET);
        await clock.advance(QUIET); // exactly the limit: still counted
        expect((await s.loginFailures.add('thu', QUIET)).count).toBe(3);
        await clock.advance(QUIET + 1);
        expect((await s.loginFailures.add('thu', QUIET)).count).toBe(1);
        expect(await s.loginFailures.get('lan')).toBeUndefined(); // quiet too long: deleted by that failure
      });
    });

    describe('staff sessions and audit', () => {
      it('finds a staff session until it expires or is deleted', async () => {
        const expiresAt = clock.now() + 3600_000;
        await s.staffSessions.create({ tokenHash: 'abc', username: 'canbo', csrf: 'csrf-1', expiresAt });
        expect(await s.staffSessions.get('abc')).toEqual({ tokenHash: 'abc', username: 'canbo', csrf: 'csrf-1', expiresAt });
        expect(await s.staffSessions.get('abd')).toBeUndefined();
        await clock.advance(3600_000 - 1);
        expect(await s.staffSessions.get('abc')).toBeDefined();
        await clock.advance(1);
        expect(await s.staffSessions.get('abc')).toBeUndefined();
        await s.staffSessions.create({ tokenHash: 'def', username: 'canbo', csrf: 'csrf-2', expiresAt: clock.now() + 1000 });
        await s.staffSessions.delete('def');
        expect(await s.staffSessions.get('def')).toBeUndefined();
      });

      it('keeps the audit log, newest first', async () => {
        await s.audit.record('quantri', 'reindex', 'built');
        await clock.advance(1000);
        await s.audit.record('canbo', 'handoff_taken');
        expect(await s.audit.entries()).toEqual([
          { at: new Date(clock.now()).toISOString(), actor: 'canbo', action: 'handoff_taken', detail: '' },
          { at: new Date(clock.now() - 1000).toISOString(), actor: 'quantri', action: 'reindex', detail: 'built' },
        ]);
        expect(await s.audit.entries(1)).toHaveLength(1);
      });
    });

    describe('canned replies', () => {
      it('creates, lists by title (Vietnamese order, ignoring case), rewrites and deletes a reply, saying when there is none', async () => {
        const b = await s.cannedReplies.create({ title: 'chào hỏi', text: 'Chào anh/chị.', by: 'quantri' });
        await clock.advance(1000);
        const a = await s.cannedReplies.create({ title: 'Kết thúc', text: 'Cảm ơn anh/chị.', by: 'quantri' });
        expect(b).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), title: 'chào hỏi', text: 'Chào anh/chị.', updatedAt: new Date(clock.now() - 1000).toISOString(), updatedBy: 'quantri' });
        await s.cannedReplies.create({ title: 'Cảm ơn', text: 'Cảm ơn anh/chị.', by: 'quantri' });
        expect((await s.cannedReplies.list()).map((r) => r.title)).toEqual(['Cảm ơn', 'chào hỏi', 'Kết thúc']);

        await clock.advance(1000);
        const changed = await s.cannedReplies.update(a.id, { title: 'Kết thúc', text: 'Cảm ơn, chúc anh/chị một ngày tốt lành.', by: 'admin2' });
        expect(changed).toEqual({ ...a, text: 'Cảm ơn, chúc anh/chị một ngày tốt lành.', updatedAt: new Date(clock.now()).toISOString(), updatedBy: 'admin2' });
        expect(await s.cannedReplies.update(randomUUID(), { title: 'x', text: 'y', by: 'quantri' })).toBeUndefined();

        expect(await s.cannedReplies.delete(b.id)).toBe(true);
        expect(await s.cannedReplies.delete(b.id)).toBe(false);
        expect((await s.cannedReplies.list()).map((r) => r.id)).toEqual([expect.any(String), a.id]);
        expect((await s.cannedReplies.list())[1]).toEqual(changed);
      });
    });

    it('probes that it can write', async () => {
      await expect(s.probe()).resolves.toBeUndefined();
    });

    it('keeps everything written once its promise resolved, after the store is closed and opened again', async () => {
      if (!opened.reopen) return;
      const id = await s.conversations.openSession();
      await s.conversations.addMessage({ sessionId: id, role: 'citizen', text: 'câu hỏi' });
      await s.conversations.addAnswer(answer('a1', id));
      await s.feedback.addRating({ answerId: 'a1', sessionId: id, rating: 'up' });
      await s.feedback.addSurvey({ sessionId: id, score: 4 });
      await s.handoffs.setCallback(id, '0912 345 678');
      await s.audit.record('quantri', 'export');
      await s.feedbackQueue.add({ id: 'f1', code: 'ABCD-EFGH-JKMN', kind: 'complaint', text: 'chờ lâu', dueAt: new Date(clock.now() + DAY).toISOString() });
      await s.close();
      s = await opened.reopen();
      expect((await s.conversations.transcript(id)).map((m) => m.text)).toEqual(['câu hỏi', 'trả lời']);
      expect(await s.reports.periodCounts('2000-01-01', '2999-01-01')).toMatchObject({ questionsTotal: 1, surveys: 1, feedback: 1 });
      expect((await s.handoffs.pendingCallbacks()).map((h) => h.callbackPhone)).toEqual(['0912 345 678']);
      expect((await s.audit.entries()).map((e) => e.action)).toEqual(['export']);
      expect(await s.feedbackQueue.byCode('ABCD-EFGH-JKMN')).toMatchObject({ kind: 'complaint', text: 'chờ lâu', status: 'new' });
    });
  });
}
