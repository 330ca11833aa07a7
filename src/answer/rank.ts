import type { KnowledgeDoc } from '../knowledge/schema.js';
import type { KnowledgeSnapshot } from '../retrieval/snapshot.js';
import type { Question } from '../text/question.js';
import { fold, isStopword, plainFolded } from '../text/vietnamese.js';
import { namesIn, procedureNames, type NameHit } from './procedure-names.js';
import { QUANTITY, specOf, type QuestionType, type TypedQuestion } from './question-types.js';
import { unitsOf, type Unit } from './units.js';

/** One word of what the question asks about a document. */
export interface FocusWord {
  folded: string;
  /** As typed, when typed with diacritics (then it must match with them). */
  accented?: string;
  /** Position among the question's syllables. */
  pos: number;
  idf: number;
  /**
   * A hint only ranks parts, it is not what is asked: a word of the document's own name ("rút BHXH
   * một lần" in a guide about four procedures) or of the kind of question ("gia hạn", "lệ phí").
   */
  hint: boolean;
  /** The hint is a word of the document's own name (else a kind-of-question word). */
  name?: boolean;
  /**
   * The word tells the citizen's situation, in a clause before the one that asks ("bố mẹ mất hết, tôi
   * là bác ruột, muốn làm giám hộ thì cần giấy gì"): it ranks parts, but weighs little in whether the
   * guidance covers what is asked.
   */
  context?: boolean;
}

/** The question's focus on one document: its content words minus the document's name and the kind-of-question words. */
export interface Focus {
  words: FocusWord[];
  /** IDF mass of the focus words that are not hints. */
  weight: number;
  /** Positions of the question's syllables that name this document (its title words, its names). */
  named: ReadonlySet<number>;
  /** The kinds-of-question cues, for finding what a question word is about. */
  cueStarts: readonly number[];
}

export interface RankedUnit {
  unit: Unit;
  score: number;
  /** IDF-weighted share of the focus words (hints aside) the unit contains. */
  focusCoverage: number;
  /** The focus words (hints aside) it contains, by position. */
  covered: ReadonlySet<number>;
  /** The pairs of adjacent asked words it holds together (their index terms). */
  pairs: ReadonlySet<string>;
}

// Words that say who asks, about whom or when, and chat filler: never what is asked (folded; they
// mean the same whatever the diacritics).
const CHATTER = new Set(
  (
    // people
    'bac co di thim ong ba chau con be me cha anh em vo chong dau trai gai ban toi tui minh nguoi ta ay nhau xom ' +
    // time
    'tuan thang nam ngay hom nay luc lau gio bay ' +
    // filler and the question frame
    'chao oi a ha nhi nhe nha ak vay thi ma la roi chua biet nghe lam duoc phai khong ko se xong luon ca tung gium giup ' +
    'voi len xuong ra vao o kia ai gi sao nao bao nhieu vai dang hon hs ' +
    // chat shorthand: làm, cần, admin, nhiêu
    'lm cn ad ak nhiu'
  ).split(' '),
);
// The same for words whose folded form is also a content word ("từ"/"tử", "đó"/"đỏ", "lại"/"lái"): only as typed.
const CHATTER_ACCENTED = new Set(
  ('sắp từ đó về vẫn đã mới vừa thấy đúng thôi quá thật lắm bây giờ đến đi đây đấy rất hết thế cứ hỏi muốn nói nên lại mấy cũng vì ' +
    'đứa nó chú cậu mợ dượng bố chị thứ hai ba bốn năm sáu bảy tám chín mười lần đầu một').split(' '),
);
// Words every procedure uses ("thủ tục", "giấy tờ", "hồ sơ", "đăng ký"): they rank parts but are not what is asked.
const GENERIC = new Set('viec cach buoc huong dan quy trinh thong tin van de'.split(' '));
const GENERIC_PAIRS = new Set(['thu tuc', 'giay to', 'ho so', 'dang ki', 'hanh chinh', 'to khai', 'nop ho', 'son la']);

// Two-syllable chat words (people, places, "a bit", "to start") whose syllables alone are content words elsewhere ("hàng", "ty", "bắt").
const CHATTER_PAIRS = new Set(['hang xom', 'cong ty', 'que nha', 've que', 'o que', 'mot chut', 'hoi chut', 'cay so', 'bat dau', 'vi sao', 'tai sao']);

function chatterPair(q: Question, pos: number): boolean {
  const f = q.foldedSyllables;
  return CHATTER_PAIRS.has(`${f[pos - 1]} ${f[pos]}`) || CHATTER_PAIRS.has(`${f[pos]} ${f[pos + 1]}`);
}

