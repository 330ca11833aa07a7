import { plainFolded } from '../../text/vietnamese.js';
import type { AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { topicTokens } from '../intents.js';

const FOLLOW_UP_CUE =
  /^(con|the con|vay|vay thi|the thi|nhu vay|neu vay|con neu|con viec|con cai|con ve)\b|\b(thi sao|the nao nua|nua khong|nua ko|o tren|vua roi|vua noi|thu tuc (nay|do|tren)|viec (nay|do)|cai (nay|do))\b/;

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
  const isFollowUp = FOLLOW_UP_CUE.test(plainFolded(ctx.question)) || topicTokens(ctx.question).length === 0;
  if (!isFollowUp) return;
  if (deps.llm && deps.prompts) {
    try {
      const condensed = await deps.llm.complete(deps.prompts.condense(ctx.history, ctx.question), ctx.signal);
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
