import { retrieve } from '../../retrieval/hybrid.js';
import { AbortPipeline, type AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';

/** Hybrid search; nothing relevant enough → `unanswerable_no_content`. */
export async function retrieveStep(ctx: AnswerContext, deps: AnswerDeps): Promise<void> {
  const snapshot = deps.snapshot();
  const result = await retrieve(snapshot, ctx.standalone, deps.retrieval);
  ctx.retrieval = result;
  ctx.metrics['retrieve.lexical'] = result.timings.lexicalMs;
  ctx.metrics['retrieve.vector'] = result.timings.vectorMs;
  if (ctx.aboutOwnDossier && deps.dossierGuideDocId && snapshot.docById.has(deps.dossierGuideDocId)) {
    const guide = result.documents.find((d) => d.docId === deps.dossierGuideDocId);
    const rest = result.documents.filter((d) => d !== guide);
    const guideHit = guide ?? { docId: deps.dossierGuideDocId, score: result.documents[0]?.score ?? 1, chunks: [] };
    result.documents = [guideHit, ...rest];
    result.grounded = true;
    return;
  }
  if (!result.grounded) throw new AbortPipeline('unanswerable_no_content', ctx.replies.unanswerable_no_content);
}