function genericPair(q: Question, pos: number): boolean {
  const f = q.foldedSyllables;
  return GENERIC_PAIRS.has(`${f[pos - 1]} ${f[pos]}`) || GENERIC_PAIRS.has(`${f[pos]} ${f[pos + 1]}`);
}

// Accented words whose folded form is a stopword ("bán"/"bạn", "bản", "mã", "đỏ", "vẽ"): content when typed so.
const CONTENT_ACCENTED = new Set('bán bản dấu đầu đỏ đồ mã mượn thi vẽ vé cáo chỉ'.split(' '));
// Words of the question's frame ("có … không", "bao nhiêu", "ở đâu"): not even hints.
const FRAME = new Set('co khong ko phai can duoc bao nhieu lau may dau nao gi the sao nhu lam thi la ai'.split(' '));
// A word the corpus never uses weighs at most this much (a typo, a brand, a place: rarely what decides).
const UNKNOWN_WORD_IDF = 3;

/** What the question asks about this document. */
export function focusOf(
  snapshot: KnowledgeSnapshot,
  q: Question,
  typed: TypedQuestion,
  doc: KnowledgeDoc,
  hits?: NameHit[],
  /** Names of other procedures answered in their own block: not about this document at all. */
  ignore: NameHit[] = [],
): Focus {
  const names = procedureNames(snapshot);
  const nameHits = hits ?? namesIn(q, names);
  const title0 = names.titleTokens.get(doc.id) ?? new Set<string>();
  const inName = new Set<number>();
  // Another name of the document ("sổ hộ khẩu" for "Đăng ký thường trú") ranks parts; its title's own words do not.
  const otherName = new Set<number>();
  for (const h of nameHits) {
    const words = h.phrase.split(' ');
    for (let i = h.start; i < h.end; i++) inName.add(i);
    if (!words.every((w) => title0.has(w))) for (let i = h.start; i < h.end; i++) otherName.add(i);
  }
  const ignored = new Set<number>();
  for (const h of ignore) for (let i = h.start; i < h.end; i++) ignored.add(i);
  const title = names.titleTokens.get(doc.id) ?? new Set<string>();
  // In a guide about several procedures, the name of one of them tells its parts apart.
  const severalSubjects = (names.subjects.get(doc.id) ?? 1) > 1;
  // "X là gì", "X khác Y thế nào": the names themselves are what is asked about.
  const aboutNames = typed.types.includes('definition') || typed.types.includes('comparison');
  const words: FocusWord[] = [];
  const seen = new Set<string>();
  q.foldedSyllables.forEach((f, pos) => {
    const typedForm = q.syllables[pos];
    const accented = fold(typedForm) === typedForm ? undefined : typedForm;
    // Numbers: a year or an amount ranks parts ("năm 2026"); an age or a count is not what is asked.
    if (/^\d+$/.test(f)) {
      if (f.length >= 3 && !seen.has(f)) {
        seen.add(f);
        words.push({ folded: f, pos, idf: UNKNOWN_WORD_IDF, hint: true });
      }
      return;
    }
    if (ignored.has(pos) || seen.has(f) || CHATTER.has(f) || (accented && CHATTER_ACCENTED.has(accented)) || chatterPair(q, pos)) return;
    if (isStopword(f) && !(accented && CONTENT_ACCENTED.has(accented))) return;
    const named = inName.has(pos) || title.has(f);
    const cue = typed.cueTokens.has(f) || GENERIC.has(f) || genericPair(q, pos);
    // The document's own title words rank nothing in a guide about one procedure; another of its names ("sổ hộ khẩu") may.
    if (named && !aboutNames && !cue && !severalSubjects && !otherName.has(pos)) return;
    const hint = (named && !aboutNames) || cue;
    if (hint && FRAME.has(f)) return;
    if (f.length < 2 && !/^\p{Lu}$/u.test(q.original.split(/[^\p{L}\p{N}]+/u).filter(Boolean)[pos] ?? '')) return;
    seen.add(f);
    const idf = snapshot.bm25.has(f) ? snapshot.bm25.idf(f) : UNKNOWN_WORD_IDF;
    words.push({ folded: f, accented, pos, idf, hint, name: hint && named && !cue });
  });
  const named = new Set<number>();
  q.foldedSyllables.forEach((f, pos) => {
    if (inName.has(pos) || title.has(f)) named.add(pos);
  });
  markContext(q, typed, words);
  return { words, weight: words.filter((w) => !w.hint).reduce((s, w) => s + w.idf, 0), named, cueStarts: typed.cueStarts };
}

