/**
 * Vietnamese text for matching: NFC, one tone-placement style, lower case,
 * accent folding (including đ → d), syllable tokens, bigrams and stopwords.
 * Display text is never changed; only the forms used for matching are.
 */

const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';
// Old-style tone placement ("hoà", "thuỷ") moved to the new style ("hòa", "thủy") so both spellings match.
const OLD_STYLE_OA = new RegExp(`([oO])([aAeE])([${TONE_MARKS}])(?![\\p{L}\\p{M}])`, 'gu');
const OLD_STYLE_UY = new RegExp(`([uU])([yY])([${TONE_MARKS}])(?![\\p{L}\\p{M}])`, 'gu');

/** NFC with a single tone-placement style and lower case. */
export function normalize(text: string): string {
  // Plain ASCII (a question typed without diacritics) has nothing to compose or move.
  if (isAscii(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(OLD_STYLE_OA, '$1$3$2')
    .replace(OLD_STYLE_UY, '$1$3$2')
    .normalize('NFC')
    .toLowerCase();
}

/** Removes every diacritic, including the đ/Đ letter that NFD does not decompose. */
export function fold(text: string): string {
  if (isAscii(text)) return text;
  // Precomposed Latin letters fold one by one (the same result as the whole text, and much cheaper);
  // anything else, a combining mark included, goes through the full decomposition.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out += text[i];
    else if (code <= 0x24f || (code >= 0x1e00 && code <= 0x1eff)) out += foldedChar(code);
    else return foldSlowly(text);
  }
  return out;
}

/** `fold` by decomposing the whole text: the definition the fast path keeps to (test/text/vietnamese.test.ts). */
export function foldSlowly(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

const foldedChars = new Map<number, string>();

function foldedChar(code: number): string {
  let f = foldedChars.get(code);
  if (f === undefined) foldedChars.set(code, (f = foldSlowly(String.fromCharCode(code))));
  return f;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Syllables (and other word-like runs such as "vneid", "ct07") in normalized form. */
export function syllables(text: string): string[] {
  return normalize(text).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
}

// A language has a few thousand syllables: each is folded once (bounded, as questions bring typos forever).
const foldedSyllables = new Map<string, string>();
const FOLDED_SYLLABLES_MAX = 50_000;

/** A folded syllable with "y"/"i" spelling variants merged ("ký"/"kí", "lý"/"lí"). */
export function foldSyllable(syllable: string): string {
  let f = foldedSyllables.get(syllable);
  if (f === undefined) {
    f = fold(syllable).replace(/^([bcdghklmnprstvx]+)y$/, '$1i');
    if (foldedSyllables.size >= FOLDED_SYLLABLES_MAX) foldedSyllables.clear();
    foldedSyllables.set(syllable, f);
  }
  return f;
}

/** Folded syllables of a text. */
export function foldedTokens(text: string): string[] {
  return syllables(text).map(foldSyllable);
}

// Function words and chat filler, folded. Question words that carry intent ("bao lâu", "ở đâu",
// "lệ phí") are detected elsewhere from the raw text, so dropping them from retrieval is safe.
const STOPWORDS = new Set(
  [
    'a', 'ah', 'ak', 'ai', 'anh', 'ba', 'bac', 'bao', 'bi', 'boi', 'ca', 'cac', 'cai', 'cau', 'chau', 'chi',
    'cho', 'chua', 'co', 'cua', 'cung', 'da', 'dang', 'day', 'de', 'den', 'deu', 'di', 'do', 'duoc', 'dc',
    'dau', 'e', 'em', 'gi', 'gium', 'giup', 'ha', 'hay', 'j', 'k', 'ko', 'kg', 'khong', 'khi', 'la', 'lam',
    'luon', 'ma', 'minh', 'moi', 'mot', 'muon', 'nao', 'nay', 'ne', 'neu', 'nhe', 'nhi', 'nhieu', 'nhu',
    'nhung', 'nua', 'o', 'oi', 'ong', 'phai', 'qua', 'ra', 'roi', 'sao', 'se', 'thi', 'theo', 'toi', 'va',
    'vay', 've', 'voi', 'vs', 'xin', 'xem', 'vao', 'trong', 'tren', 'duoi', 'sau', 'truoc', 'hoac', 'ad',
    'shop', 'ban', 'biet',
  ],
);

export function isStopword(foldedToken: string): boolean {
  return STOPWORDS.has(foldedToken);
}

/**
 * Index terms of a text: folded syllables without stopwords, plus folded bigrams of adjacent
 * syllables (most Vietnamese words are two syllables: "khai sinh", "kết hôn").
 */
export function indexTerms(text: string): string[] {
  return indexTermsOf(syllables(text));
}

/** `indexTerms` of a text already split by `syllables`. */
export function indexTermsOf(typed: readonly string[]): string[] {
  const tokens = typed.map(foldSyllable);
  const terms: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const stop = isStopword(t);
    if (!stop) terms.push(t);
    const next = tokens[i + 1];
    if (next !== undefined && !(stop && isStopword(next))) terms.push(`${t}_${next}`);
  }
  return terms;
}

/** Content syllables (folded, no stopwords) of a text. */
export function contentTokens(text: string): string[] {
  return foldedTokens(text).filter((t) => !isStopword(t));
}

/** Lower case, no diacritics, words separated by single spaces: for intent patterns ("dang ky khai sinh"). */
export function plainFolded(text: string): string {
  return fold(normalize(text))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface CoverageUnit {
  /** Folded syllable, or two folded syllables joined by "_". */
  folded: string;
  /** The syllable as typed (normalized) when it carries diacritics. */
  accented?: string;
  bigram: boolean;
}

/** Content syllables and adjacent content-syllable pairs of a text, for coverage checks. */
export function coverageUnits(text: string): CoverageUnit[] {
  const typed = syllables(text);
  const units: CoverageUnit[] = [];
  const seen = new Set<string>();
  const push = (u: CoverageUnit) => {
    const key = u.accented ?? u.folded;
    if (!seen.has(key)) {
      seen.add(key);
      units.push(u);
    }
  };
  for (let i = 0; i < typed.length; i++) {
    const f = foldSyllable(typed[i]);
    if (isStopword(f)) continue;
    push({ folded: f, accented: fold(typed[i]) === typed[i] ? undefined : typed[i], bigram: false });
    const next = typed[i + 1];
    if (next !== undefined && !isStopword(foldSyllable(next))) push({ folded: `${f}_${foldSyllable(next)}`, bigram: true });
  }
  return units;
}

/** Terms describing what a text contains, for coverage: folded syllables, "="-prefixed accented ones, folded pairs. */
export function containedTerms(text: string): string[] {
  return containedTermsOf(syllables(text));
}

/** `containedTerms` of a text already split by `syllables`. */
export function containedTermsOf(typed: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    const f = foldSyllable(typed[i]);
    out.push(f, `=${typed[i]}`);
    const next = typed[i + 1];
    if (next !== undefined) out.push(`${f}_${foldSyllable(next)}`);
  }
  return out;
}
