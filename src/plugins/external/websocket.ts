import websocket from '@fastify/websocket';
import fp from 'fastify-plugin';

/**
 * Websockets for `/ws` (citizens) and `/staff/ws`; a frame over MAX_FRAME_BYTES closes the socket
 * with 1009. Tests open sockets in process with `app.injectWS`.
 * @see {@link https://github.com/fastify/fastify-websocket}
 */
export default fp(
  async (app) => {
    await app.register(websocket, { options: { maxPayload: app.config.MAX_FRAME_BYTES } });
  },
  { name: 'websocket', dependencies: ['config'] },
);
