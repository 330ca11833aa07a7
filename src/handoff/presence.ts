import type { Logger } from 'pino';
import type { Clock } from '../lib/clock.js';
import type { PresenceStore } from '../store/store.js';

/**
 * Which citizens' sessions have a connection open now, for the desk ("online"/"offline"): this
 * process's sockets (memoryPresence), or those of every instance (sharedPresence, PostgreSQL).
 */
export interface Presence {
  /** A socket for the session opened here; true if the session's first socket here (so it may just have come online). */
  join(sessionId: string): Promise<boolean>;
  /** A socket for the session closed here; true if it was the last one here (so it may just have gone offline). */
  leave(sessionId: string): Promise<boolean>;
  online(sessionId: string): Promise<boolean>;
  /** Starts what keeps it up to date (heartbeats); `stop` says this instance is gone. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

/** Counts of this process's sockets per session. */
function socketCounts() {
  const sockets = new Map<string, number>();
  return {
    sockets,
    join(sessionId: string): boolean {
      const n = (sockets.get(sessionId) ?? 0) + 1;
      sockets.set(sessionId, n);
      return n === 1;
    },
    leave(sessionId: string): boolean {
      const n = (sockets.get(sessionId) ?? 0) - 1;
      if (n > 0) sockets.set(sessionId, n);
      else sockets.delete(sessionId);
      return n === 0;
    },
  };
}

export function memoryPresence(): Presence {
  const counts = socketCounts();
  return {
    join: async (sessionId) => counts.join(sessionId),
    leave: async (sessionId) => counts.leave(sessionId),
    online: async (sessionId) => counts.sockets.has(sessionId),
  };
}

/** How often an instance says it is alive; its sockets stop counting after three missed beats. */
export const HEARTBEAT_MS = 5000;
const ALIVE_MS = 3 * HEARTBEAT_MS;
/** An instance silent this long is deleted from the store with its sockets. */
const FORGET_MS = 10 * 60_000;

/**
 * Presence across instances: each instance writes to the store whether it has a socket for a session
 * (only when its own count goes 0 → 1 or back), and says every few seconds that it is alive, so a
 * killed instance's sockets stop counting within ALIVE_MS. Writes for one session go out one after
 * another, so a quick close-and-reopen cannot leave the store saying the opposite of the truth.
 */
export function sharedPresence(store: PresenceStore, o: { instanceId: string; clock: Clock; logger: Logger }): Presence {
  const counts = socketCounts();
  const writes = new Map<string, Promise<void>>();
  const sync = (sessionId: string): Promise<void> => {
    const next = (writes.get(sessionId) ?? Promise.resolve()).then(() => store.set(o.instanceId, sessionId, counts.sockets.has(sessionId)));
    const settled = next.catch((err) => o.logger.error({ err, sessionId }, 'presence not written'));
    writes.set(sessionId, settled);
    void settled.then(() => writes.get(sessionId) === settled && writes.delete(sessionId));
    return settled;
  };
  let stopBeat = () => {};
  const beat = async () => {
    try {
      // Forgotten (the database was out of reach for long): tell it again which sessions are open here.
      if (!(await store.heartbeat(o.instanceId, FORGET_MS))) await Promise.all([...counts.sockets.keys()].map(sync));
    } catch (err) {
      o.logger.error({ err }, 'presence heartbeat failed');
    }
  };
  return {
    async join(sessionId) {
      if (!counts.join(sessionId)) return false;
      await sync(sessionId);
      return true;
    },
    async leave(sessionId) {
      if (!counts.leave(sessionId)) return false;
      await sync(sessionId);
      return true;
    },
    online: (sessionId) => store.online(sessionId, ALIVE_MS),
    async start() {
      await store.heartbeat(o.instanceId, FORGET_MS);
      stopBeat = o.clock.every(HEARTBEAT_MS, beat);
    },
    async stop() {
      stopBeat();
      await store.remove(o.instanceId).catch((err) => o.logger.error({ err }, 'presence not removed'));
    },
  };
}
