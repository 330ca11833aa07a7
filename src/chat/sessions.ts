import { randomUUID } from 'node:crypto';
import type { Turn } from '../answer/context.js';

/** Conversation history per session; kept in memory, bounded in turns, sessions and idle time. */
export interface SessionStore {
  /** Returns the id of a known session, or creates a new one (an unknown id gets a fresh session). */
  open(sessionId?: string): string;
  history(sessionId: string): readonly Turn[];
  append(sessionId: string, turn: Turn): void;
}

interface Entry {
  turns: Turn[];
  touched: number;
}

export function createMemorySessionStore(opts: { maxTurns: number; maxSessions?: number; idleMs?: number }): SessionStore {
  const maxSessions = opts.maxSessions ?? 10_000;
  const idleMs = opts.idleMs ?? 2 * 60 * 60 * 1000;
  const sessions = new Map<string, Entry>();

  const evict = (now: number) => {
    for (const [id, entry] of sessions) {
      if (sessions.size <= maxSessions && now - entry.touched < idleMs) break;
      sessions.delete(id);
    }
  };
  const touch = (id: string): Entry => {
    const entry = sessions.get(id) ?? { turns: [], touched: 0 };
    entry.touched = Date.now();
    sessions.delete(id); // re-insert to keep Map order = least recently used first
    sessions.set(id, entry);
    return entry;
  };

  return {
    open(sessionId) {
      const id = sessionId && sessions.has(sessionId) ? sessionId : (sessionId ?? randomUUID());
      touch(id);
      evict(Date.now());
      return id;
    },
    history: (id) => sessions.get(id)?.turns ?? [],
    append(id, turn) {
      const entry = touch(id);
      entry.turns.push(turn);
      if (entry.turns.length > opts.maxTurns) entry.turns.splice(0, entry.turns.length - opts.maxTurns);
    },
  };
}
