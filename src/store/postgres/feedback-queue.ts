import type pg from 'pg';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { FeedbackItemTimes } from '../records.js';
import type { FeedbackQueueStore } from '../store.js';
import { one, rows } from './db.js';
import { toFeedbackItem } from '../rows.js';

/** A call-back item's contact is the number kept on its handoff. */
const SELECT = `SELECT f.*, COALESCE(f.contact, h.callback_phone) AS contact_any FROM feedback_items f LEFT JOIN handoffs h ON h.id = f.handoff_id`;

type Row = Record<string, string | number | null>;

export function pgFeedbackQueue(pool: pg.Pool, clock: Clock): FeedbackQueueStore {
  const get = async (id: string) => toFeedbackItem(await one<Row>(pool, `${SELECT} WHERE f.id = $1`, [id]));
  return {
    async add(item) {
      await pool.query(
        `INSERT INTO feedback_items (id, code, kind, text, contact, session_id, answer_id, handoff_id, score, created_at, due_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10)`,
        [item.id, item.code, item.kind, item.text, item.contact ?? null, item.sessionId ?? null, item.answerId ?? null, item.handoffId ?? null, item.score ?? null, isoNow(clock), item.dueAt],
      );
      return (await get(item.id))!;
    },
    get,
    byCode: async (code) => toFeedbackItem(await one<Row>(pool, `${SELECT} WHERE f.code = $1`, [code])),
    async list(filter = {}, limit = 500) {
      const where: string[] = [];
      const args: unknown[] = [];
      const param = (value: unknown) => `$${args.push(value)}`;
      if (filter.status) where.push(`f.status = ANY(${param(filter.status)})`);
      if (filter.kind) where.push(`f.kind = ANY(${param(filter.kind)})`);
      if (filter.assignee !== undefined) where.push(`f.assignee = ${param(filter.assignee)}`);
      const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY f.due_at, f.created_at LIMIT ${param(limit)}`;
      return (await rows<Row>(pool, sql, args)).map((r) => toFeedbackItem(r)!);
    },
    async update(id, change) {
      const res = await pool.query(
        `UPDATE feedback_items SET
           status = CASE WHEN $2::text IS NOT NULL AND status != 'answered' THEN $2::text ELSE status END,
           assignee = CASE WHEN $3::boolean THEN $4::text ELSE assignee END,
           due_at = COALESCE($5::text, due_at),
           updated_at = $6
         WHERE id = $1`,
        [id, change.status ?? null, change.assignee !== undefined, change.assignee ?? null, change.dueAt ?? null, isoNow(clock)],
      );
      return res.rowCount ? get(id) : undefined;
    },
    async reply(id, { text, by }) {
      const res = await pool.query(
        `UPDATE feedback_items SET status = 'answered', reply = $2, updated_at = $4,
           answered_at = COALESCE(answered_at, $4), answered_by = COALESCE(answered_by, $3)
         WHERE id = $1`,
        [id, text, by, isoNow(clock)],
      );
      return res.rowCount ? get(id) : undefined;
    },
    times: async (fromIso, toIso) =>
      rows<FeedbackItemTimes>(
        pool,
        'SELECT created_at AS "createdAt", due_at AS "dueAt", answered_at AS "answeredAt" FROM feedback_items WHERE created_at >= $1 AND created_at < $2 ORDER BY created_at',
        [fromIso, toIso],
      ),
    eraseContactsBefore: async (beforeIso) => (await pool.query('UPDATE feedback_items SET contact = NULL WHERE contact IS NOT NULL AND created_at < $1', [beforeIso])).rowCount ?? 0,
  };
}
