import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { HandoffStore } from '../store.js';
import { toHandoff, waitSeconds } from '../rows.js';

export function sqliteHandoffs(db: Database.Database, clock: Clock): HandoffStore {
  const q = {
    insert: db.prepare("INSERT INTO handoffs (id, session_id, state, reason, created_at) VALUES (?, ?, 'waiting', ?, ?)"),
    get: db.prepare('SELECT * FROM handoffs WHERE id = ?'),
    openFor: db.prepare("SELECT * FROM handoffs WHERE session_id = ? AND state IN ('waiting','taken') ORDER BY created_at DESC LIMIT 1"),
    latestFor: db.prepare('SELECT * FROM handoffs WHERE session_id = ? ORDER BY created_at DESC LIMIT 1'),
    take: db.prepare("UPDATE handoffs SET state = 'taken', taken_at = ?, taken_by = ? WHERE id = ? AND state = 'waiting'"),
    close: db.prepare(
      `UPDATE handoffs SET state = 'closed',
         closed_at = COALESCE(closed_at, @at), closed_by = COALESCE(closed_by, @by),
         callback_done_at = CASE WHEN callback_phone IS NOT NULL AND state = 'closed' THEN @at ELSE callback_done_at END
       WHERE id = @id`,
    ),
    expireWaiting: db.prepare("UPDATE handoffs SET state = 'closed', closed_at = ?, closed_by = ? WHERE state = 'waiting' AND created_at <= ? RETURNING *"),
    samePending: db.prepare('SELECT * FROM handoffs WHERE session_id = ? AND callback_phone = ? AND callback_done_at IS NULL LIMIT 1'),
    setCallback: db.prepare('UPDATE handoffs SET callback_phone = ?, callback_at = ? WHERE id = ? AND callback_phone IS NULL'),
    insertCallback: db.prepare(
      "INSERT INTO handoffs (id, session_id, state, reason, created_at, closed_at, closed_by, callback_phone, callback_at) VALUES (?, ?, 'closed', 'callback', ?, ?, 'system', ?, ?)",
    ),
    recentWaits: db.prepare('SELECT created_at, taken_at FROM handoffs WHERE taken_at IS NOT NULL ORDER BY taken_at DESC LIMIT ?'),
    pendingCallbacks: db.prepare('SELECT * FROM handoffs WHERE callback_phone IS NOT NULL AND callback_done_at IS NULL ORDER BY callback_at LIMIT ?'),
  };
  const get = (id: string) => toHandoff(q.get.get(id));

  const setCallback = db.transaction((sessionId: string, phone: string, at: string): string => {
    const same = toHandoff(q.samePending.get(sessionId, phone));
    if (same) return same.id;
    const latest = toHandoff(q.latestFor.get(sessionId));
    if (latest && q.setCallback.run(phone, at, latest.id).changes === 1) return latest.id;
    const id = randomUUID();
    q.insertCallback.run(id, sessionId, at, at, phone, at);
    return id;
  });

  return {
    async create({ id, sessionId, reason }) {
      q.insert.run(id, sessionId, reason ?? null, isoNow(clock));
      return get(id)!;
    },
    get: async (id) => get(id),
    openFor: async (sessionId) => toHandoff(q.openFor.get(sessionId)),
    async take(id, staff) {
      return q.take.run(isoNow(clock), staff, id).changes ? get(id) : undefined;
    },
    async close(id, by) {
      q.close.run({ id, by, at: isoNow(clock) });
      return get(id);
    },
    async expireWaiting(beforeIso, by) {
      return q.expireWaiting
        .all(isoNow(clock), by, beforeIso)
        .map((r) => toHandoff(r)!)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async setCallback(sessionId, phone) {
      return get(setCallback(sessionId, phone, isoNow(clock)))!;
    },
    async list(states, limit = 200) {
      const placeholders = states.map(() => '?').join(',');
      return db
        .prepare(`SELECT * FROM handoffs WHERE state IN (${placeholders}) ORDER BY created_at LIMIT ?`)
        .all(...states, limit)
        .map((r) => toHandoff(r)!);
    },
    recentWaits: async (limit) => waitSeconds(q.recentWaits.all(limit) as Array<{ created_at: string; taken_at: string }>),
    pendingCallbacks: async (limit = 100) => q.pendingCallbacks.all(limit).map((r) => toHandoff(r)!),
  };
}
