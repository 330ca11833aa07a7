import { Embeddings } from '@langchain/core/embeddings';
import { foldedTokens, isStopword } from '../text/vietnamese.js';

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
    const df = new Array<number>(this.state.dimensions).fill(0);
    for (const text of texts) {
      for (const bucket of new Set(this.features(text).map(([b]) => b))) df[bucket]++;
    }
    this.state = { dimensions: this.state.dimensions, documentCount: texts.length, bucketDf: df };
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
    const { dimensions, documentCount, bucketDf } = this.state;
    const tf = new Map<number, number>();
    for (const [bucket, weight] of this.features(text)) tf.set(bucket, (tf.get(bucket) ?? 0) + weight);
    const v = new Array<number>(dimensions).fill(0);
    for (const [signedBucket, count] of tf) {
      const bucket = Math.abs(signedBucket);
      const idf = Math.log(1 + (documentCount + 1) / (bucketDf[bucket] + 1));
      v[bucket] += Math.sign(signedBucket || 1) * (1 + Math.log(Math.abs(count))) * idf;
    }
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  }

  /** [signed bucket, weight] pairs; the sign comes from the hash to spread collisions. */
  private features(text: string): Array<[number, number]> {
    const tokens = foldedTokens(text);
    const out: Array<[number, number]> = [];
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      const bucket = h % this.state.dimensions;
      out.push([h & 0x80000000 ? -bucket : bucket, weight]);
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (isStopword(t)) continue;
      add(`w:${t}`, 1);
      const padded = `#${t}#`;
      for (let n = 3; n <= 4; n++) {
        for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, 0.5);
      }
      const next = tokens[i + 1];
      if (next && !isStopword(next)) add(`b:${t}_${next}`, 1.5);
    }
    return out;
  }
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
