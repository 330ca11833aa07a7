import {
  coverageUnits,
  fold,
  foldSyllable,
  indexTerms,
  indexTermsOf,
  isStopword,
  normalize,
  plainFolded,
  syllables,
  type CoverageUnit,
} from './vietnamese.js';

/**
 * A question in every text form the answer steps need, computed once (see src/text/README.md).
 * Steps read these fields instead of folding text themselves, so every step sees the same words.
 */
export interface Question {
  /** As given, trimmed (display and storage). */
  readonly original: string;
  /** NFC (display; what a model sees). */
  readonly nfc: string;
  /** NFC, one tone-placement style, lower case; keeps diacritics ("hoà" = "hòa"). */
  readonly lower: string;
  /** Lower case, accent-folded (đ → d), words separated by single spaces: for cue patterns like /\bbao lau\b/. */
  readonly folded: string;
  /** Syllables as typed, in `lower` form (with diacritics when typed). */
  readonly syllables: readonly string[];
  /** The same syllables folded, with "ký"/"kí" and "lý"/"lí" merged (same positions as `syllables`). */
  readonly foldedSyllables: readonly string[];
  /** Folded content syllables: `foldedSyllables` without stopwords. */
  readonly content: readonly string[];
  /** Content syllables that name a thing or a procedure, not the kind of question ("lệ phí", "bao lâu", "thủ tục"). */
  readonly topic: readonly string[];
  /** BM25 index terms: folded content syllables and folded bigrams. */
  readonly terms: readonly string[];
  /** Content syllables and content bigrams, accented where typed: for coverage checks that respect diacritics. */
  readonly units: readonly CoverageUnit[];
  /** Whether the citizen typed any diacritic (then "cười" must not match "cưới"). */
  readonly typedDiacritics: boolean;
  /** What separates syllable i from syllable i + 1 as typed (" ", ", ", " - "…), for punctuation-aware cues. */
  readonly gaps: readonly string[];
  /**
   * Index terms met only in a clause that says why or when ("để nhận tiền mai táng", "khi bố mẹ chưa đăng ký
   * kết hôn"), not what is asked; empty when the rest names nothing.
   */
  readonly asideTerms: ReadonlySet<string>;
}

// The last questions asked: the next turn reads its predecessor back from the history (the same text).
const recent = new Map<string, Question>();
const RECENT_MAX = 512;

/** Builds every text form of a question once (a question is never changed, so recent ones are shared). */
export function normalizeQuestion(text: string): Question {
  let q = recent.get(text);
  if (q) {
    recent.delete(text);
  } else {
    q = buildQuestion(text);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
  }
  recent.set(text, q);
  return q;
}

function buildQuestion(text: string): Question {
  const original = text.trim();
  const nfc = original.normalize('NFC');
  const typed = syllables(nfc);
  const foldedSyllables = typed.map(foldSyllable);
  const content = foldedSyllables.filter((t) => !isStopword(t));
  const folded = plainFolded(nfc);
  const gaps = gapsOf(nfc);
  return {
    original,
    nfc,
    lower: normalize(nfc),
    folded,
    syllables: typed,
    foldedSyllables,
    content,
    topic: topicOf(foldedSyllables, typed, folded),
    terms: indexTerms(nfc),
    units: coverageUnits(nfc),
    typedDiacritics: typed.some((s) => fold(s) !== s),
    gaps,
    asideTerms: asideTermsOf(typed, foldedSyllables, gaps),
  };
}

/** A string or an already normalised question, as a question. */
export function asQuestion(q: Question | string): Question {
  return typeof q === 'string' ? normalizeQuestion(q) : q;
}

// Words that say what kind of thing is asked, not which procedure: with only these, the topic is missing.
const NON_TOPIC = new Set(
  (
    'thu tuc giay to ho so dang ki viec van de chut ti lam can giup nho hoi xin cach buoc cac le phi bao lau ' +
    'ngay tien mat het ton thoi gian han nop cho nao noi gom chuan bi mang theo truc tuyen online mang mien ' +
    'duoc ko khong the nao sao nhu vay thi dieu kien ai quy trinh huong dan tra gia nhieu bat buoc co tai'
  ).split(' '),
);

/** Whether a folded syllable only says what kind of thing is asked ("lệ phí", "bao lâu"). */
export function isNonTopicWord(folded: string): boolean {
  return NON_TOPIC.has(folded);
}

/**
 * A leading "còn" ("and what about…") is not a topic; typed without diacritics it cannot be told
 * from "con" (child), so it is dropped then too, unless it reads "con tôi", "con gái"…
 */
