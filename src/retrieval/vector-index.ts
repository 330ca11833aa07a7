import { readFile } from 'node:fs/promises';
import hnswlib from 'hnswlib-node';
import { ExactVectors } from './exact-vectors.js';

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/**
 * Graph settings, lighter than hnswlib's defaults (M 16, efConstruction 200): a smaller graph on disk
 * and a faster build, with the search breadth (ef) raised instead so recall stays high.
 */
export const HNSW_M = 12;
export const HNSW_EF_CONSTRUCTION = 100;
export const HNSW_EF_SEARCH = 80;
const RANDOM_SEED = 100;
const EMBED_BATCH = 256;

export interface VectorHit {
  metadata: { chunkId: string };
}

/**
 * Chunk vectors in an hnswlib graph (cosine space); label i is chunk i. A small catalogue's vectors
 * are also kept in a Float32Array and searched exactly with hnswlib's own arithmetic (see
 * exact-vectors.ts): the same neighbours and distances, without copying each query into the addon.
 */
export class ChunkVectorIndex {
  private exact: ExactVectors | undefined | null;

  constructor(
    private readonly index: Hnsw,
    private readonly chunkIds: readonly string[],
    exact?: ExactVectors,
  ) {
    this.exact = exact === undefined ? undefined : agrees(exact, index) ? exact : null;
  }

  get dimensions(): number {
    return this.index.getNumDimensions();
  }

  /** Whether searches go through the exact copy of the vectors (else through the graph). */
  get searchesExactly(): boolean {
    return this.exactVectors() !== null;
  }

  /** Nearest chunks as [hit, cosine distance], nearest first (the shape LangChain's HNSWLib returns). */
  async similaritySearchVectorWithScore(query: number[], k: number): Promise<Array<[VectorHit, number]>> {
    const n = Math.min(k, this.index.getCurrentCount());
    if (n <= 0) return [];
    const { neighbors, distances } = (this.exactVectors() ?? this.index).searchKnn(query, n);
    return neighbors.map((label, i) => [{ metadata: { chunkId: this.chunkIds[label] } }, distances[i]]);
  }

  /** The exact copy, made from the graph on first use when it was built here rather than read from a file. */
  private exactVectors(): { searchKnn: ExactVectors['search'] } | null {
    if (this.exact === undefined) {
      const count = this.index.getCurrentCount();
      const dims = this.index.getNumDimensions();
      const made = ExactVectors.suits(dims, count) ? ExactVectors.fromStored(Array.from({ length: count }, (_, i) => this.index.getPoint(i)), dims) : undefined;
      this.exact = made && agrees(made, this.index) ? made : null;
    }
    const exact = this.exact;
    return exact ? { searchKnn: (query, k) => exact.search(query, k) } : null;
  }

  /** Adds `count` vectors made a batch at a time (never all in memory at once) to a new graph. */
  static async build(
    chunkIds: readonly string[],
    embedBatch: (start: number, end: number) => Promise<number[][]> | number[][],
  ): Promise<ChunkVectorIndex> {
    const count = chunkIds.length;
    let index: Hnsw | undefined;
    for (let start = 0; start < count; start += EMBED_BATCH) {
      const vectors = await embedBatch(start, Math.min(count, start + EMBED_BATCH));
      if (!index) {
        index = new HierarchicalNSW('cosine', vectors[0].length);
        index.initIndex({ maxElements: count, m: HNSW_M, efConstruction: HNSW_EF_CONSTRUCTION, randomSeed: RANDOM_SEED });
      }
      vectors.forEach((v, i) => index!.addPoint(v, start + i));
    }
    if (!index) {
      index = new HierarchicalNSW('cosine', 1);
      index.initIndex({ maxElements: 1 });
    }
    index.setEf(HNSW_EF_SEARCH);
    return new ChunkVectorIndex(index, chunkIds);
  }

  async save(file: string): Promise<void> {
    await this.index.writeIndex(file);
  }

  /** Reads a graph saved by `save`; the caller has checked the file's checksum. */
  static async load(file: string, dimensions: number, chunkIds: readonly string[]): Promise<ChunkVectorIndex> {
    const index = new HierarchicalNSW('cosine', dimensions);
    await index.readIndex(file);
    if (index.getCurrentCount() !== chunkIds.length) {
      throw new Error(`vector index holds ${index.getCurrentCount()} vectors for ${chunkIds.length} chunks`);
    }
    index.setEf(HNSW_EF_SEARCH);
    const exact = ExactVectors.suits(dimensions, chunkIds.length) ? ExactVectors.fromIndexFile(await readFile(file), dimensions, chunkIds.length) : undefined;
    return new ChunkVectorIndex(index, chunkIds, exact);
  }
}

/**
 * Whether the exact copy finds what the graph finds, distances bit for bit, for a few queries made
 * of stored vectors (a different build of the addon, with other arithmetic, would fail this and
 * keep the graph).
 */
function agrees(exact: ExactVectors, index: Hnsw): boolean {
  const count = index.getCurrentCount();
  const k = Math.min(5, count);
  for (const [a, b] of [[0, count - 1], [count >> 1, 0], [count - 1, count >> 1]]) {
    const va = index.getPoint(a);
    const vb = index.getPoint(b);
    const query = va.map((x, i) => x + 0.5 * vb[i]);
    const want = index.searchKnn(query, k);
    const got = exact.search(query, k);
    if (want.neighbors.some((n, i) => n !== got.neighbors[i]) || want.distances.some((d, i) => !Object.is(d, got.distances[i]))) return false;
  }
  return true;
}
