/**
 * Exact nearest-neighbour search over a small catalogue's vectors, with the very distances hnswlib
 * computes. hnswlib-node copies every query number by number into native memory, which costs more
 * than comparing a sparse query with several hundred vectors in JavaScript; above
 * `EXACT_SEARCH_MAX_BYTES` of vectors (about 1,000 chunks at 2,048 dimensions) the graph is searched
 * as before (at 3,661 chunks the exact search cost 3.0 ms CPU at p95 against the graph's 1.9).
 *
 * hnswlib's cosine space stores each vector divided by its float32 norm and measures
 * `1 - dot(query, vector)` with SSE: four float32 lanes, lane j summing the products at positions
 * ≡ j (mod 4) in order, then lane 0 + 1 + 2 + 3. Every step is reproduced here in float32
 * (`Math.fround`), so a distance is bit for bit hnswlib's; the nearest are ordered as hnswlib
 * returns them (distance, then label). `matches` checks that against the graph itself before use.
 */
export const EXACT_SEARCH_MAX_BYTES = 8 * 1024 * 1024;

const f32 = Math.fround;

export class ExactVectors {
  /**
   * The non-zero components of the vectors as hnswlib stores them (normalised), by dimension: those of
   * dimension d at `start[d]` to `start[d + 1]`, each a label and its value, so a query's few non-zero
   * components each read one contiguous run (a zero component adds exactly nothing).
   */
  private readonly start: Uint32Array;
  private readonly labels: Uint32Array;
  private readonly values: Float32Array;

  private constructor(
    /** Component d of label i at d * count + i. */
    byDimension: Float32Array,
    readonly dimensions: number,
    readonly count: number,
  ) {
    this.start = new Uint32Array(dimensions + 1);
    let nonZero = 0;
    for (let d = 0; d < dimensions; d++) {
      this.start[d] = nonZero;
      for (let i = d * count; i < (d + 1) * count; i++) if (byDimension[i] !== 0) nonZero++;
    }
    this.start[dimensions] = nonZero;
    this.labels = new Uint32Array(nonZero);
    this.values = new Float32Array(nonZero);
    for (let d = 0, at = 0; d < dimensions; d++) {
      for (let i = 0; i < count; i++) {
        const x = byDimension[d * count + i];
        if (x === 0) continue;
        this.labels[at] = i;
        this.values[at++] = x;
      }
    }
  }

  /** Whether `count` vectors of `dimensions` are searched exactly (SSE's 16-float blocks, small enough). */
  static suits(dimensions: number, count: number): boolean {
    return dimensions % 16 === 0 && count > 0 && dimensions * count * 4 <= EXACT_SEARCH_MAX_BYTES;
  }

  /**
   * The vectors of a graph saved by hnswlib 0.8 (`HierarchicalNSW::saveIndex`): a 96-byte header, then
   * per element its level-0 links, its float32 vector at `offsetData` and its size_t label at `labelOffset`.
   */
  static fromIndexFile(file: Uint8Array, dimensions: number, count: number): ExactVectors {
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const size = (offset: number) => Number(view.getBigUint64(offset, true));
    const stored = size(16);
    const perElement = size(24);
    const labelOffset = size(32);
    const offsetData = size(40);
    if (stored !== count || 96 + stored * perElement > file.byteLength || offsetData + dimensions * 4 > perElement) {
      throw new Error(`vector file layout not understood (${stored} elements of ${perElement} bytes for ${count} chunks)`);
    }
    const byDimension = new Float32Array(count * dimensions);
    for (let i = 0; i < count; i++) {
      const element = 96 + i * perElement;
      const label = size(element + labelOffset);
      if (label >= count) throw new Error(`vector file holds label ${label} for ${count} chunks`);
      for (let d = 0; d < dimensions; d++) byDimension[d * count + label] = view.getFloat32(element + offsetData + d * 4, true);
    }
    return new ExactVectors(byDimension, dimensions, count);
  }

  /** From vectors already normalised as hnswlib stores them (`getPoint` of each label in order). */
  static fromStored(vectors: readonly (readonly number[])[], dimensions: number): ExactVectors {
    const count = vectors.length;
    const byDimension = new Float32Array(count * dimensions);
    vectors.forEach((v, i) => {
      for (let d = 0; d < dimensions; d++) byDimension[d * count + i] = v[d];
    });
    return new ExactVectors(byDimension, dimensions, count);
  }

  /** The `k` nearest labels and their cosine distances, nearest first (hnswlib's `searchKnn` result). */
  search(query: readonly number[], k: number): { neighbors: number[]; distances: number[] } {
    const { positions, values } = normalisedQuery(query, this.dimensions);
    const { start, labels, values: stored, count } = this;
    // Lane j of label i at j * count + i. Zero components, of the query or of a vector, add exactly
    // nothing, so only the others are visited, in ascending order as the SSE loop meets them.
    const lanes = new Float32Array(4 * count);
    for (let j = 0; j < positions.length; j++) {
      const d = positions[j];
      const v = values[j];
      const lane = (d & 3) * count;
      for (let at = start[d], end = start[d + 1]; at < end; at++) {
        const i = lane + labels[at];
        lanes[i] = f32(lanes[i] + f32(v * stored[at]));
      }
    }
    const n = Math.min(k, count);
    const neighbors: number[] = [];
    const distances: number[] = [];
    for (let label = 0; label < count && n > 0; label++) {
      const sum = f32(f32(f32(lanes[label] + lanes[count + label]) + lanes[2 * count + label]) + lanes[3 * count + label]);
      const distance = f32(1 - sum);
      // Keep the n best so far in order (distance, then label): n is small, an insertion does.
      if (neighbors.length === n && distance >= distances[n - 1]) continue;
      let at = neighbors.length === n ? n - 1 : neighbors.length;
      while (at > 0 && distances[at - 1] > distance) {
        distances[at] = distances[at - 1];
        neighbors[at] = neighbors[at - 1];
        at--;
      }
      distances[at] = distance;
      neighbors[at] = label;
    }
    return { neighbors, distances };
  }
}

/**
 * The query as hnswlib-node makes it: each number to float32, then divided by the float32 norm
 * (`std::inner_product` summed in order, `std::sqrt`); returned as its non-zero positions and values.
 */
function normalisedQuery(query: readonly number[], dimensions: number): { positions: number[]; values: number[] } {
  if (query.length !== dimensions) throw new Error(`query has ${query.length} dimensions, expected ${dimensions}`);
  const positions: number[] = [];
  const values: number[] = [];
  let sum = 0;
  for (let d = 0; d < dimensions; d++) {
    const x = f32(query[d]);
    if (x === 0) continue;
    positions.push(d);
    values.push(x);
    sum = f32(sum + f32(x * x));
  }
  const norm = f32(Math.sqrt(Math.abs(sum)));
  if (norm > 0) for (let j = 0; j < values.length; j++) values[j] = f32(values[j] / norm);
  return { positions, values };
}
