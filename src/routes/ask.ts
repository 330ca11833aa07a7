import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { HttpError } from '../lib/errors.js';
import { searchPassages } from '../retrieval/passages.js';
import { retrievalOptions } from '../retrieval/options.js';
import { askBodySchema, askReplySchema, searchQuerySchema, searchReplySchema } from '../schemas/api.js';

const NOT_READY = () => new HttpError(503, 'not_ready', 'Hệ thống đang khởi động, bà con thử lại sau ít giây.');

/** `POST /api/ask` (one answer as JSON) and `GET /api/search` (scored passages). */
const askRoutes: FastifyPluginAsyncZod = async (app) => {
  const { knowledge, conversations, config } = app;
  const retrieval = retrievalOptions(config);
  // Per-address limits on the public API (the websocket has its own per-connection limits).
  const rateLimit = { max: config.HTTP_RATE_LIMIT, timeWindow: '1 minute' };

  app.post(
    '/api/ask',
    {
      schema: { body: askBodySchema, response: { 200: askReplySchema } },
      config: { rateLimit, badRequest: 'Cần gửi JSON dạng {"question": "...", "sessionId"?: "...", "lang"?: "vi"}.' },
    },
    async (req) => {
      const { question } = req.body;
      if ([...question].length > config.MAX_QUESTION_CHARS) {
        throw new HttpError(400, 'too_long', `Câu hỏi dài quá (tối đa ${config.MAX_QUESTION_CHARS} ký tự).`);
      }
      if (!knowledge.ready) throw NOT_READY();
      const sessionId = await conversations.openSession(req.body.sessionId);
      const outcome = await conversations.ask({ sessionId, text: question, lang: req.body.lang });
      if (outcome.kind === 'forwarded') {
        return { answer: '', status: 'forwarded_to_staff', grounded: false, sources: [], followUps: [], facts: [], sessionId, answerId: null };
      }
      const { answer, status, grounded, sources, followUps, facts, answerId } = outcome.result;
      return { answer, status, grounded, sources, followUps, facts, sessionId, answerId };
    },
  );

  app.get(
    '/api/search',
    {
      schema: { querystring: searchQuerySchema, response: { 200: searchReplySchema } },
      config: { rateLimit, badRequest: 'Cần tham số q (1–1000 ký tự) và k (1–50).' },
    },
    async (req) => {
      if (!knowledge.ready) throw NOT_READY();
      return searchPassages(knowledge.snapshot, req.query.q, req.query.k, retrieval);
    },
  );
};

export default askRoutes;
