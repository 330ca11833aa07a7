import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { AnswerContext, AnswerSource } from './context.js';
import type { AnswerDeps } from './deps.js';
import type { Passage } from './prompts.js';

export const NO_ANSWER_MARKER = 'KHONG_DU_THONG_TIN';
const PASSAGES_PER_DOC = 2;

export interface GeneratedAnswer {
  text: string;
  sources: AnswerSource[];
  passages: Passage[];
}

/**
 * Streams an answer from the model, grounded in numbered passages from the top documents.
 * The first characters are held back until it is clear the model is not declining, so the
 * refusal marker never reaches the citizen.
 */
export async function composeWithLlm(ctx: AnswerContext, deps: AnswerDeps, snapshot: KnowledgeSnapshot): Promise<GeneratedAnswer> {
  const passages = buildPassages(ctx, snapshot, deps.maxSources);
  ctx.passages = passages;
  const timeout = AbortSignal.timeout(deps.llmTimeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  const messages = deps.prompts!.answer(passages, ctx.standalone);

  let text = '';
  let released = false;
  for await (const piece of deps.llm!.stream(messages, signal)) {
    text += piece;
    if (released) ctx.onDelta(piece);
    else if (text.length >= NO_ANSWER_MARKER.length + 2 || !NO_ANSWER_MARKER.startsWith(text.trim().slice(0, NO_ANSWER_MARKER.length))) {
      if (text.includes(NO_ANSWER_MARKER)) continue;
      released = true;
      ctx.onDelta(text);
    }
  }
  if (text.includes(NO_ANSWER_MARKER)) return { text: NO_ANSWER_MARKER, sources: [], passages };
  if (!text.trim()) throw new Error('the model returned an empty answer');
  if (!released) ctx.onDelta(text);
  return { text: text.trim(), sources: citedSources(text, passages), passages };
}

function buildPassages(ctx: AnswerContext, snapshot: KnowledgeSnapshot, maxDocs: number): Passage[] {
  const passages: Passage[] = [];
  for (const hit of ctx.retrieval?.documents.slice(0, maxDocs) ?? []) {
    const doc = snapshot.docById.get(hit.docId);
    if (!doc) continue;
    for (const { chunk } of hit.chunks.slice(0, PASSAGES_PER_DOC)) {
      passages.push({ n: passages.length + 1, docId: doc.id, title: doc.title, section: chunk.section, url: doc.official_url, text: chunk.text, score: hit.score });
    }
  }
  return passages;
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
