import { retrieve } from '../../retrieval/hybrid.js';
import { tuning } from '../../tuning.js';
import { AbortPipeline, type AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { chooseTopics } from '../plan.js';

/**
 * Hybrid search, then which document(s) to answer from (a follow-up may stay on the last one, a
 * message may name two procedures). Nothing relevant enough → `unanswerable_no_content`.
 */
export async function retrieveStep(ctx: AnswerContext, deps: AnswerDeps): Promise<void> {
  const snapshot = deps.snapshot();
  const result = await retrieve(snapshot, ctx.search, deps.retrieval);
  ctx.retrieval = result;
  ctx.metrics['retrieve.lexical'] = result.timings.lexicalMs;
  ctx.metrics['retrieve.vector'] = result.timings.vectorMs;
  if (ctx.aboutOwnDossier && deps.dossierGuideDocId && snapshot.docById.has(deps.dossierGuideDocId)) {
    const guide = result.documents.find((d) => d.docId === deps.dossierGuideDocId);
    ctx.topics = { topics: [{ docId: deps.dossierGuideDocId, score: guide?.score ?? result.documents[0]?.score ?? 1 }], followUp: false, carryTypes: [] };
    return;
  }
  ctx.topics = chooseTopics(snapshot, ctx.search, result, ctx.previous, deps.answer ?? tuning().answer);
  if (ctx.topics.topics.length === 0) throw new AbortPipeline('unanswerable_no_content', ctx.replies.unanswerable_no_content);
}
