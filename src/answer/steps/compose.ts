import type { KnowledgeSnapshot } from '../../retrieval/snapshot.js';
import { tuning } from '../../tuning.js';
import { AbortPipeline, type AnswerContext, type AnswerSource } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { englishPreface } from '../english.js';
import { composeExtractive } from '../extractive.js';
import { composeWithLlm, NO_ANSWER_MARKER } from '../llm-composer.js';
import { LlmFallback } from '../../llm/deadline.js';
import { buildPlan } from '../plan.js';

/**
 * The extractive answer (always computed: it is also the fallback), then, with an LLM configured,
 * the generated answer streamed token by token. A model error or timeout falls back to extractive,
 * which is sent whole in the answer frame, without deltas.
 * When the guidance does not say what is asked, the reply says so (`not_covered`) and no model is asked.
 */
export async function composeStep(ctx: AnswerContext, deps: AnswerDeps): Promise<void> {
  const snapshot = deps.snapshot();
  const retrieval = ctx.retrieval;
  const chosen = ctx.topics;
  if (!retrieval || !chosen || chosen.topics.length === 0 || !chosen.topics.every((t) => snapshot.docById.has(t.docId))) {
    throw new AbortPipeline('unanswerable_no_content', ctx.replies.unanswerable_no_content);
  }
  const t = deps.answer ?? tuning().answer;
  const today = new Date(deps.now?.() ?? Date.now()).toISOString().slice(0, 10);
  const built = buildPlan(snapshot, ctx.search, chosen, retrieval.coverage, today, t);
  // About their own dossier: the tracking guide's steps, whatever else the words say.
  const plan = { ...(ctx.aboutOwnDossier ? { ...built, types: ['steps' as const], guide: true, unsure: false } : built), replies: ctx.replies };
  ctx.plan = plan;
  const extractive = composeExtractive(plan, t);
  ctx.fallback = extractive;

  const first = plan.topics[0].doc;
  const preface = [
    ctx.emergency?.line ?? '',
    ctx.personalData.length > 0 ? ctx.replies.personal_data_notice : '',
    ctx.aboutOwnDossier ? ctx.replies.needs_personal_data : '',
    ctx.english ? englishPreface(first.title, first.official_url) : '',
  ].filter(Boolean);
  ctx.status = ctx.aboutOwnDossier ? 'needs_personal_data' : extractive.status;
  ctx.followUps = extractive.followUps;
  ctx.facts = extractive.facts;

  if (deps.llm && deps.prompts && !ctx.aboutOwnDossier && extractive.status !== 'not_covered') {
    const started = performance.now();
    for (const p of preface) ctx.onDelta(`${p}\n\n`);
    try {
      const generated = await composeWithLlm(ctx, deps, snapshot);
      ctx.metrics['compose.llm'] = performance.now() - started;
      if (generated.text.trim() === NO_ANSWER_MARKER) {
        throw new AbortPipeline('unanswerable_no_content', ctx.replies.unanswerable_no_content);
      }
      ctx.answer = [...preface, generated.text].join('\n\n');
      ctx.sources = generated.sources;
      ctx.composer = 'llm';
      return;
    } catch (err) {
      if (err instanceof AbortPipeline) throw err;
      ctx.metrics['compose.llm'] = performance.now() - started;
      ctx.metrics['compose.llm_failed'] = 1;
      ctx.llmFallback = err instanceof LlmFallback ? err.reason : 'error';
      deps.logger.warn({ reason: ctx.llmFallback, err: { message: (err as Error).message, name: (err as Error).name } }, 'LLM answer abandoned, answering extractively');
    }
  }

  // Composed at once: no deltas, the answer frame carries it whole (one frame instead of one per paragraph).
  ctx.answer = [...preface, extractive.text].join('\n\n');
  ctx.sources = extractive.sources;
  ctx.composer = 'extractive';
}

export function sourceOf(snapshot: KnowledgeSnapshot, docId: string, section: string, score: number): AnswerSource {
  const doc = snapshot.docById.get(docId);
  return { id: docId, title: doc?.title ?? docId, url: doc?.official_url ?? '', section, score: Number(score.toFixed(4)) };
}
