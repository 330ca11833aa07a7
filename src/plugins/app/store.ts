import path from 'node:path';
import fp from 'fastify-plugin';
import { ConfigError } from '../../config.js';
import type { Clock } from '../../lib/clock.js';
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
 * store a test passes to buildApp. The app owns it either way and closes it on close. A DATA_DIR
 * that cannot be used (read-only, not a folder, no permission) stops start-up with one line naming it.
 */
export default fp<{ store?: Store }>(
  async (app, opts) => {
    const { DATABASE_URL, DATA_DIR } = app.config;
    const store = opts.store ?? (DATABASE_URL ? await openPostgresStore(DATABASE_URL, { clock: app.clock }) : openDataDirStore(DATA_DIR, app.clock));
    app.decorate('store', store);
    app.addHook('onClose', async () => store.close());
  },
  { name: 'store', dependencies: ['config', 'clock'] },
);

function openDataDirStore(dataDir: string, clock: Clock): Store {
  try {
    return openSqliteStore(path.join(dataDir, 'dvc.sqlite'), { clock });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new ConfigError(`Invalid DATA_DIR: ${dataDir} must be a folder the server can write to (${e.code ?? 'error'}: ${e.message.split('\n')[0]})`);
  }
}
