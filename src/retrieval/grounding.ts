import type { CoverageUnit } from '../text/vietnamese.js';
import type { Question } from '../text/question.js';
import type { KnowledgeSnapshot, TermSet } from './snapshot.js';

export interface GroundingOptions {
  /** Grounded if coverage ≥ minCoverage (and the question is specific)… */
  minCoverage: number;
  /** …or the fused score ≥ strongScore with coverage ≥ strongMinCoverage. */
  strongScore: number;
  strongMinCoverage: number;
  /**
   * …or the best document scores at least clearScore, the second at most clearMargin of it, and coverage
   * is at least clearMinCoverage: one document stands out although the citizen's words are not its own.
   */
  clearScore: number;
  clearMargin: number;
  clearMinCoverage: number;
  /** A two-syllable unit counts this much of a syllable's IDF. */
  bigramWeight: number;
  /** Credit for a word matched only after typo correction. */
  typoCredit: number;
  /** Credit for an accented word the corpus never uses whose folded form the document has. */
  mistypedAccentCredit: number;
}

export interface Grounding {
  grounded: boolean;
  /** IDF-weighted share of the question's words found in the document. */
  coverage: number;
}

/**
 * The one place that decides whether a question is answerable from a document (used by the answer
 * pipeline and by `GET /api/search` alike): enough of its words, with diacritics where typed, occur in
 * the document, or the retrieval score is very high, or high with no close second. One common content
 * word proves little unless it is a known domain term (a synonym).
 */
export function decideGrounding(
  snapshot: KnowledgeSnapshot,
  q: Question,
  docId: string | undefined,
  topScore: number,
  secondScore: number,
  corrections: ReadonlyMap<string, string>,
  opts: GroundingOptions,
): Grounding {
  if (!docId) return { grounded: false, coverage: 0 };
  const coverage = queryCoverage(snapshot, q, corrections, docId, opts);
  const specific = snapshot.synonyms.expand(q) !== '' || q.units.filter((u) => !u.bigram).length >= 2;
  const clearWinner = topScore >= opts.clearScore && secondScore <= opts.clearMargin * topScore && coverage >= opts.clearMinCoverage;
  const grounded = (coverage >= opts.minCoverage && specific) || (topScore >= opts.strongScore && coverage >= opts.strongMinCoverage) || clearWinner;
  return { grounded, coverage };
}

/**
 * IDF-weighted share of the question's content words (syllables and two-syllable words) that the
 * document contains: directly, after typo correction, or through a synonym. A word typed with
 * diacritics must match with them ("cười" is not "cưới"). Low coverage means the question is about
 * something the documents do not discuss, even if a common word like "Sơn La" matched.
 */
export function queryCoverage(
  snapshot: KnowledgeSnapshot,
  q: Question,
  corrections: ReadonlyMap<string, string>,
  docId: string,
  opts: GroundingOptions,
): number {
  const docTerms = snapshot.docTerms.get(docId) ?? new Set<string>();
  if (q.units.length === 0) return 0;
  const viaSynonym = snapshot.synonyms.coveredTokens(q, docTerms);
  const maxIdf = snapshot.bm25.idf('\0unknown');
  let total = 0;
  let covered = 0;
  for (const unit of q.units) {
    const idf = (snapshot.bm25.has(unit.folded) ? snapshot.bm25.idf(unit.folded) : maxIdf) * (unit.bigram ? opts.bigramWeight : 1);
    total += idf;
    covered += idf * unitCredit(snapshot, docTerms, viaSynonym, corrections, unit, opts);
  }
  return total > 0 ? covered / total : 0;
}

function unitCredit(
  snapshot: KnowledgeSnapshot,
  docTerms: TermSet,
  viaSynonym: ReadonlySet<string>,
  corrections: ReadonlyMap<string, string>,
  unit: CoverageUnit,
  opts: GroundingOptions,
): number {
  if (unit.bigram) return docTerms.has(unit.folded) || unit.folded.split('_').every((t) => viaSynonym.has(t)) ? 1 : 0;
  if (viaSynonym.has(unit.folded)) return 1;
  if (unit.accented) {
    if (docTerms.has(`=${unit.accented}`)) return 1;
    if (!snapshot.accentedVocabulary.has(`=${unit.accented}`) && docTerms.has(unit.folded)) return opts.mistypedAccentCredit;
    return 0;
  }
  if (docTerms.has(unit.folded)) return 1;
  const fix = corrections.get(unit.folded);
  if (fix && docTerms.has(fix)) return opts.typoCredit;
  return 0;
}
