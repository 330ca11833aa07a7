import { Worker } from 'node:worker_threads';
import type { KnowledgeLimits } from '../knowledge/loader.js';
import type { BuildRequest, BuildResult, IndexPreparer } from './index-builder.js';
import type { EmbedderSpec } from './index-store.js';

export interface WorkerOptions {
  knowledgeDir: string;
  dataDir: string;
  embedder: EmbedderSpec;
  limits?: KnowledgeLimits;
}

/** A worker idle this long is stopped, so the memory of its last build goes back to the system. */
const IDLE_MS = 30_000;

/**
 * Runs the index build in a worker thread, so the thread answering questions only loads the
 * finished index. The worker is started on demand and stopped when idle (or if it dies).
 */
export class WorkerIndexBuilder implements IndexPreparer {
  private worker?: Worker;
  private nextId = 1;
  private idleTimer?: NodeJS.Timeout;
  private readonly pending = new Map<number, { resolve: (r: BuildResult) => void; reject: (e: Error) => void }>();

  constructor(private readonly options: WorkerOptions) {}

  prepare(request: BuildRequest): Promise<BuildResult> {
    clearTimeout(this.idleTimer);
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private start(): Worker {
    const fromSource = import.meta.url.endsWith('.ts');
    const entry = new URL(fromSource ? './index-worker.ts' : './index-worker.mjs', import.meta.url); // dist/index-worker.mjs when bundled
    const worker = new Worker(fromSource ? new URL('./ts-worker.mjs', import.meta.url) : entry, {
      workerData: { entry: entry.href, options: this.options },
    });
    const settle = (id: number, outcome: { result?: BuildResult; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0 && this.worker === worker) {
        this.idleTimer = setTimeout(() => void this.close(), IDLE_MS).unref();
        worker.unref();
      }
      if (outcome.error !== undefined) waiting?.reject(new Error(outcome.error));
      else waiting?.resolve(outcome.result!);
    };
    const failAll = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.pending.keys()]) settle(id, { error: err.message });
    };
    worker.on('message', (m: { id: number; result?: BuildResult; error?: string }) => settle(m.id, m));
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`index worker stopped (exit code ${code})`)));
    return worker;
  }
}
