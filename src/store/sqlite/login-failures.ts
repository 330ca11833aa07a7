import type Database from 'better-sqlite3';
import type { Clock } from '../../lib/clock.js';
import type { LoginFailures, LoginFailureStore } from '../store.js';
import { loginNameHash } from '../rows.js';

export function sqliteLoginFailures(db: Database.Database, clock: Clock): LoginFailureStore {
  const q = {
    add: db.prepare(
      `INSERT INTO login_failures (name_hash, count, last_at) VALUES (@name, 1, @now)
       ON CONFLICT (name_hash) DO UPDATE SET count = CASE WHEN last_at < @quietSince THEN 1 ELSE count + 1 END, last_at = @now
       RETURNING count, last_at AS lastAt`,
    ),
    forget: db.prepare('DELETE FROM login_failures WHERE last_at < ?'),
    get: db.prepare('SELECT count, last_at AS lastAt FROM login_failures WHERE name_hash = ?'),
    clear: db.prepare('DELETE FROM login_failures WHERE name_hash = ?'),
  };
  return {
    async add(username, forgetAfterMs) {
      const now = clock.now();
      q.forget.run(now - forgetAfterMs);
      return q.add.get({ name: loginNameHash(username), now, quietSince: now - forgetAfterMs }) as LoginFailures;
    },
    get: async (username) => q.get.get(loginNameHash(username)) as LoginFailures | undefined,
    async clear(username) {
      q.clear.run(loginNameHash(username));
    },
  };
}
