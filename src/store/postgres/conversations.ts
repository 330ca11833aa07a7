import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { AnswerRecord, MessageRole, PendingStaffMessage } from '../records.js';
import type { ConversationStore } from '../store.js';
import { one, rows, transaction, type Queryable } from './db.js';

const DAY_MS = 86_400_000;

const INSERT_MESSAGE = 'INSERT INTO messages (session_id, role, name, text, created_at) VALUES ($1, $2, $3, $4, $5)';
const TOUCH_SESSION = 'UPDATE sessions SET last_seen_at = $1 WHERE id = $2';

/** The citizen's message (if any), the answer, its bot message and the session's last-seen time, on `db` (the caller's transaction). */
async function insertAnswer(db: Queryable, a: AnswerRecord, citizenText: string | undefined, at: string): Promise<void> {
  if (citizenText) await db.query(INSERT_MESSAGE, [a.sessionId, 'citizen', null, citizenText, at]);
  await db.query(
    `INSERT INTO answers (id, session_id, question, text, status, grounded, sources, top_doc, composer, total_ms, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [a.id, a.sessionId, a.question, a.text, a.status, a.grounded, JSON.stringify(a.sources), a.sources[0]?.id ?? null, a.composer ?? null, a.totalMs ?? null, at],
  );
  await db.query(INSERT_MESSAGE, [a.sessionId, 'bot', null, a.text, at]);
  await db.query(TOUCH_SESSION, [at, a.sessionId]);
}

export function pgConversations(pool: pg.Pool, clock: Clock): ConversationStore {
  return {
    async openSession(sessionId) {
      const at = isoNow(clock);
      if (sessionId) {
        const touched = await pool.query(TOUCH_SESSION, [at, sessionId]);
        if (touched.rowCount) return sessionId;
      }
      // Always an id chosen here: a client cannot pick or guess its way into a session.
      const id = randomUUID();
      await pool.query('INSERT INTO sessions (id, created_at, last_seen_at) VALUES ($1, $2, $2)', [id, at]);
      return id;
    },
    async history(sessionId, turns) {
      const found = await rows<{ question: string; answer: string; docid: string | null }>(
        pool,
        `SELECT question, text AS answer, CASE WHEN grounded THEN top_doc END AS docid
         FROM answers WHERE session_id = $1 AND status NOT IN ('greeting') ORDER BY created_at DESC, seq DESC LIMIT $2`,
        [sessionId, turns],
      );
      return found.reverse().map((t) => ({ question: t.question, answer: t.answer, docId: t.docid ?? undefined }));
    },
    async addMessage({ sessionId, role, text, name }) {
      const at = isoNow(clock);
      return transaction(pool, async (db) => {
        const { rows: inserted } = await db.query<{ id: string }>(`${INSERT_MESSAGE} RETURNING id`, [sessionId, role satisfies MessageRole, name ?? null, text, at]);
        await db.query(TOUCH_SESSION, [at, sessionId]);
        return Number(inserted[0].id);
      });
    },
    async pendingStaffMessages(sessionId) {
      const found = await rows<PendingStaffMessage & { id: string }>(
        pool,
        "SELECT id, name, text, created_at AS at FROM messages WHERE session_id = $1 AND role = 'staff' AND delivered_at IS NULL ORDER BY id",
        [sessionId],
      );
      return found.map((m) => ({ ...m, id: Number(m.id), name: m.name ?? '' }));
    },
    // One UPDATE guarded by delivered_at: of two instances claiming at once, only one changes the row.
    async markDelivered(messageId) {
      const claimed = await pool.query("UPDATE messages SET delivered_at = $1 WHERE id = $2 AND role = 'staff' AND delivered_at IS NULL", [isoNow(clock), messageId]);
      return claimed.rowCount === 1;
    },
    async releaseDelivery(messageId) {
      await pool.query('UPDATE messages SET delivered_at = NULL WHERE id = $1', [messageId]);
    },
    async addAnswer(a, opts) {
      await transaction(pool, (db) => insertAnswer(db, a, opts?.citizenText, isoNow(clock)));
    },
    async answerExists(answerId, sessionId) {
      const row = await one<{ session_id: string }>(pool, 'SELECT session_id FROM answers WHERE id = $1', [answerId]);
      return Boolean(row && (!sessionId || row.session_id === sessionId));
    },
    async transcript(sessionId, limit = 50) {
      const found = await rows<{ id: string; role: MessageRole; name: string | null; text: string; at: string; delivered_at: string | null }>(
        pool,
        'SELECT id, role, name, text, created_at AS at, delivered_at FROM messages WHERE session_id = $1 ORDER BY id DESC LIMIT $2',
        [sessionId, limit],
      );
      return found.reverse().map((m) => ({
        id: Number(m.id),
        role: m.role,
        text: m.text,
        at: m.at,
        ...(m.name ? { name: m.name } : {}),
        ...(m.role === 'staff' ? { delivered: m.delivered_at !== null } : {}),
      }));
    },
    async purgeOlderThan(days) {
      const cutoff = new Date(clock.now() - days * DAY_MS).toISOString();
      const pendingCallback = 'EXISTS (SELECT 1 FROM handoffs h WHERE h.session_id = sessions.id AND h.callback_phone IS NOT NULL AND h.callback_done_at IS NULL)';
      return transaction(pool, async (db) => {
        // messages, answers, feedback, surveys, handoffs cascade
        const sessions = (await db.query(`DELETE FROM sessions WHERE last_seen_at < $1 AND NOT ${pendingCallback}`, [cutoff])).rowCount ?? 0;
        let deleted = 0;
        for (const sql of [
          'DELETE FROM feedback WHERE created_at < $1',
          'DELETE FROM answers WHERE created_at < $1', // their ratings cascade
          'DELETE FROM surveys WHERE created_at < $1',
          'DELETE FROM messages WHERE created_at < $1',
          `DELETE FROM handoffs WHERE state = 'closed' AND COALESCE(callback_done_at, closed_at, created_at) < $1
           AND (callback_phone IS NULL OR callback_done_at IS NOT NULL)`,
        ]) deleted += (await db.query(sql, [cutoff])).rowCount ?? 0;
        return { sessions, rows: deleted };
      });
    },
  };
}
