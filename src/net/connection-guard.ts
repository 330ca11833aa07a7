import type { Server, Socket } from 'node:net';

export interface ConnectionGuardOptions {
  max: number;
  maxPerAddress: number;
  /** Peers not capped per address: trusted proxies, which carry many clients. */
  exempt: (address: string | undefined) => boolean;
  onRefused?: (reason: 'total' | 'address') => void;
}

/**
 * Caps open TCP connections on the HTTP server, in all and per peer address, before any request is
 * read: a client opening connections by the thousand (plain, slow or websocket) is cut off at its
 * cap while others, and `/health`, still get through. Refused connections are destroyed at once.
 */
export function guardConnections(server: Server, o: ConnectionGuardOptions): void {
  let total = 0;
  const perAddress = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const fromAddress = perAddress.get(address) ?? 0;
    const refused = total >= o.max ? 'total' : !o.exempt(address) && fromAddress >= o.maxPerAddress ? 'address' : undefined;
    if (refused) {
      o.onRefused?.(refused);
      socket.destroy();
      return;
    }
    total++;
    perAddress.set(address, fromAddress + 1);
    socket.once('close', () => {
      total--;
      const n = (perAddress.get(address) ?? 1) - 1;
      if (n > 0) perAddress.set(address, n);
      else perAddress.delete(address);
    });
  });
}
