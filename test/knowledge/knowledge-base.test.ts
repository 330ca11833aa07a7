import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../src/knowledge/knowledge-base.js';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { localEmbedderChoice, type FileWriter } from '../../src/retrieval/index-store.js';
import { fixtureKnowledgeBase, tempKnowledge } from '../helpers/fixtures.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';

describe('KnowledgeBase', () => {
  it('saves the built index and loads it back unchanged after a restart', async () => {
    const dirs = tempKnowledge();
    const first = fixtureKnowledgeBase(dirs);
    const built = await first.refresh();
    expect(built.source).toBe('built');
    expect(readdirSync(path.join(dirs.dataDir, 'index'))).toEqual([built.key]);
    const before = await retrieve(first.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL);

    const second = fixtureKnowledgeBase(dirs);
    const loaded = await second.refresh();
    expect(loaded).toMatchObject({ source: 'cache', key: built.key, docs: 4 });
    const after = await retrieve(second.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL);
    expect(after.documents.map((d) => [d.docId, d.score.toFixed(6)])).toEqual(before.documents.map((d) => [d.docId, d.score.toFixed(6)]));
    expect(after.coverage).toBe(before.coverage);
  });

  it.each([
    ['truncated', (file: string) => writeFileSync(file, readFileSync(file).subarray(0, 1000))],
    ['with flipped bytes', (file: string) => writeFileSync(file, readFileSync(file).map((b, i) => (i % 997 === 500 ? b ^ 0xff : b)))],
  ])('a cached vector file %s is refused with one log line and rebuilt; answers stay right', async (_, corrupt) => {
    const dirs = tempKnowledge();
    const first = fixtureKnowledgeBase(dirs);
    const built = await first.refresh();
    const before = await retrieve(first.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL);
    corrupt(path.join(dirs.dataDir, 'index', built.key, 'vectors.hnsw'));

    const logs: string[] = [];
    const again = new KnowledgeBase({ ...dirs, embedder: localEmbedderChoice(512), logger: capture(logs) });
    expect(await again.refresh()).toMatchObject({ source: 'built', key: built.key });
    expect(logs.map((l) => JSON.parse(l).msg)).toEqual(['cached index rejected, rebuilding']);
    expect(JSON.parse(logs[0]).reason).toMatch(/vectors\.hnsw/);
    const after = await retrieve(again.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL);
    expect(after.documents.map((d) => [d.docId, d.score])).toEqual(before.documents.map((d) => [d.docId, d.score]));
    // The rebuilt cache is whole again.
    expect(await fixtureKnowledgeBase(dirs).refresh()).toMatchObject({ source: 'cache' });
  });

  it('a cached index whose manifest belongs to another index is rebuilt', async () => {
    const dirs = tempKnowledge();
    const built = await fixtureKnowledgeBase(dirs).refresh();
    const manifest = path.join(dirs.dataDir, 'index', built.key, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(built.key, 'f'.repeat(24)));
    const again = fixtureKnowledgeBase(dirs);
    expect(await again.refresh()).toMatchObject({ source: 'built' });
    expect((await retrieve(again.snapshot, 'quen mk vneid', TEST_RETRIEVAL)).documents[0].docId).toBe('vneid-su-co');
  });

  it('when the index cannot be saved (disk full) it still serves, says so once, and leaves no temporary folder', async () => {
    const dirs = tempKnowledge();
    const logs: string[] = [];
    const diskFull: FileWriter = async (file, bytes) => {
      if (file.endsWith('terms.txt')) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      await writeFile(file, bytes);
    };
    const kb = new KnowledgeBase({ ...dirs, embedder: localEmbedderChoice(512), logger: capture(logs), write: diskFull });
    expect(await kb.refresh()).toMatchObject({ source: 'built', docs: 4 });
    expect(logs.map((l) => JSON.parse(l).msg)).toEqual(['could not cache the index']);
    expect(readdirSync(path.join(dirs.dataDir, 'index'))).toEqual([]);
    expect((await retrieve(kb.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL)).documents[0].docId).toBe('the-can-cuoc');
  });

  it('with a worker: builds off this thread, restarts from the cache, and a file broken after the restart keeps its last good version', async () => {
    const dirs = tempKnowledge();
    const worker = () => new KnowledgeBase({ ...dirs, embedder: localEmbedderChoice(512), logger: pino({ level: 'silent' }), worker: true });
    const first = worker();
    expect(await first.refresh()).toMatchObject({ source: 'built', docs: 4 });
    await first.close();

    const restarted = worker();
    try {
      expect(await restarted.refresh()).toMatchObject({ source: 'cache', docs: 4 });
      const file = path.join(dirs.knowledgeDir, 'thu-tuc', 'the-can-cuoc.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/official_url:.*\n/, ''));
      const broken = await restarted.refresh();
      expect(broken).toMatchObject({ source: 'built', docs: 4, errors: [expect.objectContaining({ file: 'thu-tuc/the-can-cuoc.md', field: 'official_url' })] });
      expect((await retrieve(restarted.snapshot, 'lam the can cuoc o dau', TEST_RETRIEVAL)).documents[0].docId).toBe('the-can-cuoc');
      expect(await restarted.refresh()).toMatchObject({ source: 'unchanged' });
    } finally {
      await restarted.close();
    }
  });

  it('a changed document gives a new key; a document that turns invalid keeps its last good version', async () => {
    const dirs = tempKnowledge();
    const kb = fixtureKnowledgeBase(dirs);
    const first = await kb.refresh();
    const file = path.join(dirs.knowledgeDir, 'thu-tuc', 'the-can-cuoc.md');
    const { readFileSync } = await import('node:fs');
    const original = readFileSync(file, 'utf8');

    writeFileSync(file, original.replace('khoảng 7 ngày làm việc', 'khoảng 5 ngày làm việc'));
    const changed = await kb.refresh();
    expect(changed.key).not.toBe(first.key);
    expect(kb.snapshot.docById.get('the-can-cuoc')!.sections.find((s) => s.heading === 'Thời hạn và lệ phí')!.text).toContain('5 ngày');

    writeFileSync(file, original.replace(/official_url:.*\n/, ''));
    const broken = await kb.refresh();
    expect(broken.errors).toEqual([expect.objectContaining({ file: 'thu-tuc/the-can-cuoc.md', field: 'official_url' })]);
    expect(kb.snapshot.docById.get('the-can-cuoc')!.sections.find((s) => s.heading === 'Thời hạn và lệ phí')!.text).toContain('5 ngày');
  });
});

/** A logger whose warnings and errors land in `lines` as JSON. */
function capture(lines: string[]) {
  return pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
}
