import type { KnowledgeDoc, Section } from '../knowledge/schema.js';
import type { DocumentHit } from '../retrieval/hybrid.js';
import { asQuestion, type Question } from '../text/question.js';
import { plainFolded } from '../text/vietnamese.js';
import { CANNED } from './canned.js';
import { detectIntents, SECTION_INTENTS, type SectionIntent } from './intents.js';

export interface ExtractiveAnswer {
  text: string;
  /** The sections quoted, for the citation. */
  sections: string[];
  followUps: string[];
}

const MAX_SECTION_CHARS = 1600;
const MAX_SECTIONS = 2;

const FOLLOW_UP_FOR: Partial<Record<SectionIntent, string>> = {
  papers: 'cần giấy tờ gì?',
  steps: 'làm trực tuyến thế nào?',
  time_fee: 'mất bao lâu, lệ phí bao nhiêu?',
  where: 'nộp ở đâu, ai hỗ trợ?',
};

/**
 * Answers from the best document alone: the sections the question asks about ("giấy tờ gì",
 * "bao lâu", "ở đâu", "các bước"), or else the best-matching sections, then the source link.
 */
export function composeExtractive(question: Question | string, doc: KnowledgeDoc, hit: DocumentHit, unsure: boolean): ExtractiveAnswer {
  const intents = detectIntents(asQuestion(question));
  const chosen = chooseSections(doc, hit, intents);
  const parts: string[] = [`**${doc.title}**`];
  const lead = doc.sections.find((s) => s.heading === '');
  if (lead && !chosen.includes(lead) && (intents.length === 0 || chosen.length === 0)) parts.push(firstParagraph(lead.text));
  for (const section of chosen) {
    if (section.heading) parts.push(`**${section.heading}**`);
    parts.push(trimSection(section.text));
  }
  const links = [`Nguồn: [${doc.title}](${doc.official_url})`];
  if (doc.portal_url && doc.online !== 'truc-tiep') links.push(`Làm trực tuyến tại: [${hostOf(doc.portal_url)}](${doc.portal_url})`);
  parts.push(links.join('\n'));
  if (unsure) parts.push(CANNED.unsure_offer);
  return {
    text: parts.join('\n\n'),
    sections: chosen.map((s) => s.heading).filter(Boolean),
    followUps: followUps(doc, chosen),
  };
}

function chooseSections(doc: KnowledgeDoc, hit: DocumentHit, intents: SectionIntent[]): Section[] {
  const byIntent: Section[] = [];
  for (const intent of intents) {
    const section = sectionFor(doc, intent);
    if (section && !byIntent.includes(section)) byIntent.push(section);
  }
  if (byIntent.length > 0) return byIntent.slice(0, MAX_SECTIONS);

  // No recognised intent: the sections whose chunks matched best, in document order.
  const best = hit.chunks[0];
  if (!best) return doc.sections.filter((s) => s.heading !== '').slice(0, 1);
  const picked = new Set<string>([best.chunk.section]);
  const second = hit.chunks.find((c) => c.chunk.section !== best.chunk.section);
  if (second && second.score >= best.score * 0.9) picked.add(second.chunk.section);
  return doc.sections.filter((s) => picked.has(s.heading) && s.text).slice(0, MAX_SECTIONS);
}

function sectionFor(doc: KnowledgeDoc, intent: SectionIntent): Section | undefined {
  const spec = SECTION_INTENTS.find((s) => s.intent === intent);
  if (!spec) return undefined;
  return doc.sections.find((s) => s.heading && spec.headings.some((h) => plainFolded(s.heading).includes(h)));
}

function followUps(doc: KnowledgeDoc, shown: Section[]): string[] {
  const out: string[] = [];
  for (const [intent, phrase] of Object.entries(FOLLOW_UP_FOR) as Array<[SectionIntent, string]>) {
    const section = sectionFor(doc, intent);
    if (section && !shown.includes(section)) out.push(`${doc.title}: ${phrase}`);
  }
  return out.slice(0, 3);
}

function firstParagraph(text: string): string {
  return text.split(/\n\s*\n/)[0] ?? text;
}

/** Cuts a long section at a paragraph or list-item boundary. */
function trimSection(text: string): string {
  const cleaned = text.replace(/^###\s+(.+)$/gm, '**$1**');
  if (cleaned.length <= MAX_SECTION_CHARS) return cleaned;
  const cut = cleaned.lastIndexOf('\n', MAX_SECTION_CHARS);
  return `${cleaned.slice(0, cut > 400 ? cut : MAX_SECTION_CHARS).trimEnd()}\n\n(…xem đầy đủ ở trang nguồn bên dưới)`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
