import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import { buildSnapshot, cacheKey, loadSnapshot, saveSnapshot, type EmbedderChoice } from '../retrieval/index-store.js';
import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import { loadKnowledge, type LoadedKnowledge } from './loader.js';
import type { KnowledgeDoc } from './schema.js';

export interface KnowledgeBaseOptions {
  knowledgeDir: string;
  dataDir: string;
  embedder: EmbedderChoice;
  logger: Logger;
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
 * until then. A file that stops validating keeps serving its last good version.
 */
export class KnowledgeBase {
  private current?: KnowledgeSnapshot;
  private readonly lastGood = new Map<string, KnowledgeDoc>();
  private refreshing?: Promise<RefreshReport>;
  private pending = false;
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;

  constructor(private readonly opts: KnowledgeBaseOptions) {}

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

  async close(): Promise<void> {
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
    await this.refreshing?.catch(() => undefined);
  }

  private async doRefresh(): Promise<RefreshReport> {
    const started = performance.now();
    const { knowledgeDir, dataDir, embedder, logger } = this.opts;
    const knowledge = this.keepLastGood(await loadKnowledge(knowledgeDir));
    for (const error of knowledge.errors) logger.warn({ knowledgeError: error }, 'knowledge file rejected');
    const key = cacheKey(knowledge, embedder);
    if (this.current?.key === key) {
      return { key, docs: this.current.docs.length, errors: this.current.errors, source: 'unchanged', ms: performance.now() - started };
    }
    let snapshot = await loadSnapshot(dataDir, key, embedder).catch((err) => {
      logger.warn({ err }, 'cached index unreadable, rebuilding');
      return undefined;
    });
    const source = snapshot ? 'cache' : 'built';
    if (!snapshot) {
      snapshot = await buildSnapshot(knowledge, embedder);
      const state = (snapshot.embedder as { toJSON?: () => unknown }).toJSON?.() ?? null;
      await saveSnapshot(dataDir, snapshot, state).catch((err) => logger.warn({ err }, 'could not cache the index'));
    }
    this.current = snapshot;
    return { key, docs: snapshot.docs.length, errors: snapshot.errors, source, ms: performance.now() - started };
  }

  /** Substitutes the last good version of a file that now fails validation. */
  private keepLastGood(knowledge: LoadedKnowledge): LoadedKnowledge {
    for (const doc of knowledge.docs) this.lastGood.set(doc.file, doc);
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