// Where one clause ends and the next begins: punctuation, or "thì" ("… ở trọ thì có phải khai báo …").
export const CLAUSE_GAP = /[,;.!?:]/;
const CLAUSE_WORDS = new Set(['thì', 'thi']);

// Unaccented "thi" is also "thi" (an exam): "thi lại bằng lái", "điểm thi", "thi trượt" start no clause.
const EXAM_BEFORE = new Set(['diem', 'ky', 'bai', 'de', 'phong', 'cuoc', 'lich', 'sat', 'di', 'du']);
const EXAM_AFTER = new Set(['truot', 'do', 'sat', 'lai', 'bang', 'lay', 'tuyen']);

function examThi(q: Question, i: number): boolean {
  const f = q.foldedSyllables;
  return i === 0 || EXAM_BEFORE.has(f[i - 1]) || EXAM_AFTER.has(f[i + 1]);
}

/** Clause number of each syllable of the question. */
export function clausesOf(q: Question): number[] {
  const out: number[] = [];
  let n = 0;
  q.syllables.forEach((syl, i) => {
    if (i > 0 && CLAUSE_GAP.test(q.gaps[i - 1] ?? '')) n++;
    if (CLAUSE_WORDS.has(syl) && (syl === 'thì' || (!q.typedDiacritics && !examThi(q, i)))) n++;
    out.push(n);
  });
  return out;
}

/**
 * Marks the words of the clauses before the one that asks (the clause of the last question word, or
 * the last clause) as context. When every word is context the share covered is unchanged.
 */
function markContext(q: Question, typed: TypedQuestion, words: FocusWord[]): void {
  const clause = clausesOf(q);
  const lastCue = typed.cueStarts[typed.cueStarts.length - 1];
  const asking = lastCue !== undefined ? clause[lastCue] : clause[clause.length - 1];
  if (asking === undefined || asking === 0) return;
  for (const w of words) if (!w.hint && clause[w.pos] < asking) w.context = true;
}

// How much a word of the citizen's situation counts towards "the guidance covers what is asked".
const CONTEXT_WEIGHT = 0.3;

const SECTION_AFFINITY = 0.3;
const UNIT_AFFINITY = 0.2;
const BIGRAM_BONUS = 0.1;
const LEAD_BONUS = 0.3;
// Hints (the document's own names, kind-of-question words, years) rank parts, but less than the kind of question.
const HINTS_WEIGHT = 0.25;
const DEFINITION_BONUS = 0.3;
const NAME_DEFINITION_BONUS = 0.5;
const AGE_BONUS = 0.3;
const DEFINES = /\b(la|nghia la|goi la|hay goi|tuc la)\b/;

/** The units of a document, best first, for a question's focus and kinds. */
export function rankUnits(
  snapshot: KnowledgeSnapshot,
  q: Question,
  doc: KnowledgeDoc,
  focus: Focus,
  types: readonly QuestionType[],
  focusFullWeight = 2.5,
): RankedUnit[] {
  const units = unitsOf(doc);
  const asked = types.filter((t) => t !== 'yesno');
  const spread = withinDocument(focus, units);
  const defining = asked.includes('definition') || asked.includes('comparison');
  // Only when every word asked names the document ("làm sạch dữ liệu dân cư là sao" asks about a term inside it).
  const definesName =
    asked.includes('definition') && !asked.includes('comparison') && focus.named.size > 0 && focus.words.every((w) => w.hint || focus.named.has(w.pos));
  const quantity = asksQuantity(q);
  const ageMatch = /\b(\d{1,3}) tuoi\b/.exec(q.folded);
  const age = ageMatch ? Number(ageMatch[1]) : undefined;
  const focusBigrams = adjacentPairs(focus.words).map((p) => p.term);
  const negated = negatedWords(q, focus);
  const ranked = units.map((unit) => {
    const { coverage, rank, hints, covered, pairs } = focusCoverage(snapshot, q, focus, unit, spread);
    let affinity = 0;
    for (const t of asked) affinity = Math.max(affinity, typeAffinity(unit, t));
    let bigrams = 0;
    for (const bigram of focusBigrams) if (unit.terms.has(bigram)) bigrams++;
    const lead = unit.section === '' && asked.length === 0 && focus.words.length === 0 ? LEAD_BONUS : 0;
    const number = quantity && rank > 0 && statesNumber(unit.folded) ? UNIT_AFFINITY : 0;
    // "con 5 tuổi": the part for that age, not the one for another age.
    const ageFit = age === undefined || !unit.ages ? 0 : age >= unit.ages[0] && age < unit.ages[1] ? AGE_BONUS : -AGE_BONUS;
    // A definition states the term first ("**Toàn trình** (…): …") or says what it "là".
    const definition =
      (defining && rank > 0 && (DEFINES.test(unit.folded) || /^\*\*/.test(unit.text)) ? DEFINITION_BONUS : 0) +
      // "Đề án 06 là gì": a guide's first sentence says what the thing it is named after is.
      (definesName && unit.section === '' && unit.indexInSection === 0 ? NAME_DEFINITION_BONUS : 0);
    // A focus too thin to be specific ("lấy") must not outweigh the kind of question asked.
    const askedWeight = focus.weight >= focusFullWeight || asked.length === 0 ? 1 : 0.5;
    const negation = negated.length > 0 ? NEGATION_BONUS * negationFit(unit.folded, negated) : 0;
    const score =
      (unit.intro ? -1 : 0) + askedWeight * rank + HINTS_WEIGHT * hints + affinity + number + definition + ageFit + negation + BIGRAM_BONUS * Math.min(2, bigrams) + lead - 0.004 * unit.indexInSection;
    return { unit, score, focusCoverage: coverage, covered, pairs };
  });
  return ranked.sort((a, b) => b.score - a.score || a.unit.order - b.unit.order);
}

