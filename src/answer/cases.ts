import type { KnowledgeDoc } from '../knowledge/schema.js';
import type { Tuning } from '../tuning.js';
import type { Question } from '../text/question.js';
import { isStopword, plainFolded } from '../text/vietnamese.js';
import type { RankedUnit } from './rank.js';
import { unitsOf, type Unit } from './units.js';

/** Parts of a document that answer a yes/no question differently by case, and the cases' labels. */
export interface CaseSplit {
  /** For each case, the part that answers (after its item's lead sentence when it is a later one). */
  units: Unit[];
  /** The cases as the document names them ("Dưới 6 tuổi", "Từ 6 đến dưới 14 tuổi"). */
  labels: string[];
}

// An item that says which case it is for: "**Dưới 6 tuổi:** …", "**Gia hạn tạm trú:** …", "Thai sản: …".
const BOLD_LEAD = /^\*\*([^*]{2,60}?):?\*\*:?\s/;
const PLAIN_LEAD = /^([^:*.;()]{2,50}):\s/;
const MAX_LABEL_WORDS = 8;
// How far down the ranking the parts of the other cases are looked for.
const CASE_RANKS = 6;
const MAX_CASES = 3;

/**
 * "Làm căn cước cho con có phải đưa cháu đi không": the parts that answer are items of one list, each
 * for its own case (an age, a place, a kind of request), and the question does not say which case is
 * the citizen's. Then one fact decides the answer: the answer gives each case and asks which one.
 * Undefined when the best part is not such an item, when fewer than two cases answer, or when the
 * question names its case (an age the item covers, or the words of its label).
 */
export function caseSplit(q: Question, doc: KnowledgeDoc, ranked: readonly RankedUnit[], t: Tuning['answer']): CaseSplit | undefined {
  const best = ranked[0];
  if (!best || best.focusCoverage < t.focusCovered) return undefined;
  const bestCase = caseOf(doc, best.unit);
  if (!bestCase) return undefined;
  const siblings = (u: Unit) => u.section === best.unit.section && u.sub === best.unit.sub && u.context === best.unit.context && u.kind === 'item';
  const byLabel = new Map<string, Unit>();
  for (const r of ranked.slice(0, CASE_RANKS)) {
    if (r.score < best.score * t.nextUnitRatio || r.focusCoverage < t.focusCovered || !siblings(r.unit)) continue;
    const label = caseOf(doc, r.unit);
    if (label && !byLabel.has(label.text)) byLabel.set(label.text, r.unit);
  }
  if (byLabel.size < 2) return undefined;
  const age = /\b(\d{1,3}) tuoi\b/.exec(q.folded);
  const asked = new Set(q.foldedSyllables);
  for (const [text, unit] of byLabel) {
    if (age && unit.ages && Number(age[1]) >= unit.ages[0] && Number(age[1]) < unit.ages[1]) return undefined;
    const words = plainFolded(text).split(' ').filter((w) => w && !isStopword(w) && !/^\d+$/.test(w));
    if (words.length > 0 && words.every((w) => asked.has(w))) return undefined;
  }
  const cases = [...byLabel].slice(0, MAX_CASES);
  const units: Unit[] = [];
  for (const [, unit] of cases) {
    const lead = leadOf(doc, unit);
    if (lead && lead !== unit) units.push(lead);
    units.push(unit);
  }
  return { units, labels: cases.map(([text]) => lowerFirst(text)) };
}

const leads = new WeakMap<Unit, Unit>();
// By the split, not the document: a document split again (see unitsOf) has new units to index.
const indexed = new WeakSet<readonly Unit[]>();

/** The lead sentence (part 0) of the item a part belongs to; indexed once per split document. */
function leadOf(doc: KnowledgeDoc, unit: Unit): Unit | undefined {
  if (unit.kind !== 'item' || unit.part === 0) return unit;
  const units = unitsOf(doc);
  if (!indexed.has(units)) {
    indexed.add(units);
    const first = new Map<string, Unit>();
    for (const u of units) {
      if (u.kind !== 'item') continue;
      const key = `${u.section}\0${u.sub ?? ''}\0${u.item}`;
      if (u.part === 0) first.set(key, u);
      const lead = first.get(key);
      if (lead) leads.set(u, lead);
    }
  }
  return leads.get(unit);
}

/** The case an item is for, from its lead sentence's label. */
function caseOf(doc: KnowledgeDoc, unit: Unit): { text: string } | undefined {
  if (unit.kind !== 'item') return undefined;
  const lead = leadOf(doc, unit);
  if (!lead) return undefined;
  const m = BOLD_LEAD.exec(lead.text) ?? PLAIN_LEAD.exec(lead.text);
  if (!m) return undefined;
  const text = m[1].trim().replace(/[:\s]+$/, '');
  if (text.split(/\s+/).length > MAX_LABEL_WORDS) return undefined;
  return { text };
}

function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}
