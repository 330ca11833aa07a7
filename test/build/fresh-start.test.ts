import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from '../../scripts/build.mjs';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';

beforeAll(() => buildServer({ ifStale: true }), 120_000);

const dataDir = mkdtempSync(path.join(tmpdir(), 'dvc-fresh-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

it('the compiled server builds its index in the worker on a first start with no cache (as after npm install && npm start)', { timeout: 90_000 }, async () => {
  server = await startServerProcess({ DATA_DIR: dataDir, INDEX_WORKER: 'on' });
  const ready = await server.logLine((e) => e.msg === 'knowledge ready');
  expect(ready.knowledge).toMatchObject({ source: 'built' });
  const res = await fetch(`http://127.0.0.1:${server.port}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question: 'làm thẻ căn cước ở đâu' }),
  });
  expect(res.status).toBe(200);
  expect((await res.json()).sources[0].id).toBe('the-can-cuoc');
});
