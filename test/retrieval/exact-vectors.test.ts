import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import hnswlib from 'hnswlib-node';
import { afterAll, describe, expect, it } from 'vitest';
import { ExactVectors } from '../../src/retrieval/exact-vectors.js';
import { ChunkVectorIndex } from '../../src/retrieval/vector-index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'exact-vectors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fixed pseudo-random sequence (the same vectors every run). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Sparse vectors like the local embedder's: a few hashed features with varied weights. */
function sparseVectors(count: number, dimensions: number, features: number, seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => {
    const v = new Array<number>(dimensions).fill(0);
    for (let f = 0; f < features; f++) v[Math.floor(next() * dimensions)] += next() - 0.4;
    return v;
  });
}

async function savedIndex(name: string, vectors: number[][]) {
  const ids = vectors.map((_, i) => `c${i}`);
  const built = await ChunkVectorIndex.build(ids, (start, end) => vectors.slice(start, end));
  const file = path.join(dir, name);
  await built.save(file);
  return { built, loaded: await ChunkVectorIndex.load(file, vectors[0].length, ids), file };
}

/** The graph itself searched with a breadth that visits every node: hnswlib's exact answer. */
async function graphSearch(file: string, dimensions: number, count: number) {
  const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
  await graph.readIndex(file);
  graph.setEf(count);
  return (query: number[], k: number) => graph.searchKnn(query, k);
}

describe('exact vector search', () => {
  it('finds what hnswlib finds, distances bit for bit, from a saved graph and from one built in process', async () => {
    const dims = 64;
    const vectors = sparseVectors(300, dims, 12, 7);
    const { built, loaded, file } = await savedIndex('small.hnsw', vectors);
    expect(loaded.searchesExactly).toBe(true);
    expect(built.searchesExactly).toBe(true);
    const graph = await graphSearch(file, dims, vectors.length);
    const queries = sparseVectors(80, dims, 5, 11);
    let compared = 0;
    for (const query of queries) {
      const want = graph(query, 20);
      for (const index of [loaded, built]) {
        const got = await index.similaritySearchVectorWithScore(query, 20);
        expect(got.map(([hit]) => hit.metadata.chunkId)).toEqual(want.neighbors.map((n) => `c${n}`));
        // Object.is: the very float hnswlib returns, not one close to it.
        got.forEach(([, distance], i) => expect(Object.is(distance, want.distances[i])).toBe(true));
        compared += got.length;
      }
    }
    expect(compared).toBe(80 * 2 * 20);
  });

  it('orders equal distances by label, as hnswlib does, and never returns more than it holds', () => {
    const same = [0, 3, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const other = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const exact = ExactVectors.fromStored([other, same, other, same].map((v) => normalised(v)), 16);
    const { neighbors } = exact.search(same, 10);
    expect(neighbors).toEqual([1, 3, 0, 2]);
  });

  it('keeps the graph for vectors it cannot search exactly (dimensions not in SSE blocks of 16)', async () => {
    const vectors = sparseVectors(50, 24, 6, 3);
    const { loaded, built } = await savedIndex('odd.hnsw', vectors);
    expect(ExactVectors.suits(24, 50)).toBe(false);
    expect(ExactVectors.suits(32, 50)).toBe(true);
    expect(loaded.searchesExactly).toBe(false);
    expect(built.searchesExactly).toBe(false);
    expect(await loaded.similaritySearchVectorWithScore(vectors[4], 3)).toHaveLength(3);
  });
});

function normalised(v: number[]): number[] {
  const norm = Math.fround(Math.sqrt(v.reduce((s, x) => Math.fround(s + Math.fround(x * x)), 0)));
  return v.map((x) => Math.fround(x / norm));
}
