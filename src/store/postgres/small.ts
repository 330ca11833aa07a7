import type pg from 'pg';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { AuditEntry, StaffSessionRecord } from '../records.js';
import type { AuditStore, FeedbackStore, LoginFailureStore, PresenceStore, RateLimitStore, StaffSessionStore } from '../store.js';
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

export function pgRateLimits(pool: pg.Pool, clock: Clock): RateLimitStore {
  return {
    async hit(key, windowMs) {
      const now = clock.now();
      // One statement: requests arriving on several instances at once are each counted.
      const r = (await one<{ count: number; resetAt: string }>(
        pool,
        `INSERT INTO rate_limits (key, count, reset_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN rate_limits.reset_at <= $2 THEN 1 ELSE rate_limits.count + 1 END,
           reset_at = CASE WHEN rate_limits.reset_at <= $2 THEN $2::bigint + $3::bigint ELSE rate_limits.reset_at END
         RETURNING count, reset_at AS "resetAt"`,
        [key, now, windowMs],
      ))!;
      return { count: r.count, ttlMs: Number(r.resetAt) - now };
    },
    purgeEnded: async () => (await pool.query('DELETE FROM rate_limits WHERE reset_at <= $1', [clock.now()])).rowCount ?? 0,
  };
}

export function pgPresence(pool: pg.Pool, clock: Clock): PresenceStore {
  return {
    async heartbeat(instanceId, forgetAfterMs) {
      const now = clock.now();
      await pool.query('DELETE FROM cluster_instances WHERE seen_at < $1 AND id <> $2', [now - forgetAfterMs, instanceId]);
      // xmax = 0 only on a row just inserted: this instance was not (or no longer) known.
      const r = await one<{ known: boolean }>(
        pool,
        'INSERT INTO cluster_instances (id, seen_at) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET seen_at = EXCLUDED.seen_at RETURNING xmax <> 0 AS known',
        [instanceId, now],
      );
      return r!.known;
    },
    async set(instanceId, sessionId, connected) {
      if (connected) await pool.query('INSERT INTO citizen_presence (session_id, instance_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [sessionId, instanceId]);
      else await pool.query('DELETE FROM citizen_presence WHERE session_id = $1 AND instance_id = $2', [sessionId, instanceId]);
    },
    online: async (sessionId, aliveMs) =>
      Boolean(
        await one(
          pool,
          'SELECT 1 FROM citizen_presence p JOIN cluster_instances i ON i.id = p.instance_id WHERE p.session_id = $1 AND i.seen_at >= $2 LIMIT 1',
          [sessionId, clock.now() - aliveMs],
        ),
      ),
    async remove(instanceId) {
      await pool.query('DELETE FROM cluster_instances WHERE id = $1', [instanceId]);
    },
  };
}
