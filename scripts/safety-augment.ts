/**
 * Variants of a training message in the ways citizens type that the dev files' writers mostly did not
 * (the classifier should learn the request, not its writer's spelling): without diacritics, in
 * teencode (the lexicon's own aliases read backwards, "ph" → "f", "gi" → "j"), with two typos, and
 * hidden inside a longer ordinary question; and twice with a phrase of one of the lexicon's sets swapped
 * for another of the same set ("làm giả căn cước" → "làm giả bằng lái"), an act or object nobody wrote
 * in that sentence. Deterministic: the same text and random sequence give the
 * same variants.
 */
import { fold, normalize } from '../src/text/vietnamese.js';

export interface AugmentContext {
  /** word(s) → their chat abbreviations ("không" → ["ko", "k", …]), from the lexicon's `aliases`. */
  abbreviations: ReadonlyMap<string, readonly string[]>;
  /** Ordinary questions to hide a message in (the documents' `questions:`). */
  questions: readonly string[];
  /** The lexicon's sets, their phrases as typed (`setPhrasesOf`). */
  sets: ReadonlyArray<readonly string[]>;
  random: () => number;
}

const OPENERS = ['cho em hỏi chút ạ', 'ad ơi', 'xin chào, tôi ở Sơn La', 'bác ơi cho cháu hỏi', 'chị ơi giúp em với', 'hello'];
const JOINERS = ['. Tiện cho hỏi luôn, ', '. À mà ', ', với lại ', '. Ngoài ra ', '. Còn một việc nữa: '];
// letters swapped in chat, the reverse of the matcher's teencode reading
const SWAPS: Array<[RegExp, string]> = [[/^ph/, 'f'], [/^gi/, 'j'], [/^qu/, 'w']];

/** The lexicon's aliases read backwards: each expansion and the abbreviations that stand for it. */
export function abbreviationsOf(aliases: ReadonlyMap<string, readonly string[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [alias, words] of aliases) {
    const key = words.join(' ');
    out.set(key, [...(out.get(key) ?? []), alias]);
  }
  return out;
}

/** The lexicon's sets of three or more phrases, each phrase as typed (without `=`; prefixes left out). */
export function setPhrasesOf(sets: Readonly<Record<string, readonly string[]>>): string[][] {
  return Object.values(sets)
    .map((list) => list.filter((p) => !p.includes('*')).map((p) => normalize(p.replace(/^=/, ''))))
    .filter((list) => list.length >= 3);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** The text with one occurrence of a set's phrase (whole words) swapped for another phrase of that set. */
function swapSetPhrase(lower: string, sets: ReadonlyArray<readonly string[]>, random: () => number): string | undefined {
  const found: Array<{ at: number; length: number; set: readonly string[] }> = [];
  for (const set of sets) {
    for (const phrase of set) {
      for (let i = lower.indexOf(phrase); i >= 0; i = lower.indexOf(phrase, i + 1)) {
        const end = i + phrase.length;
        if ((i === 0 || !WORD_CHAR.test(lower[i - 1])) && (end === lower.length || !WORD_CHAR.test(lower[end]))) found.push({ at: i, length: phrase.length, set });
      }
    }
  }
  if (found.length === 0) return undefined;
  const { at, length, set } = found[Math.floor(random() * found.length)];
  return lower.slice(0, at) + set[Math.floor(random() * set.length)] + lower.slice(at + length);
}

/** Up to six variants: unaccented, teencode, typos, inside an ordinary question, two set phrases swapped (none equal to the text). */
export function augment(text: string, { abbreviations, questions, sets, random }: AugmentContext): string[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const lower = normalize(text);
  const words = lower.split(/\s+/).filter(Boolean);
  const teen: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? abbreviations.get(`${words[i]} ${words[i + 1]}`) : undefined;
    const one = abbreviations.get(words[i]);
    if (two && random() < 0.7) {
      teen.push(pick(two));
      i++;
    } else if (one && random() < 0.7) teen.push(pick(one));
    else teen.push(SWAPS.reduce((w, [re, s]) => (random() < 0.3 ? w.replace(re, s) : w), words[i]));
  }
  const typos = words.slice();
  for (let k = 0; k < 2; k++) {
    const i = Math.floor(random() * typos.length);
    const w = typos[i];
    if (w.length <= 3) continue;
    const j = 1 + Math.floor(random() * (w.length - 2));
    typos[i] = random() < 0.5 ? w.slice(0, j) + w.slice(j + 1) : w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2);
  }
  const question = pick(questions);
  const hidden = random() < 0.5 ? `${question}${pick(JOINERS)}${text}` : `${pick(OPENERS)}, ${text}${pick(JOINERS)}${question}`;
  const variants = [fold(lower), random() < 0.5 ? fold(teen.join(' ')) : teen.join(' '), typos.join(' '), hidden];
  for (let k = 0; k < 2; k++) variants.push(swapSetPhrase(lower, sets, random) ?? lower);
  return [...new Set(variants)].filter((v) => v !== text && v !== lower);
}
