import type Database from 'better-sqlite3';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { FeedbackItemTimes } from '../records.js';
import type { FeedbackQueueStore } from '../store.js';
import { toFeedbackItem } from '../rows.js';

/** A call-back item's contact is the number kept on its handoff. */
const SELECT = `SELECT f.*, COALESCE(f.contact, h.callback_phone) AS contact_any FROM feedback_items f LEFT JOIN handoffs h ON h.id = f.handoff_id`;

export function sqliteFeedbackQueue(db: Database.Database, clock: Clock): FeedbackQueueStore {
  const q = {
    insert: db.prepare(
      `INSERT INTO feedback_items (id, code, kind, text, contact, session_id, answer_id, handoff_id, score, created_at, due_at, updated_at)
       VALUES (@id, @code, @kind, @text, @contact, @sessionId, @answerId, @handoffId, @score, @at, @dueAt, @at)`,
    ),
    get: db.prepare(`${SELECT} WHERE f.id = ?`),
    byCode: db.prepare(`${SELECT} WHERE f.code = ?`),
    update: db.prepare(
      `UPDATE feedback_items SET
         status = CASE WHEN @status IS NOT NULL AND status != 'answered' THEN @status ELSE status END,
         assignee = CASE WHEN @setAssignee THEN @assignee ELSE assignee END,
         due_at = COALESCE(@dueAt, due_at),
         updated_at = @at
       WHERE id = @id`,
    ),
    reply: db.prepare(
      `UPDATE feedback_items SET status = 'answered', reply = @text, updated_at = @at,
         answered_at = COALESCE(answered_at, @at), answered_by = COALESCE(answered_by, @by)
       WHERE id = @id`,
    ),
    times: db.prepare('SELECT created_at AS createdAt, due_at AS dueAt, answered_at AS answeredAt FROM feedback_items WHERE created_at >= ? AND created_at < ? ORDER BY created_at'),
    erase: db.prepare('UPDATE feedback_items SET contact = NULL WHERE contact IS NOT NULL AND created_at < ?'),
  };
  const get = (id: string) => toFeedbackItem(q.get.get(id));

  return {
    async add(item) {
      q.insert.run({
        id: item.id,
        code: item.code,
        kind: item.kind,
        text: item.text,
        contact: item.contact ?? null,
        sessionId: item.sessionId ?? null,
        answerId: item.answerId ?? null,
        handoffId: item.handoffId ?? null,
        score: item.score ?? null,
        dueAt: item.dueAt,
        at: isoNow(clock),
      });
      return get(item.id)!;
    },
    get: async (id) => get(id),
    byCode: async (code) => toFeedbackItem(q.byCode.get(code)),
    async list(filter = {}, limit = 500) {
      const where: string[] = [];
      const args: unknown[] = [];
      const within = (column: string, values: string[] | undefined) => {
        if (!values) return;
        where.push(values.length ? `${column} IN (${values.map(() => '?').join(',')})` : '0');
        args.push(...values);
      };
      within('f.status', filter.status);
      within('f.kind', filter.kind);
      if (filter.assignee !== undefined) {
        where.push('f.assignee = ?');
        args.push(filter.assignee);
      }
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.due_at, f.created_at LIMIT ?`;
      return db
        .prepare(sql)
        .all(...args, limit)
        .map((r) => toFeedbackItem(r)!);
    },
    async update(id, change) {
      const res = q.update.run({
        id,
        status: change.status ?? null,
        setAssignee: change.assignee !== undefined ? 1 : 0,
        assignee: change.assignee ?? null,
        dueAt: change.dueAt ?? null,
        at: isoNow(clock),
      });
      return res.changes ? get(id) : undefined;
    },
    async reply(id, { text, by }) {
      return q.reply.run({ id, text, by, at: isoNow(clock) }).changes ? get(id) : undefined;
    },
    times: async (fromIso, toIso) => q.times.all(fromIso, toIso) as FeedbackItemTimes[],
    eraseContactsBefore: async (beforeIso) => q.erase.run(beforeIso).changes,
  };
}
