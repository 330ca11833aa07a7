import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { redact } from '../privacy/redact.js';
import { normalizeQuestion } from '../text/question.js';
import { CANNED, type CannedReplies } from './canned.js';
import type { AnswerContext, AnswerSource, Turn } from './context.js';
import type { AnswerFact } from './facts.js';
import type { AnswerDeps } from './deps.js';
import { runPipeline } from './pipeline.js';
import { GROUNDED_STATUSES, type AnswerStatus } from './statuses.js';

export interface AskInput {
  question: string;
  sessionId: string;
  history: readonly Turn[];
  /** The citizen's language (a catalogue code); canned replies are in it. */
  lang?: string;
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
}

export interface AnswerResult {
  answerId: string;
  sessionId: string;
  /** The question as stored: redacted of personal data. */
  question: string;
  status: AnswerStatus;
  grounded: boolean;
  answer: string;
  sources: AnswerSource[];
  followUps: string[];
  facts: AnswerFact[];
  metrics: Record<string, number>;
  /** `llm`, `extractive`, or `extractive_after_llm:<reason>` when the model's answer was abandoned. */
  composer?: string;
}

export type AnswerService = ReturnType<typeof createAnswerService>;

/** Answers one question: runs the pipeline and logs the outcome (redacted). */
export function createAnswerService(deps: AnswerDeps, logger: Logger) {
  return {
    async ask(input: AskInput): Promise<AnswerResult> {
      const ctx = { ...newAnswerContext(input.question, input.history, input.onDelta, input.signal, deps.replies?.(input.lang)), lang: input.lang };
      await runPipeline(ctx, deps, logger);
      const status = ctx.status ?? 'error_non_specific';
      const grounded = GROUNDED_STATUSES.has(status) && ctx.sources.length > 0;
      const answerId = randomUUID();
      const composer = ctx.llmFallback ? `extractive_after_llm:${ctx.llmFallback}` : ctx.composer;
      const question = redact(ctx.question);
      const metrics = roundAll(ctx.metrics);
      logger.info(
        {
          event: 'answer',
          sessionId: input.sessionId,
          answerId,
          status,
          grounded,
          composer,
          question,
          sources: ctx.sources.map((s) => s.id),
          coverage: ctx.retrieval ? Number(ctx.retrieval.coverage.toFixed(3)) : undefined,
          ms: metrics,
        },
        'answered',
      );
      return {
        answerId,
        sessionId: input.sessionId,
        question,
        status,
        grounded,
        answer: ctx.answer,
        sources: ctx.sources,
        followUps: ctx.followUps,
        facts: ctx.facts,
        metrics,
        composer,
      };
    },
  };
}

export function newAnswerContext(
  question: string,
  history: readonly Turn[] = [],
  onDelta: (text: string) => void = () => {},
  signal?: AbortSignal,
  replies: CannedReplies = CANNED,
): AnswerContext {
  const q = normalizeQuestion(question);
  return {
    question,
    q,
    search: q,
    standalone: question,
    history,
    personalData: [],
    aboutOwnDossier: false,
    answer: '',
    sources: [],
    followUps: [],
    facts: [],
    metrics: {},
    replies,
    onDelta,
    signal,
  };
}

function roundAll(m: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 100) / 100]));
}
