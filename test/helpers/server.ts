import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createServices, type ServiceOverrides, type Services } from '../../src/services.js';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export interface TestServer {
  app: FastifyInstance;
  services: Services;
  url: string;
  wsUrl: string;
  port: number;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * Starts the real server (real Fastify, real index on disk) on a random port of 127.0.0.1, with the
 * repository's knowledge folder unless `env.KNOWLEDGE_DIR` says otherwise, and a fresh data folder.
 */
export async function startServer(
  opts: { env?: Record<string, string>; overrides?: ServiceOverrides; port?: number; dataDir?: string; logs?: string[]; watch?: boolean } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'dvc-test-'));
  const config = loadConfig({
    KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
    PROMPTS_DIR: path.join(REPO_ROOT, 'prompts'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(opts.port ?? 0),
    LOG_LEVEL: 'silent',
    ...opts.env,
  });
  // With `logs`, every log line (JSON) is captured at info level through the app's own logger settings.
  const logger = opts.logs
    ? createLogger('info', { write: (line: string) => void opts.logs!.push(line) })
    : pino({ level: config.LOG_LEVEL });
  const services = createServices(config, logger, opts.overrides);
  await services.kb.refresh();
  if (opts.watch) services.kb.watch(100);
  const app = await buildApp(services, logger);
  await app.listen({ port: config.PORT, host: config.HOST });
  const port = (app.server.address() as { port: number }).port;
  return {
    app,
    services,
    port,
    dataDir,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await app.close();
      await services.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
