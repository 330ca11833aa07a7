import { LlmFallback, sleep, type TurnDeadline } from './deadline.js';

const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504]);
const DEFAULT_BACKOFF_MS = 500;
/** Time kept back after a retry's wait so the retried call has a chance to answer. */
const MIN_CALL_MS = 500;

/**
 * Calls the model once more after a retryable failure (429, 5xx, a dropped connection), waiting
 * what the server's `Retry-After` asks only when that still fits inside the turn's deadline;
 * otherwise it gives up at once so the citizen gets the extractive answer in time.
 */
export async function withRetry<T>(call: (signal: AbortSignal) => Promise<T>, deadline: TurnDeadline, retries = 1): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(deadline.signal);
    } catch (err) {
      if (err instanceof LlmFallback) throw err;
      if (deadline.signal.aborted) throw new LlmFallback('deadline');
      const status = (err as { status?: unknown }).status;
      const connection = status === undefined && (err as Error).name !== 'AbortError';
      if (attempt >= retries || !(connection || RETRYABLE.has(status as number))) throw err;
      const wait = retryAfterMs((err as { headers?: unknown }).headers) ?? DEFAULT_BACKOFF_MS;
      if (wait + MIN_CALL_MS > deadline.remainingMs()) throw new LlmFallback('deadline', `retry after ${wait} ms would miss the deadline`);
      await sleep(wait, deadline.signal).catch(() => {
        throw new LlmFallback('deadline');
      });
    }
  }
}

/** `retry-after-ms`, or `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: unknown, now = Date.now()): number | undefined {
  const get = (name: string): string | null | undefined =>
    headers && typeof (headers as Headers).get === 'function' ? (headers as Headers).get(name) : (headers as Record<string, string> | undefined)?.[name];
  const ms = Number(get('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && get('retry-after-ms') != null) return ms;
  const value = get('retry-after');
  if (value == null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
