import { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import { Document } from '@langchain/core/documents';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chunkDocument, type Chunk } from '../knowledge/chunker.js';
import type { LoadedKnowledge } from '../knowledge/loader.js';
import type { KnowledgeDoc, LoadError } from '../knowledge/schema.js';
import { createSynonymIndex } from '../knowledge/synonyms.js';
import { containedTerms, indexTerms } from '../text/vietnamese.js';
import { Bm25Index, type Bm25State } from './bm25.js';
import type { Config } from '../config.js';
import { openAIClient } from '../llm/client.js';
import { OpenAICompatibleEmbedder } from './openai-embedder.js';
import { LocalHashEmbedder, type LocalEmbedderState } from './local-embedder.js';
import type { KnowledgeSnapshot } from './snapshot.js';
import { tuning } from '../tuning.js';

/** Bump when the on-disk format or the indexing changes, so old caches are rebuilt. */
const INDEX_FORMAT = 3;

export interface EmbedderChoice {
  /** Stable name for the cache key, e.g. `local:2048` or `openai:text-embedding-3-small`. */
  id: string;
  /** Returns the embedder to use, fitted to the corpus if it needs fitting. */
  create(corpus: readonly string[]): EmbeddingsInterface;
  /** Restores a fitted embedder from its saved state. */
  restore(state: unknown): EmbeddingsInterface;
}

/** The OpenAI-compatible embedder when EMBEDDING_MODEL and a server are configured, else the local one. */
export function embedderFromConfig(config: Config): EmbedderChoice {
  if (config.remoteEmbeddings && config.EMBEDDING_MODEL) {
    const model = config.EMBEDDING_MODEL;
    const embedder = new OpenAICompatibleEmbedder(openAIClient(config), model);
    return { id: `openai:${config.OPENAI_BASE_URL ?? 'default'}:${model}`, create: () => embedder, restore: () => embedder };
  }
  return localEmbedderChoice(config.EMBEDDING_DIMENSIONS);
}

export function localEmbedderChoice(dimensions: number): EmbedderChoice {
  return {
    id: `local:${dimensions}`,
    create: (corpus) => new LocalHashEmbedder(dimensions).fit(corpus),
    restore: (state) => new LocalHashEmbedder(state as LocalEmbedderState),
  };
}

interface SavedSnapshot {
  format: number;
  key: string;
  builtAt: string;
  docs: KnowledgeDoc[];
  chunks: Chunk[];
  bm25: Bm25State;
  embedder: unknown;
  synonyms: string[][];
  suggestions: string[];
  errors: LoadError[];
}

/** BM25 parameters are part of the cache key: changing them in config/tuning.yaml rebuilds the index. */
function bm25Params(): string {
  const { k1, b } = tuning().retrieval.bm25;
  return `${k1}/${b}`;
}

export function cacheKey(knowledge: LoadedKnowledge, embedder: EmbedderChoice): string {
  return createHash('sha256')
    .update(`${INDEX_FORMAT}\0${bm25Params()}\0${embedder.id}\0${knowledge.contentHash}`)
    .digest('hex')
    .slice(0, 24);
}

/** Builds both indexes from loaded knowledge. */
export async function buildSnapshot(knowledge: LoadedKnowledge, choice: EmbedderChoice): Promise<KnowledgeSnapshot> {
  const chunks = (await Promise.all(knowledge.docs.map(chunkDocument))).flat();
  const texts = chunks.map((c) => c.text);
  const embedder = choice.create(texts);
  const vectors = await HNSWLib.fromDocuments(
    chunks.map((c) => new Document({ pageContent: c.text, metadata: { chunkId: c.id } })),
    embedder,
  ); // cosine space
  const { k1, b } = tuning().retrieval.bm25;
  const bm25 = Bm25Index.build(texts.map(indexTerms), k1, b);
  return assemble({
    key: cacheKey(knowledge, choice),
    builtAt: new Date().toISOString(),
    docs: knowledge.docs,
    chunks,
    bm25,
    vectors,
    embedder,
    synonyms: knowledge.synonyms,
    suggestions: knowledge.suggestions,
    errors: knowledge.errors,
  });
}

/** Writes a snapshot under `dataDir/index/<key>` atomically and removes older ones. */
export async function saveSnapshot(dataDir: string, snapshot: KnowledgeSnapshot, embedderState: unknown): Promise<string> {
  const root = path.join(dataDir, 'index');
  const target = path.join(root, snapshot.key);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  await mkdir(tmp, { recursive: true });
  await snapshot.vectors.save(tmp);
  const saved: SavedSnapshot = {
    format: INDEX_FORMAT,
    key: snapshot.key,
    builtAt: snapshot.builtAt,
    docs: snapshot.docs,
    chunks: snapshot.chunks,
    bm25: snapshot.bm25.toJSON(),
    embedder: embedderState,
    synonyms: snapshot.synonymGroups,
    suggestions: snapshot.suggestions,
    errors: snapshot.errors,
  };
  await writeFile(path.join(tmp, 'snapshot.json'), JSON.stringify(saved));
  await rm(target, { recursive: true, force: true });
  await rename(tmp, target);
  for (const entry of await readdir(root)) {
    if (entry !== snapshot.key) await rm(path.join(root, entry), { recursive: true, force: true });
  }
  return target;
}

/** Loads the snapshot saved under `key`, or undefined when there is none (or it is unreadable). */
export async function loadSnapshot(dataDir: string, key: string, choice: EmbedderChoice): Promise<KnowledgeSnapshot | undefined> {
  const dir = path.join(dataDir, 'index', key);
  let saved: SavedSnapshot;
  try {
    saved = JSON.parse(await readFile(path.join(dir, 'snapshot.json'), 'utf8')) as SavedSnapshot;
  } catch {
    return undefined;
  }
  if (saved.format !== INDEX_FORMAT || saved.key !== key) return undefined;
  const embedder = choice.restore(saved.embedder);
  const vectors = await HNSWLib.load(dir, embedder);
  return assemble({ ...saved, bm25: new Bm25Index(saved.bm25), vectors, embedder });
}

function assemble(parts: {
  key: string;
  builtAt: string;
  docs: KnowledgeDoc[];
  chunks: Chunk[];
  bm25: Bm25Index;
  vectors: HNSWLib;
  embedder: EmbeddingsInterface;
  synonyms: string[][];
  suggestions: string[];
  errors: LoadError[];
}): KnowledgeSnapshot {
  const docTerms = new Map<string, Set<string>>();
  const vocabulary = new Set<string>();
  const accentedVocabulary = new Set<string>();
  for (const chunk of parts.chunks) {
    const set = docTerms.get(chunk.docId) ?? new Set<string>();
    for (const t of containedTerms(chunk.text)) {
      set.add(t);
      if (t.startsWith('=')) accentedVocabulary.add(t);
      else if (!t.includes('_') && t.length >= 3) vocabulary.add(t);
    }
    docTerms.set(chunk.docId, set);
  }
  return {
    key: parts.key,
    builtAt: parts.builtAt,
    docs: parts.docs,
    docById: new Map(parts.docs.map((d) => [d.id, d])),
    chunks: parts.chunks,
    chunkIndexById: new Map(parts.chunks.map((c, i) => [c.id, i])),
    docTerms,
    vocabulary: [...vocabulary],
    accentedVocabulary,
    bm25: parts.bm25,
    vectors: parts.vectors,
    embedder: parts.embedder,
    synonyms: createSynonymIndex(parts.synonyms),
    synonymGroups: parts.synonyms,
    suggestions: parts.suggestions,
    errors: parts.errors,
  };
}
