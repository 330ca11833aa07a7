import type { FastifyPluginAsync } from 'fastify';
import adminRoutes from './admin.js';
import askRoutes from './ask.js';
import chatWsRoutes from './chat-ws.js';
import cannedReplyRoutes from './canned-replies.js';
import feedbackRoutes from './feedback.js';
import healthRoutes from './health.js';
import metricsRoutes from './metrics.js';
import pageRoutes from './pages.js';
import publicStatsRoutes from './public-stats.js';
import staffRoutes from './staff.js';
import widgetRoutes from './widget.js';

/** Every route group; each reads the services it needs from the app's decorators. */
const routes: FastifyPluginAsync = async (app) => {
  for (const group of [healthRoutes, metricsRoutes, askRoutes, chatWsRoutes, widgetRoutes, pageRoutes, staffRoutes, adminRoutes, publicStatsRoutes, feedbackRoutes, cannedReplyRoutes]) {
    await app.register(group);
  }
};

export default routes;
