/**
 * Reconnect timing: exponential backoff with jitter, capped, reset after a successful connect.
 * Pure apart from the injected clock and randomness, so tests drive it with fake timers and a fixed
 * `random`. The jitter spreads a province's worth of phones that lost the same cell tower so they do
 * not all reconnect in the same instant.
 */

export interface BackoffOptions {
  /** Delay before the first retry, before jitter. */
  baseMs: number;
  /** Upper bound of any delay. */
  maxMs: number;
  factor: number;
  /** 0..1: a delay is drawn from [d·(1 − jitter), d]. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 800, maxMs: 30_000, factor: 2, jitter: 0.5 };

/** The delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * Math.pow(opts.factor, Math.max(0, attempt)));
  const r = Math.min(1, Math.max(0, random()));
  return Math.round(exp * (1 - opts.jitter * r));
}

export interface ReconnectorDeps {
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Schedules retries: each `schedule` waits longer than the last until `succeeded()` resets it. */
export class Reconnector {
  private attemptNo = 0;
  private handle: unknown;
  private readonly opts: BackoffOptions;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(opts: Partial<BackoffOptions> = {}, deps: ReconnectorDeps = {}) {
    this.opts = { ...DEFAULT_BACKOFF, ...opts };
    this.random = deps.random ?? Math.random;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = deps.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Retries made since the last success. */
  get attempt(): number {
    return this.attemptNo;
  }

  get pending(): boolean {
    return this.handle !== undefined;
  }

  /** Runs `fn` after the next backoff delay (replacing any retry already scheduled); returns the delay. */
  schedule(fn: () => void): number {
    this.cancel();
    const delay = backoffDelay(this.attemptNo, this.opts, this.random);
    this.attemptNo++;
    this.handle = this.setTimer(() => {
      this.handle = undefined;
      fn();
    }, delay);
    return delay;
  }

  /** The connection is good again: the next failure starts from the base delay. */
  succeeded(): void {
    this.attemptNo = 0;
    this.cancel();
  }

  cancel(): void {
    if (this.handle !== undefined) this.clearTimer(this.handle);
    this.handle = undefined;
  }
}
