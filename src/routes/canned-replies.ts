import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpError } from '../lib/errors.js';
import { cannedReplyBodySchema, cannedReplyListSchema, cannedReplyParamsSchema, cannedReplySchema } from '../schemas/canned-replies.js';

const BAD_BODY = 'Cần {"title": 1–80 ký tự, "text": 1–2000 ký tự}.';
const notFound = () => new HttpError(404, 'not_found', 'Không tìm thấy câu trả lời mẫu này (có thể đã bị xoá).');

/**
 * Canned replies: the desk reads them (staff), admins write them (session, CSRF token, audit log with
 * the reply's id and title, never its text). See docs/staff-api.md.
 */
const cannedReplyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { staffAuth, store } = app;
  const { cannedReplies, audit } = store;
  const staffOnly = staffAuth.require('staff');
  const adminOnly = staffAuth.require('admin');

  app.get('/api/staff/canned-replies', { preHandler: staffOnly, schema: { response: { 200: cannedReplyListSchema } } }, async () => ({
    replies: await cannedReplies.list(),
  }));

  app.post(
    '/api/admin/canned-replies',
    { preHandler: adminOnly, schema: { body: cannedReplyBodySchema, response: { 201: cannedReplySchema } }, config: { badRequest: BAD_BODY } },
    async (req, reply) => {
      const by = req.staff!.user.username;
      const created = await cannedReplies.create({ ...req.body, by });
      await audit.record(by, 'canned_reply_created', `${created.id} ${created.title}`);
      return reply.code(201).send(created);
    },
  );

  app.put(
    '/api/admin/canned-replies/:id',
    { preHandler: adminOnly, schema: { params: cannedReplyParamsSchema, body: cannedReplyBodySchema, response: { 200: cannedReplySchema } }, config: { badRequest: BAD_BODY } },
    async (req) => {
      const by = req.staff!.user.username;
      const updated = await cannedReplies.update(req.params.id, { ...req.body, by });
      if (!updated) throw notFound();
      await audit.record(by, 'canned_reply_updated', `${updated.id} ${updated.title}`);
      return updated;
    },
  );

  app.delete('/api/admin/canned-replies/:id', { preHandler: adminOnly, schema: { params: cannedReplyParamsSchema } }, async (req, reply) => {
    if (!(await cannedReplies.delete(req.params.id))) throw notFound();
    await audit.record(req.staff!.user.username, 'canned_reply_deleted', req.params.id);
    return reply.code(204).send();
  });
};

export default cannedReplyRoutes;