// The citizen's situation lacks something ("không có giấy chứng sinh", "bố mẹ chưa đăng ký kết hôn"): the part
// that speaks of it missing or of what replaces it answers, not the one that assumes it ("Cha mẹ đã đăng ký kết hôn thì …").
const NEGATION_BONUS = 0.6;
const NEGATORS = new Set(['khong', 'ko', 'k', 'chua', 'chang', 'mat', 'hong', 'thieu']);
// Words that may stand between a negator and what is missing ("không có", "chưa được", "không biết").
const NEGATION_FRAME = new Set(['co', 'duoc', 'dc', 'biet', 'con', 'the', 'lam', 'kip', 'di', 'phai', 'can']);
const NEGATED_SPAN = 4;
// In a part: what is missing said so, or what stands in for it ("thay giấy báo tử", "nếu không có").
const PART_NEGATORS = new Set(['khong', 'chua', 'thieu', 'mat', 'thay', 'hong']);

/** The asked words the question says are missing or not done, right after "không (có)", "chưa", "mất". */
function negatedWords(q: Question, focus: Focus): FocusWord[] {
  const f = q.foldedSyllables;
  const clause = clausesOf(q);
  const byPos = new Map(focus.words.map((w) => [w.pos, w]));
  const out: FocusWord[] = [];
  for (let i = 0; i < f.length - 1; i++) {
    if (!NEGATORS.has(f[i])) continue;
    // "mất" also means "it takes" ("mất bao lâu") and "died": only "bị mất", "mất …" of a paper is a loss; keep it to "bị mất".
    if (f[i] === 'mat' && f[i - 1] !== 'bi') continue;
    let j = i + 1;
    while (j < f.length && NEGATION_FRAME.has(f[j])) j++;
    for (let k = j; k < Math.min(f.length, j + NEGATED_SPAN) && clause[k] === clause[i]; k++) {
      const w = byPos.get(k);
      if (w && !(w.hint && !w.name)) out.push(w);
    }
  }
  return out;
}

/** +1 when a part says a missing word is missing or replaced, −1 when it assumes it is there ("đã …"), else 0. */
function negationFit(folded: string, negated: readonly FocusWord[]): number {
  const words = folded.split(' ');
  // Where the missing thing is first named in the part, and the few words before it ("đã có thẻ căn cước").
  const at = Math.min(...negated.map((w) => words.indexOf(w.folded)).filter((i) => i >= 0));
  if (!Number.isFinite(at)) return 0;
  if (words.slice(Math.max(0, at - 3), at).some((b) => PART_NEGATORS.has(b))) return 1;
  if (words.slice(Math.max(0, at - NEGATED_SPAN), at).includes('da')) return -1;
  return 0;
}

const affinities = new WeakMap<Unit, Map<QuestionType, number>>();

