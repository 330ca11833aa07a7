import { loadKnowledge, type KnowledgeLimits, type LoadedKnowledge } from '../knowledge/loader.js';
import type { KnowledgeDoc, LoadError } from '../knowledge/schema.js';
import {
  buildIndex,
  cacheKey,
  hasIndex,
  loadIndexDocs,
  partsOf,
  readIndexParts,
  saveIndex,
  type EmbedderChoice,
  type FileWriter,
  type IndexData,
  type IndexParts,
  type SavedIndex,
} from './index-store.js';

export interface BuildRequest {
  /** The key of the snapshot being served: the same key means nothing to do. */
  currentKey?: string;
  /** Build even if the cache looks present (it failed to load). */
  force?: boolean;
}

export interface BuildResult {
  key: string;
  source: 'unchanged' | 'cache' | 'built';
  docs: number;
  errors: LoadError[];
  /** The built index (in-process builder). */
  data?: IndexData;
  /** The built or cached index, ready to hand to another thread (worker builder). */
  parts?: IndexParts;
  /** Why a built index could not be saved (then it exists only in `data`, or nowhere). */
  saveError?: string;
  /** Why the cached index was refused and rebuilt (worker builder). */
  cacheRejected?: string;
}

export interface IndexBuilderOptions {
  knowledgeDir: string;
  dataDir: string;
  embedder: EmbedderChoice;
  limits?: KnowledgeLimits;
  /** Replaces the file writer of the index cache (tests simulate a full disk with it). */
  write?: FileWriter;
}

/** Anything that brings the index cache up to date with the knowledge folder: in this thread or a worker. */
export interface IndexPreparer {
  prepare(request: BuildRequest): Promise<BuildResult>;
  close(): Promise<void>;
}

/**
 * Reads the knowledge folder and makes sure an index for it is saved in the cache, building one if
 * needed. A file that stops validating keeps serving its last good version.
 */
export class IndexBuilder implements IndexPreparer {
  private readonly lastGood = new Map<string, KnowledgeDoc>();

  constructor(
    private readonly opts: IndexBuilderOptions,
    /**
     * `data`: hand over the built index as is (same thread). `parts`: as parts another thread can take
     * (see IndexParts), also for a cached index, which is then read and verified here.
     */
    private readonly handOver: 'data' | 'parts' = 'data',
  ) {}

  async prepare({ currentKey, force = false }: BuildRequest): Promise<BuildResult> {
    const { knowledgeDir, dataDir, embedder, limits, write } = this.opts;
    const knowledge = await this.keepLastGood(await loadKnowledge(knowledgeDir, limits), currentKey);
    const key = cacheKey(knowledge, embedder);
    const base = { key, docs: knowledge.docs.length, errors: knowledge.errors };
    if (!force && key === currentKey) return { ...base, source: 'unchanged' };
    let cacheRejected: string | undefined;
    if (!force && (await hasIndex(dataDir, key))) {
      if (this.handOver === 'data') return { ...base, source: 'cache' };
      try {
        return { ...base, source: 'cache', parts: await readIndexParts(dataDir, key) };
      } catch (err) {
        cacheRejected = (err as Error).message;
      }
    }
    const data = await buildIndex(knowledge, embedder);
    let saved: SavedIndex | undefined;
    let saveError: string | undefined;
    try {
      saved = await saveIndex(dataDir, data, write);
    } catch (err) {
      saveError = (err as Error).message.split('\n')[0];
    }
    if (this.handOver === 'data') return { ...base, source: 'built', data, saveError };
    return { ...base, source: 'built', parts: saved && partsOf(data, saved), saveError, cacheRejected };
  }

  async close(): Promise<void> {}

  /**
   * Substitutes the last good version of a file that now fails validation: the version this builder
   * last read, or else the one in the index being served.
   */
  private async keepLastGood(knowledge: LoadedKnowledge, currentKey: string | undefined): Promise<LoadedKnowledge> {
    for (const doc of knowledge.docs) this.lastGood.set(doc.file, doc);
    if (currentKey && knowledge.errors.some((e) => !this.lastGood.has(e.file))) {
      const served = await loadIndexDocs(this.opts.dataDir, currentKey).catch(() => []);
      for (const doc of served) if (!this.lastGood.has(doc.file)) this.lastGood.set(doc.file, doc);
    }
    const ids = new Set(knowledge.docs.map((d) => d.id));
    const restored: KnowledgeDoc[] = [];
    for (const error of knowledge.errors) {
      const previous = this.lastGood.get(error.file);
      if (previous && !ids.has(previous.id)) {
        restored.push(previous);
        ids.add(previous.id);
      }
    }
    if (restored.length === 0) return knowledge;
    return { ...knowledge, docs: [...knowledge.docs, ...restored], contentHash: `${knowledge.contentHash}+${restored.map((d) => d.file).join(',')}` };
  }
}
