import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { Question } from '../text/question.js';
import { foldedTokens, foldSyllable, plainFolded, syllables } from '../text/vietnamese.js';
import { TYPE_SPECS } from './question-types.js';

/**
 * How citizens name each procedure: the parts of its title (without the generic verbs "đăng ký",
 * "cấp", "đổi"…) and every synonym group one of whose terms is such a part. A message "names a
 * procedure" when it contains one of these phrases; a message that names none is a follow-up.
 */
export interface ProcedureNames {
  /** Name phrase (folded syllables joined by spaces) → documents it names. */
  readonly byPhrase: ReadonlyMap<string, ReadonlySet<string>>;
  /** Folded syllables of each document's title. */
  readonly titleTokens: ReadonlyMap<string, ReadonlySet<string>>;
  /** How many procedures a document's title names ("Rút BHXH một lần, cấp lại thẻ BHYT, …" names several). */
  readonly subjects: ReadonlyMap<string, number>;
}

export interface NameHit {
  phrase: string;
  docIds: ReadonlySet<string>;
  /** Syllable positions in the question, end exclusive. */
  start: number;
  end: number;
}

// Verbs and words that start many titles without naming anything, with their diacritics: folded,
// "lại" would strip "bằng lái" to "bằng", "số" "sổ đỏ" to "đỏ", "hỗ" "hộ chiếu" to "chiếu".
const GENERIC = new Set(
  'đăng ký kí cấp đổi lại làm xin hưởng giải quyết thủ tục và cách các về khi những của cho tại trên qua kể cả số nhận hỗ trợ'.split(' '),
);
// People a question may be about; a title that mentions them in passing is not named by them.
const POPULATIONS = [
  'nguoi cao tuoi', 'nguoi gia', 'tre em', 'nguoi khuyet tat', 'khuyet tat', 'nguoi lon', 'tre', 'nguoi dan', 'nguoi dan toc',
  'phu nu', 'hoc sinh', 'sinh vien', 'cong nhan', 'nguoi lao dong', 'ho gia dinh', 'ho ngheo', 'ho can ngheo', 'nguoi ngheo',
];
const POPULATION_SET = new Set(POPULATIONS);

const cache = new WeakMap<KnowledgeSnapshot, ProcedureNames>();

export function procedureNames(snapshot: KnowledgeSnapshot): ProcedureNames {
  let names = cache.get(snapshot);
  if (!names) {
    names = build(snapshot);
    cache.set(snapshot, names);
  }
  return names;
}

function build(snapshot: KnowledgeSnapshot): ProcedureNames {
  const byPhrase = new Map<string, Set<string>>();
  const titleTokens = new Map<string, Set<string>>();
  const subjects = new Map<string, number>();
  const add = (phrase: string, docId: string) => {
    if (!phrase) return;
    let docs = byPhrase.get(phrase);
    if (!docs) byPhrase.set(phrase, (docs = new Set()));
    docs.add(docId);
  };
  // Groups of words for a kind of question ("lệ phí, miễn phí, bao nhiêu tiền") name no procedure.
  const aspect = (g: string[]) => g.some((t) => TYPE_SPECS.some((spec) => spec.type !== 'yesno' && spec.cue.test(plainFolded(t))));
  const groups = snapshot.synonymGroups.filter((g) => !aspect(g)).map((g) => g.map((t) => foldedTokens(t).join(' ')).filter(Boolean));
  const groupsOf = termIndex(groups);
  for (const doc of snapshot.docs) {
    titleTokens.set(doc.id, new Set(foldedTokens(doc.title)));
    const parts = doc.title
      .split(/[,:;()–—]|\s-\s|\svà\s/u)
      .map((p) => namePart(syllables(p)))
      .filter((p) => p.length > 0);
    const kept: string[] = [];
    for (const part of parts) {
      const phrase = part.join(' ');
      if (POPULATION_SET.has(phrase)) continue;
      if (part.length === 1 && phrase.length < 4) continue;
      kept.push(phrase);
      add(phrase, doc.id);
      for (const g of groupsNaming(part, groupsOf)) for (const term of groups[g]) if (!POPULATION_SET.has(term)) add(term, doc.id);
    }
    // The id is the short name its author gave the document ("tra-cuu-ho-so" for "Tra cứu hồ sơ đã nộp và nhận kết quả").
    add(foldedTokens(doc.id.replace(/-/g, ' ')).join(' '), doc.id);
    subjects.set(doc.id, distinctSubjects(kept, groupsOf));
  }
  return { byPhrase, titleTokens, subjects };
}

