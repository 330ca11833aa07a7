import type { KnowledgeDoc, Section } from '../knowledge/schema.js';
import { plainFolded } from '../text/vietnamese.js';

// Short chip labels for the shared section headings of a procedure (knowledge/README.md), by folded heading start.
const SHORT_LABELS: ReadonlyArray<[prefix: string, label: string]> = [
  ['giay to', 'Giấy tờ cần chuẩn bị'],
  ['ho so', 'Giấy tờ cần chuẩn bị'],
  ['cac buoc', 'Các bước'],
  ['thoi han va le phi', 'Thời hạn, lệ phí'],
  ['le phi', 'Lệ phí'],
  ['thoi han', 'Thời hạn'],
  ['nop o dau', 'Nộp ở đâu'],
  ['ai can', 'Ai cần làm'],
  ['ai duoc', 'Ai được làm'],
  ['lam truc tiep', 'Làm trực tiếp'],
  ['ai ho tro', 'Ai hỗ trợ'],
];

const MAX_LABEL_CHARS = 32;

/** Whether a heading is one of the shared headings of a procedure ("Giấy tờ cần chuẩn bị", "Thời hạn và lệ phí"), not a section about another matter. */
export function isSharedHeading(heading: string): boolean {
  const folded = plainFolded(heading);
  return SHORT_LABELS.some(([prefix]) => folded.startsWith(prefix));
}
// Sections never offered as a chip (legal basis is for staff).
const NOT_OFFERED = /^(can cu|nguon)/;

/** A short chip label for a section, or undefined when it has none short enough. */
export function sectionLabel(section: Section): string | undefined {
  return namesOf(section).label;
}

function labelOf(section: Section): string | undefined {
  if (!section.heading || !section.text.trim()) return undefined;
  const folded = plainFolded(section.heading);
  if (NOT_OFFERED.test(folded)) return undefined;
  const known = SHORT_LABELS.find(([prefix]) => folded.startsWith(prefix));
  if (known) return known[1];
  return section.heading.length <= MAX_LABEL_CHARS ? section.heading : undefined;
}

interface SectionNames {
  label: string | undefined;
  labelFolded: string | undefined;
  headingFolded: string;
}

// A loaded section never changes: its label and folded names are worked out once, not on every answer.
const names = new WeakMap<Section, SectionNames>();

function namesOf(section: Section): SectionNames {
  let n = names.get(section);
  if (!n) {
    const label = labelOf(section);
    n = { label, labelFolded: label && plainFolded(label), headingFolded: section.heading ? plainFolded(section.heading) : '' };
    names.set(section, n);
  }
  return n;
}

/** The section of a document a chip label (or its heading typed out) asks for. */
export function sectionByLabel(doc: KnowledgeDoc, text: string): Section | undefined {
  const asked = plainFolded(text);
  if (!asked) return undefined;
  return doc.sections.find((s) => {
    const n = namesOf(s);
    return (n.label && n.labelFolded === asked) || (s.heading && n.headingFolded === asked);
  });
}

/** A chip's text, "<document title>: <section label>", as the document and the section it asks for. */
export function sectionChip(docs: readonly KnowledgeDoc[], text: string): { doc: KnowledgeDoc; section: Section } | undefined {
  const m = /^(.+?):\s+(.+)$/su.exec(text.trim());
  if (!m) return undefined;
  const doc = docs.find((d) => d.title === m[1].trim());
  const section = doc && sectionByLabel(doc, m[2]);
  return doc && section ? { doc, section } : undefined;
}
