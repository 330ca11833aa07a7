/**
 * The server as `src/server.ts` runs it, for `npm run soak` only: the same app, configuration and
 * start-up, with the SQLite store wrapped so the soak driver can make every write fail (a full disk)
 * over IPC when it cannot fill a real small disk (`{ disk: 'full' | 'ok' }`). Not for production.
 */
import path from 'node:path';
import closeWithGrace from 'close-with-grace';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { faultyStore } from '../test/helpers/faulty-store.js';

const config = loadConfig();
const logger = createLogger(config.LOG_LEVEL);
const faulty = faultyStore(openSqliteStore(path.join(config.DATA_DIR, 'dvc.sqlite')));
process.on('message', (m: { disk?: 'full' | 'ok' }) => {
  if (m.disk === 'full') faulty.diskFull();
  if (m.disk === 'ok') faulty.release();
});

const app = await buildApp({ config, logger, store: faulty.store });
closeWithGrace({ delay: 10_000 }, async () => {
  await app.close();
});
await app.listen({ port: config.PORT, host: config.HOST });
await app.knowledge.refresh();
app.knowledge.watch();
process.send?.({ ready: true });
