import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { retrieve } from '../../src/retrieval/hybrid.js';
import { IndexBuilder } from '../../src/retrieval/index-builder.js';
import { buildIndex, indexFromParts, loadIndex, localEmbedderChoice, saveIndex, snapshotOf, type FileWriter } from '../../src/retrieval/index-store.js';
import { resolveDimensions } from '../../src/retrieval/local-embedder.js';
import { WorkerIndexBuilder } from '../../src/retrieval/worker-builder.js';
import { tempKnowledge } from '../helpers/fixtures.js';
import { TEST_RETRIEVAL } from '../helpers/retrieval.js';

const choice = localEmbedderChoice(512);
const QUESTIONS = ['lam the can cuoc o dau', 'Đăng ký khai sinh cần giấy tờ gì?', 'quen mk vneid', 'tra cứu hồ sơ đã nộp', 'dang ky khai sin'];

async function ranking(snapshot: ReturnType<typeof snapshotOf>) {
  return Promise.all(QUESTIONS.map(async (q) => (await retrieve(snapshot, q, TEST_RETRIEVAL)).documents.map((d) => [d.docId, d.score])));
}

async function savedFixture() {
  const dirs = tempKnowledge();
  const data = await buildIndex(await loadKnowledge(dirs.knowledgeDir), choice);
  const { dir } = await saveIndex(dirs.dataDir, data);
  return { ...dirs, data, dir };
}

const leftovers = (dataDir: string) => readdirSync(path.join(dataDir, 'index')).filter((e) => e.includes('.tmp-'));
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('local vector size', () => {
  it('auto: 2048 for a province catalogue, fewer for a national one, never below 256; a number wins', () => {
    expect(resolveDimensions('auto', 600)).toBe(2048);
    expect(resolveDimensions('auto', 10_240)).toBe(2048);
    expect(resolveDimensions('auto', 10_241)).toBe(1024);
    expect(resolveDimensions('auto', 36_000)).toBe(512);
    expect(resolveDimensions('auto', 500_000)).toBe(256);
    expect(resolveDimensions(384, 36_000)).toBe(384);
  });

  it('the size chosen at build time is restored with the index', async () => {
    const dirs = tempKnowledge();
    const data = await buildIndex(await loadKnowledge(dirs.knowledgeDir), localEmbedderChoice('auto'));
    expect(data.vectors.dimensions).toBe(2048);
    await saveIndex(dirs.dataDir, data);
    const loaded = await loadIndex(dirs.dataDir, data.key, localEmbedderChoice('auto'));
    expect((await loaded.embedder.embedQuery('khai sinh')).length).toBe(2048);
    expect(await ranking(snapshotOf(loaded))).toEqual(await ranking(snapshotOf(data)));
  });
});

