import hnswlib from 'hnswlib-node';

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

/** Chunk vectors in an hnswlib graph (cosine space); label i is chunk i. */
export class ChunkVectorIndex {
  constructor(
    private readonly index: Hnsw,
    private readonly chunkIds: readonly string[],
  ) {}

  get dimensions(): number {
    return this.index.getNumDimensions();
  }

  /** Nearest chunks as [hit, cosine distance], nearest first (the shape LangChain's HNSWLib returns). */
  async similaritySearchVectorWithScore(query: number[], k: number): Promise<Array<[VectorHit, number]>> {
    const n = Math.min(k, this.index.getCurrentCount());
    if (n <= 0) return [];
    const { neighbors, distances } = this.index.searchKnn(query, n);
    return neighbors.map((label, i) => [{ metadata: { chunkId: this.chunkIds[label] } }, distances[i]]);
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
    return new ChunkVectorIndex(index, chunkIds);
  }
}
