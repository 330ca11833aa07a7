import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { MessageRole, PendingStaffMessage } from '../records.js';
import type { ConversationStore } from '../store.js';

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
    transcript: db.prepare('SELECT id, role, name, text, created_at AS at, delivered_at FROM messages WHERE session_id = ? ORDER BY id DESC LIMIT ?'),
    pending: db.prepare("SELECT id, name, text, created_at AS at FROM messages WHERE session_id = ? AND role = 'staff' AND delivered_at IS NULL ORDER BY id"),
    markDelivered: db.prepare("UPDATE messages SET delivered_at = ? WHERE id = ? AND role = 'staff' AND delivered_at IS NULL"),
    releaseDelivery: db.prepare('UPDATE messages SET delivered_at = NULL WHERE id = ?'),
  };
  const purge = sqlitePurge(db);

  const addMessage = db.transaction((sessionId: string, role: MessageRole, name: string | null, text: string, at: string) => {
    const id = Number(q.insertMessage.run(sessionId, role, name, text, at).lastInsertRowid);
    q.touchSession.run(at, sessionId);
    return id;
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

  return {
    async openSession(sessionId) {
      const at = isoNow(clock);
      if (sessionId && q.sessionExists.get(sessionId)) {
        try {
          q.touchSession.run(at, sessionId);
        } catch {
          // A full or read-only disk: the session is still there to resume; only its last-seen time waits.
        }
        return sessionId;
      }
      const id = randomUUID();
      q.insertSession.run(id, at, at);
      return id;
    },
    async history(sessionId, turns) {
      return (q.history.all(sessionId, turns) as Array<{ question: string; answer: string; docId: string | null }>)
        .reverse()
        .map((t) => ({ question: t.question, answer: t.answer, docId: t.docId ?? undefined }));
    },
    async addMessage({ sessionId, role, text, name }) {
      return addMessage(sessionId, role, name ?? null, text, isoNow(clock));
    },
    async pendingStaffMessages(sessionId) {
      return (q.pending.all(sessionId) as Array<PendingStaffMessage & { name: string | null }>).map((m) => ({ ...m, name: m.name ?? '' }));
    },
    async markDelivered(messageId) {
      return q.markDelivered.run(isoNow(clock), messageId).changes === 1;
    },
    async releaseDelivery(messageId) {
      q.releaseDelivery.run(messageId);
    },
    async addAnswer(a, opts) {
      addAnswer(a, opts?.citizenText, isoNow(clock));
    },
    async answerExists(answerId, sessionId) {
      const row = q.answerSession.get(answerId) as { session_id: string } | undefined;
      return Boolean(row && (!sessionId || row.session_id === sessionId));
    },
    async transcript(sessionId, limit = 50) {
      type Row = { id: number; role: MessageRole; name: string | null; text: string; at: string; delivered_at: string | null };
      return (q.transcript.all(sessionId, limit) as Row[])
        .reverse()
        .map((m) => ({
          id: m.id,
          role: m.role,
          text: m.text,
          at: m.at,
          ...(m.name ? { name: m.name } : {}),
          ...(m.role === 'staff' ? { delivered: m.delivered_at !== null } : {}),
        }));
    },
    async purgeOlderThan(days) {
      return purge(new Date(clock.now() - days * DAY_MS).toISOString());
    },
  };
}

/**
 * Retention in one transaction, then the freed pages are given back (incremental vacuum) and the
 * write-ahead log is truncated, so deleted text does not stay readable in the files; with
 * `secure_delete` on (index.ts) SQLite overwrites deleted content with zeros.
 */
function sqlitePurge(db: Database.Database) {
  const pendingCallback = `EXISTS (SELECT 1 FROM handoffs h WHERE h.session_id = sessions.id AND h.callback_phone IS NOT NULL AND h.callback_done_at IS NULL)`;
  const q = {
    staleSessions: db.prepare(`DELETE FROM sessions WHERE last_seen_at < ? AND NOT ${pendingCallback}`),
    oldMessages: db.prepare('DELETE FROM messages WHERE created_at < ?'),
    oldAnswers: db.prepare('DELETE FROM answers WHERE created_at < ?'), // their ratings cascade
    oldFeedback: db.prepare('DELETE FROM feedback WHERE created_at < ?'),
    oldSurveys: db.prepare('DELETE FROM surveys WHERE created_at < ?'),
    oldHandoffs: db.prepare(
      `DELETE FROM handoffs WHERE state = 'closed' AND COALESCE(callback_done_at, closed_at, created_at) < ?
       AND (callback_phone IS NULL OR callback_done_at IS NOT NULL)`,
    ),
  };
  const run = db.transaction((cutoff: string) => {
    const sessions = q.staleSessions.run(cutoff).changes; // messages, answers, feedback, surveys, handoffs cascade
    let rows = 0;
    for (const stmt of [q.oldFeedback, q.oldAnswers, q.oldSurveys, q.oldMessages, q.oldHandoffs]) rows += stmt.run(cutoff).changes;
    return { sessions, rows };
  });
  return (cutoff: string) => {
    const result = run(cutoff);
    if (result.sessions || result.rows) {
      db.pragma('incremental_vacuum');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    return result;
  };
}
