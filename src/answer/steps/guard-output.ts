import type { AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { outputGuardFor } from '../llm-composer.js';

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
  const fallback = ctx.fallback!;
  ctx.answer = fallback.text;
  ctx.sources = fallback.sources;
  ctx.facts = fallback.facts;
  ctx.composer = 'extractive';
  ctx.llmFallback = failure.reason;
  ctx.metrics['guard_output.replaced'] = 1;
}
