import { describe, expect, it } from 'vitest';
import { Bm25Index, COMMON_TERM_DF_RATIO, type Alternatives, type WeightedTerm } from '../../src/retrieval/bm25.js';
import { seededRandom } from '../../src/lib/seeded-random.js';

/**
 * A plain BM25 written from the formula, independent of the postings: every document scored,
 * contributions summed in query order, ties in the order the documents were first matched
 * (by the first query term that matches them, then document order), everything sorted.
 */
function bruteForceTopK(docs: string[][], query: WeightedTerm[], k: number, groups: Alternatives[] = [], k1 = 1.2, b = 0.6): Array<[number, number]> {
  const avg = docs.reduce((a, d) => a + d.length, 0) / docs.length;
  const dfs = new Map<string, number>();
  const df = (term: string) => dfs.get(term) ?? dfs.set(term, docs.filter((d) => d.includes(term)).length).get(term)!;
  const known = (terms: readonly WeightedTerm[]) => terms.filter(({ term }) => df(term) > 0);
  const rows: Array<{ doc: number; score: number; first: number }> = [];
  docs.forEach((terms, doc) => {
    let first = -1;
    let position = 0;
    const sum = (query: readonly WeightedTerm[]) => {
      let score = 0;
      for (const { term, weight } of known(query)) {
        const i = position++;
        const tf = terms.filter((t) => t === term).length;
        if (tf === 0) continue;
        if (first < 0) first = i;
        const idf = Math.log(1 + (docs.length - df(term) + 0.5) / (df(term) + 0.5));
        score += weight * idf * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * terms.length) / avg)));
      }
      return score;
    };
    // The query's own terms, then each group's best alternative, once.
    let score = sum(query);
    for (const alternatives of groups) score += Math.max(0, ...alternatives.map(sum));
    if (first >= 0) rows.push({ doc, score, first });
  });
  rows.sort((x, y) => y.score - x.score || x.first - y.first || x.doc - y.doc);
  return rows.slice(0, k).map((r) => [r.doc, r.score]);
}

/** Documents whose words follow a steep Zipf law, so some words are in most documents; some documents repeat. */
function zipfCorpus(random: () => number, docs: number, vocabulary: number): string[][] {
  const word = () => `w${Math.floor(vocabulary * random() ** 3)}`;
  const out: string[][] = [];
  for (let d = 0; d < docs; d++) {
    if (d > 0 && random() < 0.1) out.push([...out[Math.floor(random() * d)]]);
    else out.push(Array.from({ length: 5 + Math.floor(random() * 60) }, word));
  }
  return out;
}

