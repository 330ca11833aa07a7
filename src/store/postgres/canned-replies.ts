import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { CannedReply } from '../records.js';
import type { CannedReplyStore } from '../store.js';
import { one, rows } from './db.js';

const COLUMNS = 'id, title, text, updated_at AS "updatedAt", updated_by AS "updatedBy"';
/** Vietnamese dictionary order ("Cảm ơn" before "Chào hỏi"), whatever the database's collation. */
const byTitle = new Intl.Collator('vi', { sensitivity: 'base' });

export function pgCannedReplies(pool: pg.Pool, clock: Clock): CannedReplyStore {
  return {
    list: async () => (await rows<CannedReply>(pool, `SELECT ${COLUMNS} FROM canned_replies ORDER BY created_at`)).sort((a, b) => byTitle.compare(a.title, b.title)),
    async create(r) {
      const id = randomUUID();
      const at = isoNow(clock);
      await pool.query('INSERT INTO canned_replies (id, title, text, created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $4, $5)', [id, r.title, r.text, at, r.by]);
      return { id, title: r.title, text: r.text, updatedAt: at, updatedBy: r.by };
    },
    update: async (id, r) =>
      one<CannedReply>(pool, `UPDATE canned_replies SET title = $1, text = $2, updated_at = $3, updated_by = $4 WHERE id = $5 RETURNING ${COLUMNS}`, [r.title, r.text, isoNow(clock), r.by, id]),
    delete: async (id) => ((await pool.query('DELETE FROM canned_replies WHERE id = $1', [id])).rowCount ?? 0) > 0,
  };
}
