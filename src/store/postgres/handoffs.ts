import type pg from 'pg';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { HandoffStore } from '../store.js';
import { one, rows } from './db.js';
import { toHandoff, waitSeconds } from '../rows.js';

type Row = Record<string, string | null>;

export function pgHandoffs(pool: pg.Pool, clock: Clock): HandoffStore {
  const get = async (id: string) => toHandoff(await one<Row>(pool, 'SELECT * FROM handoffs WHERE id = $1', [id]));
  const changed = async (sql: string, params: unknown[]) => toHandoff((await pool.query(`${sql} RETURNING *`, params)).rows[0]);

  return {
    async create({ id, sessionId, reason }) {
      return (await changed("INSERT INTO handoffs (id, session_id, state, reason, created_at) VALUES ($1, $2, 'waiting', $3, $4)", [id, sessionId, reason ?? null, isoNow(clock)]))!;
    },
    get,
    openFor: async (sessionId) =>
      toHandoff(await one<Row>(pool, "SELECT * FROM handoffs WHERE session_id = $1 AND state IN ('waiting','taken') ORDER BY created_at DESC LIMIT 1", [sessionId])),
    // One UPDATE guarded by the state: of two instances taking at once, only one changes the row.
    take: async (id, staff) => changed("UPDATE handoffs SET state = 'taken', taken_at = $1, taken_by = $2 WHERE id = $3 AND state = 'waiting'", [isoNow(clock), staff, id]),
    close: async (id, by) =>
      changed(
        `UPDATE handoffs SET state = 'closed',
           closed_at = COALESCE(closed_at, $3), closed_by = COALESCE(closed_by, $2),
           callback_done_at = CASE WHEN callback_phone IS NOT NULL AND state = 'closed' THEN $3 ELSE callback_done_at END
         WHERE id = $1`,
        [id, by, isoNow(clock)],
      ),
    // The row lock makes a second instance's UPDATE re-check `state` after the first commits: it finds nothing.
    expireWaiting: async (beforeIso, by) =>
      (
        await rows<Row>(
          pool,
          "UPDATE handoffs SET state = 'closed', closed_at = $2, closed_by = $3 WHERE state = 'waiting' AND created_at <= $1 RETURNING *",
          [beforeIso, isoNow(clock), by],
        )
      )
        .map((r) => toHandoff(r)!)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    async setCallback(sessionId, phone) {
      // Every number is kept until handled: the same number again is the same entry; another one
      // goes on the latest handoff only if it has none yet, else into an entry of its own.
      const at = isoNow(clock);
      const same = toHandoff(await one<Row>(pool, 'SELECT * FROM handoffs WHERE session_id = $1 AND callback_phone = $2 AND callback_done_at IS NULL LIMIT 1', [sessionId, phone]));
      if (same) return same;
      const latest = await one<{ id: string }>(pool, 'SELECT id FROM handoffs WHERE session_id = $1 ORDER BY created_at DESC LIMIT 1', [sessionId]);
      const set = latest && (await changed('UPDATE handoffs SET callback_phone = $1, callback_at = $2 WHERE id = $3 AND callback_phone IS NULL', [phone, at, latest.id]));
      if (set) return set;
      return (await changed(
        "INSERT INTO handoffs (id, session_id, state, reason, created_at, closed_at, closed_by, callback_phone, callback_at) VALUES ($1, $2, 'closed', 'callback', $3, $3, 'system', $4, $3)",
        [randomUUID(), sessionId, at, phone],
      ))!;
    },
    list: async (states, limit = 200) =>
      (await rows<Row>(pool, 'SELECT * FROM handoffs WHERE state = ANY($1) ORDER BY created_at LIMIT $2', [states, limit])).map((r) => toHandoff(r)!),
    recentWaits: async (limit) =>
      waitSeconds(await rows(pool, 'SELECT created_at, taken_at FROM handoffs WHERE taken_at IS NOT NULL ORDER BY taken_at DESC LIMIT $1', [limit])),
    pendingCallbacks: async (limit = 100) =>
      (await rows<Row>(pool, 'SELECT * FROM handoffs WHERE callback_phone IS NOT NULL AND callback_done_at IS NULL ORDER BY callback_at LIMIT $1', [limit])).map((r) => toHandoff(r)!),
  };
}