describe('BM25 over typed-array postings', () => {
  it('top k equals a brute-force BM25 on random queries, common words and ties included', () => {
    const random = seededRandom(7);
    let commonQueries = 0;
    for (let round = 0; round < 12; round++) {
      const docs = zipfCorpus(random, 150 + Math.floor(random() * 250), 400);
      const index = Bm25Index.build(docs);
      for (let q = 0; q < 25; q++) {
        const query: WeightedTerm[] = [];
        const seen = new Set<string>();
        for (let n = 1 + Math.floor(random() * 12); n > 0; n--) {
          const term = random() < 0.1 ? `unknown${q}` : `w${Math.floor(400 * random() ** 2)}`;
          if (seen.has(term)) continue;
          seen.add(term);
          query.push({ term, weight: [1, 0.7, 0.6][Math.floor(random() * 3)] });
        }
        const k = [1, 5, 40, 1000][Math.floor(random() * 4)];
        if (query.some(({ term }) => docs.filter((d) => d.includes(term)).length > docs.length * COMMON_TERM_DF_RATIO)) commonQueries++;
        expect(index.topK(query, k)).toEqual(bruteForceTopK(docs, query, k));
      }
    }
    // The shortcut for very common words was exercised, not only the plain path.
    expect(commonQueries).toBeGreaterThan(100);
  });

  it('a group of alternatives counts once, its best: top k equals a brute force with groups, common words included', () => {
    const random = seededRandom(23);
    let grouped = 0;
    for (let round = 0; round < 8; round++) {
      const docs = zipfCorpus(random, 150 + Math.floor(random() * 250), 300);
      const index = Bm25Index.build(docs);
      const word = () => (random() < 0.05 ? 'unknown' : `w${Math.floor(300 * random() ** 2)}`);
      for (let q = 0; q < 25; q++) {
        const query = [...new Set(Array.from({ length: Math.floor(random() * 6) }, word))].map((term) => ({ term, weight: 1 }));
        const groups = Array.from({ length: Math.floor(random() * 3) }, () =>
          Array.from({ length: 1 + Math.floor(random() * 5) }, () => [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, word))].map((term) => ({ term, weight: 0.6 }))),
        );
        if (groups.length > 0) grouped++;
        const k = [1, 5, 40, 1000][Math.floor(random() * 4)];
        expect(index.topK(query, k, groups)).toEqual(bruteForceTopK(docs, query, k, groups));
        const reference = [...index.score(query, groups)].sort((a, b) => b[1] - a[1]).slice(0, k);
        expect(index.topK(query, k, groups)).toEqual(reference);
      }
    }
    expect(grouped).toBeGreaterThan(100);
  });

  it('a passage repeating many alternatives of one thing does not outrank one with the asked word and one alternative', () => {
    // d0: the asked word "quen" and one way of saying the thing; d1: four ways of saying the thing, not the asked word
    const docs = [['quen', 'app', 'x1', 'x2'], ['app', 'ung', 'dung', 'dinh', 'x3'], ...Array.from({ length: 30 }, (_, i) => [`f${i}`, 'x'])];
    const index = Bm25Index.build(docs);
    const query = [{ term: 'quen', weight: 1 }];
    const group = [[{ term: 'app', weight: 0.6 }], [{ term: 'ung', weight: 0.6 }, { term: 'dung', weight: 0.6 }], [{ term: 'dinh', weight: 0.6 }]];
    expect(index.topK(query, 1, [group])[0][0]).toBe(0);
    // near-miss: every alternative summed as plain query terms (as retrieval did) puts d1 first
    expect(index.topK([...query, ...group.flat()], 1)[0][0]).toBe(1);
  });

  it('top k equals sorting every score (the order retrieval used before)', () => {
    const random = seededRandom(11);
    const docs = zipfCorpus(random, 300, 200);
    const index = Bm25Index.build(docs);
    for (let q = 0; q < 50; q++) {
      const query = Array.from({ length: 1 + Math.floor(random() * 8) }, (_, i) => ({ term: `w${Math.floor(200 * random() ** 2)}`, weight: i % 2 ? 0.6 : 1 }));
      const unique = query.filter((t, i) => query.findIndex((u) => u.term === t.term) === i);
      const sorted = [...index.score(unique)].sort((a, b) => b[1] - a[1]).slice(0, 40);
      expect(index.topK(unique, 40)).toEqual(sorted);
    }
  });

  it('breaks ties by the first query word that matched, even when that word is a very common one', () => {
    // d0 and d1 score the same: each has the common word c and one rare word with the same frequency.
    const docs = [['c', 'x', 'p'], ['c', 'y', 'p'], ...Array.from({ length: 38 }, (_, i) => ['c', `f${i}`, 'p'])];
    const query = [
      { term: 'c', weight: 1 },
      { term: 'x', weight: 1 },
      { term: 'y', weight: 1 },
    ];
    const top = Bm25Index.build(docs).topK(query, 2);
    expect(top.map(([d]) => d)).toEqual([0, 1]);
    expect(top[0][1]).toBe(top[1][1]);
    expect(top).toEqual(bruteForceTopK(docs, query, 2));
  });

  it('knows which terms it has, their IDF, and whether a range of documents contains a term', () => {
    const docs = [['a', 'b'], ['b', 'c'], ['c', 'c', 'd'], ['e']];
    const index = Bm25Index.build(docs);
    expect(index.has('c')).toBe(true);
    expect(index.has('z')).toBe(false);
    expect(index.idf('b')).toBeCloseTo(Math.log(1 + (4 - 2 + 0.5) / (2 + 0.5)), 12);
    expect(index.idf('z')).toBeGreaterThan(index.idf('e'));
    expect(index.contains('c', 0, 1)).toBe(false);
    expect(index.contains('c', 0, 2)).toBe(true);
    expect(index.contains('c', 2, 3)).toBe(true);
    expect(index.contains('c', 3, 4)).toBe(false);
    expect(index.contains('z', 0, 4)).toBe(false);
    expect(index.topK([{ term: 'c', weight: 1 }], 0)).toEqual([]);
  });
});
