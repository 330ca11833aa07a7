import { isStopword } from '../text/vietnamese.js';
import type { ChunkTokens, CorpusTokenizer } from './chunk-terms.js';
import type { Bm25Index } from './bm25.js';
import { VarintReader, VarintWriter } from './varint.js';

/** What a document contains, for query-coverage checks: see `containedTerms`. */
export interface TermSet {
  has(term: string): boolean;
}

export interface DocTermsData {
  /** Folded syllables of 3+ letters, in order of first occurrence: the typo-correction vocabulary. */
  vocabulary: string[];
  /** "="-prefixed syllables written with diacritics, in order of first occurrence. */
  accented: string[];
  /** Contained terms BM25 does not index (stopwords, pairs of stopwords), in order of first occurrence. */
  extras: string[];
  /** Per document: its sorted accented ids, then its sorted extra ids. */
  ids: Uint32Array;
  /** Document d's accented ids are ids[offsets[2d] .. offsets[2d+1]), its extras up to offsets[2d+2]. */
  offsets: Uint32Array;
}

/**
 * Per-document term sets without a Set per document: most terms (content syllables and pairs) are
 * answered from the BM25 postings of the document's chunks, which are contiguous; only accented
 * syllables and terms BM25 skips are stored, as sorted id lists. Built once, saved with the index.
 */
export class DocTermIndex {
  private readonly accentedIds: Map<string, number>;
  private readonly extraIds: Map<string, number>;
  readonly accentedVocabulary: Set<string>;

  constructor(
    readonly data: DocTermsData,
    private readonly bm25: Bm25Index,
    /** Chunk range [from, to) of each document. */
    private readonly chunkRanges: ReadonlyArray<readonly [number, number]>,
  ) {
    this.accentedIds = new Map(data.accented.map((t, i) => [t, i]));
    this.extraIds = new Map(data.extras.map((t, i) => [t, i]));
    this.accentedVocabulary = new Set(data.accented);
  }

  /** Term set of document number `doc` (its position in the snapshot's docs). */
  termSet(doc: number): TermSet {
    return { has: (term) => this.has(doc, term) };
  }

  has(doc: number, term: string): boolean {
    const { ids, offsets } = this.data;
    if (term.startsWith('=')) {
      const id = this.accentedIds.get(term);
      return id !== undefined && sortedIncludes(ids, offsets[2 * doc], offsets[2 * doc + 1], id);
    }
    if (this.bm25.has(term)) {
      const [from, to] = this.chunkRanges[doc];
      return this.bm25.contains(term, from, to);
    }
    const id = this.extraIds.get(term);
    return id !== undefined && sortedIncludes(ids, offsets[2 * doc + 1], offsets[2 * doc + 2], id);
  }

  /**
   * `perDoc[d]` are the tokens of document d's chunks. What BM25 indexes (syllables that are not
   * stopwords, pairs that are not two stopwords) is left to its postings; the rest is recorded here.
   */
  static build(perDoc: readonly (readonly ChunkTokens[])[], tokenizer: CorpusTokenizer): DocTermsData {
    const vocabulary = new Set<string>();
    const accented = new Map<string, number>();
    const extras = new Map<string, number>();
    const idOf = (map: Map<string, number>, term: string) => {
      let id = map.get(term);
      if (id === undefined) map.set(term, (id = map.size));
      return id;
    };
    const lists: number[][] = [];
    for (const chunks of perDoc) {
      const docAccented = new Set<number>();
      const docExtras = new Set<number>();
      for (const { typed, folded } of chunks) {
        for (let i = 0; i < typed.length; i++) {
          const f = folded[i];
          if (f.length >= 3) vocabulary.add(f);
          const stop = isStopword(f);
          if (stop) docExtras.add(idOf(extras, f));
          if (tokenizer.isAccented(typed[i])) docAccented.add(idOf(accented, `=${typed[i]}`));
          if (stop && i + 1 < typed.length && isStopword(folded[i + 1])) docExtras.add(idOf(extras, `${f}_${folded[i + 1]}`));
        }
      }
      lists.push([...docAccented].sort((a, b) => a - b), [...docExtras].sort((a, b) => a - b));
    }
    const offsets = new Uint32Array(lists.length + 1);
    const ids = new Uint32Array(lists.reduce((n, list) => n + list.length, 0));
    let p = 0;
    lists.forEach((list, i) => {
      offsets[i] = p;
      ids.set(list, p);
      p += list.length;
    });
    offsets[lists.length] = p;
    return { vocabulary: [...vocabulary], accented: [...accented.keys()], extras: [...extras.keys()], ids, offsets };
  }
}

/** The id lists as bytes; the word lists go with the rest of the metadata. */
export function encodeDocTermIds(data: DocTermsData): Uint8Array {
  const w = new VarintWriter();
  const lists = data.offsets.length - 1;
  w.write(lists);
  for (let i = 0; i < lists; i++) w.writeAscending(data.ids.subarray(data.offsets[i], data.offsets[i + 1]));
  return w.bytes();
}

export function decodeDocTermIds(bytes: Uint8Array, totalIds: number): Pick<DocTermsData, 'ids' | 'offsets'> {
  const r = new VarintReader(bytes);
  const lists = r.read();
  const offsets = new Uint32Array(lists + 1);
  const ids = new Uint32Array(totalIds);
  let p = 0;
  for (let i = 0; i < lists; i++) {
    offsets[i] = p;
    p += r.readAscendingInto(ids, p);
  }
  offsets[lists] = p;
  if (p !== totalIds || !r.done) throw new Error('document term ids do not match their count');
  return { ids, offsets };
}

function sortedIncludes(ids: Uint32Array, from: number, to: number, id: number): boolean {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid] < id) lo = mid + 1;
    else hi = mid;
  }
  return lo < to && ids[lo] === id;
}
