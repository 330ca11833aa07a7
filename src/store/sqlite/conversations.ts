import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { MessageRole } from '../records.js';
import type { ConversationStore } from '../store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 86_400_000;

export function sqliteConversations(db: Database.Database, clock: Clock): ConversationStore {
  const q = {
    sessionExists: db.prepare('SELECT 1 FROM sessions WHERE id = ?'),
    insertSession: db.prepare('INSERT INTO sessions (id, created_at, last_seen_at) VALUES (?, ?, ?)'),
    touchSession: db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?'),
    history: db.prepare(
      `SELECT question, text AS answer, CASE WHEN grounded = 1 THEN top_doc END AS docId
       FROM answers WHERE session_id = ? AND status NOT IN ('greeting') ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    ),
    insertMessage: db.prepare('INSERT INTO messages (session_id, role, name, text, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertAnswer: db.prepare(
      `INSERT INTO answers (id, session_id, question, text, status, grounded, sources, top_doc, composer, total_ms, created_at)
       VALUES (@id, @sessionId, @question, @text, @status, @grounded, @sources, @topDoc, @composer, @totalMs, @createdAt)`,
    ),
    answerSession: db.prepare('SELECT session_id FROM answers WHERE id = ?'),
    transcript: db.prepare('SELECT role, name, text, created_at AS at FROM messages WHERE session_id = ? ORDER BY id DESC LIMIT ?'),
    staleSessions: db.prepare('SELECT id FROM sessions WHERE last_seen_at < ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?'),
  };

  const addMessage = db.transaction((sessionId: string, role: MessageRole, name: string | null, text: string, at: string) => {
    q.insertMessage.run(sessionId, role, name, text, at);
    q.touchSession.run(at, sessionId);
  });

  const addAnswer = db.transaction((a: Parameters<ConversationStore['addAnswer']>[0], citizenText: string | undefined, at: string) => {
    if (citizenText) q.insertMessage.run(a.sessionId, 'citizen', null, citizenText, at);
    q.insertAnswer.run({
      id: a.id,
      sessionId: a.sessionId,
      question: a.question,
      text: a.text,
      status: a.status,
      grounded: a.grounded ? 1 : 0,
      sources: JSON.stringify(a.sources),
      topDoc: a.sources[0]?.id ?? null,
      composer: a.composer ?? null,
      totalMs: a.totalMs ?? null,
      createdAt: at,
    });
    q.insertMessage.run(a.sessionId, 'bot', null, a.text, at);
    q.touchSession.run(at, a.sessionId);
  });

  const purge = db.transaction((cutoff: string) => {
    const ids = q.staleSessions.all(cutoff) as Array<{ id: string }>;
    for (const { id } of ids) q.deleteSession.run(id); // messages, answers, feedback, surveys, handoffs cascade
    return ids.length;
  });

  return {
    async openSession(sessionId) {
      const at = isoNow(clock);
      if (sessionId && q.sessionExists.get(sessionId)) {
        q.touchSession.run(at, sessionId);
        return sessionId;
      }
      const id = sessionId && UUID.test(sessionId) ? sessionId : randomUUID();
      q.insertSession.run(id, at, at);
      return id;
    },
    async history(sessionId, turns) {
      return (q.history.all(sessionId, turns) as Array<{ question: string; answer: string; docId: string | null }>)
        .reverse()
        .map((t) => ({ question: t.question, answer: t.answer, docId: t.docId ?? undefined }));
    },
    async addMessage({ sessionId, role, text, name }) {
      addMessage(sessionId, role, name ?? null, text, isoNow(clock));
    },
    async addAnswer(a, opts) {
      addAnswer(a, opts?.citizenText, isoNow(clock));
    },
    async answerExists(answerId, sessionId) {
      const row = q.answerSession.get(answerId) as { session_id: string } | undefined;
      return Boolean(row && (!sessionId || row.session_id === sessionId));
    },
    async transcript(sessionId, limit = 50) {
      return (q.transcript.all(sessionId, limit) as Array<{ role: MessageRole; name: string | null; text: string; at: string }>)
        .reverse()
        .map((m) => ({ role: m.role, text: m.text, at: m.at, ...(m.name ? { name: m.name } : {}) }));
    },
    async purgeOlderThan(days) {
      return purge(new Date(clock.now() - days * DAY_MS).toISOString());
    },
  };
}
