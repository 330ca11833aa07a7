import type { Chunk } from '../knowledge/chunker.js';
import { asQuestion, type Question } from '../text/question.js';
import { indexTerms } from '../text/vietnamese.js';
import { decideGrounding, type GroundingOptions } from './grounding.js';
import type { Alternatives, WeightedTerm } from './bm25.js';
import type { KnowledgeSnapshot } from './snapshot.js';
import { closestTerm } from './typo.js';

/** See config/tuning.yaml for the meaning of each knob. */
export interface RetrievalOptions {
  topK: number;
  /** Documents whose passages a model may see. */
  maxSources: number;
  fusion: 'weighted' | 'rrf';
  /** Weight of the vector side in weighted fusion (BM25 gets 1 - alpha). */
  alpha: number;
  rrfK: number;
  /** A best BM25 score below this damps the lexical side. */
  lexicalFullScore: number;
  synonymWeight: number;
  typoWeight: number;
  grounding: GroundingOptions;
}

export interface ScoredChunk {
  chunk: Chunk;
  score: number;
}

export interface DocumentHit {
  docId: string;
  score: number;
  /** Best chunks of this document, best first; profile chunks excluded. */
  chunks: ScoredChunk[];
}

export interface RetrievalResult {
  documents: DocumentHit[];
  grounded: boolean;
  /** IDF-weighted share of the question's words found in the best document. */
  coverage: number;
  /** Unknown folded words of the question → the corpus word each was corrected to. */
  corrections: ReadonlyMap<string, string>;
  timings: { lexicalMs: number; vectorMs: number; fuseMs: number };
}

/** Hybrid search: BM25 over folded terms and hnswlib vectors, fused, aggregated to documents. */
export async function retrieve(snapshot: KnowledgeSnapshot, question: Question | string, opts: RetrievalOptions): Promise<RetrievalResult> {
  const t0 = performance.now();
  const q = asQuestion(question);
  const expansion = snapshot.synonyms.expand(q);
  const { terms, groups, corrections } = queryTerms(snapshot, q, opts);
  const lexical = snapshot.bm25.topK(terms, opts.topK, groups);
  const t1 = performance.now();

  const corrected = corrections.size ? ` ${[...corrections.values()].join(' ')}` : '';
  const qv = await snapshot.embedder.embedQuery(`${q.nfc}${corrected} ${expansion}`);
  const k = Math.min(opts.topK, snapshot.chunks.length);
  const dense = k > 0 ? await snapshot.vectors.similaritySearchVectorWithScore(qv, k) : [];
  const t2 = performance.now();

  const fused = fuse(
    lexical,
    dense.map(([doc, distance]) => [snapshot.chunkIndexById.get(doc.metadata.chunkId as string) ?? -1, 1 - distance] as [number, number]),
    opts,
  );
  const documents = aggregate(snapshot, fused);
  const { grounded, coverage } = decideGrounding(snapshot, q, documents[0]?.docId, documents[0]?.score ?? 0, documents[1]?.score ?? 0, corrections, opts.grounding);
  const t3 = performance.now();
  return { documents, grounded, coverage, corrections, timings: { lexicalMs: t1 - t0, vectorMs: t2 - t1, fuseMs: t3 - t2 } };
}

/**
 * The question's own terms (a word one edit from a corpus word counts as that word, a little less) and,
 * for each synonym group it mentions, the group's other terms as alternatives: a chunk scores the best
 * of them once (see `Alternatives`), not every word of a long group it happens to repeat.
 */
function queryTerms(snapshot: KnowledgeSnapshot, q: Question, opts: RetrievalOptions) {
  const weights = new Map<string, number>();
  const add = (term: string, w: number) => weights.set(term, Math.max(weights.get(term) ?? 0, w));
  /** unknown folded word → the corpus word it was corrected to */
  const corrections = new Map<string, string>();
  for (const term of q.terms) {
    if (!term.includes('_') && !snapshot.bm25.has(term)) {
      const fix = closestTerm(term, snapshot.vocabulary);
      if (fix) {
        add(fix, opts.typoWeight);
        corrections.set(term, fix);
        continue;
      }
    }
    add(term, 1);
  }
  const own = new Set(q.terms);
  const groups: Alternatives[] = snapshot.synonyms.alternatives(q).map((others) =>
    others.map((alternative) => termsOf(alternative).filter((t) => !own.has(t)).map((term) => ({ term, weight: opts.synonymWeight }))),
  );
  const terms: WeightedTerm[] = [...weights].map(([term, weight]) => ({ term, weight }));
  return { terms, groups, corrections };
}

// The index terms of each synonym alternative met so far: the same few hundred come back in every question.
const alternativeTerms = new Map<string, readonly string[]>();
const ALTERNATIVES_REMEMBERED = 4096;

function termsOf(alternative: string): readonly string[] {
  let terms = alternativeTerms.get(alternative);
  if (!terms) {
    if (alternativeTerms.size >= ALTERNATIVES_REMEMBERED) alternativeTerms.clear();
    alternativeTerms.set(alternative, (terms = [...new Set(indexTerms(alternative))]));
  }
  return terms;
}

/** Chunk index → fused score. */
function fuse(lexical: Array<[number, number]>, dense: Array<[number, number]>, opts: RetrievalOptions): Map<number, number> {
  const fused = new Map<number, number>();
  const add = (i: number, s: number) => i >= 0 && fused.set(i, (fused.get(i) ?? 0) + s);
  if (opts.fusion === 'rrf') {
    lexical.forEach(([i], rank) => add(i, 1 / (opts.rrfK + rank + 1)));
    dense.forEach(([i], rank) => add(i, 1 / (opts.rrfK + rank + 1)));
    return fused;
  }
  const maxLexical = lexical[0]?.[1] ?? 0;
  // BM25 is scaled by its best score, but damped when even that is weak, so a question
  // that barely matches anything cannot reach a high fused score.
  const lexicalScale = maxLexical > 0 ? Math.min(1, maxLexical / opts.lexicalFullScore) / maxLexical : 0;
  for (const [i, s] of lexical) add(i, (1 - opts.alpha) * s * lexicalScale);
  for (const [i, cos] of dense) add(i, opts.alpha * Math.max(0, cos));
  return fused;
}

function aggregate(snapshot: KnowledgeSnapshot, fused: Map<number, number>): DocumentHit[] {
  const byDoc = new Map<string, DocumentHit>();
  const sorted = [...fused].sort((a, b) => b[1] - a[1]);
  for (const [i, score] of sorted) {
    const chunk = snapshot.chunks[i];
    let hit = byDoc.get(chunk.docId);
    if (!hit) {
      hit = { docId: chunk.docId, score, chunks: [] };
      byDoc.set(chunk.docId, hit);
    }
    if (!chunk.profile) hit.chunks.push({ chunk, score });
  }
  return [...byDoc.values()].sort((a, b) => b.score - a.score);
}
