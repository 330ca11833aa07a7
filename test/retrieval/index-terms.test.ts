import { beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument, type Chunk } from '../../src/knowledge/chunker.js';
import { loadKnowledge } from '../../src/knowledge/loader.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { containedTermsOf, CorpusTokenizer, IndexTermInterner, indexTermsOf } from '../../src/retrieval/chunk-terms.js';
import { DocTermIndex } from '../../src/retrieval/doc-terms.js';
import { hypotOfSparse, LocalHashEmbedder } from '../../src/retrieval/local-embedder.js';
import { seededRandom } from '../../src/lib/seeded-random.js';
import { containedTerms, fold, foldedTokens, indexTerms, isStopword } from '../../src/text/vietnamese.js';
import { REPO_ROOT } from '../helpers/server.js';

// The real documents: the build-time shortcuts must give exactly what the query side computes.
let perDoc: Chunk[][];
let chunks: Chunk[];
beforeAll(async () => {
  const { docs } = await loadKnowledge(`${REPO_ROOT}/knowledge`);
  perDoc = await Promise.all(docs.map(chunkDocument));
  chunks = perDoc.flat();
});

describe('index terms computed once per distinct syllable', () => {
  it('equal foldedTokens, indexTerms and containedTerms on every chunk of the real documents', () => {
    const tokenizer = new CorpusTokenizer();
    const interner = new IndexTermInterner();
    for (const chunk of chunks) {
      const tokens = tokenizer.tokens(chunk.text);
      expect(tokens.folded).toEqual(foldedTokens(chunk.text));
      expect(indexTermsOf(tokens)).toEqual(indexTerms(chunk.text));
      expect(interner.ids(tokens).map((id) => interner.terms[id])).toEqual(indexTerms(chunk.text));
      expect(containedTermsOf(tokens)).toEqual(containedTerms(chunk.text));
    }
  });

  it('the local embedder gives the vectors of its string-hashing definition', () => {
    const texts = chunks.slice(0, 60).map((c) => c.text);
    const fast = new LocalHashEmbedder(512).fit(texts);
    const reference = referenceEmbedder(512, texts);
    for (const text of [...texts.slice(0, 20), 'dang ky khai sin cho con', 'Thẻ căn cước bị gãy thì làm sao?']) {
      const v = fast.vector(text);
      const r = reference(text);
      expect(v).toHaveLength(512);
      v.forEach((x, i) => expect(x).toBe(r[i]));
    }
  });

  it("the vector's length is Math.hypot's bit for bit, reading only the non-zero components", () => {
    const random = seededRandom(5);
    for (let t = 0; t < 2000; t++) {
      const v = new Array<number>(t % 2 ? 2048 : 37).fill(0);
      const at = new Set<number>();
      for (let k = 1 + Math.floor(random() * 200); k > 0; k--) {
        const i = Math.floor(random() * v.length);
        v[i] += (random() - 0.5) * 10 ** Math.floor(random() * 6 - 3);
        at.add(i);
      }
      expect(Object.is(hypotOfSparse(v, [...at].sort((a, b) => a - b)), Math.hypot(...v))).toBe(true);
    }
    expect(hypotOfSparse([0, 0, 0], [])).toBe(0);
    expect(hypotOfSparse([0, -Infinity, NaN], [1, 2])).toBe(Infinity);
    expect(hypotOfSparse([0, 3, NaN], [1, 2])).toBeNaN();
  });

  it('per-document term sets answer as a Set of containedTerms would, with far less stored', () => {
    const tokenizer = new CorpusTokenizer();
    const tokensPerDoc = perDoc.map((list) => list.map((c) => tokenizer.tokens(c.text)));
    const interner = new IndexTermInterner();
    const bm25 = Bm25Index.fromTermIds(interner.terms, tokensPerDoc.flat().map((t) => interner.ids(t)));
    const data = DocTermIndex.build(tokensPerDoc, tokenizer);
    const ranges: Array<[number, number]> = [];
    let at = 0;
    for (const list of perDoc) ranges.push([at, (at += list.length)]);
    const index = new DocTermIndex(data, bm25, ranges);
    const sets = perDoc.map((list) => new Set(list.flatMap((c) => containedTerms(c.text))));
    // Every term any document contains, except "=" forms without diacritics (coverage only asks for accented ones).
    const probes = [...new Set(sets.flatMap((s) => [...s]))].filter((t) => !t.startsWith('=') || fold(t) !== t);
    probes.push('khongcotu', 'khong_co', '=không_có', 'xyz_abc');
    let stored = 0;
    perDoc.forEach((_, d) => {
      for (const term of probes) {
        if (index.has(d, term) !== sets[d].has(term)) expect.fail(`document ${d}, term ${term}: ${index.has(d, term)}`);
      }
      stored += sets[d].size;
    });
    expect(data.ids.length).toBeLessThan(stored / 3);
    expect(data.vocabulary).toEqual([...new Set(chunks.flatMap((c) => foldedTokens(c.text)).filter((t) => t.length >= 3))]);
    expect(isStopword(data.extras[0].split('_')[0])).toBe(true);
  });
});

/** The embedder as first written: FNV-1a over feature strings, TF-IDF, L2 norm. */
function referenceEmbedder(dimensions: number, corpus: readonly string[]): (text: string) => number[] {
  const fnv1a = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  };
  const features = (text: string) => {
    const tokens = foldedTokens(text);
    const out: Array<[number, number]> = [];
    const add = (feature: string, weight: number) => {
      const h = fnv1a(feature);
      const bucket = h % dimensions;
      out.push([h & 0x80000000 ? -bucket : bucket, weight]);
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (isStopword(t)) continue;
      add(`w:${t}`, 1);
      const padded = `#${t}#`;
      for (let n = 3; n <= 4; n++) for (let j = 0; j + n <= padded.length; j++) add(`c:${padded.slice(j, j + n)}`, 0.5);
      const next = tokens[i + 1];
      if (next && !isStopword(next)) add(`b:${t}_${next}`, 1.5);
    }
    return out;
  };
  const df = new Array<number>(dimensions).fill(0);
  for (const text of corpus) for (const bucket of new Set(features(text).map(([b]) => b))) df[bucket]++;
  return (text) => {
    const tf = new Map<number, number>();
    for (const [bucket, weight] of features(text)) tf.set(bucket, (tf.get(bucket) ?? 0) + weight);
    const v = new Array<number>(dimensions).fill(0);
    for (const [signed, count] of tf) {
      const bucket = Math.abs(signed);
      const idf = Math.log(1 + (corpus.length + 1) / (df[bucket] + 1));
      v[bucket] += Math.sign(signed || 1) * (1 + Math.log(Math.abs(count))) * idf;
    }
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  };
}