/** How well a unit's section and wording fit a kind of question; the same for every question, so computed once per unit. */
export function typeAffinity(unit: Unit, type: QuestionType): number {
  let known = affinities.get(unit);
  if (!known) affinities.set(unit, (known = new Map()));
  let a = known.get(type);
  if (a === undefined) {
    const spec = specOf(type);
    a = 0;
    if (spec.headings.some((h) => unit.sectionFolded.includes(h))) a += SECTION_AFFINITY;
    if (spec.unit && spec.unit.test(unit.folded)) a += UNIT_AFFINITY;
    known.set(type, a);
  }
  return a;
}

/**
 * How much of the focus a unit contains (with diacritics where typed, or through a synonym): `coverage`
 * over the words that are asked (hints aside), `rank` over all words with hints at half weight. Two focus
 * words next to each other in the question ("tiền hỗ trợ") also count as a pair: finding both words
 * apart in a unit covers them less than finding the pair.
 */
export function focusCoverage(
  snapshot: KnowledgeSnapshot,
  q: Question,
  focus: Focus,
  unit: Unit,
  spread?: ReadonlyMap<number, number>,
): { coverage: number; rank: number; hints: number; covered: ReadonlySet<number>; pairs: ReadonlySet<string> } {
  // Made only for a unit that holds something (most units of a document hold none of the focus).
  let covered: Set<number> | undefined;
  let pairs: Set<string> | undefined;
  if (focus.words.length === 0) return { coverage: 0, rank: 0, hints: 0, covered: NOTHING, pairs: NOTHING };
  const viaSynonym = snapshot.synonyms.coveredTokens(q, unit.contains);
  const asked = { got: 0, total: 0, rankGot: 0, rankTotal: 0 };
  const hinted = { got: 0, total: 0 };
  const accentedForms = accentedFormsOf(snapshot, focus);
  for (let k = 0; k < focus.words.length; k++) {
    const w = focus.words[k];
    const accented = accentedForms[k];
    let c = 0;
    if (viaSynonym.has(w.folded)) c = 1;
    else if (accented) {
      if (unit.contains.has(accented.term)) c = 1;
      else if (!accented.known && unit.contains.has(w.folded)) c = 0.5;
    } else if (unit.contains.has(w.folded)) c = 1;
    const distinct = spread?.get(w.pos) ?? 1;
    if (w.hint) {
      hinted.total += w.idf * distinct;
      hinted.got += c * w.idf * distinct;
      continue;
    }
    if (c > 0) (covered ??= new Set()).add(w.pos);
    const weight = w.context ? CONTEXT_WEIGHT * w.idf : w.idf;
    asked.total += weight;
    asked.got += c * weight;
    asked.rankTotal += w.idf * distinct;
    asked.rankGot += c * w.idf * distinct;
  }
  for (const { a, b, term } of askedPairs(focus)) {
    const weight = ((a.context || b.context ? CONTEXT_WEIGHT : 1) * PAIR_WEIGHT * (a.idf + b.idf)) / 2;
    const paired = unit.terms.has(term) || (viaSynonym.has(a.folded) && viaSynonym.has(b.folded));
    asked.total += weight;
    asked.rankTotal += weight;
    if (paired) {
      (pairs ??= new Set()).add(term);
      asked.got += weight;
      asked.rankGot += weight;
    }
  }
  return {
    coverage: asked.total > 0 ? asked.got / asked.total : 0,
    rank: asked.rankTotal > 0 ? asked.rankGot / asked.rankTotal : 0,
    hints: hinted.total > 0 ? hinted.got / hinted.total : 0,
    covered: covered ?? NOTHING,
    pairs: pairs ?? NOTHING,
  };
}

const NOTHING: ReadonlySet<never> = new Set();

// Each focus word's accented index term ("=" and the word as typed) and whether the corpus uses it,
// found once per focus rather than for every unit ranked.
const accentedFormsByFocus = new WeakMap<Focus, Array<{ term: string; known: boolean } | undefined>>();

function accentedFormsOf(snapshot: KnowledgeSnapshot, focus: Focus): Array<{ term: string; known: boolean } | undefined> {
  let forms = accentedFormsByFocus.get(focus);
  if (!forms) {
    forms = focus.words.map((w) => (w.accented ? { term: `=${w.accented}`, known: snapshot.accentedVocabulary.has(`=${w.accented}`) } : undefined));
    accentedFormsByFocus.set(focus, forms);
  }
  return forms;
}

/**
 * The share of the asked words (IDF-weighted, the situation's words light, as in `focusCoverage`) that
 * several parts hold between them: a question may be answered by two parts of a document, one with
 * each thing asked ("đóng 2 năm thì được hưởng mấy tháng": the condition in one bullet, the months in another).
 */
