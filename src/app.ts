import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { KnowledgeBase } from './knowledge/knowledge-base.js';
import type { Clock } from './lib/clock.js';
import { fastifyTrustProxy } from './lib/proxy.js';
import { errorBody, HttpError, NotStoredError } from './lib/errors.js';
import type { ChatModel } from './llm/chat-model.js';
import answers from './plugins/app/answers.js';
import bus from './plugins/app/bus.js';
import catalogues from './plugins/app/catalogues.js';
import clock from './plugins/app/clock.js';
import config from './plugins/app/config.js';
import connectionLimits from './plugins/app/connection-limits.js';
import conversations from './plugins/app/conversations.js';
import desk from './plugins/app/desk.js';
import feedbackQueue from './plugins/app/feedback-queue.js';
import knowledge from './plugins/app/knowledge.js';
import metrics from './plugins/app/metrics.js';
import retention from './plugins/app/retention.js';
import staffAuth from './plugins/app/staff-auth.js';
import store from './plugins/app/store.js';
import cookie from './plugins/external/cookie.js';
import helmet from './plugins/external/helmet.js';
import rateLimit from './plugins/external/rate-limit.js';
import staticFiles from './plugins/external/static.js';
import underPressure, { isOverloadError } from './plugins/external/under-pressure.js';
import websocket from './plugins/external/websocket.js';
import routes from './routes/index.js';
import type { Store } from './store/store.js';

/** How long an idle keep-alive HTTP connection stays open. */
const KEEP_ALIVE_TIMEOUT_MS = 10_000;

/** What buildApp needs: the configuration, and optionally parts to use instead of the real ones (tests). */
export interface AppOptions {
  config: Config;
  /** pino logger (silent when omitted). */
  logger?: Logger;
  store?: Store;
  clock?: Clock;
  llm?: ChatModel;
  knowledge?: KnowledgeBase;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The Vietnamese message for a request that fails the route's schema. */
    badRequest?: string;
  }
}

/**
 * Builds the app in three layers, the fastify/demo way: external plugins (security headers,
 * cookies, rate limits, websockets, static files), then app plugins that each decorate one service
 * (`app.store`, `app.knowledge`, `app.answers`, …) and declare what they depend on, then the routes.
 * Nothing listens and no timer runs until `ready()`/`listen()`; `close()` stops everything.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const settings = options.config;
  const app = Fastify({
    loggerInstance: (options.logger ?? pino({ level: 'silent' })) as FastifyBaseLogger,
    bodyLimit: settings.BODY_LIMIT_BYTES,
    // X-Forwarded-* only from the proxies TRUST_PROXY names (none by default): req.ip, req.host, req.protocol
    trustProxy: fastifyTrustProxy(settings.TRUST_PROXY),
    requestTimeout: settings.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    // Node checks the two time-outs above every `connectionsCheckingInterval` (30 s by default).
    http: { headersTimeout: settings.HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1000 },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(config, { config: options.config });

  await app.register(helmet);
  await app.register(underPressure);
  await app.register(cookie);
  // The store first: with PostgreSQL the rate limits count in it (shared by every instance).
  await app.register(clock, { clock: options.clock });
  await app.register(store, { store: options.store });
  await app.register(rateLimit);
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (_req, reply) => reply.code(404).send(errorBody('not_found', 'Không tìm thấy trang này.')));
  await app.register(websocket);
  await app.register(staticFiles);

  await app.register(catalogues);
  await app.register(metrics);
  await app.register(connectionLimits);
  await app.register(retention);
  await app.register(knowledge, { knowledge: options.knowledge });
  await app.register(bus);
  await app.register(answers, { llm: options.llm });
  await app.register(staffAuth);
  await app.register(feedbackQueue);
  await app.register(desk);
  await app.register(conversations);

  await app.register(routes);
  return app;
}

/**
 * Every HTTP error as `{error:{code,message}}` with a Vietnamese message; details of a 500 stay in
 * the log.
 */
function handleError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof HttpError) return reply.code(err.statusCode).send(errorBody(err.code, err.message));
  if (err instanceof NotStoredError) {
    req.log.error({ err }, 'write failed');
    return reply.code(503).send(errorBody('not_stored', 'Hệ thống tạm thời chưa lưu được dữ liệu nên chưa nhận yêu cầu này, vui lòng thử lại sau ít phút.'));
  }
  if (isOverloadError(err)) return reply.code(503).send(errorBody('overloaded', 'Hệ thống đang quá tải, bà con thử lại sau ít giây.'));
  const status = err.statusCode ?? 500;
  const limited = err as { error?: { code?: string; message?: string } };
  if (status === 429 && limited.error?.code) return reply.code(429).send({ error: limited.error });
  if (status < 500) {
    // A request that fails its route's schema, or Fastify's own 4xx (bad JSON, wrong content type, body too large)
    const message = (err.validation && req.routeOptions.config.badRequest) || 'Yêu cầu không hợp lệ: cần JSON đúng định dạng.';
    return reply.code(status).send(errorBody('bad_request', message));
  }
  req.log.error({ err }, 'request failed');
  return reply.code(500).send(errorBody('internal', 'Hệ thống đang trục trặc, vui lòng thử lại sau.'));
}
