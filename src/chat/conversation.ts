import type { AnswerResult, AnswerService } from '../answer/answer-service.js';
import type { HandoffDesk } from '../handoff/desk.js';
import type { Metrics } from '../plugins/app/metrics.js';
import { redact } from '../privacy/redact.js';
import type { Store } from '../store/store.js';

export interface ConversationAsk {
  sessionId: string;
  text: string;
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  /** Called once the question is committed to the store (the moment to acknowledge it). */
  onStored?: () => void;
}

export type ConversationOutcome = { kind: 'answered'; result: AnswerResult } | { kind: 'forwarded' };

export type ConversationService = ReturnType<typeof createConversationService>;

export interface ConversationDeps {
  store: Store;
  answers: AnswerService;
  desk: HandoffDesk;
  metrics: Pick<Metrics, 'recordAnswer'>;
  historyTurns: number;
}

/**
 * What a citizen does, over the websocket or HTTP, with storage around it. A question is stored
 * (redacted) before anything else; during a live handoff it goes to the staff member instead of the
 * bot; otherwise the bot answers with the stored history, and the answer is stored (and counted)
 * before it is returned. Free-text comments are redacted before they are stored.
 */
export function createConversationService(deps: ConversationDeps) {
  const { store, answers, desk, metrics } = deps;
  return {
    /** The session if known, else a new one. */
    openSession: (sessionId?: string): string => store.openSession(sessionId),

    async ask(input: ConversationAsk): Promise<ConversationOutcome> {
      const stored = redact(input.text.normalize('NFC').trim());
      if (stored) store.addMessage({ sessionId: input.sessionId, role: 'citizen', text: stored });
      input.onStored?.();
      if (stored && desk.forwardIfTaken(input.sessionId, stored)) return { kind: 'forwarded' };

      const history = store.history(input.sessionId, deps.historyTurns);
      const result = await answers.ask({ question: input.text, sessionId: input.sessionId, history, onDelta: input.onDelta, signal: input.signal });
      store.addAnswer({
        id: result.answerId,
        sessionId: input.sessionId,
        question: result.question,
        text: result.answer,
        status: result.status,
        grounded: result.grounded,
        sources: result.sources,
        totalMs: result.metrics.total,
      });
      metrics.recordAnswer(result);
      return { kind: 'answered', result };
    },

    /** Stores a rating of one of the session's answers; false if there is no such answer. */
    rate(input: { sessionId: string; answerId: string; rating: 'up' | 'down'; comment?: string }): boolean {
      if (!store.answerExists(input.answerId, input.sessionId)) return false;
      store.addFeedback({ ...input, comment: input.comment && redact(input.comment) });
      return true;
    },

    survey(input: { sessionId: string; score: number; comment?: string }): void {
      store.addSurvey({ ...input, comment: input.comment && redact(input.comment) });
    },
  };
}
