import type { Chunk } from '../knowledge/chunker.js';
import { asQuestion, type Question } from '../text/question.js';
import { indexTerms, type CoverageUnit } from '../text/vietnamese.js';
import type { WeightedTerm } from './bm25.js';
import type { KnowledgeSnapshot } from './snapshot.js';
import { closestTerm } from './typo.js';

export interface RetrievalOptions {
  topK: number;
  fusion: 'weighted' | 'rrf';
  /** Weight of the vector side in weighted fusion (BM25 gets 1 - alpha). */
  alpha: number;
  /** Grounded if coverage ≥ minCoverage, or score ≥ strongScore with coverage ≥ strongMinCoverage. */
  minCoverage: number;
  strongScore: number;
  strongMinCoverage: number;
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
  timings: { lexicalMs: number; vectorMs: number; fuseMs: number };
}

const SYNONYM_WEIGHT = 0.6;
const TYPO_WEIGHT = 0.7;
const RRF_K = 60;

/** Hybrid search: BM25 over folded terms and hnswlib vectors, fused, aggregated to documents. */
export async function retrieve(snapshot: KnowledgeSnapshot, question: Question | string, opts: RetrievalOptions): Promise<RetrievalResult> {
  const t0 = performance.now();
  const q = asQuestion(question);
  const expansion = snapshot.synonyms.expand(q);
  const { terms, corrections } = queryTerms(snapshot, q, expansion);
  const lexical = [...snapshot.bm25.score(terms)].sort((a, b) => b[1] - a[1]).slice(0, opts.topK);
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
  const coverage = documents.length ? queryCoverage(snapshot, q, corrections, documents[0].docId) : 0;
  const top = documents[0]?.score ?? 0;
  // One common content word ("ăn", "giá") proves little unless it is a known domain term (a synonym).
  const specific = expansion !== '' || q.units.filter((u) => !u.bigram).length >= 2;
  const grounded =
    documents.length > 0 &&
    ((coverage >= opts.minCoverage && specific) || (top >= opts.strongScore && coverage >= opts.strongMinCoverage));
  const t3 = performance.now();
  return { documents, grounded, coverage, timings: { lexicalMs: t1 - t0, vectorMs: t2 - t1, fuseMs: t3 - t2 } };
}

function queryTerms(snapshot: KnowledgeSnapshot, q: Question, expansion: string) {
  const weights = new Map<string, number>();
  const add = (term: string, w: number) => weights.set(term, Math.max(weights.get(term) ?? 0, w));
  /** unknown folded word → the corpus word it was corrected to */
  const corrections = new Map<string, string>();
  for (const term of q.terms) {
    if (!term.includes('_') && !snapshot.bm25.has(term)) {
      const fix = closestTerm(term, snapshot.vocabulary);
      if (fix) {
        add(fix, TYPO_WEIGHT);
        corrections.set(term, fix);
        continue;
      }
    }
    add(term, 1);
  }
  for (const term of indexTerms(expansion)) add(term, SYNONYM_WEIGHT);
  const terms: WeightedTerm[] = [...weights].map(([term, weight]) => ({ term, weight }));
  return { terms, corrections };
}

/** Chunk index → fused score. */
function fuse(lexical: Array<[number, number]>, dense: Array<[number, number]>, opts: RetrievalOptions): Map<number, number> {
  const fused = new Map<number, number>();
  const add = (i: number, s: number) => i >= 0 && fused.set(i, (fused.get(i) ?? 0) + s);
  if (opts.fusion === 'rrf') {
    lexical.forEach(([i], rank) => add(i, 1 / (RRF_K + rank + 1)));
    dense.forEach(([i], rank) => add(i, 1 / (RRF_K + rank + 1)));
    return fused;
  }
  const maxLexical = lexical[0]?.[1] ?? 0;
  // BM25 is scaled by its best score, but damped when even that is weak, so a question
  // that barely matches anything cannot reach a high fused score.
  const lexicalScale = maxLexical > 0 ? Math.min(1, maxLexical / 8) / maxLexical : 0;
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

/**
 * IDF-weighted share of the question's content words (syllables and two-syllable words) that the
 * document contains: directly, after typo correction, or through a synonym. A word typed with
 * diacritics must match with them ("cười" is not "cưới"). Low coverage means the question is about
 * something the documents do not discuss, even if a common word like "Sơn La" matched.
 */
function queryCoverage(snapshot: KnowledgeSnapshot, q: Question, corrections: ReadonlyMap<string, string>, docId: string): number {
  const docTerms = snapshot.docTerms.get(docId) ?? new Set<string>();
  const units = q.units;
  if (units.length === 0) return 0;
  const viaSynonym = snapshot.synonyms.coveredTokens(q, docTerms);
  const maxIdf = snapshot.bm25.idf('\0unknown');
  let total = 0;
  let covered = 0;
  for (const unit of units) {
    const idf = (snapshot.bm25.has(unit.folded) ? snapshot.bm25.idf(unit.folded) : maxIdf) * (unit.bigram ? 0.5 : 1);
    total += idf;
    covered += idf * unitCredit(snapshot, docTerms, viaSynonym, corrections, unit);
  }
  return total > 0 ? covered / total : 0;
}

function unitCredit(
  snapshot: KnowledgeSnapshot,
  docTerms: ReadonlySet<string>,
  viaSynonym: ReadonlySet<string>,
  corrections: ReadonlyMap<string, string>,
  unit: CoverageUnit,
): number {
  if (unit.bigram) return docTerms.has(unit.folded) || unit.folded.split('_').every((t) => viaSynonym.has(t)) ? 1 : 0;
  if (viaSynonym.has(unit.folded)) return 1;
  if (unit.accented) {
    if (docTerms.has(`=${unit.accented}`)) return 1;
    // An accented word the corpus never uses may be a mistyped accent ("dăng kí"): half credit.
    if (!snapshot.accentedVocabulary.has(`=${unit.accented}`) && docTerms.has(unit.folded)) return 0.5;
    return 0;
  }
  if (docTerms.has(unit.folded)) return 1;
  const fix = corrections.get(unit.folded);
  if (fix && docTerms.has(fix)) return 0.8;
  return 0;
}
