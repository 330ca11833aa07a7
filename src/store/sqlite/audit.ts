import type Database from 'better-sqlite3';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { AuditEntry } from '../records.js';
import type { AuditStore } from '../store.js';

export function sqliteAudit(db: Database.Database, clock: Clock): AuditStore {
  const insert = db.prepare('INSERT INTO audit_log (at, actor, action, detail) VALUES (?, ?, ?, ?)');
  const entries = db.prepare('SELECT at, actor, action, detail FROM audit_log ORDER BY id DESC LIMIT ?');
  return {
    async record(actor, action, detail = '') {
      insert.run(isoNow(clock), actor, action, detail);
    },
    entries: async (limit = 200) => entries.all(limit) as AuditEntry[],
  };
}
