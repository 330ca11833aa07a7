import type { ChatModel } from '../../src/llm/chat-model.js';
import { buildTestApp, REPO_ROOT, type TestApp } from './app.js';

export { REPO_ROOT };

export interface TestServer extends TestApp {
  url: string;
  wsUrl: string;
  port: number;
}

/**
 * The test app listening on a real port of 127.0.0.1, for what needs a real socket: browsers, a
 * server restarted on the same port, clients in another process. Everything else uses buildTestApp.
 */
export async function startServer(
  opts: { env?: Record<string, string>; overrides?: { llm?: ChatModel }; port?: number; dataDir?: string; logs?: string[]; watch?: boolean } = {},
): Promise<TestServer> {
  const { overrides, port = 0, ...rest } = opts;
  const t = await buildTestApp({ ...rest, llm: overrides?.llm });
  await t.app.listen({ port, host: '127.0.0.1' });
  const actual = (t.app.server.address() as { port: number }).port;
  return { ...t, port: actual, url: `http://127.0.0.1:${actual}`, wsUrl: `ws://127.0.0.1:${actual}/ws` };
}
