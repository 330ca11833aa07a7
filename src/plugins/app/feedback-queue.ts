import fp from 'fastify-plugin';
import { createFeedbackQueue, type FeedbackQueue } from '../../feedback/queue.js';

declare module 'fastify' {
  interface FastifyInstance {
    feedbackQueue: FeedbackQueue;
  }
}

/** `app.feedbackQueue`: góp ý, phản ánh, comments and call-backs with tracking codes (feedback/queue.ts). */
export default fp(
  async (app) => {
    const { store, clock, config, staffAuth } = app;
    app.decorate(
      'feedbackQueue',
      createFeedbackQueue({ store, clock, logger: app.log, dueDays: config.FEEDBACK_DUE_DAYS, accountExists: (u) => staffAuth.hasAccount(u) }),
    );
  },
  { name: 'feedback-queue', dependencies: ['config', 'store', 'clock', 'staff-auth'] },
);