export function jointCoverage(focus: Focus, parts: readonly RankedUnit[]): number {
  let got = 0;
  let total = 0;
  for (const w of focus.words) {
    if (w.hint) continue;
    const weight = w.context ? CONTEXT_WEIGHT * w.idf : w.idf;
    total += weight;
    if (parts.some((p) => p.covered.has(w.pos))) got += weight;
  }
  for (const { a, b, term } of askedPairs(focus)) {
    const weight = ((a.context || b.context ? CONTEXT_WEIGHT : 1) * PAIR_WEIGHT * (a.idf + b.idf)) / 2;
    total += weight;
    if (parts.some((p) => p.pairs.has(term))) got += weight;
  }
  return total > 0 ? got / total : 0;
}

const PAIR_WEIGHT = 1;

interface WordPair {
  a: FocusWord;
  b: FocusWord;
  /** The bigram's index term. */
  term: string;
}

/** Words next to each other in the question, among `words` in order. */
function adjacentPairs(words: readonly FocusWord[]): WordPair[] {
  const out: WordPair[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    if (b.pos === a.pos + 1) out.push({ a, b, term: `${a.folded}_${b.folded}` });
  }
  return out;
}

// The pairs of asked words (hints aside), found once per focus rather than for every unit ranked.
const askedPairsOf = new WeakMap<Focus, WordPair[]>();

function askedPairs(focus: Focus): WordPair[] {
  let pairs = askedPairsOf.get(focus);
  if (!pairs) askedPairsOf.set(focus, (pairs = adjacentPairs(focus.words.filter((w) => !w.hint))));
  return pairs;
}


const frequencies = new WeakMap<readonly Unit[], Map<string, number>>();

/** How many of the units contain each term, counted once per document. */
function unitFrequencies(units: readonly Unit[]): Map<string, number> {
  let dfs = frequencies.get(units);
  if (!dfs) {
    dfs = new Map();
    for (const u of units) for (const term of u.contains) dfs.set(term, (dfs.get(term) ?? 0) + 1);
    frequencies.set(units, dfs);
  }
  return dfs;
}

/**
 * How much each focus word tells the parts of this document apart (1 for a word in one part, near 0
 * for a word in every part, like the procedure's own name in its own guide).
 */
function withinDocument(focus: Focus, units: readonly Unit[]): Map<number, number> {
  const n = units.length;
  const out = new Map<number, number>();
  const max = Math.log(1 + n);
  const dfs = unitFrequencies(units);
  for (const w of focus.words) {
    const df = dfs.get(w.folded) ?? 0;
    out.set(w.pos, max > 0 ? Math.log(1 + n / (1 + df)) / max : 1);
  }
  return out;
}

/** Whether the question asks for a number: the answer then has to state one. */
export function asksQuantity(q: Question): boolean {
  return QUANTITY.test(q.folded);
}

// An amount or a count written in words: "một trăm nghìn đồng", "mười lăm ngày", "hai bản" (folded).
const NUMBER_IN_WORDS =
  /\b(mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|muoi mot|tram|nghin|ngan|trieu)( (muoi|lam|mot|tu|tram|nghin|ngan|trieu|ruoi))* (dong|ngay|thang|nam|tuan|gio|lan|ban|anh|to|trang|phan tram|tuoi|nghin|ngan|trieu|tram)\b/;

/**
 * A part or fact states a number, that nothing is paid, what the amount depends on ("tùy nhà cung
 * cấp", "theo biểu phí") or who sets it ("do Bộ Tài chính quy định", "mức cụ thể có thể thay đổi").
 */
export function statesNumber(folded: string): boolean {
  return (
    /\d/.test(folded) ||
    NUMBER_IN_WORDS.test(folded) ||
    /\b(mien (phi|le phi)|khong (mat|thu) (tien|phi|le phi)|khong mat phi|khong co (muc|gioi han)|tuy (theo|vao|tung|nha|loai|muc)|theo (bieu|muc|bang gia|tung)|khac nhau theo|muc [a-z ]{0,20}cu the|co the thay doi)\b/.test(folded) ||
    /\bdo (bo|ubnd|hdnd|uy ban|nha nuoc|chinh phu|so|co quan|ngan hang|[a-z]+ (tinh|xa|huyen))\b[a-z ,]{0,40} (quy dinh|cong bo|quyet dinh|niem yet)\b/.test(folded) ||
    /\bdo [a-z]+ (quy dinh|cong bo|quyet dinh|niem yet)\b/.test(folded)
  );
}

