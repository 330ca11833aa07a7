import type pg from 'pg';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { AuditEntry, StaffSessionRecord } from '../records.js';
import type { AuditStore, FeedbackStore, LoginFailureStore, StaffSessionStore } from '../store.js';
import { loginNameHash } from '../rows.js';
import { one, rows } from './db.js';

export function pgFeedback(pool: pg.Pool, clock: Clock): FeedbackStore {
  return {
    async addRating({ answerId, sessionId, rating, comment }) {
      await pool.query('INSERT INTO feedback (answer_id, session_id, rating, comment, created_at) VALUES ($1, $2, $3, $4, $5)', [answerId, sessionId, rating, comment ?? null, isoNow(clock)]);
    },
    async addSurvey({ sessionId, score, comment }) {
      await pool.query('INSERT INTO surveys (session_id, score, comment, created_at) VALUES ($1, $2, $3, $4)', [sessionId, score, comment ?? null, isoNow(clock)]);
    },
  };
}

export function pgAudit(pool: pg.Pool, clock: Clock): AuditStore {
  return {
    async record(actor, action, detail = '') {
      await pool.query('INSERT INTO audit_log (at, actor, action, detail) VALUES ($1, $2, $3, $4)', [isoNow(clock), actor, action, detail]);
    },
    entries: (limit = 200) => rows<AuditEntry>(pool, 'SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT $1', [limit]),
  };
}

export function pgStaffSessions(pool: pg.Pool, clock: Clock): StaffSessionStore {
  return {
    async create(s) {
      await pool.query('DELETE FROM staff_sessions WHERE expires_at < $1', [clock.now()]);
      await pool.query('INSERT INTO staff_sessions (token_hash, username, csrf, expires_at) VALUES ($1, $2, $3, $4)', [s.tokenHash, s.username, s.csrf, s.expiresAt]);
    },
    async get(tokenHash) {
      const s = await one<StaffSessionRecord & { expiresAt: string | number }>(
        pool,
        'SELECT token_hash AS "tokenHash", username, csrf, expires_at AS "expiresAt" FROM staff_sessions WHERE token_hash = $1',
        [tokenHash],
      );
      if (!s) return undefined;
      const expiresAt = Number(s.expiresAt); // BIGINT comes back as text
      return expiresAt > clock.now() ? { ...s, expiresAt } : undefined;
    },
    async delete(tokenHash) {
      await pool.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
    },
  };
}

export function pgLoginFailures(pool: pg.Pool, clock: Clock): LoginFailureStore {
  // BIGINT comes back as text
  const failures = (r: { count: number; lastAt: string } | undefined) => r && { count: r.count, lastAt: Number(r.lastAt) };
  return {
    async add(username, forgetAfterMs) {
      const now = clock.now();
      await pool.query('DELETE FROM login_failures WHERE last_at < $1', [now - forgetAfterMs]);
      // One statement: failures arriving on several instances at once are each counted.
      const r = await one<{ count: number; lastAt: string }>(
        pool,
        `INSERT INTO login_failures (name_hash, count, last_at) VALUES ($1, 1, $2)
         ON CONFLICT (name_hash) DO UPDATE SET count = CASE WHEN login_failures.last_at < $3 THEN 1 ELSE login_failures.count + 1 END, last_at = $2
         RETURNING count, last_at AS "lastAt"`,
        [loginNameHash(username), now, now - forgetAfterMs],
      );
      return failures(r)!;
    },
    get: async (username) => failures(await one(pool, 'SELECT count, last_at AS "lastAt" FROM login_failures WHERE name_hash = $1', [loginNameHash(username)])),
    async clear(username) {
      await pool.query('DELETE FROM login_failures WHERE name_hash = $1', [loginNameHash(username)]);
    },
  };
}
