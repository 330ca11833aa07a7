import { fold, foldSyllable, isStopword, syllables } from '../text/vietnamese.js';

/** A chunk's syllables, as written (normalized) and folded. */
export interface ChunkTokens {
  typed: string[];
  folded: string[];
}

/**
 * Tokenises many texts for an index build, folding each distinct syllable once: a corpus has a few
 * thousand distinct syllables but millions of occurrences, and folding (Unicode decomposition) is the
 * slow part. `indexTerms`, `containedTerms` and `foldedTokens` of `../text/vietnamese.js` define what
 * these must equal; a test checks them against each other on the real documents.
 */
export class CorpusTokenizer {
  private readonly folded = new Map<string, string>();
  private readonly accented = new Map<string, boolean>();

  tokens(text: string): ChunkTokens {
    const typed = syllables(text);
    const folded = new Array<string>(typed.length);
    for (let i = 0; i < typed.length; i++) {
      let f = this.folded.get(typed[i]);
      if (f === undefined) this.folded.set(typed[i], (f = foldSyllable(typed[i])));
      folded[i] = f;
    }
    return { typed, folded };
  }

  /** Whether a normalized syllable carries diacritics (as `coverageUnits` decides). */
  isAccented(typed: string): boolean {
    let a = this.accented.get(typed);
    if (a === undefined) this.accented.set(typed, (a = fold(typed) !== typed));
    return a;
  }
}

/** Same as `indexTerms(text)`: folded syllables without stopwords, plus adjacent pairs not both stopwords. */
export function indexTermsOf({ folded }: ChunkTokens): string[] {
  const terms: string[] = [];
  for (let i = 0; i < folded.length; i++) {
    const t = folded[i];
    const stop = isStopword(t);
    if (!stop) terms.push(t);
    const next = folded[i + 1];
    if (next !== undefined && !(stop && isStopword(next))) terms.push(`${t}_${next}`);
  }
  return terms;
}

/** Same as `containedTerms(text)`: folded syllables, "="-prefixed typed syllables, folded pairs. */
export function containedTermsOf({ typed, folded }: ChunkTokens): string[] {
  const out: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    out.push(folded[i], `=${typed[i]}`);
    if (i + 1 < typed.length) out.push(`${folded[i]}_${folded[i + 1]}`);
  }
  return out;
}

/**
 * Gives every BM25 term of the corpus a number without building a string per occurrence: the
 * sequence `ids(tokens)` names, term by term, the same terms as `indexTermsOf(tokens)`.
 */
export class IndexTermInterner {
  /** Term text by id. */
  readonly terms: string[] = [];
  private readonly unigramIds = new Map<string, number>();
  private readonly syllableKeys = new Map<string, number>();
  private readonly pairIds = new Map<number, number>();

  ids({ folded }: ChunkTokens): number[] {
    const out: number[] = [];
    let key = folded.length ? this.keyOf(folded[0]) : 0;
    for (let i = 0; i < folded.length; i++) {
      const t = folded[i];
      const stop = isStopword(t);
      if (!stop) out.push(this.unigram(t));
      const next = folded[i + 1];
      if (next === undefined) break;
      const nextKey = this.keyOf(next);
      if (!(stop && isStopword(next))) out.push(this.pair(key, nextKey, t, next));
      key = nextKey;
    }
    return out;
  }

  private keyOf(syllable: string): number {
    let k = this.syllableKeys.get(syllable);
    if (k === undefined) this.syllableKeys.set(syllable, (k = this.syllableKeys.size));
    return k;
  }

  private unigram(t: string): number {
    let id = this.unigramIds.get(t);
    if (id === undefined) {
      this.unigramIds.set(t, (id = this.terms.length));
      this.terms.push(t);
    }
    return id;
  }

  private pair(a: number, b: number, t: string, next: string): number {
    const k = a * 0x400000 + b;
    let id = this.pairIds.get(k);
    if (id === undefined) {
      this.pairIds.set(k, (id = this.terms.length));
      this.terms.push(`${t}_${next}`);
    }
    return id;
  }
}
