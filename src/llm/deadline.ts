/**
 * One deadline for a whole citizen turn in LLM mode: condensing the question and streaming the
 * answer, retries included, must all finish by `at`. Its signal aborts at the deadline or when the
 * turn is cancelled (the citizen closed the socket).
 */
export class TurnDeadline {
  readonly at: number;
  readonly signal: AbortSignal;

  constructor(ms: number, cancel?: AbortSignal) {
    this.at = Date.now() + ms;
    const timeout = AbortSignal.timeout(ms);
    this.signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
  }

  remainingMs(): number {
    return Math.max(0, this.at - Date.now());
  }
}

/** Why an LLM answer was abandoned for the extractive one; stored with the answer. */
export type LlmFallbackReason =
  | 'error'
  | 'deadline'
  | 'idle'
  | 'too_long'
  | 'empty'
  | 'guard_phone'
  | 'guard_money'
  | 'guard_link'
  | 'guard_email'
  | 'guard_scheme'
  | 'guard_secret_sharing';

export class LlmFallback extends Error {
  constructor(
    readonly reason: LlmFallbackReason,
    message: string = reason,
  ) {
    super(message);
    this.name = 'LlmFallback';
  }
}

/** Resolves after `ms`, or rejects when the signal aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
