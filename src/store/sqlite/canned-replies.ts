import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { isoNow, type Clock } from '../../lib/clock.js';
import type { CannedReply } from '../records.js';
import type { CannedReplyStore } from '../store.js';

const COLUMNS = 'id, title, text, updated_at AS updatedAt, updated_by AS updatedBy';
/** Vietnamese dictionary order ("Cảm ơn" before "Chào hỏi"), which SQLite's collations do not know. */
const byTitle = new Intl.Collator('vi', { sensitivity: 'base' });

export function sqliteCannedReplies(db: Database.Database, clock: Clock): CannedReplyStore {
  const all = db.prepare(`SELECT ${COLUMNS} FROM canned_replies ORDER BY created_at`);
  const one = db.prepare(`SELECT ${COLUMNS} FROM canned_replies WHERE id = ?`);
  const insert = db.prepare('INSERT INTO canned_replies (id, title, text, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)');
  const update = db.prepare('UPDATE canned_replies SET title = ?, text = ?, updated_at = ?, updated_by = ? WHERE id = ?');
  const remove = db.prepare('DELETE FROM canned_replies WHERE id = ?');
  return {
    list: async () => (all.all() as CannedReply[]).sort((a, b) => byTitle.compare(a.title, b.title)),
    async create(r) {
      const id = randomUUID();
      const at = isoNow(clock);
      insert.run(id, r.title, r.text, at, at, r.by);
      return { id, title: r.title, text: r.text, updatedAt: at, updatedBy: r.by };
    },
    async update(id, r) {
      if (update.run(r.title, r.text, isoNow(clock), r.by, id).changes === 0) return undefined;
      return one.get(id) as CannedReply;
    },
    delete: async (id) => remove.run(id).changes > 0,
  };
}
