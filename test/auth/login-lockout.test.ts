import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { storeLockout } from '../../src/auth/login-lockout.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import { buildTestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { StaffHttp, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';

const MINUTE = 60_000;

describe('login lock-out per user name', () => {
  const setup = () => {
    const clock = new FakeClock();
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-lockout-'));
    const store = openSqliteStore(path.join(dir, 'dvc.sqlite'), { clock });
    onTestFinished(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { clock, lockout: storeLockout(store.loginFailures, { clock, maxFailures: 3, lockMs: MINUTE, maxLockMs: 8 * MINUTE }) };
  };

  it('locks after the allowed failures, and each further failure doubles the lock up to the cap', async () => {
    const { clock, lockout } = setup();
    expect(await lockout.failed('thu')).toBe(0);
    expect(await lockout.failed('thu')).toBe(0);
    expect(await lockout.waitMs('thu')).toBe(0);
    expect(await lockout.failed('thu')).toBe(MINUTE);
    expect(await lockout.waitMs('thu')).toBe(MINUTE);
    await clock.advance(MINUTE - 1);
    expect(await lockout.waitMs('thu')).toBe(1);
    await clock.advance(1);
    expect(await lockout.waitMs('thu')).toBe(0);
    expect(await lockout.failed('thu')).toBe(2 * MINUTE);
    await clock.advance(2 * MINUTE);
    expect(await lockout.failed('thu')).toBe(4 * MINUTE);
    await clock.advance(4 * MINUTE);
    expect(await lockout.failed('thu')).toBe(8 * MINUTE);
    await clock.advance(8 * MINUTE);
    expect(await lockout.failed('thu')).toBe(8 * MINUTE); // the cap
    expect(await lockout.waitMs('canbo')).toBe(0); // other names are not affected
  });

  it('a success clears the failures; failures long ago are forgotten', async () => {
    const { clock, lockout } = setup();
    await lockout.failed('thu');
    await lockout.failed('thu');
    await lockout.succeeded('thu');
    expect(await lockout.failed('thu')).toBe(0);
    await lockout.failed('thu');
    await clock.advance(16 * MINUTE);
    expect(await lockout.failed('thu')).toBe(0); // counting starts again
  });

  it('a lock outlives a restart of the server (the failures are in the store)', async () => {
    const clock = new FakeClock();
    const dir = mkdtempSync(path.join(tmpdir(), 'dvc-lockout-'));
    const file = path.join(dir, 'dvc.sqlite');
    const options = { clock, maxFailures: 2, lockMs: MINUTE, maxLockMs: MINUTE };
    const first = openSqliteStore(file, { clock });
    await storeLockout(first.loginFailures, options).failed('thu');
    expect(await storeLockout(first.loginFailures, options).failed('thu')).toBe(MINUTE);
    await first.close();
    const again = openSqliteStore(file, { clock });
    expect(await storeLockout(again.loginFailures, options).waitMs('thu')).toBe(MINUTE);
    await again.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('login over HTTP behind a proxy (each attempt from a new address)', () => {
  it('locks the name across addresses; the right password is refused while locked, then accepted', async () => {
    const clock = new FakeClock();
    const t = await buildTestApp({ clock, env: { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_SECONDS: '60', STAFF_ACCOUNTS: await staffAccountsEnv() } });
    const from = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });
    const staff = new StaffHttp(t);
    for (let i = 1; i <= 5; i++) expect((await staff.login('thu', 'sai-mat-khau', from(i))).status).toBe(401);
    const locked = await staff.login('thu', STAFF_PASSWORD, from(6));
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('60');
    expect((await locked.json()).error).toMatchObject({ code: 'too_many_attempts', message: expect.stringContaining('60 giây') });
    for (let i = 7; i < 27; i++) expect((await staff.login('thu', STAFF_PASSWORD, from(i))).status).toBe(429);
    expect((await staff.login('canbo', STAFF_PASSWORD, from(30))).status).toBe(200); // another name is not locked
    await clock.advance(60_000);
    expect((await staff.login('thu', 'sai-lan-nua', from(31))).status).toBe(401);
    const longer = await staff.login('thu', STAFF_PASSWORD, from(32));
    expect(longer.headers.get('retry-after')).toBe('120'); // the lock grew
    await clock.advance(120_000);
    expect((await staff.login('thu', STAFF_PASSWORD, from(33))).status).toBe(200);
  });
});
