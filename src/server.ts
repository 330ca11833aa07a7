import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startLine } from './start-line.js';

/**
 * Process entry: read the configuration, build the app, listen, then load the knowledge index (so
 * `/ready` says 503 until it is loaded) and watch the folder. SIGTERM/SIGINT close the app gracefully
 * (websockets, the database, timers) within 10 s; an uncaught error is logged and closes it too.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const app = await buildApp({ config, logger });
  closeWithGrace({ delay: 10_000, logger: { error: (m: string) => logger.error(m) } }, async ({ signal, err }) => {
    if (err) logger.fatal({ err }, 'fatal error, shutting down');
    else logger.info({ signal }, 'shutting down');
    await app.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const { port } = app.server.address() as { port: number };
  process.stderr.write(`${startLine({ host: config.HOST, port, accounts: app.staffAuth.accountCount })}\n`);

  const report = await app.knowledge.refresh();
  logger.info({ knowledge: { ...report, errors: report.errors.length } }, 'knowledge ready');
  app.knowledge.watch();
}

main().catch((err) => {
  // A bad setting stops start-up with one line naming it.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
