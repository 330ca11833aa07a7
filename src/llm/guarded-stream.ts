import { LlmFallback, type TurnDeadline } from './deadline.js';
import { withRetry } from './retry.js';

export interface GuardedStreamOptions {
  /** Starts the model's stream; the signal aborts the request. */
  start: (signal: AbortSignal) => AsyncIterable<string>;
  deadline: TurnDeadline;
  /** No piece for this long → the model is abandoned. */
  idleMs: number;
  /** A longer answer is abandoned. */
  maxChars: number;
  /** Returns why a text may not be shown, or undefined. */
  check: (text: string) => { reason: LlmFallback['reason']; detail: string } | undefined;
  /** A text the model writes to decline; never shown. */
  declineMarker?: string;
  onDelta: (text: string) => void;
}

export type GuardedStreamResult = { kind: 'text'; text: string } | { kind: 'declined' };

// A sentence ends at . ! ? … followed by a space, or at a line break.
const BOUNDARY = /[.!?…]+["'”)\]]*\s+|\n+/g;
/** Already shown text checked again together with each new sentence, for things split across two. */
const CONTEXT_CHARS = 120;

/**
 * Streams a model's answer to the citizen one sentence at a time: a sentence is sent only after it
 * passed `check` (together with the end of the text before it). A failed check, a stall, the turn's
 * deadline or an over-long answer throws LlmFallback, and nothing unchecked has been sent.
 */
export async function streamGuarded(o: GuardedStreamOptions): Promise<GuardedStreamResult> {
  const request = new AbortController();
  const stop = () => request.abort();
  o.deadline.signal.addEventListener('abort', stop, { once: true });
  let iterator: AsyncIterator<string> | undefined;
  try {
    // Only the request and its first piece are retried: once text has arrived, a failure falls back.
    const first = await withRetry(async () => {
      iterator = o.start(request.signal)[Symbol.asyncIterator]();
      return nextPiece(iterator, o.deadline, o.idleMs);
    }, o.deadline);
    let text = '';
    let shown = 0;
    for (let piece = first; !piece.done; piece = await nextPiece(iterator!, o.deadline, o.idleMs)) {
      text += piece.value;
      if (text.length > o.maxChars) throw new LlmFallback('too_long', `answer longer than ${o.maxChars} characters`);
      if (o.declineMarker && text.includes(o.declineMarker)) return { kind: 'declined' };
      shown = release(o, text, shown, false);
    }
    if (o.declineMarker && text.includes(o.declineMarker)) return { kind: 'declined' };
    if (!text.trim()) throw new LlmFallback('empty', 'the model returned an empty answer');
    release(o, text, shown, true);
    return { kind: 'text', text };
  } catch (err) {
    if (err instanceof LlmFallback) throw err;
    if (o.deadline.signal.aborted) throw new LlmFallback('deadline');
    throw new LlmFallback('error', (err as Error).message);
  } finally {
    o.deadline.signal.removeEventListener('abort', stop);
    request.abort();
    void iterator?.return?.().catch(() => undefined);
  }
}

/** Sends every complete sentence after `shown` (and the rest at the end) once checked; returns the new `shown`. */
function release(o: GuardedStreamOptions, text: string, shown: number, end: boolean): number {
  let upTo = shown;
  if (end) upTo = text.length;
  else {
    BOUNDARY.lastIndex = shown;
    for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) upTo = m.index + m[0].length;
  }
  if (upTo <= shown) return shown;
  const failure = o.check(text.slice(contextStart(text, shown), upTo));
  if (failure) throw new LlmFallback(failure.reason, `${failure.reason}: ${failure.detail}`);
  o.onDelta(text.slice(shown, upTo));
  return upTo;
}

/** Where the re-checked context before `shown` starts: at a word boundary, so no link or number is cut in two. */
function contextStart(text: string, shown: number): number {
  if (shown <= CONTEXT_CHARS) return 0;
  const space = text.slice(shown - CONTEXT_CHARS, shown).search(/\s/);
  return space < 0 ? shown : shown - CONTEXT_CHARS + space + 1;
}

/** The next piece, or LlmFallback when none comes within `idleMs` or the deadline passes. */
function nextPiece(iterator: AsyncIterator<string>, deadline: TurnDeadline, idleMs: number): Promise<IteratorResult<string>> {
  return new Promise((resolve, reject) => {
    if (deadline.signal.aborted) return reject(new LlmFallback('deadline'));
    const idle = setTimeout(() => reject(new LlmFallback('idle', `no token for ${idleMs} ms`)), idleMs);
    const onAbort = () => reject(new LlmFallback('deadline'));
    deadline.signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(resolve, reject).finally(() => {
      clearTimeout(idle);
      deadline.signal.removeEventListener('abort', onAbort);
    });
  });
}
