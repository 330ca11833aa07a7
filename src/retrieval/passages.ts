import { sourceOf } from '../answer/steps/compose.js';
import { retrieve, type RetrievalOptions } from './hybrid.js';
import type { KnowledgeSnapshot } from './snapshot.js';

/**
 * The `k` best passages for a query, across documents, each with its document, section and score,
 * plus whether the query is grounded (what `GET /api/search` returns, e.g. for the desk's search).
 */
export async function searchPassages(snapshot: KnowledgeSnapshot, query: string, k: number, opts: RetrievalOptions) {
  const result = await retrieve(snapshot, query, opts);
  const passages = result.documents
    .flatMap((d) => d.chunks.map((c) => ({ ...sourceOf(snapshot, d.docId, c.chunk.section, c.score), text: c.chunk.text })))
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
  return { grounded: result.grounded, coverage: Number(result.coverage.toFixed(3)), passages };
}
