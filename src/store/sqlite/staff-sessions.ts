import type Database from 'better-sqlite3';
import type { Clock } from '../../lib/clock.js';
import type { StaffSessionRecord } from '../records.js';
import type { StaffSessionStore } from '../store.js';

export function sqliteStaffSessions(db: Database.Database, clock: Clock): StaffSessionStore {
  const q = {
    insert: db.prepare('INSERT INTO staff_sessions (token_hash, username, csrf, expires_at) VALUES (?, ?, ?, ?)'),
    get: db.prepare('SELECT token_hash AS tokenHash, username, csrf, expires_at AS expiresAt FROM staff_sessions WHERE token_hash = ?'),
    delete: db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?'),
    purgeExpired: db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?'),
  };
  return {
    async create(s) {
      q.purgeExpired.run(clock.now());
      q.insert.run(s.tokenHash, s.username, s.csrf, s.expiresAt);
    },
    async get(tokenHash) {
      const s = q.get.get(tokenHash) as StaffSessionRecord | undefined;
      return s && s.expiresAt > clock.now() ? s : undefined;
    },
    async delete(tokenHash) {
      q.delete.run(tokenHash);
    },
  };
}
