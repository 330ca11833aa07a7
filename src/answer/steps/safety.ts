import { decide } from '../../safety/decide.js';
import { bundledLexicon } from '../../safety/lexicon.js';
import { classifierRefusal, type ClassifierModel } from '../../safety/classifier.js';
import { bundledClassifier, safetyMatches } from '../../safety/safety-matches.js';
import { AbortPipeline, type AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { GROUNDED_STATUSES } from '../statuses.js';

const DEFAULT_HOTLINE = '18001096';

/**
 * Before anything is searched: a person in danger gets the emergency numbers at once; requests
 * for something illegal, for other people's personal data, political opinions, insults or threats
 * against officials and prompt injection get a kind refusal that points to the lawful path. The
 * categories and their words live in `knowledge/_safety.yaml`; an emergency the lexicon's words miss
 * may still be read by the classifier behind it (`src/safety/classifier.ts`).
 */
export function safetyStep(ctx: AnswerContext, deps: AnswerDeps): void {
  const lexicon = deps.safety?.current() ?? bundledLexicon();
  const decision = decide(safetyMatches(lexicon, ctx.question, classifierOf(deps)), deps.supportHotline ?? DEFAULT_HOTLINE, deps.safetyWords?.(ctx.lang));
  if (!decision) return;
  deps.logger.info({ event: 'safety', status: decision.status, categories: decision.categories, ...(decision.byClassifier ? { by: 'classifier' } : {}) }, 'safety step answered');
  if (decision.thenAnswer && decision.line) {
    ctx.emergency = { line: decision.line, reply: decision.reply };
    return;
  }
  throw new AbortPipeline(decision.status, decision.reply);
}

/** The deps' classifier; null: none (an undefined one would be the bundled one). */
function classifierOf(deps: AnswerDeps): ClassifierModel | null {
  return deps.safetyClassifier === null ? null : (deps.safetyClassifier ?? bundledClassifier());
}

/** Statuses of a question the documents did not answer, which the classifier may turn into a refusal. */
const UNANSWERED = new Set(['not_covered', 'unanswerable_no_content', 'out_of_scope']);

/**
 * After the pipeline: a question the documents do not answer, which the classifier behind the
 * lexicon reads as a request to refuse, gets that refusal instead of "not covered". Questions the
 * documents answer are never refused by the classifier (it also scores some plain ones high).
 */
export function refuseUnanswered(ctx: AnswerContext, deps: AnswerDeps): void {
  const model = classifierOf(deps);
  if (!model || ctx.emergency || !ctx.status || !UNANSWERED.has(ctx.status)) return;
  const lexicon = deps.safety?.current() ?? bundledLexicon();
  const decision = decide(classifierRefusal(model, lexicon, ctx.question), deps.supportHotline ?? DEFAULT_HOTLINE, deps.safetyWords?.(ctx.lang));
  if (!decision) return;
  deps.logger.info({ event: 'safety', status: decision.status, categories: decision.categories, by: 'classifier' }, 'safety step answered');
  ctx.status = decision.status;
  ctx.answer = decision.reply;
  ctx.sources = [];
  ctx.followUps = [];
}

/**
 * After the pipeline, for an emergency the documents may also answer: a grounded answer keeps the
 * numbers line first (`emergency_answered`); anything else becomes the full emergency reply.
 */
export function finishEmergency(ctx: AnswerContext): void {
  if (!ctx.emergency) return;
  const { line, reply } = ctx.emergency;
  if (ctx.status && GROUNDED_STATUSES.has(ctx.status) && ctx.sources.length > 0) {
    ctx.status = 'emergency_answered';
    if (!ctx.answer.startsWith(line)) ctx.answer = `${line}\n\n${ctx.answer}`;
    return;
  }
  ctx.status = 'emergency';
  ctx.answer = reply;
  ctx.sources = [];
  ctx.followUps = [];
}
