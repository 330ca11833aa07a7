import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
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