// Numbers in digits or words before what they count ("3 ngày", "mười lăm ngày", "1,5 tháng" folded "1 5 thang").
const COUNT = '(\\d+( \\d+)?|mot|hai|ba|bon|tu|nam|sau|bay|tam|chin|muoi|muoi [a-z]+|[a-z]+ muoi( [a-z]+)?)';
// An amount of money, or nothing to pay ("500 000 dong", "năm trăm nghìn", "10 lan muc tham chieu", "mien le phi"; not "15 năm đóng").
const MONEY = new RegExp(
  `\\b(\\d+( \\d{3})* (dong|nghin|ngan|trieu|ty)|${COUNT} (tram|nghin|ngan|trieu|ty)|\\d+ lan muc|\\d+( \\d+)? thang (tien )?luong|mien (phi|le phi|tien|hoan toan)|khong (mat|thu|phai (dong|tra|nop)) (tien|phi|le phi)|khong mat phi|khong co (muc )?(phi|le phi)|(ngan sach|nha nuoc) (nha nuoc )?dong (toan bo|100))\\b`,
);
// What a number may count when "bao nhiêu" / "mấy" names it (units, papers, people, places).
const COUNTED = new Set(
  'tien dong nghin ngan trieu ngay thang nam tuan gio phut lan bo anh to ban cai nguoi xa phuong can kg gao km'.split(' '),
);
const MONEY_WORDS = new Set(['tien', 'dong', 'nghin', 'ngan', 'trieu']);
const DURATIONS = ['ngay', 'thang', 'nam', 'tuan', 'gio', 'phut'];
// Things a number counts that only a part about them states with that word ("2 ảnh 4x6", "cấp 1 bản").
const THINGS = new Set(['anh', 'to', 'ban', 'bo', 'kg', 'km']);

/** What an asked number counts: a test of a part, and whether "what it depends on" answers it too (money, time). */
export interface Counted {
  states: (folded: string, text: string) => boolean;
  decidable: boolean;
  /** An amount of money is asked: who sets it is not the amount ("theo nghị quyết của HĐND tỉnh"). */
  money?: boolean;
  /**
   * The money is received, not paid ("trợ cấp … được bao nhiêu tiền", "hỗ trợ tiền điện mỗi tháng bao nhiêu"):
   * that the procedure costs nothing ("không mất lệ phí") does not answer it.
   */
  received?: boolean;
  /** A length of time is asked ("mấy ngày", "bao nhiêu tháng"). */
  duration?: boolean;
  /** The thing counted ("mấy ảnh", "mấy bản": 'anh', 'ban'), which a part states with a figure ("2 ảnh 4x6 cm"). */
  thing?: string;
}

/**
 * What the asked number counts (a test of a part's folded text, and its text for "%"): money for "bao
 * nhiêu tiền", months for "mấy tháng", the thing named for "bao nhiêu cán bộ", "mấy bản" (a unit word may
 * stand between: "15 kg gạo"). Undefined when the question does not say ("lệ phí bao nhiêu") or asks two
 * numbers: then any number does.
 */
