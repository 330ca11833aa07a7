import type { CitizenFrame, StaffFrame } from '../handoff/desk.js';

/** What one instance tells every instance (itself included) so that sockets anywhere hear of it. */
export type ClusterEvent =
  /** A frame for the citizen sockets of a session, wherever they are connected. */
  | { type: 'citizen'; sessionId: string; frame: CitizenFrame }
  /** Staff messages wait in the store for a session: the instance where it is connected delivers them. */
  | { type: 'pending'; sessionId: string }
  /** A frame for every staff socket. */
  | { type: 'staff'; frame: StaffFrame }
  /** The handoff queue changed: staff get it again, waiting citizens (but `skipSession`) their place. */
  | { type: 'queue'; skipSession?: string }
  /** An instance rebuilt the knowledge index: the others rebuild theirs from the same folder. */
  | { type: 'reindexed'; origin: string };

/**
 * Delivers events to every subscriber of every instance. One process: in memory, delivered before
 * publish() resolves. Several instances: PostgreSQL LISTEN/NOTIFY (postgres-bus.ts), delivered to
 * each instance in the order published.
 */
export interface EventBus {
  publish(event: ClusterEvent): Promise<void>;
  subscribe(handler: (event: ClusterEvent) => void | Promise<void>): () => void;
  close(): Promise<void>;
}

/** The bus of a single process. */
export function localBus(): EventBus {
  const handlers = new Set<(event: ClusterEvent) => void | Promise<void>>();
  return {
    async publish(event) {
      for (const h of [...handlers]) await h(event);
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    close: async () => handlers.clear(),
  };
}
