import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { AnswerContext, AnswerSource } from './context.js';
import type { AnswerDeps } from './deps.js';
import { passagesFor } from './llm-context.js';
import type { Passage } from './prompts.js';
import { TurnDeadline } from '../llm/deadline.js';
import { streamGuarded } from '../llm/guarded-stream.js';
import { EMERGENCY_NUMBERS } from '../safety/emergency-numbers.js';
import { createOutputGuard, type OutputGuard } from '../safety/output-guard.js';

export const NO_ANSWER_MARKER = 'KHONG_DU_THONG_TIN';
const DEFAULT_IDLE_MS = 10_000;
const DEFAULT_MAX_ANSWER_CHARS = 4000;

export interface GeneratedAnswer {
  text: string;
  sources: AnswerSource[];
  passages: Passage[];
}

/**
 * Streams an answer from the model, grounded in numbered passages from the top documents. The
 * citizen sees it sentence by sentence, each sentence checked by the output guard first (see
 * streamGuarded); a failed check, a stall, the turn's deadline or an over-long answer throws
 * LlmFallback and the caller answers extractively. The decline marker never reaches the citizen.
 */
export async function composeWithLlm(ctx: AnswerContext, deps: AnswerDeps, snapshot: KnowledgeSnapshot): Promise<GeneratedAnswer> {
  const passages = passagesFor(ctx, snapshot, deps.maxSources);
  ctx.passages = passages;
  const messages = deps.prompts!.answer(passages, ctx.standalone);
  const guard = outputGuardFor(passages, deps);
  const result = await streamGuarded({
    start: (signal) => deps.llm!.stream(messages, signal),
    deadline: turnDeadline(ctx, deps),
    idleMs: deps.llmIdleMs ?? DEFAULT_IDLE_MS,
    maxChars: deps.llmMaxAnswerChars ?? DEFAULT_MAX_ANSWER_CHARS,
    check: (text) => guard.check(text),
    declineMarker: NO_ANSWER_MARKER,
    onDelta: ctx.onDelta,
  });
  if (result.kind === 'declined') return { text: NO_ANSWER_MARKER, sources: [], passages };
  return { text: result.text.trim(), sources: citedSources(result.text, passages), passages };
}

/** The output guard for an answer built on these passages. */
export function outputGuardFor(passages: readonly Passage[], deps: AnswerDeps): OutputGuard {
  return createOutputGuard({
    passages: passages.map((p) => `${p.url}\n${p.title}\n${p.text}`),
    allowedNumbers: [...Object.keys(EMERGENCY_NUMBERS), ...(deps.supportHotline ? [deps.supportHotline] : [])],
  });
}

/** The turn's deadline, created by the first LLM call of the turn (condense or answer). */
export function turnDeadline(ctx: AnswerContext, deps: AnswerDeps): TurnDeadline {
  ctx.deadline ??= new TurnDeadline(deps.llmTimeoutMs, ctx.signal);
  return ctx.deadline;
}

/** The documents behind the `[n]` markers the model used; the top document if it cited none. */
function citedSources(text: string, passages: Passage[]): AnswerSource[] {
  const cited = new Set([...text.matchAll(/\[(\d{1,2})\]/g)].map((m) => Number(m[1])));
  const used = passages.filter((p) => cited.has(p.n));
  const sources = new Map<string, AnswerSource>();
  for (const p of used.length > 0 ? used : passages.slice(0, 1)) {
    const existing = sources.get(p.docId);
    if (!existing) sources.set(p.docId, { id: p.docId, title: p.title, url: p.url, section: p.section, score: Number(p.score.toFixed(4)) });
    else if (p.section && !existing.section.split(' · ').includes(p.section)) {
      existing.section = [existing.section, p.section].filter(Boolean).join(' · ');
    }
  }
  return [...sources.values()];
}
