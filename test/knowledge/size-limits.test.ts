import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript build script, no type declarations
import { buildServer } from '../../scripts/build.mjs';
import { loadConfig } from '../../src/config.js';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { knowledgeContentHash, loadKnowledge } from '../../src/knowledge/loader.js';
import { localEmbedderChoice } from '../../src/retrieval/index-store.js';
import { tempKnowledge } from '../helpers/fixtures.js';
import { REPO_ROOT } from '../helpers/server.js';

const MB = 1024 * 1024;

/** A valid document of exactly `bytes` bytes (its last section padded). */
function documentOfSize(knowledgeDir: string, id: string, bytes: number): string {
  const base = readFileSync(path.join(knowledgeDir, 'huong-dan', 'tra-cuu-ho-so.md'), 'utf8').replace('id: tra-cuu-ho-so', `id: ${id}`);
  const padding = bytes - Buffer.byteLength(base) - 1;
  if (padding < 0) throw new Error('base document larger than requested');
  return `${base}${'x'.repeat(padding)}\n`;
}

function write(knowledgeDir: string, id: string, bytes: number): void {
  const text = documentOfSize(knowledgeDir, id, bytes);
  writeFileSync(path.join(knowledgeDir, 'huong-dan', `${id}.md`), text);
  expect(Buffer.byteLength(text)).toBe(bytes);
}

describe('knowledge size limits', () => {
  it('a file over the per-file limit is rejected with the reason; one exactly at the limit loads', async () => {
    const { knowledgeDir } = tempKnowledge();
    const limit = 16 * 1024;
    write(knowledgeDir, 'vua-du', limit);
    write(knowledgeDir, 'qua-lon', limit + 1);
    const k = await loadKnowledge(knowledgeDir, { maxFileBytes: limit, maxTotalBytes: 100 * MB });
    expect(k.docs.map((d) => d.id)).toContain('vua-du');
    expect(k.docs.map((d) => d.id)).not.toContain('qua-lon');
    expect(k.errors).toEqual([
      { file: 'huong-dan/qua-lon.md', field: 'file', reason: 'file is 16385 bytes, over the limit of 16384 bytes per file (KNOWLEDGE_MAX_FILE_BYTES)' },
    ]);
  });

  it('files past the total limit are rejected in name order; a rejected file does not use up the total', async () => {
    const { knowledgeDir } = tempKnowledge();
    const before = await loadKnowledge(knowledgeDir);
    const used = (await Promise.all(before.docs.map((d) => Buffer.byteLength(readFileSync(path.join(knowledgeDir, d.file)))))).reduce((a, b) => a + b, 0);
    const sideFiles = ['_synonyms.yaml', '_suggestions.yaml'].reduce((n, f) => n + readFileSync(path.join(knowledgeDir, f)).length, 0);
    write(knowledgeDir, 'a-qua-lon', 64 * 1024); // over the per-file limit: rejected, not counted
    write(knowledgeDir, 'b-vua-du', 8 * 1024); // fits exactly in what is left
    write(knowledgeDir, 'c-thua', 8 * 1024); // over the total
    const k = await loadKnowledge(knowledgeDir, { maxFileBytes: 32 * 1024, maxTotalBytes: used + sideFiles + 8 * 1024 });
    expect(k.errors.map((e) => [e.file, e.reason.includes('KNOWLEDGE_MAX_FILE_BYTES'), e.reason.includes('KNOWLEDGE_MAX_TOTAL_BYTES')])).toEqual([
      ['huong-dan/a-qua-lon.md', true, false],
      ['huong-dan/c-thua.md', false, true],
    ]);
    expect(k.docs.map((d) => d.id)).toContain('b-vua-du');
    expect(k.synonyms.length).toBeGreaterThan(0);
  });

  it('a rejected file changes the content hash when its size changes, so the report stays current', async () => {
    const { knowledgeDir } = tempKnowledge();
    const limits = { maxFileBytes: 16 * 1024, maxTotalBytes: 100 * MB };
    write(knowledgeDir, 'qua-lon', 20 * 1024);
    const first = await knowledgeContentHash(knowledgeDir, limits);
    expect((await loadKnowledge(knowledgeDir, limits)).contentHash).toBe(first);
    write(knowledgeDir, 'qua-lon', 21 * 1024);
    expect(await knowledgeContentHash(knowledgeDir, limits)).not.toBe(first);
  });

  it('the knowledge base serves the other documents and lists the oversized one with its errors', async () => {
    const dirs = tempKnowledge();
    write(dirs.knowledgeDir, 'qua-lon', 40 * 1024);
    const kb = new KnowledgeBase({ ...dirs, embedder: localEmbedderChoice(512), logger: pino({ level: 'silent' }), limits: { maxFileBytes: 32 * 1024, maxTotalBytes: MB } });
    const report = await kb.refresh();
    expect(report).toMatchObject({ docs: 4, errors: [{ file: 'huong-dan/qua-lon.md', field: 'file' }] });
    expect(kb.snapshot.errors).toEqual(report.errors);
  });

  it('limits are settings validated at start', () => {
    expect(loadConfig({}).KNOWLEDGE_MAX_FILE_BYTES).toBe(8 * MB);
    expect(loadConfig({ KNOWLEDGE_MAX_FILE_BYTES: '2048', KNOWLEDGE_MAX_TOTAL_BYTES: '4096' })).toMatchObject({ KNOWLEDGE_MAX_FILE_BYTES: 2048, KNOWLEDGE_MAX_TOTAL_BYTES: 4096 });
    expect(() => loadConfig({ KNOWLEDGE_MAX_FILE_BYTES: '10' })).toThrow(/Invalid KNOWLEDGE_MAX_FILE_BYTES/);
    expect(() => loadConfig({ KNOWLEDGE_MAX_TOTAL_BYTES: 'lots' })).toThrow(/Invalid KNOWLEDGE_MAX_TOTAL_BYTES/);
  });

  it('a 50 MB file in the knowledge folder: the server starts, reports it, answers /health, and stops on SIGTERM', { timeout: 90_000 }, async () => {
    const { knowledgeDir } = tempKnowledge();
    write(knowledgeDir, 'nam-muoi-mb', 50 * MB);
    const port = await freePort();
    const proc = spawn(process.execPath, ['dist/server.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', KNOWLEDGE_DIR: knowledgeDir, DATA_DIR: mkdtempSync(path.join(tmpdir(), 'dvc-big-')), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      let logs = '';
      proc.stdout!.on('data', (d: Buffer) => (logs += d.toString()));
      const ready = await until(async () => (await fetch(`http://127.0.0.1:${port}/ready`).catch(() => undefined))?.json().catch(() => undefined), (r) => r?.ready === true);
      expect(ready).toMatchObject({ documents: 4, rejected: 1 });
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      expect(logs).toMatch(/huong-dan\/nam-muoi-mb\.md.*over the limit of 8\.0 MB per file/);
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

// What `npm start` runs (dist/server.mjs), built when a source is newer.
beforeAll(() => buildServer({ ifStale: true }), 120_000);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`condition not met; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
