import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import { FakeClock } from '../helpers/clock.js';
import { storeContract } from './contract.js';

const tempDb = () => path.join(mkdtempSync(path.join(tmpdir(), 'dvc-store-')), 'dvc.sqlite');

storeContract('SQLite', async (clock) => {
  const file = tempDb();
  return {
    store: openSqliteStore(file, { clock }),
    reopen: async () => openSqliteStore(file, { clock }),
    cleanup: async () => rmSync(path.dirname(file), { recursive: true, force: true }),
  };
});

describe('SQLite store', () => {
  it('applies migrations once, in WAL mode, and reopens an existing file', async () => {
    const file = tempDb();
    await openSqliteStore(file).close();
    await openSqliteStore(file).close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses a database from a newer version instead of damaging it', async () => {
    const file = tempDb();
    await openSqliteStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/newer than this program/);
  });
});

describe('SQLite retention really deletes', () => {
  /** Whether a string is anywhere in the database's files (main file and write-ahead log). */
  const inFiles = (file: string, needle: string) =>
    [file, `${file}-wal`].some((f) => existsSync(f) && readFileSync(f).includes(Buffer.from(needle, 'utf8')));

  it('a failed login\'s name is not in the files as typed (it may be a password typed in the wrong field)', async () => {
    const file = tempDb();
    const store = openSqliteStore(file);
    await store.loginFailures.add('Mk-Hoa@2026-nham-o', 60_000);
    expect((await store.loginFailures.get('Mk-Hoa@2026-nham-o'))?.count).toBe(1);
    await store.close();
    expect(inFiles(file, 'Mk-Hoa@2026-nham-o')).toBe(false);
    rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('purged text and call-back numbers are not readable in the files afterwards', async () => {
    const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
    const file = tempDb();
    const store = openSqliteStore(file, { clock });
    const id = await store.conversations.openSession();
    await store.conversations.addMessage({ sessionId: id, role: 'citizen', text: 'bí-mật-cần-xoá nhà tôi ở bản Nà Sản' });
    await store.conversations.addAnswer({ id: 'a1', sessionId: id, question: 'bí-mật-cần-xoá', text: 'trả-lời-cần-xoá', status: 'answered', grounded: true, sources: [] });
    const h = await store.handoffs.setCallback(id, '0912 777 888');
    await store.handoffs.close(h.id, 'canbo'); // handled
    const keep = await store.conversations.openSession();
    await clock.advance(100 * 86_400_000);
    await store.conversations.addMessage({ sessionId: keep, role: 'citizen', text: 'còn-giữ-lại' });
    expect(inFiles(file, 'bí-mật-cần-xoá')).toBe(true); // the check can see text when it is there
    expect(inFiles(file, '0912 777 888')).toBe(true);

    await clock.advance(100 * 86_400_000);
    expect((await store.conversations.purgeOlderThan(180)).sessions).toBe(1);
    for (const gone of ['bí-mật-cần-xoá', 'trả-lời-cần-xoá', '0912 777 888', 'Nà Sản']) expect(inFiles(file, gone), gone).toBe(false);
    expect(inFiles(file, 'còn-giữ-lại')).toBe(true);
    await store.close();
  });

  it('converts a database made before secure deletion: incremental vacuum on, old staff messages count as delivered', async () => {
    const file = tempDb();
    const old = new Database(file);
    old.exec(MIGRATIONS[0]);
    old.pragma('user_version = 1');
    old.prepare("INSERT INTO sessions (id, created_at, last_seen_at) VALUES ('s', '2026-01-01', '2026-01-01')").run();
    old.prepare("INSERT INTO messages (session_id, role, name, text, created_at) VALUES ('s', 'staff', 'Hoa', 'chào', '2026-01-01')").run();
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();
    const store = openSqliteStore(file);
    expect(await store.conversations.pendingStaffMessages('s')).toEqual([]);
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });
});

describe('SQLite on a disk that is really full', () => {
  /** A 4 MB tmpfs (needs root to mount; skipped otherwise). */
  const mountSmallDisk = (): string | undefined => {
    if (process.getuid?.() !== 0) return undefined;
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-small-'));
    return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir]).status === 0 ? dir : undefined;
  };

  it('refuses writes with an error, still reads and resumes known sessions, and writes again once there is room', async (ctx) => {
    const dir = mountSmallDisk();
    if (!dir) return ctx.skip();
    try {
      const store = openSqliteStore(path.join(dir, 'dvc.sqlite'));
      const known = await store.conversations.openSession();
      await store.conversations.addMessage({ sessionId: known, role: 'citizen', text: 'trước khi đầy' });
      const filler = path.join(dir, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024)); // more than there is: fills the disk
      } catch {
        // ENOSPC: the disk is full now, which is the point
      }
      const big = 'x'.repeat(64 * 1024);
      await expect(
        (async () => {
          for (let i = 0; i < 100; i++) await store.conversations.addMessage({ sessionId: known, role: 'citizen', text: big });
        })(),
      ).rejects.toThrow(/SQLITE_FULL|disk is full/);
      await expect(store.probe()).rejects.toThrow();
      await expect(store.conversations.openSession()).rejects.toThrow(); // a new session needs a write
      expect(await store.conversations.openSession(known)).toBe(known); // a known one resumes
      expect((await store.conversations.transcript(known, 1)).length).toBe(1);
      unlinkSync(filler);
      await store.probe();
      await store.conversations.addMessage({ sessionId: known, role: 'citizen', text: 'sau khi có chỗ' });
      expect((await store.conversations.transcript(known, 1))[0].text).toBe('sau khi có chỗ');
      await store.close();
    } finally {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
