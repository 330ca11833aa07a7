/**
 * Okapi BM25 over pre-tokenised terms, with weighted query terms (synonym expansions count less).
 * Postings live in typed arrays (compressed row storage: the postings of term t are
 * `chunks[offsets[t] .. offsets[t + 1])`, in ascending chunk order), so a large catalogue costs a
 * few bytes per posting instead of a JavaScript array each.
 */
export interface Bm25Arrays {
  /** Term t's postings are at [offsets[t], offsets[t + 1]). */
  offsets: Uint32Array;
  /** Chunk index of each posting, ascending within a term. */
  chunks: Uint32Array;
  /** Term frequency of each posting. */
  tfs: Uint16Array;
  /** Length of each chunk, in terms. */
  lengths: Uint32Array;
}

export interface Bm25Params {
  k1: number;
  b: number;
  avgLength: number;
}

export interface WeightedTerm {
  term: string;
  weight: number;
}

/**
 * One thing the question names, said in other words (a synonym group's other terms, each as its
 * terms): a chunk gets the score of its best alternative, once, not the sum of every alternative it
 * happens to contain ("ứng dụng VNeID", "định danh điện tử", "app bộ công an" are one thing).
 */
export type Alternatives = readonly (readonly WeightedTerm[])[];

/**
 * A "very common" term is in more than this share of all chunks. Common terms only bring in
 * candidates of their own when they could change the top k (MaxScore): a chunk that matches nothing
 * but a set of common terms scores less than the sum of their upper bounds, so once the k-th best
 * candidate scores more than that sum, those terms need not be walked for candidates. The result is
 * exact; the saving is in not scoring and ranking nearly every chunk for questions full of common words.
 */
export const COMMON_TERM_DF_RATIO = 0.05;

/** Bounds are rounded up by far more than the rounding of any sum of scores, so skipping stays exact. */
const BOUND_SLACK = 1 + 1e-9;

export class Bm25Index {
  private scratch?: {
    scores: Float64Array;
    first: Int32Array;
    touched: Int32Array;
    /** Per chunk, the alternative being added and the group's best so far (zero between uses). */
    sum: Float64Array;
    best: Float64Array;
    inGroup: Int32Array;
    inAlternative: Int32Array;
  };
  private lengthNorm?: Float64Array;
  /** Per term, `largestTfPart` once known (0: not yet). */
  private tfPartMax?: Float64Array;

  constructor(
    /** Term strings in ascending order (found by binary search: no map of every term); the position is the term id. */
    readonly termList: readonly string[],
    readonly arrays: Bm25Arrays,
    readonly params: Bm25Params,
  ) {}

  static build(documents: readonly (readonly string[])[], k1 = 1.2, b = 0.6): Bm25Index {
    const ids = new Map<string, number>();
    const termList: string[] = [];
    const idLists = documents.map((terms) =>
      terms.map((term) => {
        let id = ids.get(term);
        if (id === undefined) {
          ids.set(term, (id = termList.length));
          termList.push(term);
        }
        return id;
      }),
    );
    return Bm25Index.fromTermIds(termList, idLists, k1, b);
  }

