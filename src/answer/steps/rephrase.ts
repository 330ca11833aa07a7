import type { AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { looksLikeFollowUp } from '../intents.js';
import { turnDeadline } from '../llm-composer.js';
import { withRetry } from '../../llm/retry.js';

/**
 * Turns a follow-up ("còn lệ phí thì sao?") into a standalone question using the document of the
 * last answered turn. With an LLM configured, the model condenses the question with the history
 * instead (falling back to this rule if it fails).
 */
export async function rephraseStep(ctx: AnswerContext, deps: AnswerDeps): Promise<void> {
  const last = [...ctx.history].reverse().find((t) => t.docId);
  if (!last?.docId) return;
  const doc = deps.snapshot().docById.get(last.docId);
  if (!doc) return;
  if (!looksLikeFollowUp(ctx.q)) return;
  if (deps.llm && deps.prompts) {
    try {
      const messages = deps.prompts.condense(ctx.history, ctx.question);
      const condensed = await withRetry((signal) => deps.llm!.complete(messages, signal), turnDeadline(ctx, deps));
      const line = condensed.trim().split('\n')[0]?.trim();
      if (line && line.length <= 400) {
        ctx.standalone = line;
        return;
      }
    } catch (err) {
      deps.logger.warn({ err }, 'condense failed, using the rule');
    }
  }
  ctx.standalone = `${doc.title}: ${ctx.question}`;
}
