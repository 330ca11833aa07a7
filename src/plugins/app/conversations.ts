import fp from 'fastify-plugin';
import { createConversationService, type ConversationService } from '../../chat/conversation.js';

declare module 'fastify' {
  interface FastifyInstance {
    conversations: ConversationService;
  }
}

/** `app.conversations`: a citizen's turns, ratings and surveys, stored, with the desk and metrics around the answers. */
export default fp(
  async (app) => {
    const { store, feedbackQueue, answers, desk, metrics, config } = app;
    app.decorate('conversations', createConversationService({ store, queue: feedbackQueue, answers, desk, metrics, historyTurns: config.HISTORY_TURNS }));
  },
  { name: 'conversations', dependencies: ['config', 'store', 'feedback-queue', 'answers', 'desk', 'metrics'] },
);
