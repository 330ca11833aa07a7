import type { AnswerContext } from '../context.js';
import type { AnswerDeps } from '../deps.js';
import { composeExtractive } from '../extractive.js';
import { sourceOf } from './compose.js';

const URL_RE = /https?:\/\/[^\s)\]>"']+/g;
const MARKDOWN_LINK_RE = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
const PHONE_RE = /(?<!\d)(?:1[89]00[\s.]?\d{3,4}[\s.]?\d{0,4}|0\d{2,3}[\s.]?\d{3}[\s.]?\d{3,4}|11[1345])(?!\d)/g;
const MONEY_RE = /\d[\d.,]*\s*(?:đồng|đ\b|vnđ|vnd|nghìn|ngàn|triệu)/gi;

/**
 * In LLM mode: links not found in the sources or passages are removed; a phone number or a sum
 * of money that no passage contains means the model invented it, and the answer is replaced
 * with the extractive one.
 */
export function guardOutputStep(ctx: AnswerContext, deps: AnswerDeps): void {
  if (ctx.composer !== 'llm' || !ctx.passages) return;
  const corpus = ctx.passages.map((p) => `${p.url}\n${p.text}`).join('\n');
  const allowedUrls = new Set([...corpus.matchAll(URL_RE)].map((m) => trimUrl(m[0])));
  for (const s of ctx.sources) allowedUrls.add(s.url);

  let text = ctx.answer.replace(MARKDOWN_LINK_RE, (all, label: string, url: string) => (allowedUrls.has(trimUrl(url)) ? all : label));
  text = text.replace(URL_RE, (url) => (allowedUrls.has(trimUrl(url)) ? url : '[liên kết đã bị loại bỏ]'));

  const digits = (s: string) => s.replace(/\D/g, '');
  const corpusDigits = new Set([...corpus.matchAll(PHONE_RE)].map((m) => digits(m[0])));
  const corpusMoney = new Set([...corpus.matchAll(MONEY_RE)].map((m) => digits(m[0])));
  const inventedPhone = [...text.matchAll(PHONE_RE)].some((m) => !corpusDigits.has(digits(m[0])) && !corpus.includes(m[0]));
  const inventedMoney = [...text.matchAll(MONEY_RE)].some((m) => !corpusMoney.has(digits(m[0])));

  if (inventedPhone || inventedMoney) {
    deps.logger.warn({ inventedPhone, inventedMoney }, 'LLM answer stated a number not in the passages; using the extractive answer');
    const snapshot = deps.snapshot();
    const top = ctx.retrieval!.documents[0];
    const doc = snapshot.docById.get(top.docId)!;
    const extractive = composeExtractive(ctx.standalone, doc, top, false);
    ctx.answer = extractive.text;
    ctx.sources = [sourceOf(snapshot, doc.id, extractive.sections.join(' · '), top.score)];
    ctx.composer = 'extractive';
    ctx.metrics['guard_output.replaced'] = 1;
    return;
  }
  ctx.answer = text;
}

function trimUrl(url: string): string {
  return url.replace(/[.,;:!?]+$/, '');
}