/** Term → the groups it belongs to (positions in `groups`, ascending). */
function termIndex(groups: string[][]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  groups.forEach((group, g) => {
    for (const term of group) {
      const of = index.get(term);
      if (!of) index.set(term, [g]);
      else if (of[of.length - 1] !== g) of.push(g);
    }
  });
  return index;
}

/**
 * The groups (in their order) with a term that is the whole title part, or a run of two or more of
 * its words: looked up by the part's runs, not by scanning every group for every title.
 */
function groupsNaming(part: string[], groupsOf: ReadonlyMap<string, number[]>): number[] {
  const found = new Set<number>(groupsOf.get(part.join(' ')));
  for (let len = 2; len <= part.length; len++) {
    for (let i = 0; i + len <= part.length; i++) for (const g of groupsOf.get(part.slice(i, i + len).join(' ')) ?? []) found.add(g);
  }
  return [...found].sort((a, b) => a - b);
}

/** Title parts that are not the same thing said twice (one contains the other, or they share a synonym group). */
function distinctSubjects(parts: string[], groupsOf: ReadonlyMap<string, number[]>): number {
  const same = (a: string, b: string) =>
    ` ${a} `.includes(` ${b} `) || ` ${b} `.includes(` ${a} `) || (groupsOf.get(a) ?? []).some((g) => groupsOf.get(b)?.includes(g));
  const reps: string[] = [];
  for (const p of parts) if (!reps.some((r) => same(r, p))) reps.push(p);
  return reps.length;
}

/**
 * A title part without its generic words, folded. One syllable left over from a longer part is not
 * a name: "thay" of "thay đổi", "thừa" of "thừa kế" are everyday words.
 */
function namePart(typed: string[]): string[] {
  let start = 0;
  while (start < typed.length && GENERIC.has(typed[start])) start++;
  let end = typed.length;
  while (end > start && GENERIC.has(typed[end - 1])) end--;
  if (end - start === 1 && typed.length > 1) return [];
  return typed.slice(start, end).map(foldSyllable);
}

/** The procedure names in a question, longest first, not overlapping. */
export function namesIn(q: Question, names: ProcedureNames): NameHit[] {
  const tokens = q.foldedSyllables;
  const prefixes = namePrefixes(names);
  // Every name at every position (a position's phrase grows only while some name starts with it), then
  // taken longest first, left to right.
  const found: NameHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let phrase = '';
    for (let end = i + 1; end <= Math.min(tokens.length, i + MAX_NAME_SYLLABLES); end++) {
      phrase = end === i + 1 ? tokens[i] : `${phrase} ${tokens[end - 1]}`;
      if (!prefixes.has(phrase)) break;
      const docIds = names.byPhrase.get(phrase);
      if (docIds) found.push({ phrase, docIds, start: i, end });
    }
  }
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(tokens.length).fill(false);
  const hits: NameHit[] = [];
  for (const hit of found) {
    if (taken.slice(hit.start, hit.end).some(Boolean)) continue;
    hits.push(hit);
    for (let j = hit.start; j < hit.end; j++) taken[j] = true;
  }
  return hits.sort((a, b) => a.start - b.start);
}

const MAX_NAME_SYLLABLES = 8;
const prefixesOf = new WeakMap<ProcedureNames, ReadonlySet<string>>();

/** Every name's leading syllables (the name itself included). */
function namePrefixes(names: ProcedureNames): ReadonlySet<string> {
  let prefixes = prefixesOf.get(names);
  if (!prefixes) {
    const set = new Set<string>();
    for (const phrase of names.byPhrase.keys()) {
      const words = phrase.split(' ');
      for (let k = 1; k <= words.length; k++) set.add(words.slice(0, k).join(' '));
    }
    prefixesOf.set(names, (prefixes = set));
  }
  return prefixes;
}

/** Whether a folded phrase names a group of people rather than a procedure ("người già", "trẻ em"). */
export function isPopulation(phrase: string): boolean {
  return POPULATION_SET.has(phrase);
}

/** Population words in a question ("người già", "trẻ em"), for re-picking the parts of the same document. */
export function populationsIn(q: Question): string[] {
  const text = ` ${q.foldedSyllables.join(' ')} `;
  return POPULATIONS.filter((p) => text.includes(` ${p} `));
}
