import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations.js';
import { openSqliteStore } from '../../src/store/sqlite-store.js';

const tempDb = () => path.join(mkdtempSync(path.join(tmpdir(), 'dvc-store-')), 'dvc.sqlite');
const answer = (id: string, sessionId: string, extra: Partial<Parameters<ReturnType<typeof openSqliteStore>['addAnswer']>[0]> = {}) => ({
  id,
  sessionId,
  question: 'làm căn cước',
  text: 'trả lời',
  status: 'answered',
  grounded: true,
  sources: [{ id: 'the-can-cuoc', title: 'Thẻ căn cước', url: 'https://x.gov.vn', section: '', score: 0.9 }],
  ...extra,
});

describe('SQLite store', () => {
  it('applies migrations once, in WAL mode, and reopens an existing file', () => {
    const file = tempDb();
    openSqliteStore(file).close();
    const again = openSqliteStore(file);
    again.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer version instead of damaging it', () => {
    const file = tempDb();
    openSqliteStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/newer than this program/);
  });

  it('keeps sessions, history for follow-ups and transcripts', () => {
    const s = openSqliteStore(tempDb());
    const id = s.openSession();
    expect(s.openSession(id)).toBe(id);
    expect(s.openSession('not-a-uuid')).not.toBe('not-a-uuid');
    s.addMessage({ sessionId: id, role: 'citizen', text: 'làm căn cước' });
    s.addAnswer(answer('a1', id));
    s.addAnswer(answer('a2', id, { grounded: false, status: 'unanswerable_no_content', sources: [] }));
    expect(s.history(id, 5)).toEqual([
      { question: 'làm căn cước', answer: 'trả lời', docId: 'the-can-cuoc' },
      { question: 'làm căn cước', answer: 'trả lời', docId: undefined },
    ]);
    expect(s.transcript(id).map((m) => m.role)).toEqual(['citizen', 'bot', 'bot']);
    expect(s.answerExists('a1', id)).toBe(true);
    expect(s.answerExists('a1', s.openSession())).toBe(false);
    s.close();
  });

  it('counts satisfaction and thumbs-up by week and by period', () => {
    const s = openSqliteStore(tempDb());
    const id = s.openSession();
    s.addAnswer(answer('a1', id));
    s.addAnswer(answer('a2', id, { grounded: false, status: 'out_of_scope', sources: [] }));
    for (const score of [5, 4, 2]) s.addSurvey({ sessionId: id, score });
    s.addFeedback({ answerId: 'a1', sessionId: id, rating: 'up' });
    s.addFeedback({ answerId: 'a1', sessionId: id, rating: 'down', comment: 'sai' });
    const [week] = s.weeklyStats(4, 420);
    expect(week).toMatchObject({ surveys: 3, satisfied: 2, feedback: 2, up: 1 });
    expect(week.week).toBe(isoWeek(new Date(Date.now() + 420 * 60_000)));
    const c = s.periodCounts('2000-01-01', '2999-01-01');
    expect(c).toMatchObject({ questionsTotal: 2, questionsAnswered: 1, surveys: 3, satisfied: 2, feedback: 2, up: 1 });
    expect(c.topDocs).toEqual([{ id: 'the-can-cuoc', title: 'Thẻ căn cước', count: 1 }]);
    expect(s.unanswered('2000-01-01', 10)).toHaveLength(1);
    expect(s.downvoted('2000-01-01', 10)[0]).toMatchObject({ comment: 'sai' });
    s.close();
  });

  it('labels weeks by ISO week in local time (Sunday evening UTC is already Monday in Vietnam)', () => {
    const file = tempDb();
    const s = openSqliteStore(file);
    const id = s.openSession();
    s.addSurvey({ sessionId: id, score: 5 });
    const db = new Database(file);
    const recentSunday = new Date(Date.now() - ((new Date().getUTCDay() + 7) % 7) * 86_400_000);
    const at = `${recentSunday.toISOString().slice(0, 10)}T18:00:00.000Z`; // Sunday 18:00 UTC = Monday 01:00 in Vietnam
    db.prepare('UPDATE surveys SET created_at = ?').run(at);
    db.close();
    const monday = new Date(Date.parse(at) + 7 * 3600_000);
    expect(s.weeklyStats(4, 420).map((w) => w.week)).toEqual([isoWeek(monday)]);
    expect(s.weeklyStats(4, 0).map((w) => w.week)).toEqual([isoWeek(new Date(at))]);
    expect(isoWeek(monday)).not.toBe(isoWeek(new Date(at)));
    s.close();
  });

  it('retention deletes old conversations with everything attached, keeps recent ones', () => {
    const file = tempDb();
    const s = openSqliteStore(file);
    const old = s.openSession();
    const recent = s.openSession();
    s.addAnswer(answer('old-a', old));
    s.addFeedback({ answerId: 'old-a', sessionId: old, rating: 'up' });
    s.addSurvey({ sessionId: old, score: 5 });
    s.createHandoff({ id: 'h-old', sessionId: old });
    s.addAnswer(answer('new-a', recent));
    const db = new Database(file);
    db.prepare("UPDATE sessions SET last_seen_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").run(old);
    db.close();
    expect(s.purgeOlderThan(180)).toBe(1);
    expect(s.answerExists('old-a')).toBe(false);
    expect(s.getHandoff('h-old')).toBeUndefined();
    expect(s.answerExists('new-a')).toBe(true);
    expect(s.periodCounts('2000-01-01', '2999-01-01')).toMatchObject({ surveys: 0, feedback: 0, questionsTotal: 1 });
    s.close();
  });

  it('moves a handoff waiting → taken → closed exactly once', () => {
    const s = openSqliteStore(tempDb());
    const id = s.openSession();
    s.createHandoff({ id: 'h1', sessionId: id, reason: 'cần người' });
    expect(s.openHandoff(id)?.state).toBe('waiting');
    expect(s.takeHandoff('h1', 'canbo')).toMatchObject({ state: 'taken', takenBy: 'canbo' });
    expect(s.takeHandoff('h1', 'khac')).toBeUndefined();
    expect(s.closeHandoff('h1', 'canbo')).toMatchObject({ state: 'closed', closedBy: 'canbo' });
    expect(s.openHandoff(id)).toBeUndefined();
    s.close();
  });
});

/** ISO 8601 week label of a UTC date, computed independently of SQLite. */
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