export function countedBy(q: Question, types: readonly QuestionType[] = []): Counted | undefined {
  const all = [...q.folded.matchAll(new RegExp(QUANTITY.source, 'g'))];
  if (all.length !== 1) return undefined;
  const m = all[0];
  const words = m[0].split(' ');
  // Only a number asked in the clause that asks ("… cho mấy anh em, giờ … cần giấy gì": the siblings are the situation).
  const clause = clausesOf(q);
  const at = q.folded.slice(0, m.index).split(' ').filter(Boolean).length;
  if (clause[at] !== clause[clause.length - 1]) return undefined;
  if (words[0] === 'toi') return undefined;
  let noun = words.length > 2 || words[0] === 'may' ? words[words.length - 1] : undefined;
  if (!noun) noun = q.folded.slice(m.index + m[0].length).trim().split(' ')[0];
  if (!noun || !(COUNTED.has(noun) || noun === 'tram')) return undefined;
  if (MONEY_WORDS.has(noun) || (noun === 'tram' && words.includes('nghin'))) {
    if (!receivedMoney(q, clause, at)) {
      // "Công dân số làm trực tuyến được miễn": an exemption or cut only online is not what it costs, unless the citizen asks about doing it online.
      const online = ONLINE_ONLY.test(q.folded);
      const states = (folded: string, text: string) => MONEY.test(folded) || /\d\s*%/.test(text);
      return { states: (folded, text) => (online ? states(folded, text) : unconditional(text).some((s) => states(plainFolded(s), s))), decidable: true, money: true };
    }
    // An amount, a share that is not a reduction ("75% tiền lương", not "giảm 70%"), or what it depends on ("khác nhau theo từng chương trình").
    const amount = (folded: string, text: string) =>
      MONEY.test(folded.replace(NOTHING_PAID, ' ')) || (/\d\s*%/.test(text) && !/\b(giam|mien)\b/.test(folded)) || DEPENDS.test(folded);
    return { states: amount, decidable: true, money: true, received: true };
  }
  if (noun === 'tram') return words.includes('phan') ? { states: (folded, text) => /\d\s*%/.test(text) || /\bphan tram\b/.test(folded), decidable: true } : undefined;
  const duration = DURATIONS.includes(noun);
  // "Mất mấy tháng?" asks how long it takes: "7 ngày làm việc" answers it; "nghỉ thai sản được mấy tháng" is not answered by days.
  const what = duration && types.includes('time') ? `(${DURATIONS.join('|')})` : noun;
  // "6 tháng tuổi" is an age, not a duration.
  const re = new RegExp(`\\b${COUNT}( [a-z]+)? ${what}\\b${duration ? '(?! tuoi)' : ''}${what !== noun || noun === 'ngay' ? '|\\b(trong ngay|cap ngay|ngay khi)\\b' : ''}`);
  return { states: (folded) => re.test(folded), decidable: duration, duration, thing: THINGS.has(noun) ? noun : undefined };
}

const NUMBERS_IN_WORDS = new RegExp(NUMBER_IN_WORDS.source, 'g');

// Money the citizen gets ("được hỗ trợ", "trợ cấp", "lương hưu", "nhận") and money they pay ("lệ phí", "mất", "nộp").
const RECEIVES = /\b(duoc|dc|nhan|huong|linh|tro cap|ho tro|luong huu|boi thuong|den bu)\b/;
const PAYS = /\b(le phi|phi|mat (tien|phi|le phi|bao nhieu)|nop|dong|(?<!duoc )tra|ton|het|thu|phat|gia|chi phi|mien|giam)\b/;
// "Miễn phí", "không mất lệ phí": nothing to pay, which answers what is paid, not what is received.
const NOTHING_PAID = /\b(mien (phi|le phi|tien|hoan toan)|khong (mat|thu|phai (dong|tra|nop)) (tien|phi|le phi)|khong mat phi|khong co (muc )?(phi|le phi))\b/g;

const DEPENDS = /\b(tuy (theo|vao|tung)|khac nhau theo)\b/;

// Doing it online, or as a "công dân số" with a level-2 VNeID account (folded).
const ONLINE_ONLY = /\b(cong dan so|truc tuyen|qua mang|online|onl|vneid muc 2|muc 2)\b/;
const CUT = /\b(mien|giam)\b/;

/** The stretches of a text (between semicolons or sentences) but those exempting or cutting the cost only online (not "cả trực tiếp và trực tuyến"). */
function unconditional(text: string): string[] {
  return text.split(/[;.]\s+|\n+/).filter((s) => {
    const folded = plainFolded(s);
    return !(CUT.test(folded) && ONLINE_ONLY.test(folded) && !/\btruc tiep\b/.test(folded));
  });
}

/** Whether the money asked, in its clause before "bao nhiêu", is received rather than paid. */
function receivedMoney(q: Question, clause: readonly number[], at: number): boolean {
  const before = q.foldedSyllables.filter((_, i) => i < at && clause[i] === clause[at]).join(' ');
  // "người mất" (who died) is not "mất bao nhiêu" (what it costs).
  return RECEIVES.test(before) && !PAYS.test(`${before} ${q.foldedSyllables.slice(at, at + 2).join(' ')}`);
}

/**
 * What an amount or a time depends on, or who sets it, without stating it ("tùy nhà cung cấp", "theo nghị
 * quyết của HĐND tỉnh", "lâu hơn khai sinh thường; ngày trả ghi trên phiếu hẹn").
 */
export function saysWhatDecides(folded: string): boolean {
  return (
    statesNumber(folded.replace(/\d+/g, ' ').replace(NUMBERS_IN_WORDS, ' ')) ||
    /\btheo (nghi quyet|thong tu|nghi dinh|muc)\b|\blau hon\b|\b(ghi|hen) tren (phieu|giay) hen\b/.test(folded)
  );
}
