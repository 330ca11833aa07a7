import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { IndexBuilder, type BuildResult, type IndexPreparer } from '../retrieval/index-builder.js';
import { cacheKey, hasIndex, indexFromParts, loadIndex, removeStaleTemp, snapshotOf, type EmbedderChoice, type FileWriter, type IndexData } from '../retrieval/index-store.js';
import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import { WorkerIndexBuilder } from '../retrieval/worker-builder.js';
import { knowledgeContentHash, type KnowledgeLimits } from './loader.js';

export interface KnowledgeBaseOptions {
  knowledgeDir: string;
  dataDir: string;
  embedder: EmbedderChoice;
  logger: Logger;
  limits?: KnowledgeLimits;
  /** Build in a worker thread (needs `embedder.spec`); otherwise in this thread. */
  worker?: boolean;
  /** Replaces the index cache's file writer when building in this thread (tests: a full disk). */
  write?: FileWriter;
}

export interface RefreshReport {
  key: string;
  docs: number;
  errors: KnowledgeSnapshot['errors'];
  source: 'cache' | 'built' | 'unchanged';
  ms: number;
}

/**
 * Owns the current snapshot of the knowledge folder. A refresh builds (or loads from the
 * on-disk cache) a new snapshot and swaps it in at once; questions keep using the old one
 * until then. A file that stops validating keeps serving its last good version. With a worker,
 * reading and indexing the folder happen off this thread; this thread only loads the result.
 */
export class KnowledgeBase {
  private current?: KnowledgeSnapshot;
  private readonly builder: IndexPreparer;
  private localBuilder?: IndexBuilder;
  private refreshing?: Promise<RefreshReport>;
  private pending = false;
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;

  constructor(private readonly opts: KnowledgeBaseOptions) {
    const { knowledgeDir, dataDir, embedder, limits } = opts;
    this.builder =
      opts.worker && embedder.spec
        ? new WorkerIndexBuilder({ knowledgeDir, dataDir, limits, embedder: embedder.spec })
        : this.inThisThread();
  }

  get ready(): boolean {
    return this.current !== undefined;
  }

  /** The snapshot to search; throws if called before the first refresh finished. */
  get snapshot(): KnowledgeSnapshot {
    if (!this.current) throw new Error('knowledge base not loaded yet');
    return this.current;
  }

  /** Loads or builds the index; concurrent calls share one run and queue one more. */
  refresh(): Promise<RefreshReport> {
    if (this.refreshing) {
      this.pending = true;
      return this.refreshing;
    }
    this.refreshing = this.doRefresh().finally(() => {
      this.refreshing = undefined;
      if (this.pending) {
        this.pending = false;
        void this.refresh().catch((err) => this.opts.logger.error({ err }, 'knowledge refresh failed'));
      }
    });
    return this.refreshing;
  }

  /** Rebuilds in the background when a file in the knowledge folder changes. */
  watch(debounceMs = 300): void {
    if (this.watcher) return;
    this.watcher = watch(this.opts.knowledgeDir, { recursive: true }, () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        this.refresh()
          .then((r) => this.opts.logger.info({ knowledge: r }, 'knowledge reloaded after a change'))
          .catch((err) => this.opts.logger.error({ err }, 'knowledge refresh failed'));
      }, debounceMs);
    });
    this.watcher.on('error', (err) => this.opts.logger.warn({ err }, 'knowledge watcher error'));
  }

  /** Stops watching and building; a later `refresh()` starts again (a shared knowledge base may be reused). */
  async close(): Promise<void> {
    this.pending = false;
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
    // Stopping the worker abandons a build in progress instead of waiting for it.
    await this.builder.close();
    await this.refreshing?.catch(() => undefined);
  }

  private async doRefresh(): Promise<RefreshReport> {
    const started = performance.now();
    const { logger } = this.opts;
    const report = (data: IndexData, source: RefreshReport['source']): RefreshReport => ({
      key: data.key,
      docs: data.docs.length,
      errors: data.errors,
      source,
      ms: performance.now() - started,
    });
    let force = false;
    if (!this.current) {
      await removeStaleTemp(this.opts.dataDir);
      // Nothing is being served yet, so this thread may check the cache itself: no worker to start.
      const key = await this.unchangedKey();
      if (await hasIndex(this.opts.dataDir, key)) {
        const cached = await this.loadCached(key);
        if (cached) {
          this.current = snapshotOf(cached);
          for (const error of cached.errors) logger.warn({ knowledgeError: error }, 'knowledge file rejected');
          return report(cached, 'cache');
        }
        force = true;
      }
    }
    let result = await this.builder.prepare({ currentKey: this.current?.key, force });
    for (const error of result.errors) logger.warn({ knowledgeError: error }, 'knowledge file rejected');
    if (result.source === 'unchanged' && this.current) {
      const { key, docs, errors } = this.current;
      return { key, docs: docs.length, errors, source: 'unchanged', ms: performance.now() - started };
    }
    let data = await this.dataOf(result);
    if (!data && !result.saveError) {
      // The index failed its checks when loaded here: build it again (in the worker, if there is one).
      result = await this.builder.prepare({ force: true });
      data = await this.dataOf(result);
    }
    if (!data) {
      // Last resort (the cache cannot be written or read back): build and keep it in this thread.
      result = await this.inThisThread().prepare({ force: true });
      data = result.data!;
    }
    this.current = snapshotOf(data);
    return report(data, result.source === 'built' ? 'built' : 'cache');
  }

  /** The index a build result stands for, loaded in this thread as far as needed. */
  private async dataOf(result: BuildResult): Promise<IndexData | undefined> {
    const { logger, embedder } = this.opts;
    if (result.cacheRejected) logger.warn({ index: result.key, reason: result.cacheRejected }, 'cached index rejected, rebuilding');
    if (result.saveError) logger.warn({ reason: result.saveError }, 'could not cache the index');
    if (result.data) return result.data;
    if (result.parts) {
      return indexFromParts(result.parts, embedder).catch((err: Error) => {
        logger.warn({ index: result.key, reason: err.message }, 'cached index rejected, rebuilding');
        return undefined;
      });
    }
    return result.saveError ? undefined : this.loadCached(result.key);
  }

  /** The cache key of the knowledge folder as it is, from hashing its files (no parsing). */
  private async unchangedKey(): Promise<string> {
    const { knowledgeDir, embedder, limits } = this.opts;
    return cacheKey({ contentHash: await knowledgeContentHash(knowledgeDir, limits) }, embedder);
  }

  /** The cached index, or undefined (after one log line) when it is missing or fails its checks. */
  private async loadCached(key: string): Promise<IndexData | undefined> {
    try {
      return await loadIndex(this.opts.dataDir, key, this.opts.embedder);
    } catch (err) {
      this.opts.logger.warn({ index: key, reason: (err as Error).message }, 'cached index rejected, rebuilding');
      return undefined;
    }
  }

  private inThisThread(): IndexBuilder {
    const { knowledgeDir, dataDir, embedder, limits, write } = this.opts;
    return (this.localBuilder ??= new IndexBuilder({ knowledgeDir, dataDir, embedder, limits, write }));
  }
}
