import type { Chunk } from '../knowledge/chunker.js';
import { asQuestion, type Question } from '../text/question.js';
import { foldedTokens, indexTerms } from '../text/vietnamese.js';
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
  /** A passage whose heading (its title, for a document's profile) holds the question's words ranks its document this much higher (× their IDF share). */
  headingWeight: number;
  /** Weight of a word met only in a clause that says why or when ("để …", "khi …"): see `Question.asideTerms`. */
  asideWeight: number;
  grounding: GroundingOptions;
}

export interface ScoredChunk {
  chunk: Chunk;
  score: number;
}

export interface DocumentHit {
  docId: string;
  /** The best passage's fused score (what grounding reads). */
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
  const documents = aggregate(snapshot, q, fused, opts.headingWeight, opts.asideWeight);
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
    add(term, q.asideTerms.has(term) ? opts.asideWeight : 1);
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

/**
 * Documents by their best passage, where a passage under a heading that holds the question's words
 * counts a little more (the profile chunk's heading is the document's title): "quên mk vneid" belongs to
 * the guide with a section "Quên mật khẩu VNeID", not to the login guide whose section on passwords says
 * once that a forgotten one is recovered in VNeID; a pointer section "Kết hôn với người nước ngoài" does
 * not outrank the guide of that title. A document's score stays its best passage's (grounding reads it).
 */
function aggregate(snapshot: KnowledgeSnapshot, q: Question, fused: Map<number, number>, headingWeight: number, asideWeight: number): DocumentHit[] {
  const byDoc = new Map<string, DocumentHit>();
  const rank = new Map<string, number>();
  const sorted = [...fused].sort((a, b) => b[1] - a[1]);
  const heading = headingWeight > 0 ? headingMatcher(snapshot, q, asideWeight) : undefined;
  for (const [i, score] of sorted) {
    const chunk = snapshot.chunks[i];
    let hit = byDoc.get(chunk.docId);
    if (!hit) {
      hit = { docId: chunk.docId, score, chunks: [] };
      byDoc.set(chunk.docId, hit);
    }
    if (!chunk.profile) hit.chunks.push({ chunk, score });
    // Only a passage within headingWeight of the best can change which document comes first.
    const ranked = score + (heading && score >= sorted[0][1] - headingWeight ? headingWeight * heading(i) : 0);
    if (ranked > (rank.get(chunk.docId) ?? -Infinity)) rank.set(chunk.docId, ranked);
  }
  return [...byDoc.values()].sort((a, b) => rank.get(b.docId)! - rank.get(a.docId)! || b.score - a.score);
}

// The distinct folded words of each chunk's heading (the profile chunk's is the document's title), per
// snapshot, filled as chunks are met.
const headingWords = new WeakMap<KnowledgeSnapshot, Array<{ list: readonly string[]; set: ReadonlySet<string> } | undefined>>();

/** Chunk index → IDF-weighted share of the question's content words its heading holds (directly or through a synonym). */
function headingMatcher(snapshot: KnowledgeSnapshot, q: Question, asideWeight: number): (chunk: number) => number {
  let words = headingWords.get(snapshot);
  if (!words) headingWords.set(snapshot, (words = new Array(snapshot.chunks.length)));
  const idfs = new Map<string, number>();
  for (const w of q.content) if (!idfs.has(w)) idfs.set(w, (snapshot.bm25.has(w) ? snapshot.bm25.idf(w) : 0) * (q.asideTerms.has(w) ? asideWeight : 1));
  let total = 0;
  for (const idf of idfs.values()) total += idf;
  // Only a heading with a word of a synonym the question names can hold one of its words through that synonym.
  const synonymWords = new Set(snapshot.synonyms.alternatives(q).flatMap((others) => others.flatMap((o) => o.split(' '))));
  return (i) => {
    if (total === 0) return 0;
    let heading = words![i];
    if (!heading) {
      const chunk = snapshot.chunks[i];
      const set = new Set(foldedTokens(chunk.profile ? chunk.sectionPath[0] : chunk.section));
      words![i] = heading = { list: [...set], set };
    }
    const { list, set } = heading;
    let held = 0;
    let synonym = false;
    for (let j = 0; j < list.length; j++) {
      held += idfs.get(list[j]) ?? 0;
      if (synonymWords.has(list[j])) synonym = true;
    }
    if (synonym) {
      for (const w of snapshot.synonyms.coveredTokens(q, set)) if (!set.has(w)) held += idfs.get(w) ?? 0;
    }
    return held / total;
  };
}
