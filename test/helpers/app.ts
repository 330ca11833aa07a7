import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { onTestFinished } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { createLogger } from '../../src/logger.js';
import { APP_ROOT } from '../../src/lib/paths.js';
import { embedderFromConfig } from '../../src/retrieval/index-store.js';
import { injectFetch, TEST_HOST, TEST_ORIGIN, type Fetch } from './http.js';
import { TestClient } from './ws-client.js';

export const REPO_ROOT = APP_ROOT;
export const FIXTURE_KNOWLEDGE = path.join(REPO_ROOT, 'test/fixtures/knowledge');
/** Built indexes of the read-only knowledge folders, shared by every test app of a run (test/global-setup.ts fills it). */
export const SHARED_INDEX_DIR = path.join(REPO_ROOT, 'node_modules/.cache/dvc-test-index');

export interface TestAppOptions extends Omit<AppOptions, 'config' | 'logger'> {
  /** Settings, as environment variables, over the test defaults. */
  env?: Record<string, string>;
  /** Collects every log line (JSON, info level and above). */
  logs?: string[];
  dataDir?: string;
  /** Load the knowledge index before returning (default true); when false the app has its own, unloaded. */
  loadKnowledge?: boolean;
  /** Rebuild when the knowledge folder changes. */
  watch?: boolean;
}

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  dataDir: string;
  /** `fetch` through `app.inject`. */
  fetch: Fetch;
  /** A citizen websocket through `app.injectWS`, after hello → ready. */
  citizen(sessionId?: string): Promise<TestClient>;
  /** Any websocket route through `app.injectWS` (no frames sent). */
  socket(route?: string, headers?: Record<string, string>): Promise<TestClient>;
  close(): Promise<void>;
}

/** The settings every test app starts from: the repository's knowledge, silent logs, a fresh data folder. */
export function testConfig(dataDir: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    KNOWLEDGE_DIR: path.join(REPO_ROOT, 'knowledge'),
    PROMPTS_DIR: path.join(REPO_ROOT, 'prompts'),
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    // Every login of a test file comes from one address; the per-address limit has its own tests.
    LOGIN_RATE_LIMIT: '10000',
    // Not the event-loop guard: on a loaded test machine a delay over a second is the machine, not
    // this app, and a refused page script looks like a broken page. The overload test sets its own.
    MAX_EVENT_LOOP_DELAY_MS: '0',
    ...env,
  });
}

/**
 * The app in process, with fakes where given (store, clock, llm, knowledge) and real parts elsewhere:
 * Fastify, SQLite in a temporary folder, the real index. Requests go through `fetch`/`socket`/`citizen`
 * (inject, no port). Closed by `close()`, or at the end of the test when built inside one.
 */
export async function buildTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(tmpdir(), 'dvc-test-'));
  const config = testConfig(dataDir, opts.env);
  const logger: Logger = opts.logs ? createLogger('info', { write: (line: string) => void opts.logs!.push(line) }) : pino({ level: 'silent' });
  const ownKnowledge = opts.watch || opts.loadKnowledge === false;
  const knowledge = opts.knowledge ?? (ownKnowledge ? undefined : await sharedKnowledge(config));
  const app = await buildApp({ config, logger, store: opts.store, clock: opts.clock, llm: opts.llm, knowledge });
  if (opts.loadKnowledge !== false) await app.knowledge.refresh();
  if (opts.watch) app.knowledge.watch(100);
  await app.ready();

  let closed = false;
  const testApp: TestApp = {
    app,
    config,
    dataDir,
    fetch: injectFetch(app),
    async citizen(sessionId) {
      const c = await TestClient.inject(app, '/ws');
      c.send({ type: 'hello', ...(sessionId ? { sessionId } : {}) });
      await c.waitFor((f) => f.type === 'ready');
      return c;
    },
    socket: (route = '/ws', headers = {}) => TestClient.inject(app, route, { host: TEST_HOST, ...headers }),
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    onTestFinished(() => testApp.close());
  } catch {
    // built in beforeAll: the caller closes it in afterAll
  }
  return testApp;
}

export { TEST_ORIGIN };

const shared = new Map<string, Promise<KnowledgeBase>>();

/**
 * One loaded knowledge base per read-only folder and embedder, shared by the test apps of a file and
 * cached on disk across files, so an app starts in milliseconds. Folders a test edits get their own.
 */
export function sharedKnowledge(config: Config): Promise<KnowledgeBase> | undefined {
  const readOnly = [path.join(REPO_ROOT, 'knowledge'), FIXTURE_KNOWLEDGE].includes(config.KNOWLEDGE_DIR);
  if (!readOnly || config.remoteEmbeddings) return undefined;
  const key = `${config.KNOWLEDGE_DIR}|${config.EMBEDDING_DIMENSIONS}`;
  let kb = shared.get(key);
  if (!kb) {
    const knowledge = new KnowledgeBase({
      knowledgeDir: config.KNOWLEDGE_DIR,
      dataDir: path.join(SHARED_INDEX_DIR, path.relative(REPO_ROOT, config.KNOWLEDGE_DIR).replaceAll(path.sep, '-')),
      embedder: embedderFromConfig(config),
      logger: pino({ level: 'silent' }),
    });
    kb = knowledge.refresh().then(() => knowledge);
    shared.set(key, kb);
  }
  return kb;
}
