import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { AnswerContext } from './context.js';
import { factFor, factLine } from './facts.js';
import type { Passage } from './prompts.js';

const CHUNKS_PER_DOC = 2;

/**
 * What the model is given, best first: for each chosen document, its structured facts for the kinds of
 * question asked, then the parts the extractive composer selected, then the best retrieved passages of
 * the top documents (numbered for `[n]` citations).
 */
export function passagesFor(ctx: AnswerContext, snapshot: KnowledgeSnapshot, maxDocs: number): Passage[] {
  const passages: Passage[] = [];
  const push = (p: Omit<Passage, 'n'>) => passages.push({ ...p, n: passages.length + 1 });
  const plan = ctx.plan;
  for (const topic of plan?.topics ?? []) {
    const { doc } = topic;
    const base = { docId: doc.id, title: doc.title, url: doc.official_url, score: topic.score };
    const facts = plan!.types.map((t) => factFor(doc, t)).filter((f) => f !== undefined);
    if (facts.length > 0) push({ ...base, section: 'Thông tin chính', text: facts.map((f) => factLine(f, doc, plan!.today)).join('\n') });
    const units = (ctx.fallback?.units ?? []).filter((u) => u.docId === doc.id);
    if (units.length > 0) {
      const sections = [...new Set(units.map((u) => u.section).filter(Boolean))];
      push({ ...base, section: sections.join(' · '), text: units.map((u) => (u.kind === 'item' ? `${u.marker} ${u.text}` : u.text)).join('\n') });
    }
  }
  const seen = new Set(passages.map((p) => p.text));
  for (const hit of ctx.retrieval?.documents.slice(0, maxDocs) ?? []) {
    const doc = snapshot.docById.get(hit.docId);
    if (!doc) continue;
    for (const { chunk } of hit.chunks.slice(0, CHUNKS_PER_DOC)) {
      if (seen.has(chunk.text)) continue;
      push({ docId: doc.id, title: doc.title, section: chunk.section, url: doc.official_url, text: chunk.text, score: hit.score });
    }
  }
  return passages;
}
