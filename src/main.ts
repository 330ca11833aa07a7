import { ConfigError, loadConfig } from './config.js';
import { buildApp } from './app.js';
import { createLogger } from './logger.js';
import { createServices } from './services.js';

/** Process entry: read config, build the app, listen, load the index, shut down gracefully. */
async function main(): Promise<void> {
  const config = orExit(() => loadConfig());
  const logger = createLogger(config.LOG_LEVEL);
  const services = orExit(() => createServices(config, logger));
  const app = await buildApp(services, logger);
  await app.listen({ port: config.PORT, host: config.HOST });

  const report = await services.kb.refresh();
  logger.info({ knowledge: { ...report, errors: report.errors.length } }, 'knowledge ready');
  for (const e of report.errors) logger.warn({ knowledgeError: e }, 'knowledge file rejected');
  services.kb.watch();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close(); // closes websockets and waits for in-flight requests
    await services.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** A bad setting stops start-up with one line naming it. */
function orExit<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
