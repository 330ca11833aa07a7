import {
  coverageUnits,
  fold,
  foldSyllable,
  indexTerms,
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
    gaps: gapsOf(nfc),
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
