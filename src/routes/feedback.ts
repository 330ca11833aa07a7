import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { QueueError } from '../feedback/queue.js';
import { HttpError } from '../lib/errors.js';
import type { FeedbackItem } from '../store/store.js';
import {
  feedbackChangeBodySchema,
  feedbackCodeParamsSchema,
  feedbackItemParamsSchema,
  feedbackListQuerySchema,
  feedbackReplyBodySchema,
  feedbackRequestBodySchema,
  feedbackRequestReplySchema,
  publicFeedbackSchema,
} from '../schemas/feedback.js';

const STATUS: Record<QueueError['code'], number> = { not_found: 404, forbidden: 403, not_yours: 403, unknown_assignee: 400, already_answered: 409 };

/**
 * The feedback queue over HTTP: citizens send a góp ý / phản ánh and read its status by tracking
 * code (rate-limited per address); staff and admins list, assign, move and answer items (session,
 * CSRF token, audit log). See docs/staff-api.md.
 */
const feedbackRoutes: FastifyPluginAsyncZod = async (app) => {
  const { feedbackQueue, staffAuth, store, clock, config } = app;
  const rateLimit = { max: config.FEEDBACK_RATE_LIMIT, timeWindow: '1 minute' };
  const staffOnly = staffAuth.require('staff');

  app.post(
    '/api/feedback-requests',
    {
      schema: { body: feedbackRequestBodySchema, response: { 201: feedbackRequestReplySchema } },
      config: {
        rateLimit,
        badRequest: 'Cần gửi {"kind": "suggestion" hoặc "complaint", "text": 5–2000 ký tự, "contact"?: số điện thoại hoặc email}.',
      },
    },
    async (req, reply) => {
      const item = await feedbackQueue.submit(req.body);
      return reply.code(201).send({ code: item.code, status: 'new' as const, dueAt: item.dueAt });
    },
  );

  app.get(
    '/api/public/feedback/:code',
    { schema: { params: feedbackCodeParamsSchema, response: { 200: publicFeedbackSchema } }, config: { rateLimit } },
    async (req) => {
      const item = await feedbackQueue.lookup(req.params.code);
      if (!item) throw new HttpError(404, 'unknown_code', 'Không tìm thấy mã theo dõi này. Bà con kiểm tra lại mã giúp.');
      return item;
    },
  );

  const view = (item: FeedbackItem) => ({ ...item, overdue: item.status !== 'answered' && Date.parse(item.dueAt) < clock.now() });

  app.get('/api/staff/feedback', { preHandler: staffOnly, schema: { querystring: feedbackListQuerySchema } }, async (req) => {
    const { status, kind, assignee, limit } = req.query;
    return { items: (await feedbackQueue.list({ status, kind, assignee }, limit)).map(view) };
  });

  app.get('/api/staff/feedback/:id', { preHandler: staffOnly, schema: { params: feedbackItemParamsSchema } }, async (req) => {
    const item = await queueCall(feedbackQueue.get(req.params.id));
    const transcript = item.sessionId ? await store.conversations.transcript(item.sessionId, 30) : [];
    return { item: view(item), transcript };
  });

  app.patch(
    '/api/staff/feedback/:id',
    {
      preHandler: staffOnly,
      schema: { params: feedbackItemParamsSchema, body: feedbackChangeBodySchema },
      config: { badRequest: 'Cần ít nhất một trong: status ("new" | "in_progress"), assignee, dueAt (ISO 8601).' },
    },
    async (req) => ({ item: view(await queueCall(feedbackQueue.change(req.params.id, req.body, req.staff!.user))) }),
  );

  app.post(
    '/api/staff/feedback/:id/reply',
    { preHandler: staffOnly, schema: { params: feedbackItemParamsSchema, body: feedbackReplyBodySchema }, config: { badRequest: 'Câu trả lời trống hoặc quá dài.' } },
    async (req) => ({ item: view(await queueCall(feedbackQueue.reply(req.params.id, req.body.text, req.staff!.user))) }),
  );
};

/** A queue refusal as the HTTP error the staff page shows. */
async function queueCall<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof QueueError) throw new HttpError(STATUS[err.code], err.code, err.message);
    throw err;
  }
}

export default feedbackRoutes;
