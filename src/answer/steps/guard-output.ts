import type { AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { composeExtractive } from '../extractive.js';
import { outputGuardFor } from '../llm-composer.js';
import { sourceOf } from './compose.js';

/**
 * In LLM mode, the whole answer is checked once more after streaming (each sentence already was,
 * before it was shown): anything the output guard refuses (a number, sum, link or email the
 * passages do not contain, an OTP/password instruction, a script link) replaces the answer with the
 * extractive one.
 */
export function guardOutputStep(ctx: AnswerContext, deps: AnswerDeps): void {
  if (ctx.composer !== 'llm' || !ctx.passages) return;
  const failure = outputGuardFor(ctx.passages, deps).check(ctx.answer);
  if (!failure) return;
  deps.logger.warn({ reason: failure.reason }, 'LLM answer failed the output guard; using the extractive answer');
  const snapshot = deps.snapshot();
  const top = ctx.retrieval!.documents[0];
  const doc = snapshot.docById.get(top.docId)!;
  const extractive = composeExtractive(ctx.standalone, doc, top, false);
  ctx.answer = extractive.text;
  ctx.sources = [sourceOf(snapshot, doc.id, extractive.sections.join(' · '), top.score)];
  ctx.composer = 'extractive';
  ctx.llmFallback = failure.reason;
  ctx.metrics['guard_output.replaced'] = 1;
}
