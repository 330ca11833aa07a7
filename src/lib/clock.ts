/**
 * Time as the services see it. Everything that reads the time or repeats work goes through a Clock,
 * so tests can move time forward (handoff time-outs, retention, session expiry) without waiting.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `task` every `ms` until the returned function is called; never keeps the process alive. */
  every(ms: number, task: () => unknown): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, task) {
    const timer = setInterval(task, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** The clock's time as an ISO string, the form the store keeps. */
export const isoNow = (clock: Clock): string => new Date(clock.now()).toISOString();
