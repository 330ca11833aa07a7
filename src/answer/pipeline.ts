import type { Logger } from 'pino';
import { AbortPipeline, type AnswerContext } from './context.js';
import type { AnswerDeps } from './deps.js';
import { composeStep } from './steps/compose.js';
import { guardInputStep } from './steps/guard-input.js';
import { guardOutputStep } from './steps/guard-output.js';
import { rephraseStep } from './steps/rephrase.js';
import { retrieveStep } from './steps/retrieve.js';
import { routeStep } from './steps/route.js';
import { finishEmergency, refuseUnanswered, safetyStep } from './steps/safety.js';

export type Step = (ctx: AnswerContext, deps: AnswerDeps) => Promise<void> | void;

export const PIPELINE: ReadonlyArray<[name: string, step: Step]> = [
  ['guard_input', guardInputStep],
  ['safety', safetyStep],
  ['route', routeStep],
  ['rephrase', rephraseStep],
  ['retrieve', retrieveStep],
  ['compose', composeStep],
  ['guard_output', guardOutputStep],
];

/**
 * Runs the steps in order over one context. A step ends the run early by throwing
 * AbortPipeline(status, reply); any other error becomes `error_non_specific` with a canned reply,
 * so the citizen always gets an answer.
 */
export async function runPipeline(ctx: AnswerContext, deps: AnswerDeps, logger?: Logger): Promise<AnswerContext> {
  const started = performance.now();
  for (const [name, step] of PIPELINE) {
    const t = performance.now();
    try {
      await step(ctx, deps);
    } catch (err) {
      if (err instanceof AbortPipeline) {
        ctx.status = err.status;
        ctx.answer = err.reply;
        ctx.sources = [];
      } else {
        logger?.error({ err, step: name }, 'answer step failed');
        ctx.status = 'error_non_specific';
        ctx.answer = ctx.replies.error_non_specific;
        ctx.sources = [];
      }
      ctx.metrics[name] = performance.now() - t;
      break;
    }
    ctx.metrics[name] = performance.now() - t;
  }
  ctx.status ??= 'answered';
  refuseUnanswered(ctx, deps);
  finishEmergency(ctx);
  ctx.metrics.total = performance.now() - started;
  return ctx;
}