  /** Builds from chunks given as term ids into `termList` (see IndexTermInterner). */
  static fromTermIds(termList: readonly string[], documents: readonly ArrayLike<number>[], k1 = 1.2, b = 0.6): Bm25Index {
    // Postings in the order met: (term, chunk, tf); grouped by term afterwards.
    let termOf = new Uint32Array(1 << 16);
    let chunkOf = new Uint32Array(1 << 16);
    let tfOf = new Uint16Array(1 << 16);
    let total = 0;
    const lastChunk = new Int32Array(termList.length).fill(-1);
    const lastPosting = new Uint32Array(termList.length);
    const lengths = new Uint32Array(documents.length);
    let sum = 0;
    documents.forEach((terms, chunk) => {
      for (let i = 0; i < terms.length; i++) {
        const id = terms[i];
        if (lastChunk[id] === chunk) {
          const p = lastPosting[id];
          if (tfOf[p] < 0xffff) tfOf[p]++;
          continue;
        }
        if (total === termOf.length) {
          termOf = grow(termOf, new Uint32Array(total * 2));
          chunkOf = grow(chunkOf, new Uint32Array(total * 2));
          tfOf = grow(tfOf, new Uint16Array(total * 2));
        }
        termOf[total] = id;
        chunkOf[total] = chunk;
        tfOf[total] = 1;
        lastChunk[id] = chunk;
        lastPosting[id] = total++;
      }
      lengths[chunk] = terms.length;
      sum += terms.length;
    });
    // Counting sort by term keeps each term's chunks in ascending order.
    const offsets = new Uint32Array(termList.length + 1);
    for (let p = 0; p < total; p++) offsets[termOf[p] + 1]++;
    for (let t = 0; t < termList.length; t++) offsets[t + 1] += offsets[t];
    const next = offsets.slice(0, termList.length);
    const chunks = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    for (let p = 0; p < total; p++) {
      const at = next[termOf[p]]++;
      chunks[at] = chunkOf[p];
      tfs[at] = tfOf[p];
    }
    const avgLength = sum / Math.max(1, documents.length);
    return new Bm25Index(...sortedByTerm(termList, { offsets, chunks, tfs, lengths }), { k1, b, avgLength });
  }

  get size(): number {
    return this.arrays.lengths.length;
  }

  has(term: string): boolean {
    return this.find(term) >= 0;
  }

  terms(): readonly string[] {
    return this.termList;
  }

  /** Inverse document frequency; an unknown term gets the highest possible value. */
  idf(term: string): number {
    return this.idfOf(this.df(term));
  }

