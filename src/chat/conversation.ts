import type { Logger } from 'pino';
import type { AnswerResult, AnswerService } from '../answer/answer-service.js';
import type { HandoffDesk } from '../handoff/desk.js';
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

/**
 * One citizen turn with everything around it: the question is stored (redacted) before anything
 * else; during a live handoff it goes to the staff member instead of the bot; otherwise the bot
 * answers with the stored history, and the answer is stored before it is returned.
 */
export function createConversationService(deps: { store: Store; answers: AnswerService; desk: HandoffDesk; historyTurns: number; logger: Logger }) {
  const { store, answers, desk } = deps;
  return {
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
      return { kind: 'answered', result };
    },
  };
}
