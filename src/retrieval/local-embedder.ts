import { Embeddings } from '@langchain/core/embeddings';
import { foldedTokens, isStopword } from '../text/vietnamese.js';

/** Vectors of a large catalogue share this much memory (and disk) at most, when their size is `auto`. */
const AUTO_VECTOR_BYTES = 80 * 1024 * 1024;
const AUTO_DIMENSIONS = [2048, 1024, 512, 256] as const;

/**
 * The vector size for `count` chunks: the largest of 2048, 1024, 512 whose float32 vectors fit in
 * AUTO_VECTOR_BYTES, and never below 256 (where hash collisions start to blur the vectors). The
 * repository's own catalogue gets 2048; 4,000 documents (36,000 chunks) get 512.
 */
export function resolveDimensions(setting: number | 'auto', count: number): number {
  if (setting !== 'auto') return setting;
  return AUTO_DIMENSIONS.find((d) => d * 4 * count <= AUTO_VECTOR_BYTES) ?? 256;
}

export interface LocalEmbedderState {
  dimensions: number;
  documentCount: number;
  /** Document frequency per hashed feature bucket, learned by `fit`. */
  bucketDf: number[];
}

/**
 * An embedder that needs no downloaded weights: feature-hashed character n-grams of folded
 * syllables plus syllable unigrams and bigrams, TF-IDF weighted and L2-normalised. Character
 * n-grams make it forgiving of typos and missing diacritics ("khai sin", "dang ki").
 */
export class LocalHashEmbedder extends Embeddings {
  private state: LocalEmbedderState;
  private readonly featureCache = new Map<string, TokenFeatures | null>();

  constructor(stateOrDimensions: LocalEmbedderState | number) {
    super({});
    this.state =
      typeof stateOrDimensions === 'number'
        ? { dimensions: stateOrDimensions, documentCount: 0, bucketDf: new Array(stateOrDimensions).fill(0) }
        : stateOrDimensions;
  }

  get dimensions(): number {
    return this.state.dimensions;
  }

  /** Learns the document frequencies used for IDF weights from the corpus. */
  fit(texts: readonly string[]): this {
    return this.fitTokens(texts.map((t) => foldedTokens(t)));
  }

  /** `fit` over texts already split into folded syllables (see `foldedTokens`). */
  fitTokens(corpus: readonly (readonly string[])[]): this {
    const df = new Array<number>(this.state.dimensions).fill(0);
    const seen = new Uint8Array(this.state.dimensions);
    for (const tokens of corpus) {
      // Only positively signed features count, as they always have (a negative index never reached the array).
      const counted: number[] = [];
      this.features(tokens, (signed) => {
        if (signed >= 0 && !seen[signed]) {
          seen[signed] = 1;
          counted.push(signed);
        }
      });
      for (const b of counted) {
        df[b]++;
        seen[b] = 0;
      }
    }
    this.state = { dimensions: this.state.dimensions, documentCount: corpus.length, bucketDf: df };
    return this;
  }

