import { decide } from '../../safety/decide.js';
import { bundledLexicon } from '../../safety/lexicon.js';
import { safetyMatches } from '../../safety/safety-matches.js';
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
  const decision = decide(safetyMatches(lexicon, ctx.question), deps.supportHotline ?? DEFAULT_HOTLINE, deps.safetyWords?.(ctx.lang));
  if (!decision) return;
  deps.logger.info({ event: 'safety', status: decision.status, categories: decision.categories, ...(decision.byClassifier ? { by: 'classifier' } : {}) }, 'safety step answered');
  if (decision.thenAnswer && decision.line) {
    ctx.emergency = { line: decision.line, reply: decision.reply };
    return;
  }
  throw new AbortPipeline(decision.status, decision.reply);
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
