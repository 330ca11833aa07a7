/**
 * Okapi BM25 over pre-tokenised terms, with weighted query terms (synonym expansions count less).
 * Small enough to serialise with the index.
 */
export interface Bm25State {
  k1: number;
  b: number;
  avgLength: number;
  lengths: number[];
  /** term → [docIndex, termFrequency][] */
  postings: Record<string, Array<[number, number]>>;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

export class Bm25Index {
  constructor(private readonly state: Bm25State) {}

  static build(documents: readonly string[][], k1 = 1.2, b = 0.6): Bm25Index {
    const postings: Record<string, Array<[number, number]>> = Object.create(null);
    documents.forEach((terms, docIndex) => {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [term, count] of tf) (postings[term] ??= []).push([docIndex, count]);
    });
    const lengths = documents.map((d) => d.length);
    const avgLength = lengths.reduce((a, n) => a + n, 0) / Math.max(1, lengths.length);
    return new Bm25Index({ k1, b, avgLength, lengths, postings });
  }

  toJSON(): Bm25State {
    return this.state;
  }

  get size(): number {
    return this.state.lengths.length;
  }

  has(term: string): boolean {
    return term in this.state.postings;
  }

  /** Inverse document frequency; an unknown term gets the highest possible value. */
  idf(term: string): number {
    const n = this.state.lengths.length;
    const df = this.state.postings[term]?.length ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  terms(): string[] {
    return Object.keys(this.state.postings);
  }

  /** Scores of every document that matches at least one term, as docIndex → score. */
  score(query: readonly WeightedTerm[]): Map<number, number> {
    const { k1, b, avgLength, lengths, postings } = this.state;
    const scores = new Map<number, number>();
    for (const { term, weight } of query) {
      const list = postings[term];
      if (!list) continue;
      const idf = this.idf(term);
      for (const [doc, tf] of list) {
        const norm = tf + k1 * (1 - b + (b * lengths[doc]) / avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + weight * idf * ((tf * (k1 + 1)) / norm));
      }
    }
    return scores;
  }
}
