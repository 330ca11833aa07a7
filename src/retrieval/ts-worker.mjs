// Starts a TypeScript worker entry when the app runs from source (tsx, vitest); compiled builds start the .js entry directly.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
