import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { CLOSE } from '../chat/citizen-sockets.js';
import { ChatConnection, type ChatDeps } from '../chat/connection.js';
import { HttpError } from '../lib/errors.js';
import { originAllowed } from '../lib/origin.js';
import { clientAddress } from '../lib/proxy.js';

/**
 * `/ws`: the citizen chat protocol (see chat/connection.ts), for allowed origins only, within the
 * socket caps (a socket over them is closed at once with 1013 and a Vietnamese reason).
 */
const chatWsRoutes: FastifyPluginAsync = async (app) => {
  const { config, conversations, desk, feedbackQueue, catalogues, knowledge, metrics, clock, citizenSockets } = app;
  const deps: Omit<ChatDeps, 'log'> = {
    conversations,
    desk,
    queue: feedbackQueue,
    catalogues,
    knowledge: { get ready() { return knowledge.ready; }, suggestions: () => knowledge.snapshot.suggestions },
    metrics,
    clock,
    limits: { maxQuestionChars: config.MAX_QUESTION_CHARS, framesPerWindow: config.RATE_LIMIT_FRAMES, windowMs: config.RATE_WINDOW_MS },
  };

  const checkOrigin = async (req: FastifyRequest) => {
    if (!originAllowed(req, config.allowedOrigins)) {
      metrics.frameError('origin');
      throw new HttpError(403, 'origin_not_allowed', 'Trang này không được phép kết nối.');
    }
  };

  app.get('/ws', { websocket: true, preValidation: checkOrigin }, (socket, req) => {
    const address = clientAddress(req);
    if (!citizenSockets.admits(address)) {
      metrics.connectionRefused('socket');
      return socket.close(CLOSE.tooMany.code, CLOSE.tooMany.reason);
    }
    // Handlers are attached synchronously, before any await, so no early frame is dropped.
    const conn = new ChatConnection({ ...deps, log: req.log }, socket);
    const untrack = citizenSockets.add({ address, get lastActive() { return conn.lastActive; }, close: (code, reason) => socket.close(code, reason) });
    socket.on('message', (data, isBinary) => conn.onMessage(data as Buffer, isBinary));
    socket.on('close', () => {
      untrack();
      conn.onClose();
    });
    socket.on('error', (err) => req.log.warn({ err: { message: err.message } }, 'websocket error'));
  });
};

export default chatWsRoutes;
