import fp from 'fastify-plugin';
import { CitizenSockets } from '../../chat/citizen-sockets.js';
import { trustedPeer } from '../../lib/proxy.js';
import { guardConnections } from '../../net/connection-guard.js';

declare module 'fastify' {
  interface FastifyInstance {
    citizenSockets: CitizenSockets;
  }
}

/**
 * Connection limits: TCP connections on the server (MAX_CONNECTIONS, and MAX_CONNECTIONS_PER_ADDRESS
 * per peer that is not a trusted proxy), and `app.citizenSockets`, the open citizen websockets
 * (MAX_SOCKETS, MAX_SOCKETS_PER_ADDRESS per client address, closed after IDLE_SOCKET_SECONDS without
 * an ask). Request and header time-outs and body limits are Fastify options (app.ts).
 */
export default fp(
  async (app) => {
    const { config, clock, metrics, log } = app;
    guardConnections(app.server, {
      max: config.MAX_CONNECTIONS,
      maxPerAddress: config.MAX_CONNECTIONS_PER_ADDRESS,
      exempt: trustedPeer(config.TRUST_PROXY),
      onRefused: (reason) => {
        metrics.connectionRefused(reason);
        log.warn({ event: 'connection_refused', reason }, 'connection refused: over the cap');
      },
    });
    const sockets = new CitizenSockets(
      { maxSockets: config.MAX_SOCKETS, maxPerAddress: config.MAX_SOCKETS_PER_ADDRESS, idleMs: config.IDLE_SOCKET_SECONDS * 1000 },
      clock,
    );
    app.decorate('citizenSockets', sockets);
    app.addHook('onReady', async () => sockets.start());
    app.addHook('onClose', async () => sockets.stop());
  },
  { name: 'connection-limits', dependencies: ['clock', 'metrics'] },
);
