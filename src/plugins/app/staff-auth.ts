import fp from 'fastify-plugin';
import { loadAccounts } from '../../auth/accounts.js';
import { createStaffAuth, type StaffAuth } from '../../auth/staff-auth.js';

declare module 'fastify' {
  interface FastifyInstance {
    staffAuth: StaffAuth;
  }
}

/** `app.staffAuth`: staff and admin accounts (STAFF_ACCOUNTS / ACCOUNTS_FILE), sessions, the route guard. */
export default fp(
  async (app) => {
    const { config, store, clock } = app;
    app.decorate('staffAuth', createStaffAuth({ accounts: loadAccounts(config), store, clock, sessionHours: config.STAFF_SESSION_HOURS }));
  },
  { name: 'staff-auth', dependencies: ['config', 'store', 'clock'] },
);