describe('index cache on disk', () => {
  it('loads back exactly what was built', async () => {
    const { dataDir, data } = await savedFixture();
    const loaded = await loadIndex(dataDir, data.key, choice);
    expect(loaded.chunks).toEqual(data.chunks);
    expect(loaded.docs).toEqual(data.docs);
    expect(await ranking(snapshotOf(loaded))).toEqual(await ranking(snapshotOf(data)));
  });

  const corruptions: Array<[string, (dir: string) => void, RegExp]> = [
    ['a truncated vector file', (dir) => truncate(path.join(dir, 'vectors.hnsw')), /vectors\.hnsw is \d+ bytes, expected \d+/],
    ['flipped bytes in the vector file', (dir) => flip(path.join(dir, 'vectors.hnsw')), /vectors\.hnsw checksum mismatch/],
    ['flipped bytes in the postings', (dir) => flip(path.join(dir, 'postings.bin')), /postings\.bin checksum mismatch/],
    ['flipped bytes in the metadata', (dir) => flip(path.join(dir, 'meta.json.gz')), /meta\.json\.gz checksum mismatch/],
    ['a missing file', (dir) => writeFileSync(path.join(dir, 'doc-terms.bin'), ''), /doc-terms\.bin is 0 bytes/],
    ['a manifest of another index', (dir) => editManifest(dir, (m) => ({ ...m, key: 'abcdef' })), /manifest\.json is for index abcdef/],
    ['a manifest with a wrong checksum', (dir) => editManifest(dir, (m) => ({ ...m, files: { ...m.files, 'terms.txt': { ...m.files['terms.txt'], sha256: '0'.repeat(64) } } })), /terms\.txt checksum mismatch/],
    ['a manifest that is not JSON', (dir) => writeFileSync(path.join(dir, 'manifest.json'), '{"format":4,'), /manifest\.json missing or invalid/],
  ];

  it.each(corruptions)('refuses %s with the reason, before hnswlib reads anything', async (_, corrupt, reason) => {
    const { dataDir, data, dir } = await savedFixture();
    corrupt(dir);
    await expect(loadIndex(dataDir, data.key, choice)).rejects.toThrow(reason);
  });

  it('a failed save (disk full) leaves no temporary folder and keeps the previous index', async () => {
    const { knowledgeDir, dataDir, data: first } = await savedFixture();
    writeFileSync(path.join(knowledgeDir, 'thu-tuc', 'the-can-cuoc.md'), readFileSync(path.join(knowledgeDir, 'thu-tuc', 'the-can-cuoc.md'), 'utf8').replace('7 ngày', '6 ngày'));
    const changed = await buildIndex(await loadKnowledge(knowledgeDir), choice);
    expect(changed.key).not.toBe(first.key);
    for (const failing of ['postings.bin', 'manifest.json']) {
      let written = 0;
      const diskFull: FileWriter = async (file, bytes) => {
        if (path.basename(file) === failing) {
          await writeFile(file, bytes.subarray(0, 100));
          throw enospc();
        }
        written++;
        await writeFile(file, bytes);
      };
      await expect(saveIndex(dataDir, changed, diskFull)).rejects.toThrow(/ENOSPC/);
      expect(written).toBeGreaterThan(0);
      expect(leftovers(dataDir)).toEqual([]);
      expect(readdirSync(path.join(dataDir, 'index'))).toEqual([first.key]);
      await expect(loadIndex(dataDir, first.key, choice)).resolves.toMatchObject({ key: first.key });
    }
    await saveIndex(dataDir, changed);
    expect(readdirSync(path.join(dataDir, 'index'))).toEqual([changed.key]);
  });

  it('removes temporary folders of saves cut short, not those of another running process', async () => {
    const { dataDir, data } = await savedFixture();
    const exited = spawnSync(process.execPath, ['-e', '0']).pid!;
    const root = path.join(dataDir, 'index');
    for (const pid of [exited, process.pid, process.ppid]) mkdirSync(path.join(root, `${data.key}.tmp-${pid}-abcd1234`));
    await saveIndex(dataDir, data);
    expect(leftovers(dataDir)).toEqual([`${data.key}.tmp-${process.ppid}-abcd1234`]);
  });

  it('a build in the worker thread writes the same index as a build in this thread', async () => {
    const inThread = tempKnowledge();
    const inWorker = { ...inThread, dataDir: `${inThread.dataDir}-worker` };
    const local = await new IndexBuilder({ ...inThread, embedder: choice }).prepare({});
    const worker = new WorkerIndexBuilder({ ...inWorker, embedder: choice.spec! });
    try {
      const remote = await worker.prepare({});
      expect(remote).toMatchObject({ key: local.key, source: 'built', docs: 4, errors: [] });
      expect(remote.data).toBeUndefined();
      const manifest = (dataDir: string) => JSON.parse(readFileSync(path.join(dataDir, 'index', local.key, 'manifest.json'), 'utf8')).files;
      const [a, b] = [manifest(inThread.dataDir), manifest(inWorker.dataDir)];
      for (const file of ['vectors.hnsw', 'postings.bin', 'terms.txt', 'doc-terms.bin']) expect(b[file], file).toEqual(a[file]);
      // Handed over in memory (typed arrays transferred) and read back from disk: the same ranking.
      const handedOver = snapshotOf(await indexFromParts(remote.parts!, choice));
      const fromDisk = snapshotOf(await loadIndex(inWorker.dataDir, local.key, choice));
      const expected = await ranking(snapshotOf(local.data!));
      expect(await ranking(handedOver)).toEqual(expected);
      expect(await ranking(fromDisk)).toEqual(expected);
      // A second request to the same folder finds the cache; a damaged one is rebuilt, with the reason.
      expect(await worker.prepare({})).toMatchObject({ source: 'cache', parts: expect.objectContaining({ key: local.key }) });
      flip(path.join(inWorker.dataDir, 'index', local.key, 'postings.bin'));
      expect(await worker.prepare({})).toMatchObject({ source: 'built', cacheRejected: 'postings.bin checksum mismatch' });
      expect(await worker.prepare({ currentKey: local.key })).toMatchObject({ source: 'unchanged' });
    } finally {
      await worker.close();
    }
  });

  it('a failing or stopped worker rejects its request; the next request starts a new worker', async () => {
    const dirs = tempKnowledge();
    const broken = new WorkerIndexBuilder({ ...dirs, knowledgeDir: path.join(dirs.knowledgeDir, 'missing'), embedder: choice.spec! });
    await expect(broken.prepare({})).rejects.toThrow(/ENOENT/);
    await broken.close();

    const worker = new WorkerIndexBuilder({ ...dirs, embedder: choice.spec! });
    try {
      const stopped = worker.prepare({});
      await worker.close(); // as on SIGTERM: the build in progress is abandoned, not awaited
      await expect(stopped).rejects.toThrow(/index worker stopped/);
      expect(existsSync(path.join(dirs.dataDir, 'index')) ? leftovers(dirs.dataDir) : []).toEqual([]);
      await expect(worker.prepare({})).resolves.toMatchObject({ source: 'built', docs: 4 });
    } finally {
      await worker.close();
    }
  });
});

function truncate(file: string) {
  const bytes = readFileSync(file);
  writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
}

/** Same size, a few bytes changed: only a checksum notices. */
function flip(file: string) {
  const bytes = readFileSync(file);
  for (const at of [Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 9]) bytes[at] ^= 0xff;
  writeFileSync(file, bytes);
}

function editManifest(dir: string, edit: (m: { key: string; files: Record<string, { bytes: number; sha256: string }> }) => unknown) {
  const file = path.join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')))));
}
