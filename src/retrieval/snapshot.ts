import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { Chunk } from '../knowledge/chunker.js';
import type { KnowledgeDoc, LoadError } from '../knowledge/schema.js';
import type { SynonymIndex } from '../knowledge/synonyms.js';
import type { Bm25Index } from './bm25.js';
import type { TermSet } from './doc-terms.js';
import type { ChunkVectorIndex } from './vector-index.js';

export type { TermSet } from './doc-terms.js';

/** One immutable, searchable state of the knowledge folder; swapped whole on change. */
export interface KnowledgeSnapshot {
  key: string;
  builtAt: string;
  docs: KnowledgeDoc[];
  docById: Map<string, KnowledgeDoc>;
  chunks: Chunk[];
  chunkIndexById: Map<string, number>;
  /** What each document contains (see containedTerms), for query-coverage checks. */
  docTerms: Map<string, TermSet>;
  /** Folded syllables of the whole corpus, for typo correction. */
  vocabulary: string[];
  /** Every syllable of the corpus written with diacritics, "="-prefixed. */
  accentedVocabulary: Set<string>;
  bm25: Bm25Index;
  vectors: ChunkVectorIndex;
  embedder: EmbeddingsInterface;
  synonyms: SynonymIndex;
  synonymGroups: string[][];
  suggestions: string[];
  errors: LoadError[];
}