function topicOf(foldedSyllables: readonly string[], typed: readonly string[], folded: string): string[] {
  const tokens = foldedSyllables.filter((t, i) => !isStopword(t) && !NON_TOPIC.has(t) && !asksByWhatMeans(foldedSyllables, i));
  const first = typed[0];
  if (tokens[0] === 'con' && (first === 'còn' || first === 'con') && !/^con\s+(toi|tui|minh|em|chau|ba|bac|gai|trai)\b/.test(folded)) {
    tokens.shift();
  }
  return tokens;
}

const MEANS_ASKED = new Set(['gi', 'cach', 'hinh', 'phuong', 'cai']);

/**
 * "bằng gì", "bằng cách nào", "bằng hình thức nào": this "bằng" asks by what means ("trả bằng gì"); it
 * is not the licence ("bằng lái", "đổi bằng"), which a message about it names with other words.
 */
function asksByWhatMeans(foldedSyllables: readonly string[], i: number): boolean {
  return foldedSyllables[i] === 'bang' && MEANS_ASKED.has(foldedSyllables[i + 1] ?? '');
}

function gapsOf(text: string): string[] {
  const parts = text.split(/[\p{L}\p{M}\p{N}]+/u);
  // parts[0] is before the first syllable; parts[i] (i ≥ 1) follows syllable i - 1.
  return parts.slice(1, -1);
}

// "đẻ" folds to "de" too: "giấy đẻ", "mới đẻ", "nghỉ đẻ" are births, not a purpose.
const BIRTH_BEFORE_DE = new Set(['giay', 'moi', 'vo', 'sap', 'chua', 'da', 'sinh', 'nghi', 'con']);

/** Whether a clause that says why or when starts at i: "để …", "khi …", "nếu …" ("khi nào", "để làm gì" ask). */
function opensAside(typed: readonly string[], folded: readonly string[], i: number): boolean {
  const w = folded[i];
  const next = folded[i + 1] ?? '';
  if (w === 'de') {
    if (typed[i] !== 'để' && (typed[i] !== 'de' || BIRTH_BEFORE_DE.has(folded[i - 1] ?? ''))) return false;
    return !(next === 'lam' && folded[i + 2] === 'gi') && next !== 'dau';
  }
  // A leading "khi …"/"nếu … thì" often holds the topic ("nếu mất thẻ bhyt thì cấp lại ở đâu"); one after the
  // question's own words is context ("khai sinh cho con khi bố mẹ chưa đăng ký kết hôn").
  return (w === 'khi' || w === 'neu') && next !== 'nao' && folded.slice(0, i).some(namesThing);
}

const namesThing = (t: string) => !isStopword(t) && !NON_TOPIC.has(t);

/**
 * The index terms of purpose and condition clauses that the rest of the question does not repeat. A clause
 * runs from "để" (or a "khi", "nếu" after the question's own words) to the next "thì" or punctuation ("muốn … thì" is usually the request itself:
 * "muốn rút bảo hiểm xã hội một lần thì làm thế nào"). When the
 * rest names no thing (only what kind of question: "… thì phải mang giấy tờ gì"), nothing is aside.
 */
function asideTermsOf(typed: readonly string[], folded: readonly string[], gaps: readonly string[]): ReadonlySet<string> {
  const aside = new Array<boolean>(folded.length).fill(false);
  const ends = (j: number) => folded[j] === 'thi' || /[,;.?!:]/.test(gaps[j - 1] ?? '');
  let any = false;
  for (let i = 0; i < folded.length; i++) {
    if (!opensAside(typed, folded, i)) continue;
    let j = i + 1;
    while (j < folded.length && !ends(j)) j++;
    for (let k = i + 1; k < j; k++) aside[k] = true;
    any = any || j > i + 1;
    i = j - 1;
  }
  if (!any) return EMPTY;
  const namesSomething = folded.some((t, i) => !aside[i] && namesThing(t));
  if (!namesSomething) return EMPTY;
  const main = new Set<string>();
  const asideSet = new Set<string>();
  let start = 0;
  for (let i = 0; i <= folded.length; i++) {
    if (i < folded.length && aside[i] === aside[start]) continue;
    for (const term of indexTermsOf(typed.slice(start, i))) (aside[start] ? asideSet : main).add(term);
    start = i;
  }
  for (const term of main) asideSet.delete(term);
  return asideSet;
}

const EMPTY: ReadonlySet<string> = new Set();
