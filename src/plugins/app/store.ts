import path from 'node:path';
import fp from 'fastify-plugin';
import { openPostgresStore } from '../../store/postgres/index.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
  }
}

/**
 * `app.store`: PostgreSQL when DATABASE_URL is set, else SQLite at `DATA_DIR/dvc.sqlite`, or the
 * store a test passes to buildApp. The app owns it either way and closes it on close.
 */
export default fp<{ store?: Store }>(
  async (app, opts) => {
    const { DATABASE_URL, DATA_DIR } = app.config;
    const store =
      opts.store ??
      (DATABASE_URL ? await openPostgresStore(DATABASE_URL, { clock: app.clock }) : openSqliteStore(path.join(DATA_DIR, 'dvc.sqlite'), { clock: app.clock }));
    app.decorate('store', store);
    app.addHook('onClose', async () => store.close());
  },
  { name: 'store', dependencies: ['config', 'clock'] },
);
