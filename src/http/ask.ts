import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { retrieve } from '../retrieval/hybrid.js';
import { sourceOf } from '../answer/steps/compose.js';
import { HttpError } from './errors.js';

const askBodySchema = z.strictObject({
  question: z.string(),
  sessionId: z.uuid().optional(),
});

const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(1000),
  k: z.coerce.number().int().min(1).max(50).default(5),
});

/** `POST /api/ask` (one answer as JSON) and `GET /api/search` (scored passages). */
export async function askRoutes(app: FastifyInstance): Promise<void> {
  const { kb, store, conversations, metrics, config } = app.services;

  // Per-IP limits on the public API (the websocket has its own per-connection limits).
  const limited = { config: { rateLimit: { max: config.HTTP_RATE_LIMIT, timeWindow: '1 minute' } } };

  app.post('/api/ask', limited, async (req) => {
    const body = askBodySchema.safeParse(req.body);
    if (!body.success) throw new HttpError(400, 'bad_request', 'Cần gửi JSON dạng {"question": "...", "sessionId"?: "..."}.');
    if ([...body.data.question].length > config.MAX_QUESTION_CHARS) {
      throw new HttpError(400, 'too_long', `Câu hỏi dài quá (tối đa ${config.MAX_QUESTION_CHARS} ký tự).`);
    }
    if (!kb.ready) throw new HttpError(503, 'not_ready', 'Hệ thống đang khởi động, bà con thử lại sau ít giây.');
    const sessionId = store.openSession(body.data.sessionId);
    const outcome = await conversations.ask({ sessionId, text: body.data.question });
    if (outcome.kind === 'forwarded') {
      return { answer: '', status: 'forwarded_to_staff', grounded: false, sources: [], followUps: [], sessionId, answerId: null };
    }
    const result = outcome.result;
    metrics.recordAnswer(result);
    return {
      answer: result.answer,
      status: result.status,
      grounded: result.grounded,
      sources: result.sources,
      followUps: result.followUps,
      sessionId: result.sessionId,
      answerId: result.answerId,
    };
  });

  app.get('/api/search', limited, async (req) => {
    const query = searchQuerySchema.safeParse(req.query);
    if (!query.success) throw new HttpError(400, 'bad_request', 'Cần tham số q (1–1000 ký tự) và k (1–50).');
    if (!kb.ready) throw new HttpError(503, 'not_ready', 'Hệ thống đang khởi động, bà con thử lại sau ít giây.');
    const snapshot = kb.snapshot;
    const result = await retrieve(snapshot, query.data.q, app.services.retrieval);
    const passages = result.documents
      .flatMap((d) => d.chunks.map((c) => ({ ...sourceOf(snapshot, d.docId, c.chunk.section, c.score), text: c.chunk.text })))
      .sort((a, b) => b.score - a.score)
      .slice(0, query.data.k);
    return { grounded: result.grounded, coverage: Number(result.coverage.toFixed(3)), passages };
  });
}