  toJSON(): LocalEmbedderState {
    return this.state;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.vector(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vector(text);
  }

  vector(text: string): number[] {
    return this.vectorOfTokens(foldedTokens(text));
  }

  /** `vector` of a text already split into folded syllables. */
  vectorOfTokens(tokens: readonly string[]): number[] {
    const { dimensions, documentCount, bucketDf } = this.state;
    // Term frequency per signed bucket; a "negative zero" bucket counts as bucket 0.
    const tf = new Map<number, number>();
    this.features(tokens, (signed, weight) => tf.set(signed, (tf.get(signed) ?? 0) + weight));
    const v = new Array<number>(dimensions).fill(0);
    const used: number[] = [];
    for (const [signedBucket, count] of tf) {
      const bucket = Math.abs(signedBucket);
      const idf = Math.log(1 + (documentCount + 1) / (bucketDf[bucket] + 1));
      v[bucket] += Math.sign(signedBucket || 1) * (1 + Math.log(Math.abs(count))) * idf;
      used.push(bucket);
    }
    const norm = hypotOfSparse(v, [...new Set(used)].sort((a, b) => a - b)) || 1;
    for (let i = 0; i < dimensions; i++) v[i] = v[i] / norm;
    return v;
  }

  /**
   * Calls `emit(signed bucket, weight)` per feature; the sign comes from the hash to spread collisions.
   * Features are `w:<syllable>`, `c:<3–4 characters of #syllable#>`, `b:<syllable>_<next>`, hashed with
   * FNV-1a without building their strings.
   */
  private features(tokens: readonly string[], emit: (signedBucket: number, weight: number) => void): void {
    for (let i = 0; i < tokens.length; i++) {
      const f = this.tokenFeatures(tokens[i]);
      if (!f) continue;
      emit(f.word, 1);
      for (let j = 0; j < f.chars.length; j++) emit(f.chars[j], 0.5);
      const next = tokens[i + 1];
      if (next && !isStopword(next)) emit(this.signedBucket(fnvString(f.pairPrefix, next)), 1.5);
    }
  }

  /** The features of one syllable, computed once per distinct syllable; null for a stopword. */
  private tokenFeatures(t: string): TokenFeatures | null {
    let f = this.featureCache.get(t);
    if (f !== undefined) return f;
    if (isStopword(t)) f = null;
    else {
      const padded = `#${t}#`;
      const chars: number[] = [];
      for (let n = 3; n <= 4; n++) {
        for (let j = 0; j + n <= padded.length; j++) {
          let h = C_PREFIX;
          for (let k = j; k < j + n; k++) h = Math.imul(h ^ padded.charCodeAt(k), FNV_PRIME);
          chars.push(this.signedBucket(h));
        }
      }
      f = { word: this.signedBucket(fnvString(W_PREFIX, t)), chars, pairPrefix: Math.imul(fnvString(B_PREFIX, t) ^ 0x5f, FNV_PRIME) };
    }
    // Questions bring new words forever: keep the cache bounded.
    if (this.featureCache.size >= FEATURE_CACHE_SIZE) this.featureCache.clear();
    this.featureCache.set(t, f);
    return f;
  }

  private signedBucket(h: number): number {
    const hash = h >>> 0;
    const bucket = hash % this.state.dimensions;
    return hash & 0x80000000 ? -bucket : bucket;
  }
}

interface TokenFeatures {
  /** Signed bucket of `w:<syllable>`. */
  word: number;
  /** Signed buckets of `c:<3–4 characters of #syllable#>`. */
  chars: number[];
  /** FNV-1a state after `b:<syllable>_`, to hash the pair with the next syllable. */
  pairPrefix: number;
}

const FEATURE_CACHE_SIZE = 100_000;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnvString(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

const W_PREFIX = fnvString(FNV_OFFSET, 'w:');
const C_PREFIX = fnvString(FNV_OFFSET, 'c:');
const B_PREFIX = fnvString(FNV_OFFSET, 'b:');

/**
 * `Math.hypot(...v)` bit for bit, reading only the components that may be non-zero (`at`, ascending; the
 * others are 0). Node's Math.hypot takes the largest |x|, then adds (|x| / largest)² in order with Kahan's
 * compensation and returns the root times the largest; a zero adds only what is left of the compensation,
 * so the zeros after a component are stepped through only until one changes nothing (spreading 2,048
 * numbers into Math.hypot cost more than the rest of a query's embedding).
 */
export function hypotOfSparse(v: readonly number[], at: readonly number[]): number {
  let max = 0;
  for (const i of at) {
    const x = Math.abs(v[i]);
    if (Number.isNaN(x)) return at.some((j) => Math.abs(v[j]) === Infinity) ? Infinity : NaN;
    if (x > max) max = x;
  }
  if (max === Infinity || max === 0) return max;
  let sum = 0;
  let compensation = 0;
  const step = (x: number) => {
    const n = Math.abs(x) / max;
    const summand = n * n - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
  };
  // Zeros from `from` to `to`: once one leaves the sum and the compensation as they were, so do the rest.
  const zeros = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const s = sum;
      const c = compensation;
      step(0);
      if (sum === s && compensation === c) return;
    }
  };
  let next = 0;
  for (const i of at) {
    zeros(next, i);
    step(v[i]);
    next = i + 1;
  }
  zeros(next, v.length);
  return Math.sqrt(sum) * max;
}
