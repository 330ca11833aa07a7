/**
 * Which citizens' sessions have a connection open now, for the desk ("online"/"offline"). Behind
 * this interface so several instances can later share it through the database; today it counts
 * the sockets of this process.
 */
export interface Presence {
  /** A socket for the session opened; true if the session just came online. */
  join(sessionId: string): Promise<boolean>;
  /** A socket for the session closed; true if the session just went offline. */
  leave(sessionId: string): Promise<boolean>;
  online(sessionId: string): Promise<boolean>;
}

export function memoryPresence(): Presence {
  const sockets = new Map<string, number>();
  return {
    async join(sessionId) {
      const n = (sockets.get(sessionId) ?? 0) + 1;
      sockets.set(sessionId, n);
      return n === 1;
    },
    async leave(sessionId) {
      const n = (sockets.get(sessionId) ?? 0) - 1;
      if (n > 0) sockets.set(sessionId, n);
      else sockets.delete(sessionId);
      return n === 0;
    },
    online: async (sessionId) => sockets.has(sessionId),
  };
}
