import type { KnowledgeDoc } from '../knowledge/schema.js';
import { containedTermsOf, indexTermsOf, plainFolded, syllables } from '../text/vietnamese.js';

/** One bullet, numbered step or sentence of a document, with the section it belongs to. */
export interface Unit {
  docId: string;
  /** The `## ` heading, '' for the lead paragraph. */
  section: string;
  /** A `### ` heading inside the section, if any. */
  sub?: string;
  /** Position in the document (units are in reading order). */
  order: number;
  /** Position within its section. */
  indexInSection: number;
  kind: 'item' | 'sentence';
  /** "1." or "-" for list items. */
  marker?: string;
  /** For a list item: which item of the section it belongs to, and which of its sentences this is (0 = first). */
  item?: number;
  part: number;
  /** The line that introduces the list this item belongs to ("Hồ sơ gồm:", a parent item). */
  context?: string;
  /** The unit only introduces what follows ("Hồ sơ gồm:"): context for other units, never quoted alone. */
  intro: boolean;
  /** The ages the unit is about, [from, below), when its item starts with an age condition ("Dưới 6 tuổi:"). */
  ages?: [number, number];
  /** The unit's markdown, without its list marker. */
  text: string;
  /** The text folded (lower case, no diacritics, single spaces), for cue patterns. */
  folded: string;
  /** The section heading folded. */
  sectionFolded: string;
  /** Index terms (folded syllables and bigrams), for ranking. */
  terms: ReadonlySet<string>;
  /** What the unit contains, accented forms included ("="-prefixed), for accent-aware matching. */
  contains: ReadonlySet<string>;
}

