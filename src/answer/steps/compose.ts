import type { KnowledgeSnapshot } from '../../retrieval/snapshot.js';
import { AbortPipeline, type AnswerContext, type AnswerSource } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { composeExtractive } from '../extractive.js';
import { composeWithLlm, NO_ANSWER_MARKER } from '../llm-composer.js';
import { LlmFallback } from '../../llm/deadline.js';

/** Confidence under which the extractive answer also offers a person. */
const UNSURE_COVERAGE = 0.7;

/**
 * The extractive answer (always computed: it is also the fallback), then, with an LLM configured,
 * the generated answer streamed token by token. A model error or timeout falls back to extractive.
 */
export async function composeStep(ctx: AnswerContext, deps: AnswerDeps): Promise<void> {
  const snapshot = deps.snapshot();
  const retrieval = ctx.retrieval;
  const top = retrieval?.documents[0];
  const doc = top && snapshot.docById.get(top.docId);
  if (!retrieval || !top || !doc) throw new AbortPipeline('unanswerable_no_content', ctx.replies.unanswerable_no_content);

  const unsure = retrieval.coverage < UNSURE_COVERAGE;
  const extractive = composeExtractive(ctx.standalone, doc, top, unsure);
  const preface = [
    ctx.emergency?.line ?? '',
    ctx.personalData.length > 0 ? ctx.replies.personal_data_notice : '',
    ctx.aboutOwnDossier ? ctx.replies.needs_personal_data : '',
  ].filter(Boolean);
  ctx.status = ctx.aboutOwnDossier ? 'needs_personal_data' : 'answered';
  ctx.followUps = extractive.followUps;
  for (const p of preface) ctx.onDelta(`${p}\n\n`);

  if (deps.llm && deps.prompts && !ctx.aboutOwnDossier) {
    const t = performance.now();
    try {
      const generated = await composeWithLlm(ctx, deps, snapshot);
      ctx.metrics['compose.llm'] = performance.now() - t;
      if (generated.text.trim() === NO_ANSWER_MARKER) {
        throw new AbortPipeline('unanswerable_no_content', ctx.replies.unanswerable_no_content);
      }
      ctx.answer = [...preface, generated.text].join('\n\n');
      ctx.sources = generated.sources;
      ctx.composer = 'llm';
      return;
    } catch (err) {
      if (err instanceof AbortPipeline) throw err;
      ctx.metrics['compose.llm'] = performance.now() - t;
      ctx.metrics['compose.llm_failed'] = 1;
      ctx.llmFallback = err instanceof LlmFallback ? err.reason : 'error';
      deps.logger.warn({ reason: ctx.llmFallback, err: { message: (err as Error).message, name: (err as Error).name } }, 'LLM answer abandoned, answering extractively');
    }
  }

  await streamText(ctx, extractive.text);
  ctx.answer = [...preface, extractive.text].join('\n\n');
  ctx.sources = [sourceOf(snapshot, top.docId, extractive.sections.join(' · '), top.score)];
  ctx.composer = 'extractive';
}

export function sourceOf(snapshot: KnowledgeSnapshot, docId: string, section: string, score: number): AnswerSource {
  const doc = snapshot.docById.get(docId);
  return { id: docId, title: doc?.title ?? docId, url: doc?.official_url ?? '', section, score: Number(score.toFixed(4)) };
}

/** Sends a composed text as a few deltas (by paragraph), so clients render it progressively. */
async function streamText(ctx: AnswerContext, text: string): Promise<void> {
  const pieces = text.split(/(?<=\n\n)/);
  for (const piece of pieces) {
    if (ctx.signal?.aborted) return;
    ctx.onDelta(piece);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
