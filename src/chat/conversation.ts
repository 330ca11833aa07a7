import type { AnswerResult, AnswerService } from '../answer/answer-service.js';
import type { FeedbackQueue } from '../feedback/queue.js';
import type { HandoffDesk } from '../handoff/desk.js';
import { stored } from '../lib/errors.js';
import type { Metrics } from '../plugins/app/metrics.js';
import { redact } from '../privacy/redact.js';
import type { Store } from '../store/store.js';

export interface ConversationAsk {
  sessionId: string;
  text: string;
  /** The citizen's language (a catalogue code): the bot's canned replies are in it. */
  lang?: string;
  onDelta?: (text: string) => void;
  signal?: AbortSignal;
  /** Called once the question is committed to the store (the moment to acknowledge it). */
  onStored?: () => void;
}

export type ConversationOutcome = { kind: 'answered'; result: AnswerResult } | { kind: 'forwarded' };

export type ConversationService = ReturnType<typeof createConversationService>;

export interface ConversationDeps {
  store: Pick<Store, 'conversations' | 'feedback' | 'handoffs'>;
  queue: Pick<FeedbackQueue, 'fromRating' | 'fromSurvey'>;
  answers: Pick<AnswerService, 'ask'>;
  desk: Pick<HandoffDesk, 'forwardIfTaken'>;
  metrics: Pick<Metrics, 'recordAnswer'>;
  historyTurns: number;
}

/**
 * What a citizen does, over the websocket or HTTP, with storage around it. During a live handoff a
 * question is stored (redacted) and goes to the staff member instead of the bot; otherwise the bot
 * answers with the stored history, and the question and its answer are stored in one transaction
 * (and counted) before the question is acknowledged and the answer returned. Free-text comments are redacted before they are stored. A citizen's write
 * that fails rejects with NotStoredError, and nothing is acknowledged.
 */
export function createConversationService(deps: ConversationDeps) {
  const { store, queue, answers, desk, metrics } = deps;
  return {
    /** The session if known, else a new one with an id the server chose (NotStoredError if it cannot be stored). */
    openSession: (sessionId?: string): Promise<string> => stored(store.conversations.openSession(sessionId)),

    async ask(input: ConversationAsk): Promise<ConversationOutcome> {
      const text = redact(input.text.normalize('NFC').trim());
      // The citizen's message, stored with the answer unless it goes to a person.
      let citizenText = text || undefined;
      if (text && (await store.handoffs.openFor(input.sessionId))?.state === 'taken') {
        await stored(store.conversations.addMessage({ sessionId: input.sessionId, role: 'citizen', text }));
        citizenText = undefined;
        input.onStored?.();
        if (await desk.forwardIfTaken(input.sessionId, text)) return { kind: 'forwarded' };
        // The person ended the chat meanwhile: the bot answers the message already stored.
      }
      const acknowledged = Boolean(text) && citizenText === undefined;

      const history = await store.conversations.history(input.sessionId, deps.historyTurns);
      const result = await answers.ask({ question: input.text, sessionId: input.sessionId, history, lang: input.lang, onDelta: input.onDelta, signal: input.signal });
      const answer = {
        id: result.answerId,
        sessionId: input.sessionId,
        question: result.question,
        text: result.answer,
        status: result.status,
        grounded: result.grounded,
        sources: result.sources,
        totalMs: result.metrics.total,
        composer: result.composer,
      };
      await stored(store.conversations.addAnswer(answer, { citizenText }));
      if (!acknowledged) input.onStored?.();
      metrics.recordAnswer(result);
      return { kind: 'answered', result };
    },

    /**
     * Stores a rating of one of the session's answers (false if the session has no such answer); a
     * thumbs-down with a comment also enters the feedback queue, and its tracking code is returned.
     */
    async rate(input: { sessionId: string; answerId: string; rating: 'up' | 'down'; comment?: string }): Promise<false | { code?: string }> {
      if (!(await store.conversations.answerExists(input.answerId, input.sessionId))) return false;
      const comment = input.comment?.trim() ? redact(input.comment.trim()) : undefined;
      await stored(store.feedback.addRating({ ...input, comment }));
      if (input.rating !== 'down' || !comment) return {};
      const item = await queue.fromRating({ sessionId: input.sessionId, answerId: input.answerId, comment });
      return { code: item.code };
    },

    /** Stores a survey; one with a comment also enters the feedback queue (its tracking code is returned). */
    async survey(input: { sessionId: string; score: number; comment?: string }): Promise<{ code?: string }> {
      const comment = input.comment?.trim() ? redact(input.comment.trim()) : undefined;
      await stored(store.feedback.addSurvey({ ...input, comment }));
      if (!comment) return {};
      const item = await queue.fromSurvey({ sessionId: input.sessionId, score: input.score, comment });
      return { code: item.code };
    },
  };
}
