/** Worker thread entry: builds the index cache on request, off the thread that answers questions. */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { BuildRequest } from './index-builder.js';
import type { WorkerOptions } from './worker-builder.js';

try {
  // On Linux this lowers only this thread's priority: on a busy machine, answers go first.
  setPriority(10);
} catch {
  // not permitted here; build at normal priority
}
// Imported after lowering the priority: loading them is part of the work.
const { IndexBuilder } = await import('./index-builder.js');
const { embedderFromSpec, transferables } = await import('./index-store.js');

const options = (workerData as { options: WorkerOptions }).options;
const builder = new IndexBuilder({ ...options, embedder: embedderFromSpec(options.embedder) }, 'parts');

parentPort!.on('message', async (request: BuildRequest & { id: number }) => {
  try {
    const result = await builder.prepare(request);
    // The typed arrays move to the other thread instead of being copied.
    parentPort!.postMessage({ id: request.id, result }, result.parts ? transferables(result.parts) : []);
  } catch (err) {
    parentPort!.postMessage({ id: request.id, error: (err as Error).message ?? String(err) });
  }
});
