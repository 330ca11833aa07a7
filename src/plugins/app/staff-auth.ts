import { unwatchFile, watchFile } from 'node:fs';
import fp from 'fastify-plugin';
import { loadAccounts } from '../../auth/accounts.js';
import { storeLockout } from '../../auth/login-lockout.js';
import { createStaffAuth, type StaffAuth } from '../../auth/staff-auth.js';

declare module 'fastify' {
  interface FastifyInstance {
    staffAuth: StaffAuth;
  }
}

/** How often the accounts file is checked for changes. */
const ACCOUNTS_POLL_MS = 1000;
/** How often staff websockets are checked for sessions that expired. */
const SOCKET_CHECK_MS = 10_000;

/**
 * `app.staffAuth`: staff and admin accounts (STAFF_ACCOUNTS / ACCOUNTS_FILE), sessions, the login
 * lock-out, the route guard. An edited ACCOUNTS_FILE is read again without a restart (a removed
 * account or a changed role ends its sessions and closes its websockets); a file that turns bad is
 * logged and the accounts loaded before stay.
 */
export default fp(
  async (app) => {
    const { config, store, clock } = app;
    const staffAuth = createStaffAuth({
      accounts: loadAccounts(config),
      store,
      clock,
      sessionHours: config.STAFF_SESSION_HOURS,
      lockout: storeLockout(store.loginFailures, {
        clock,
        maxFailures: config.LOGIN_MAX_FAILURES,
        lockMs: config.LOGIN_LOCK_SECONDS * 1000,
        maxLockMs: config.LOGIN_LOCK_MAX_SECONDS * 1000,
      }),
    });
    app.decorate('staffAuth', staffAuth);

    let stopChecks = () => {};
    app.addHook('onReady', async () => {
      stopChecks = clock.every(SOCKET_CHECK_MS, staffAuth.checkSockets);
    });
    app.addHook('onClose', async () => stopChecks());

    const file = config.ACCOUNTS_FILE;
    if (!file) return;
    const reload = () => {
      try {
        const accounts = loadAccounts(config);
        staffAuth.setAccounts(accounts);
        app.log.info({ event: 'accounts_reloaded', accounts: accounts.length }, 'accounts file read again');
      } catch (err) {
        app.log.error({ event: 'accounts_invalid', error: (err as Error).message }, 'accounts file is invalid; keeping the accounts loaded before');
      }
    };
    // Polling (not fs.watch): editors and deploy tools often replace the file, which a watch loses.
    app.addHook('onReady', async () => {
      watchFile(file, { interval: ACCOUNTS_POLL_MS, persistent: false }, reload);
    });
    app.addHook('onClose', async () => {
      unwatchFile(file, reload);
    });
  },
  { name: 'staff-auth', dependencies: ['config', 'store', 'clock'] },
);