const ITEM = /^(\s*)([-*+•]|\d{1,3}[.)])\s+(.*)$/;
const SUBHEADING = /^#{3,6}\s+(.+?)\s*#*\s*$/;
// A sentence ends at . ! ? followed by a space and a capital letter, a digit, a quote or bold text.
const SENTENCE_END = /(?<=[.!?])\s+(?=[\p{Lu}\d"“(*])/u;

/**
 * How many documents keep their units. A part holds two term sets, so a province-sized catalogue asked about
 * for long enough would otherwise keep every document's parts (about 1.9 GB at 4,000 documents); the least
 * recently asked document is split again when it is next asked about, into the same units.
 */
export const UNIT_CACHE_DOCS = 300;

// Map order is the recency order: a document asked about moves to the end.
const cache = new Map<KnowledgeDoc, Unit[]>();

/** The units of a document, split once and kept while it is among the most recently asked about. */
export function unitsOf(doc: KnowledgeDoc, limit = UNIT_CACHE_DOCS): Unit[] {
  let units = cache.get(doc);
  if (units) cache.delete(doc);
  else units = splitDocument(doc);
  cache.set(doc, units);
  for (const oldest of cache.keys()) {
    if (cache.size <= limit) break;
    cache.delete(oldest);
  }
  return units;
}

/** How many documents keep their units now. */
export function documentsWithUnits(): number {
  return cache.size;
}

function splitDocument(doc: KnowledgeDoc): Unit[] {
  const out: Unit[] = [];
  // The heading, sub-heading and list context many units share are split into syllables once; lines
  // split apart, so the syllables of the lines together are those of each line in turn.
  const shared = new Map<string, string[]>();
  const syllablesOf = (line: string) => shared.get(line) ?? shared.set(line, syllables(line)).get(line)!;
  for (const section of doc.sections) {
    let inSection = 0;
    const sectionFolded = plainFolded(section.heading);
    const push = (u: Omit<Unit, 'docId' | 'section' | 'order' | 'indexInSection' | 'terms' | 'contains' | 'folded' | 'sectionFolded' | 'intro'>) => {
      const plain = u.text.replace(/\*\*|__|`/g, '');
      // The unit in its context: heading, sub-heading, list context and its own text, one line each.
      const withContext = [...syllablesOf(section.heading), ...syllablesOf(u.sub ?? ''), ...syllablesOf(u.context ?? ''), ...syllables(plain)];
      out.push({
        ...u,
        intro: /:\s*(\*\*)?\s*$/.test(u.text),
        docId: doc.id,
        section: section.heading,
        folded: plainFolded(plain),
        sectionFolded,
        order: out.length,
        indexInSection: inSection++,
        terms: new Set(indexTermsOf(withContext)),
        contains: new Set(containedTermsOf(withContext)),
      });
    };
    splitSection(section.text, push);
  }
  return out;
}

type Push = (u: { kind: Unit['kind']; text: string; marker?: string; context?: string; sub?: string; item?: number; part: number; ages?: [number, number] }) => void;

/** Lists become one unit per item (nested items keep their parent as context); paragraphs, one per sentence. */
function splitSection(text: string, push: Push): void {
  let sub: string | undefined;
  let paragraph: string[] = [];
  let lastParagraph = '';
  let item: { marker: string; lines: string[]; indent: number; context?: string } | undefined;
  let listIntro: string | undefined;
  let parentItem: string | undefined;

  let items = 0;
  const flushItem = () => {
    if (!item) return;
    const body = item.lines.join(' ').trim();
    // Each sentence of a long item is a part of its own, so the one that answers can be quoted alone.
    const sentences = body.split(SENTENCE_END).filter((x) => x.trim());
    const ages = agesOf(sentences[0] ?? '');
    sentences.forEach((sentence, part) => push({ kind: 'item', marker: item!.marker, text: sentence.trim(), context: item!.context, sub, item: items, part, ages }));
    items++;
    if (item.indent === 0) parentItem = body;
    item = undefined;
  };
  const flushParagraph = () => {
    if (paragraph.length === 0) return;
    const body = paragraph.join(' ').trim();
    paragraph = [];
    lastParagraph = body;
    for (const sentence of body.split(SENTENCE_END)) if (sentence.trim()) push({ kind: 'sentence', text: sentence.trim(), sub, part: 0 });
  };

  for (const line of text.split('\n')) {
    const heading = SUBHEADING.exec(line);
    if (heading) {
      flushItem();
      flushParagraph();
      sub = heading[1].replace(/\*\*/g, '');
      listIntro = undefined;
      continue;
    }
    if (!line.trim()) {
      flushItem();
      flushParagraph();
      continue;
    }
    const m = ITEM.exec(line);
    if (m) {
      const indent = m[1].length;
      if (!item && paragraph.length > 0) {
        flushParagraph();
        listIntro = /:\s*$/.test(lastParagraph) ? lastParagraph : undefined;
      } else if (!item && /:\s*$/.test(lastParagraph)) {
        listIntro = lastParagraph;
      }
      flushItem();
      const context = indent >= 2 && parentItem ? parentItem : listIntro;
      item = { marker: /\d/.test(m[2]) ? m[2].replace(')', '.') : '-', lines: [m[3]], indent, context };
      continue;
    }
    if (item) {
      item.lines.push(line.trim());
      continue;
    }
    if (paragraph.length === 0) listIntro = undefined;
    paragraph.push(line.trim());
  }
  flushItem();
  flushParagraph();
}

/** The first sentence of a unit's text (a long list item shown in brief). */
export function firstSentence(text: string): string {
  return text.split(SENTENCE_END)[0] ?? text;
}

/**
 * The age condition an item starts with: "Dưới 6 tuổi:" → [0, 6), "Từ 6 đến dưới 14 tuổi:" → [6, 14),
 * "Từ đủ 14 tuổi trở lên" → [14, ∞). Only a condition at the start counts (it says whom the item is for).
 */
function agesOf(text: string): [number, number] | undefined {
  const head = plainFolded(text).split(' ').slice(0, 12).join(' ');
  let m = /^(?:[a-z ]{0,20})?\bduoi (\d{1,3}) tuoi\b/.exec(head);
  if (m && !/\btu\b/.test(head.slice(0, m.index + 1))) return [0, Number(m[1])];
  m = /^(?:[a-z ]{0,20})?\btu (?:du )?(\d{1,3})(?: tuoi)? (?:den|toi) (duoi )?(\d{1,3}) tuoi\b/.exec(head);
  if (m) return [Number(m[1]), Number(m[3]) + (m[2] ? 0 : 1)];
  m = /^(?:[a-z ]{0,20})?\btu (?:du )?(\d{1,3}) tuoi tro len\b/.exec(head);
  if (m) return [Number(m[1]), Infinity];
  return undefined;
}
