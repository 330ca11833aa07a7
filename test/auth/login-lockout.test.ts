import { describe, expect, it } from 'vitest';
import { memoryLockout } from '../../src/auth/login-lockout.js';
import { buildTestApp } from '../helpers/app.js';
import { FakeClock } from '../helpers/clock.js';
import { StaffHttp, STAFF_PASSWORD, staffAccountsEnv } from '../helpers/staff.js';

const MINUTE = 60_000;

describe('login lock-out per user name', () => {
  const setup = () => {
    const clock = new FakeClock();
    return { clock, lockout: memoryLockout({ clock, maxFailures: 3, lockMs: MINUTE, maxLockMs: 8 * MINUTE }) };
  };

  it('locks after the allowed failures, and each further failure doubles the lock up to the cap', async () => {
    const { clock, lockout } = setup();
    expect(await lockout.failed('thu')).toBe(0);
    expect(await lockout.failed('thu')).toBe(0);
    expect(await lockout.waitMs('thu')).toBe(0);
    expect(await lockout.failed('thu')).toBe(MINUTE);
    expect(await lockout.waitMs('thu')).toBe(MINUTE);
    await clock.advance(MINUTE);
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

  it('remembers a bounded number of names', async () => {
    const clock = new FakeClock();
    const lockout = memoryLockout({ clock, maxFailures: 1, lockMs: MINUTE, maxLockMs: MINUTE, maxNames: 100 });
    await lockout.failed('first');
    for (let i = 0; i < 100; i++) await lockout.failed(`name-${i}`);
    expect(await lockout.waitMs('first')).toBe(0); // forgotten, least recently failed first
    expect(await lockout.waitMs('name-99')).toBe(MINUTE);
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
