import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { buildTestApp, REPO_ROOT } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { staffAccountsEnv } from '../helpers/staff.js';
import { faultyStore } from '../helpers/faulty-store.js';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from '../../scripts/build.mjs';

beforeAll(() => buildServer({ ifStale: true }), 120_000); // the server bundle this file starts

const json = { 'content-type': 'application/json' };

async function fullDiskApp(env: Record<string, string> = {}) {
  const faulty = faultyStore(openSqliteStore(path.join(mkdtempSync(path.join(tmpdir(), 'dvc-full-')), 'dvc.sqlite')));
  const clock = new FakeClock();
  const t = await buildTestApp({ store: faulty.store, clock, env });
  return { faulty, clock, t };
}

describe('a store that cannot write', () => {
  it('/ready turns 503 with the reason, and back to 200 once it can write again; /health stays 200', async () => {
    const { faulty, clock, t } = await fullDiskApp();
    expect((await t.fetch('/ready')).status).toBe(200);
    faulty.diskFull();
    await clock.advance(1_000);
    const res = await t.fetch('/ready');
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, reason: 'storage_unwritable', detail: expect.stringContaining('SQLITE_FULL') });
    expect((await t.fetch('/health')).status).toBe(200);
    faulty.release();
    await clock.advance(1_000);
    expect((await t.fetch('/ready')).status).toBe(200);
  });

  it('citizens get a typed, honest error for each write and nothing is acknowledged; reading goes on', async () => {
    const { faulty, t } = await fullDiskApp();
    const known = await t.citizen();
    faulty.diskFull();

    const fresh = await t.socket();
    fresh.send({ type: 'hello' }); // a new session cannot be stored
    expect(await fresh.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'not_stored', message: expect.stringMatching(/chưa lưu được/) });
    expect(fresh.frames.some((f) => f.type === 'ready')).toBe(false);

    known.send({ type: 'ask', id: 'q', text: 'làm thẻ căn cước ở đâu' });
    expect(await known.waitFor((f) => f.type === 'error')).toMatchObject({ id: 'q', code: 'not_stored' });
    known.send({ type: 'callback', phone: '0912 345 678' });
    await known.waitFor((f) => f.type === 'error' && !f.id);
    expect(known.frames.filter((f) => f.type === 'ack')).toEqual([]);

    const http = await t.fetch('/api/ask', { method: 'POST', headers: json, body: '{"question":"làm thẻ căn cước ở đâu"}' });
    expect(http.status).toBe(503);
    expect((await http.json()).error).toMatchObject({ code: 'not_stored', message: expect.stringMatching(/chưa lưu được dữ liệu/) });
    expect((await t.fetch('/api/search?q=khai%20sinh')).status).toBe(200);

    faulty.release(); // room again: the same socket goes on
    const { answer } = await known.ask('q2', 'làm thẻ căn cước ở đâu');
    expect(answer.grounded).toBe(true);
    fresh.close();
    known.close();
  });
  it('asking for a person or ending the chat on a full disk gets not_stored too, never internal', async () => {
    const { faulty, t } = await fullDiskApp({ STAFF_ACCOUNTS: await staffAccountsEnv(), OFFICE_HOURS: 'always' });
    const c = await t.citizen();
    faulty.diskFull();
    c.send({ type: 'handoff', reason: 'hỏi cán bộ' });
    expect(await c.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'not_stored' });
    faulty.release();
    c.send({ type: 'handoff', reason: 'hỏi cán bộ' });
    await c.waitFor((f) => f.type === 'handoff' && f.state === 'waiting');
    faulty.diskFull();
    c.send({ type: 'end' });
    expect(await c.waitFor((f) => f.type === 'error' && f !== c.frames.find((x) => x.type === 'error'))).toMatchObject({ code: 'not_stored' });
    expect(c.frames.filter((f) => f.type === 'error').map((f) => f.code)).toEqual(['not_stored', 'not_stored']);
    c.close();
  });
});

describe('an unusable DATA_DIR', () => {
  /** Starts the compiled server as `npm start` does; returns its exit code and output. */
  const start = (dataDir: string) =>
    spawnSync(process.execPath, ['dist/server.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('stops start-up with one line naming it (not a folder)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-bad-'));
    writeFileSync(path.join(dir, 'file'), 'x');
    const run = start(path.join(dir, 'file', 'data'));
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid DATA_DIR: .*file\/data must be a folder the server can write to \(ENOTDIR/);
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(process.getuid?.() === 0)('stops start-up with one line naming it (a read-only file system)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-ro-'));
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', dir]);
    if (mount.status !== 0) return; // no permission to mount here: the test above covers the line
    try {
      const run = start(path.join(dir, 'data'));
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Invalid DATA_DIR: .* must be a folder the server can write to/)]);
    } finally {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a writable one starts (the check is not always failing)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-ok-'));
    mkdirSync(path.join(dir, 'data'));
    const t = await buildTestApp({ dataDir: path.join(dir, 'data') });
    expect((await t.fetch('/health')).status).toBe(200);
  });
});
