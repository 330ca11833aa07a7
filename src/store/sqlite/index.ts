import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { systemClock, type Clock } from '../../lib/clock.js';
import type { Store } from '../store.js';
import { sqliteAudit } from './audit.js';
import { sqliteCannedReplies } from './canned-replies.js';
import { sqliteConversations } from './conversations.js';
import { sqliteFeedback } from './feedback.js';
import { sqliteFeedbackQueue } from './feedback-queue.js';
import { sqliteHandoffs } from './handoffs.js';
import { sqliteLoginFailures } from './login-failures.js';
import { MIGRATIONS } from './migrations.js';
import { sqliteReports } from './reports.js';
import { sqliteStaffSessions } from './staff-sessions.js';

const INCREMENTAL = 2;

/**
 * The store on SQLite (better-sqlite3) in WAL mode. better-sqlite3 is synchronous, so every write
 * is committed before its promise resolves, which is what the Store contract asks.
 */
export function openSqliteStore(file: string, opts: { clock?: Clock } = {}): Store {
  const clock = opts.clock ?? systemClock;
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // Deleted rows are overwritten, and freed pages can be given back (retention, conversations.ts).
  // A database created before auto_vacuum was set is converted once.
  db.pragma('secure_delete = ON');
  if (db.pragma('auto_vacuum', { simple: true }) !== INCREMENTAL) {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL'); // with WAL: durable against process crashes
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const probe = db.prepare('INSERT INTO store_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
  return {
    conversations: sqliteConversations(db, clock),
    feedback: sqliteFeedback(db, clock),
    feedbackQueue: sqliteFeedbackQueue(db, clock),
    handoffs: sqliteHandoffs(db, clock),
    staffSessions: sqliteStaffSessions(db, clock),
    loginFailures: sqliteLoginFailures(db, clock),
    audit: sqliteAudit(db, clock),
    cannedReplies: sqliteCannedReplies(db, clock),
    reports: sqliteReports(db, clock),
    probe: async () => void probe.run(new Date(clock.now()).toISOString()),
    close: async () => void db.close(),
  };
}

/** Applies the migrations this database lacks; refuses one from a newer program rather than damage it. */
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
