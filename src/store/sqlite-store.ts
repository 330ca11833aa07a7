import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { MIGRATIONS } from './migrations.js';
import type { AnswerRecord, HandoffRecord, HandoffState, Store } from './store.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const now = () => new Date().toISOString();

/**
 * The store on SQLite (better-sqlite3) in WAL mode. Every write is its own committed
 * transaction before the call returns, so a frame acknowledged after a write survives a crash.
 */
export function openSqliteStore(file: string): Store {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // with WAL: durable against process crashes
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

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
    answerExists: db.prepare('SELECT session_id FROM answers WHERE id = ?'),
    insertFeedback: db.prepare('INSERT INTO feedback (answer_id, session_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?)'),
    insertSurvey: db.prepare('INSERT INTO surveys (session_id, score, comment, created_at) VALUES (?, ?, ?, ?)'),
    transcript: db.prepare('SELECT role, name, text, created_at AS at FROM messages WHERE session_id = ? ORDER BY id DESC LIMIT ?'),
    insertHandoff: db.prepare("INSERT INTO handoffs (id, session_id, state, reason, created_at) VALUES (?, ?, 'waiting', ?, ?)"),
    getHandoff: db.prepare('SELECT * FROM handoffs WHERE id = ?'),
    openHandoff: db.prepare("SELECT * FROM handoffs WHERE session_id = ? AND state IN ('waiting','taken') ORDER BY created_at DESC LIMIT 1"),
    latestHandoff: db.prepare('SELECT * FROM handoffs WHERE session_id = ? ORDER BY created_at DESC LIMIT 1'),
    take: db.prepare("UPDATE handoffs SET state = 'taken', taken_at = ?, taken_by = ? WHERE id = ? AND state = 'waiting'"),
    close: db.prepare(
      `UPDATE handoffs SET state = 'closed',
         closed_at = COALESCE(closed_at, @at), closed_by = COALESCE(closed_by, @by),
         callback_done_at = CASE WHEN callback_phone IS NOT NULL AND state = 'closed' THEN @at ELSE callback_done_at END
       WHERE id = @id`,
    ),
    setCallback: db.prepare('UPDATE handoffs SET callback_phone = ?, callback_at = ?, callback_done_at = NULL WHERE id = ?'),
    insertCallbackHandoff: db.prepare(
      "INSERT INTO handoffs (id, session_id, state, reason, created_at, closed_at, closed_by, callback_phone, callback_at) VALUES (?, ?, 'closed', 'callback', ?, ?, 'system', ?, ?)",
    ),
    pendingCallbacks: db.prepare('SELECT * FROM handoffs WHERE callback_phone IS NOT NULL AND callback_done_at IS NULL ORDER BY callback_at LIMIT ?'),
    insertStaffSession: db.prepare('INSERT INTO staff_sessions (token_hash, username, csrf, expires_at) VALUES (?, ?, ?, ?)'),
    getStaffSession: db.prepare('SELECT token_hash AS tokenHash, username, csrf, expires_at AS expiresAt FROM staff_sessions WHERE token_hash = ?'),
    deleteStaffSession: db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?'),
    purgeStaffSessions: db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?'),
    insertAudit: db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)'),
    auditEntries: db.prepare('SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?'),
  };

  const addAnswerTx = db.transaction((a: AnswerRecord, at: string) => {
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

  const store: Store = {
    openSession(sessionId) {
      const at = now();
      if (sessionId && q.sessionExists.get(sessionId)) {
        q.touchSession.run(at, sessionId);
        return sessionId;
      }
      const id = sessionId && UUID.test(sessionId) ? sessionId : randomUUID();
      q.insertSession.run(id, at, at);
      return id;
    },
    history(sessionId, turns) {
      return (q.history.all(sessionId, turns) as Array<{ question: string; answer: string; docId: string | null }>)
        .reverse()
        .map((t) => ({ question: t.question, answer: t.answer, docId: t.docId ?? undefined }));
    },
    addMessage({ sessionId, role, text, name }) {
      const at = now();
      const info = q.insertMessage.run(sessionId, role, name ?? null, text, at);
      q.touchSession.run(at, sessionId);
      return Number(info.lastInsertRowid);
    },
    addAnswer(a) {
      addAnswerTx(a, now());
    },
    answerExists(answerId, sessionId) {
      const row = q.answerExists.get(answerId) as { session_id: string } | undefined;
      return Boolean(row && (!sessionId || row.session_id === sessionId));
    },
    addFeedback({ answerId, sessionId, rating, comment }) {
      q.insertFeedback.run(answerId, sessionId, rating, comment ?? null, now());
    },
    addSurvey({ sessionId, score, comment }) {
      q.insertSurvey.run(sessionId, score, comment ?? null, now());
    },
    transcript(sessionId, limit = 50) {
      return (q.transcript.all(sessionId, limit) as Array<{ role: any; name: string | null; text: string; at: string }>)
        .reverse()
        .map((m) => ({ role: m.role, text: m.text, at: m.at, ...(m.name ? { name: m.name } : {}) }));
    },
    createHandoff({ id, sessionId, reason }) {
      q.insertHandoff.run(id, sessionId, reason ?? null, now());
      return store.getHandoff(id)!;
    },
    getHandoff: (id) => toHandoff(q.getHandoff.get(id)),
    openHandoff: (sessionId) => toHandoff(q.openHandoff.get(sessionId)),
    takeHandoff(id, staff) {
      const changed = q.take.run(now(), staff, id).changes;
      return changed ? store.getHandoff(id) : undefined;
    },
    closeHandoff(id, by) {
      q.close.run({ id, by, at: now() });
      return store.getHandoff(id);
    },
    setCallback(sessionId, phone) {
      const at = now();
      const existing = toHandoff(q.latestHandoff.get(sessionId));
      if (existing) {
        q.setCallback.run(phone, at, existing.id);
        return store.getHandoff(existing.id)!;
      }
      const id = randomUUID();
      q.insertCallbackHandoff.run(id, sessionId, at, at, phone, at);
      return store.getHandoff(id)!;
    },
    listHandoffs(states: HandoffState[], limit = 200) {
      const placeholders = states.map(() => '?').join(',');
      return db
        .prepare(`SELECT * FROM handoffs WHERE state IN (${placeholders}) ORDER BY created_at LIMIT ?`)
        .all(...states, limit)
        .map((r) => toHandoff(r)!);
    },
    pendingCallbacks: (limit = 100) => q.pendingCallbacks.all(limit).map((r) => toHandoff(r)!),

    createStaffSession(s) {
      q.purgeStaffSessions.run(Date.now());
      q.insertStaffSession.run(s.tokenHash, s.username, s.csrf, s.expiresAt);
    },
    getStaffSession(tokenHash) {
      const s = q.getStaffSession.get(tokenHash) as ReturnType<Store['getStaffSession']>;
      return s && s.expiresAt > Date.now() ? s : undefined;
    },
    deleteStaffSession: (tokenHash) => void q.deleteStaffSession.run(tokenHash),

    audit: (actor, action, detail = '') => void q.insertAudit.run(now(), actor, action, detail),
    auditEntries: (limit = 200) => q.auditEntries.all(limit) as ReturnType<Store['auditEntries']>,

    weeklyStats(weeks, utcOffsetMinutes) {
      const since = new Date(Date.now() - weeks * 7 * 86_400_000).toISOString();
      const shift = `${utcOffsetMinutes >= 0 ? '+' : ''}${Math.trunc(utcOffsetMinutes)} minutes`;
      const rows = db
        .prepare(
          `SELECT week, SUM(surveys) AS surveys, SUM(satisfied) AS satisfied, SUM(feedback) AS feedback, SUM(up) AS up FROM (
             SELECT strftime('%G-W%V', created_at, @shift) AS week, 1 AS surveys, (score >= 4) AS satisfied, 0 AS feedback, 0 AS up FROM surveys WHERE created_at >= @since
             UNION ALL
             SELECT strftime('%G-W%V', created_at, @shift), 0, 0, 1, (rating = 'up') FROM feedback WHERE created_at >= @since
           ) GROUP BY week ORDER BY week`,
        )
        .all({ since, shift });
      return rows as ReturnType<Store['weeklyStats']>;
    },
    periodCounts(fromIso, toIso) {
      const range = { from: fromIso, to: toIso };
      const one = <T>(sql: string) => db.prepare(sql).get(range) as T;
      const answers = one<{ total: number; answered: number }>(
        'SELECT COUNT(*) AS total, COALESCE(SUM(grounded), 0) AS answered FROM answers WHERE created_at >= @from AND created_at < @to',
      );
      const surveys = one<{ n: number; ok: number }>(
        'SELECT COUNT(*) AS n, COALESCE(SUM(score >= 4), 0) AS ok FROM surveys WHERE created_at >= @from AND created_at < @to',
      );
      const feedback = one<{ n: number; up: number }>(
        "SELECT COUNT(*) AS n, COALESCE(SUM(rating = 'up'), 0) AS up FROM feedback WHERE created_at >= @from AND created_at < @to",
      );
      const topDocs = db
        .prepare(
          `SELECT top_doc AS id, json_extract(sources, '$[0].title') AS title, COUNT(*) AS count FROM answers
           WHERE grounded = 1 AND top_doc IS NOT NULL AND created_at >= @from AND created_at < @to
           GROUP BY top_doc ORDER BY count DESC LIMIT 10`,
        )
        .all(range) as PeriodTop[];
      return {
        questionsTotal: answers.total,
        questionsAnswered: answers.answered,
        surveys: surveys.n,
        satisfied: surveys.ok,
        feedback: feedback.n,
        up: feedback.up,
        topDocs,
      };
    },
    recentQuestions: (sinceIso, limit) =>
      db
        .prepare("SELECT question, status, grounded FROM answers WHERE created_at >= ? AND status != 'greeting' ORDER BY created_at DESC LIMIT ?")
        .all(sinceIso, limit)
        .map((r: any) => ({ question: r.question, status: r.status, grounded: r.grounded === 1 })),
    unanswered: (sinceIso, limit) =>
      db
        .prepare(
          `SELECT question, status, created_at AS at FROM answers WHERE created_at >= ? AND grounded = 0
           AND status IN ('unanswerable_no_content','out_of_scope','clarification') ORDER BY created_at DESC LIMIT ?`,
        )
        .all(sinceIso, limit) as ReturnType<Store['unanswered']>,
    downvoted: (sinceIso, limit) =>
      db
        .prepare(
          `SELECT a.question, a.text AS answer, f.comment, f.created_at AS at FROM feedback f JOIN answers a ON a.id = f.answer_id
           WHERE f.rating = 'down' AND f.created_at >= ? ORDER BY f.created_at DESC LIMIT ?`,
        )
        .all(sinceIso, limit) as ReturnType<Store['downvoted']>,
    feedbackRows: (sinceIso) =>
      db
        .prepare(
          `SELECT f.created_at AS at, f.rating, f.comment, a.question, a.status, a.sources FROM feedback f JOIN answers a ON a.id = f.answer_id
           WHERE f.created_at >= ? ORDER BY f.created_at`,
        )
        .all(sinceIso) as ReturnType<Store['feedbackRows']>,

    purgeOlderThan(days) {
      const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
      return db.transaction(() => {
        const ids = db.prepare('SELECT id FROM sessions WHERE last_seen_at < ?').all(cutoff) as Array<{ id: string }>;
        const del = db.prepare('DELETE FROM sessions WHERE id = ?');
        for (const { id } of ids) del.run(id); // messages, answers, feedback, surveys, handoffs cascade
        return ids.length;
      })();
    },
    close: () => db.close(),
  };
  return store;
}

type PeriodTop = { id: string; title: string; count: number };

function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new Error(`Database schema version ${version} is newer than this program (${MIGRATIONS.length}); refusing to start`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

function toHandoff(row: unknown): HandoffRecord | undefined {
  if (!row) return undefined;
  const r = row as Record<string, string | null>;
  return {
    id: r.id!,
    sessionId: r.session_id!,
    state: r.state as HandoffState,
    reason: r.reason,
    createdAt: r.created_at!,
    takenAt: r.taken_at,
    takenBy: r.taken_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    callbackPhone: r.callback_phone,
    callbackAt: r.callback_at,
  };
}