  /** Whether any chunk in [from, to) contains the term. */
  contains(term: string, from: number, to: number): boolean {
    const id = this.find(term);
    if (id < 0) return false;
    const { offsets, chunks } = this.arrays;
    let lo = offsets[id];
    let hi = offsets[id + 1];
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (chunks[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets[id + 1] && chunks[lo] < to;
  }

  /**
   * Scores of every chunk that matches at least one term, as chunk index → score, in the order
   * chunks were first matched. The reference for `topK`; it walks every posting.
   */
  score(query: readonly WeightedTerm[], groups: readonly Alternatives[] = []): Map<number, number> {
    const scores = new Map<number, number>();
    this.walk(query, (chunk, s) => scores.set(chunk, (scores.get(chunk) ?? 0) + s));
    for (const alternatives of groups) {
      const best = new Map<number, number>();
      for (const alternative of alternatives) {
        const sums = new Map<number, number>();
        this.walk(alternative, (chunk, s) => {
          if (!scores.has(chunk)) scores.set(chunk, 0);
          sums.set(chunk, (sums.get(chunk) ?? 0) + s);
        });
        for (const [chunk, s] of sums) if (s > (best.get(chunk) ?? 0)) best.set(chunk, s);
      }
      for (const [chunk, s] of best) scores.set(chunk, scores.get(chunk)! + s);
    }
    return scores;
  }

  /**
   * The k best chunks as [chunk, score], best first; equal scores keep the order in which the chunks
   * were first matched. Exactly `score()` sorted (stably) and cut to k, without scoring and sorting
   * every match when very common terms cannot change the result.
   */
  topK(query: readonly WeightedTerm[], k: number, groups: readonly Alternatives[] = []): Array<[number, number]> {
    const n = this.size;
    if (!this.scratch || this.scratch.scores.length !== n) {
      this.scratch = {
        scores: new Float64Array(n),
        first: new Int32Array(n).fill(-1),
        touched: new Int32Array(n),
        sum: new Float64Array(n),
        best: new Float64Array(n),
        inGroup: new Int32Array(n),
        inAlternative: new Int32Array(n),
      };
    }
    const { scores, first, touched } = this.scratch;
    const terms = this.resolve(query);
    // Numbered after the query's own terms, in order, as `score()` meets them.
    let next = terms.length;
    const resolvedGroups = groups.map((alternatives) =>
      alternatives.map((alternative) => this.resolve(alternative).map((t) => ({ ...t, index: next++ }))),
    );
    const commonDf = Math.floor(n * COMMON_TERM_DF_RATIO);
    const isCommon = (t: ResolvedTerm) => t.end - t.start > commonDf;
    // What very common terms can add to a chunk they alone match: each of the query's own, and each
    // group's best alternative counting only its common terms.
    const bounded = [
      ...terms.filter(isCommon).map((t) => ({ bound: t.bound, terms: [t] })),
      ...resolvedGroups
        .map((alternatives) => ({
          bound: Math.max(0, ...alternatives.map((a) => a.filter(isCommon).reduce((sum, t) => sum + t.bound, 0))),
          terms: alternatives.flat().filter(isCommon),
        }))
        .filter((b) => b.terms.length > 0),
    ];
    let count = this.discover(
      terms.filter((t) => !isCommon(t)),
      0,
    );
    count = this.discover(
      resolvedGroups.flat(2).filter((t) => !isCommon(t)),
      count,
    );
    this.addScores(terms);
    this.addGroups(resolvedGroups);
    if (bounded.length > 0) {
      // Common terms whose upper bounds together stay below the k-th best score cannot bring in a
      // chunk that ranks; the others must be walked for candidates.
      const threshold = count >= k && k > 0 ? kthBest(scores, touched, count, k) : -Infinity;
      const byBound = [...bounded].sort((a, b) => a.bound - b.bound);
      let sum = 0;
      let skippable = 0;
      while (skippable < byBound.length && sum + byBound[skippable].bound < threshold) sum += byBound[skippable++].bound;
      const needed = byBound.slice(skippable).flatMap((b) => b.terms);
      if (needed.length > 0) {
        for (let j = 0; j < count; j++) scores[touched[j]] = 0;
        count = this.discover(needed, count);
        this.addScores(terms);
        this.addGroups(resolvedGroups);
      }
    }
    const best = selectBest(scores, first, touched, count, k).map((c) => [c, scores[c]] as [number, number]);
    for (let j = 0; j < count; j++) {
      scores[touched[j]] = 0;
      first[touched[j]] = -1;
    }
    return best;
  }

  private df(term: string): number {
    const id = this.find(term);
    return id < 0 ? 0 : this.arrays.offsets[id + 1] - this.arrays.offsets[id];
  }

  /** The term's id, or -1. */
  private find(term: string): number {
    const list = this.termList;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    return lo < list.length && list[lo] === term ? lo : -1;
  }

  private idfOf(df: number): number {
    const n = this.size;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The query's terms that occur, in query order, with their posting ranges. */
  private resolve(query: readonly WeightedTerm[]): ResolvedTerm[] {
    const out: ResolvedTerm[] = [];
    for (const { term, weight } of query) {
      const id = this.find(term);
      if (id < 0) continue;
      const start = this.arrays.offsets[id];
      const end = this.arrays.offsets[id + 1];
      const idf = this.idfOf(end - start);
      out.push({ index: out.length, start, end, weight, idf, bound: weight * idf * this.largestTfPart(id) * BOUND_SLACK });
    }
    return out;
  }

  /** Marks the chunks matching `terms` as candidates; returns the new candidate count. */
  private discover(terms: readonly ResolvedTerm[], count: number): number {
    const { first, touched } = this.scratch!;
    const chunks = this.arrays.chunks;
    for (const { index, start, end } of terms) {
      for (let p = start; p < end; p++) {
        const c = chunks[p];
        if (first[c] < 0) {
          first[c] = index;
          touched[count++] = c;
        }
      }
    }
    return count;
  }

  /**
   * Adds every term's contribution to the candidates, in query order (so sums round exactly as in
   * `score()`), and sets each candidate's `first` to the first query term that matches it.
   */
  private addScores(terms: readonly ResolvedTerm[]): void {
    const { scores, first } = this.scratch!;
    const { chunks, tfs } = this.arrays;
    const lengthNorm = this.lengthNorms();
    const k1 = this.params.k1;
    for (const { index, start, end, weight, idf } of terms) {
      const w = weight * idf;
      for (let p = start; p < end; p++) {
        const c = chunks[p];
        const f = first[c];
        if (f < 0) continue;
        if (f > index) first[c] = index;
        const tf = tfs[p];
        scores[c] += w * ((tf * (k1 + 1)) / (tf + lengthNorm[c]));
      }
    }
  }

  /** Adds each group's best alternative to the candidates, group by group (as `score()` does). */
  private addGroups(groups: ReadonlyArray<ReadonlyArray<readonly ResolvedTerm[]>>): void {
    if (groups.length === 0) return;
    const { scores, first, sum, best, inGroup, inAlternative } = this.scratch!;
    const { chunks, tfs } = this.arrays;
    const lengthNorm = this.lengthNorms();
    const k1 = this.params.k1;
    for (const alternatives of groups) {
      let groupCount = 0;
      for (const alternative of alternatives) {
        let count = 0;
        for (const { index, start, end, weight, idf } of alternative) {
          const w = weight * idf;
          for (let p = start; p < end; p++) {
            const c = chunks[p];
            const f = first[c];
            if (f < 0) continue;
            if (f > index) first[c] = index;
            if (sum[c] === 0) inAlternative[count++] = c;
            const tf = tfs[p];
            sum[c] += w * ((tf * (k1 + 1)) / (tf + lengthNorm[c]));
          }
        }
        for (let j = 0; j < count; j++) {
          const c = inAlternative[j];
          if (best[c] === 0) inGroup[groupCount++] = c;
          if (sum[c] > best[c]) best[c] = sum[c];
          sum[c] = 0;
        }
      }
      for (let j = 0; j < groupCount; j++) {
        const c = inGroup[j];
        scores[c] += best[c];
        best[c] = 0;
      }
    }
  }

  /**
   * The largest term-frequency part, tf · (k1 + 1) / (tf + length part), of any chunk the term is in:
   * a bound of what the term adds to a chunk much closer than k1 + 1, so very common terms are
   * skipped more often. Worked out on a term's first use (one walk of its postings).
   */
  private largestTfPart(id: number): number {
    this.tfPartMax ??= new Float64Array(this.termList.length);
    let max = this.tfPartMax[id];
    if (max > 0) return max;
    const { offsets, chunks, tfs } = this.arrays;
    const lengthNorm = this.lengthNorms();
    const k1 = this.params.k1;
    for (let p = offsets[id]; p < offsets[id + 1]; p++) {
      const tf = tfs[p];
      const part = (tf * (k1 + 1)) / (tf + lengthNorm[chunks[p]]);
      if (part > max) max = part;
    }
    return (this.tfPartMax[id] = max);
  }

  /** Per chunk, the length part of BM25's denominator: k1 · (1 − b + b · length / average). */
  private lengthNorms(): Float64Array {
    if (!this.lengthNorm) {
      const { k1, b, avgLength } = this.params;
      this.lengthNorm = Float64Array.from(this.arrays.lengths, (len) => k1 * (1 - b + (b * len) / avgLength));
    }
    return this.lengthNorm;
  }

  private walk(query: readonly WeightedTerm[], add: (chunk: number, score: number) => void): void {
    const { k1, b, avgLength } = this.params;
    const { chunks, tfs, lengths } = this.arrays;
    for (const { start, end, weight, idf } of this.resolve(query)) {
      for (let p = start; p < end; p++) {
        const c = chunks[p];
        const tf = tfs[p];
        const norm = tf + k1 * (1 - b + (b * lengths[c]) / avgLength);
        add(c, weight * idf * ((tf * (k1 + 1)) / norm));
      }
    }
  }
}

interface ResolvedTerm {
  /** Position among the query's known terms. */
  index: number;
  /** More than any chunk can get from this term: BM25's term-frequency part stays below k1 + 1. */
  bound: number;
  start: number;
  end: number;
  weight: number;
  idf: number;
}

/** The k-th largest score among the touched chunks (count ≥ k ≥ 1), with a min-heap of k scores. */
function kthBest(scores: Float64Array, touched: Int32Array, count: number, k: number): number {
  if (k <= 0) return Infinity;
  const heap = new Float64Array(k);
  let size = 0;
  for (let j = 0; j < count; j++) {
    const s = scores[touched[j]];
    if (size < k) {
      let i = size++;
      heap[i] = s;
      while (i > 0 && heap[(i - 1) >> 1] > heap[i]) {
        const parent = (i - 1) >> 1;
        [heap[parent], heap[i]] = [heap[i], heap[parent]];
        i = parent;
      }
    } else if (s > heap[0]) {
      heap[0] = s;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && heap[l] < heap[m]) m = l;
        if (r < k && heap[r] < heap[m]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
  }
  return heap[0];
}

/** Whether chunk a ranks below chunk b: lower score, or equal score and matched later. */
function ranksBelow(scores: Float64Array, first: Int32Array, a: number, b: number): boolean {
  return scores[a] < scores[b] || (scores[a] === scores[b] && (first[a] > first[b] || (first[a] === first[b] && a > b)));
}

/** The k best touched chunks, best first, kept in a heap whose root is the lowest ranked. */
function selectBest(scores: Float64Array, first: Int32Array, touched: Int32Array, count: number, k: number): number[] {
  const heap: number[] = [];
  if (k <= 0) return heap;
  for (let j = 0; j < count; j++) {
    const c = touched[j];
    if (heap.length < k) {
      let i = heap.length;
      heap.push(c);
      while (i > 0 && ranksBelow(scores, first, heap[i], heap[(i - 1) >> 1])) {
        const parent = (i - 1) >> 1;
        [heap[parent], heap[i]] = [heap[i], heap[parent]];
        i = parent;
      }
    } else if (ranksBelow(scores, first, heap[0], c)) {
      heap[0] = c;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && ranksBelow(scores, first, heap[l], heap[m])) m = l;
        if (r < heap.length && ranksBelow(scores, first, heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
  }
  return heap.sort((a, b) => (ranksBelow(scores, first, a, b) ? 1 : ranksBelow(scores, first, b, a) ? -1 : 0));
}

/** The same postings with terms renumbered in ascending order of their text. */
function sortedByTerm(terms: readonly string[], arrays: Bm25Arrays): [string[], Bm25Arrays] {
  const oldIds = new Map(terms.map((t, i) => [t, i]));
  // The default sort compares UTF-16 code units, as `<` does in `find`.
  const order = [...terms].sort().map((t) => oldIds.get(t)!);
  const offsets = new Uint32Array(terms.length + 1);
  const chunks = new Uint32Array(arrays.chunks.length);
  const tfs = new Uint16Array(arrays.tfs.length);
  let p = 0;
  order.forEach((old, id) => {
    offsets[id] = p;
    const from = arrays.offsets[old];
    const to = arrays.offsets[old + 1];
    chunks.set(arrays.chunks.subarray(from, to), p);
    tfs.set(arrays.tfs.subarray(from, to), p);
    p += to - from;
  });
  offsets[terms.length] = p;
  return [order.map((i) => terms[i]), { offsets, chunks, tfs, lengths: arrays.lengths }];
}

function grow<T extends Uint32Array | Uint16Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
