import pg from 'pg';
import { systemClock, type Clock } from '../../lib/clock.js';
import type { Store } from '../store.js';
import { pgCannedReplies } from './canned-replies.js';
import { pgConversations } from './conversations.js';
import { transaction } from './db.js';
import { pgFeedbackQueue } from './feedback-queue.js';
import { pgHandoffs } from './handoffs.js';
import { PG_MIGRATIONS } from './migrations.js';
import { pgReports } from './reports.js';
import { pgAudit, pgFeedback, pgLoginFailures, pgPresence, pgRateLimits, pgStaffSessions } from './small.js';

/** Any number taken once for the migration lock: instances starting together migrate one after another. */
const MIGRATION_LOCK = 0x64766301;

/**
 * The store on PostgreSQL (DATABASE_URL), for several instances sharing one database. Every write
 * is one statement or one transaction awaited to its COMMIT (synchronous_commit stays on), so a
 * resolved promise means durable, as the Store contract asks.
 */
export async function openPostgresStore(url: string, opts: { clock?: Clock; max?: number } = {}): Promise<Store> {
  const clock = opts.clock ?? systemClock;
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    conversations: pgConversations(pool, clock),
    feedback: pgFeedback(pool, clock),
    feedbackQueue: pgFeedbackQueue(pool, clock),
    handoffs: pgHandoffs(pool, clock),
    staffSessions: pgStaffSessions(pool, clock),
    loginFailures: pgLoginFailures(pool, clock),
    audit: pgAudit(pool, clock),
    reports: pgReports(pool, clock),
    cannedReplies: pgCannedReplies(pool, clock),
    rateLimits: pgRateLimits(pool, clock),
    presence: pgPresence(pool, clock),
    probe: async () => {
      await pool.query('INSERT INTO store_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at', [new Date(clock.now()).toISOString()]);
    },
    close: () => pool.end(),
  };
}

/** Applies the migrations this database lacks; refuses one from a newer program rather than damage it. */
async function migrate(pool: pg.Pool): Promise<void> {
  await transaction(pool, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await db.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const found = (await db.query<{ version: number }>('SELECT version FROM schema_version')).rows[0];
    const version = found?.version ?? 0;
    if (version > PG_MIGRATIONS.length) {
      throw new Error(`Database schema version ${version} is newer than this program (${PG_MIGRATIONS.length}); refusing to start`);
    }
    for (let v = version; v < PG_MIGRATIONS.length; v++) await db.query(PG_MIGRATIONS[v]);
    if (!found) await db.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_MIGRATIONS.length]);
    else await db.query('UPDATE schema_version SET version = $1', [PG_MIGRATIONS.length]);
  });
}
