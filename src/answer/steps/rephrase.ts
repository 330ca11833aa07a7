import { normalizeQuestion } from '../../text/question.js';
import type { AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { withRetry } from '../../llm/retry.js';
import { englishToVietnamese } from '../english.js';
import { turnDeadline } from '../llm-composer.js';
import { looksLikeFollowUp } from '../plan.js';
import { questionTypes } from '../question-types.js';

/**
 * Prepares what is searched: an English question becomes its Vietnamese keywords; the last answered
 * document and what was asked then are noted for follow-ups (decided in `retrieve`). With a model
 * configured, a follow-up is also condensed into a standalone question for the model's prompt.
 */
export async function rephraseStep(ctx: AnswerContext, deps: AnswerDeps): Promise<void> {
  const vietnamese = englishToVietnamese(ctx.q);
  if (vietnamese) {
    ctx.english = true;
    ctx.search = normalizeQuestion(vietnamese);
    ctx.standalone = vietnamese;
  }
  const last = [...ctx.history].reverse().find((t) => t.docId);
  if (!last?.docId || !deps.snapshot().docById.has(last.docId)) return;
  ctx.previous = { docId: last.docId, types: questionTypes(normalizeQuestion(last.question)).types };
  if (!deps.llm || !deps.prompts || !looksLikeFollowUp(ctx.search)) return;
  try {
    const messages = deps.prompts.condense(ctx.history, ctx.question);
    const condensed = await withRetry((signal) => deps.llm!.complete(messages, signal), turnDeadline(ctx, deps));
    const line = condensed.trim().split('\n')[0]?.trim();
    if (line && line.length <= 400) ctx.standalone = line;
  } catch (err) {
    deps.logger.warn({ err }, 'condense failed, answering from the last document');
  }
}
