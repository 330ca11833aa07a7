import { fold, normalize } from '../text/vietnamese.js';
import { lastTokens, nearMatches, tokenize, type CompiledCategory, type CompiledLexicon, type SafetyMatch } from './matcher.js';
import { seededRandom } from '../lib/seeded-random.js';

/**
 * Recall behind the lexicon: a small softmax regression over accent-folded words, word pairs,
 * letter n-grams and the lexicon's sets, which reads a message the lexicon let through and says
 * which of the lexicon's categories it looks like. It is trained offline from the safety evaluation's
 * dev files and benign questions (`npm run train:safety`, deterministic) and shipped as
 * `classifier-model.json`. The lexicon stays the first word (precise, admin-extendable).
 * - an emergency it reads is answered at once, before retrieval (`classifierMatches`);
 * - a refusal it reads very surely, before retrieval; a less sure one only when the documents cannot
 *   answer the question either (`classifierRefusal`, after retrieval): at that threshold the model also
 *   refused plain questions the documents answer ("chỉ em cách lấy lại mật khẩu vneid").
 */
export interface ClassifierModel {
  version: 1;
  /** `benign`, then the lexicon's category ids as they were when it was trained. */
  labels: string[];
  /** Each label's status when it was trained (`benign` for the first). */
  statuses: string[];
  bias: number[];
  /** feature → one weight per label (rounded; absent features weigh nothing). */
  weights: Record<string, number[]>;
  /** The probability of an emergency (all emergency labels together) that counts, chosen by cross-validation on dev. */
  emergencyThreshold: number;
  /** The same for a refusal (all refusal labels together), of a question the documents do not answer. */
  refusalThreshold: number;
  /**
   * A refusal read this surely is given before retrieval, whatever the documents say (cross-validation:
   * no held-out plain question read so, near-misses within the budget); 1: never.
   */
  refusalBeforeThreshold: number;
  /** What it was trained on (counts per label and a hash of the texts), for `train:safety -- --check`. */
  trainedOn: { examples: number; byLabel: Record<string, number>; hash: string };
}

export const BENIGN = 'benign';

/**
 * The emergency the model sees in a message, as a lexicon match: its most likely emergency
 * category, when all emergency labels together reach the threshold and the lexicon still has it.
 */
export function classifierMatches(model: ClassifierModel, lexicon: CompiledLexicon, text: string): SafetyMatch[] {
  const { probability, category } = reading(model, lexicon, text, 'emergency');
  return probability >= model.emergencyThreshold && category ? [{ category, byClassifier: true }] : [];
}

/**
 * The refusal the model sees in a message: `after` retrieval, to be used only when the documents do not
 * answer it; `before`, at the stricter threshold, for any message.
 */
export function classifierRefusal(model: ClassifierModel, lexicon: CompiledLexicon, text: string, when: 'before' | 'after' = 'after'): SafetyMatch[] {
  const { probability, category } = reading(model, lexicon, text, 'refusal');
  const threshold = when === 'before' ? model.refusalBeforeThreshold : model.refusalThreshold;
  return probability >= threshold && category ? [{ category, byClassifier: true }] : [];
}

/**
 * All emergency (or all refusal) labels' probability together, and the likeliest such category
 * the lexicon still has.
 */
export function reading(model: ClassifierModel, lexicon: CompiledLexicon, text: string, kind: 'emergency' | 'refusal'): { probability: number; category?: CompiledCategory } {
  const p = classify(model, text, lexicon);
  let probability = 0;
  let category: CompiledCategory | undefined;
  let best = -1;
  model.labels.forEach((label, k) => {
    const status = model.statuses[k];
    if (status === BENIGN || (status === 'emergency') !== (kind === 'emergency')) return;
    probability += p[k];
    const c = lexicon.categories.find((x) => x.id === label && x.status === status);
    if (c && p[k] > best) [category, best] = [c, p[k]];
  });
  return { probability, category };
}

/**
 * What the model reads of a message, each with its value: folded words (teencode undone by the
 * lexicon's aliases), word pairs, letter 3–4-grams, the accented words when the message has
 * diacritics (each of these four kinds scaled to unit length on its own, so a long message's many
 * letter grams do not drown its words); and, scaled together, which of the lexicon's sets it uses,
 * alone and in pairs ("$howto" with "$papers", an act and an object the rules never paired), and which
 * categories' rules it nearly matches (`nearMatches`: every group but too far apart, excused, or all
 * groups but one).
 */
export function classifierFeatures(text: string, lexicon: CompiledLexicon): Map<string, number> {
  const out = new Map<string, number>();
  const lower = normalize(text.normalize('NFKC'));
  const folded = fold(lower).replace(/[^a-z0-9]+/g, ' ').trim();
  if (!folded) return out;
  const words: string[] = [];
  const [word, pair, gram, accented] = [new Set<string>(), new Set<string>(), new Set<string>(), new Set<string>()];
  for (const sentence of tokenize(text.normalize('NFKC'), lexicon.aliases)) {
    const first = sentence.flatMap((t) => t.folded[0]?.split(' ') ?? []).filter(Boolean);
    for (const t of sentence) for (const f of t.folded) word.add(`w:${f}`);
    for (let i = 0; i + 1 < first.length; i++) pair.add(`b:${first[i]} ${first[i + 1]}`);
    words.push(...first, '|');
  }
  const padded = ` ${folded} `;
  for (let n = 3; n <= 4; n++) for (let i = 0; i + n <= padded.length; i++) gram.add(`c:${padded.slice(i, i + n)}`);
  if (lower !== fold(lower)) for (const w of lower.split(/[^\p{L}\p{N}]+/u)) if (w && w !== fold(w)) accented.add(`a:${w}`);
  for (const kind of [word, pair, gram, accented]) for (const f of kind) out.set(f, 1 / Math.sqrt(kind.size));
  const named = namedFeatures(words, text, lexicon);
  for (const f of named) out.set(f, 1 / Math.sqrt(named.length));
  return out;
}

/** The sets a message uses, alone then in pairs, and the categories its rules nearly match. */
function namedFeatures(words: readonly string[], text: string, lexicon: CompiledLexicon): string[] {
  const sets = [...setsUsed(words, setIndex(lexicon))].sort();
  const named = sets.map((a) => `s:${a}`);
  for (let i = 0; i < sets.length; i++) for (let j = i + 1; j < sets.length; j++) named.push(`p:${sets[i]}+${sets[j]}`);
  const near = nearMatches(lexicon, text);
  for (const c of near.window) named.push(`rw:${c}`);
  for (const c of near.excused) named.push(`re:${c}`);
  for (const c of near.partial) named.push(`rp:${c}`);
  return named;
}

interface SetIndex {
  /** folded phrase → the sets holding it */
  exact: Map<string, string[]>;
  /** Every phrase's leading words (the phrase itself included): a run of words no phrase starts with is not grown. */
  starts: Set<string>;
  /** phrases whose last word is a prefix ("hack*") */
  prefixed: Array<{ words: string[]; set: string }>;
  longest: number;
}

const setIndexes = new WeakMap<CompiledLexicon, SetIndex>();

function setIndex(lexicon: CompiledLexicon): SetIndex {
  let index = setIndexes.get(lexicon);
  if (index) return index;
  index = { exact: new Map(), starts: new Set(), prefixed: [], longest: 1 };
  for (const [name, phrases] of Object.entries(lexicon.sets)) {
    for (const raw of phrases) {
      const words = fold(normalize(raw.replace(/^=/, ''))).replace(/[^a-z0-9* ]+/g, ' ').trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) continue;
      index.longest = Math.max(index.longest, words.length);
      if (words.at(-1)!.endsWith('*')) index.prefixed.push({ words: [...words.slice(0, -1), words.at(-1)!.slice(0, -1)], set: name });
      else {
        const key = words.join(' ');
        for (let n = 1; n <= words.length; n++) index.starts.add(words.slice(0, n).join(' '));
        const list = index.exact.get(key) ?? index.exact.set(key, []).get(key)!;
        if (!list.includes(name)) list.push(name);
      }
    }
  }
  setIndexes.set(lexicon, index);
  return index;
}

/** The sets whose phrases occur in the words (folded; '|' ends a sentence). */
function setsUsed(words: readonly string[], index: SetIndex): Set<string> {
  const used = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    let key = '';
    for (let n = 1; n <= index.longest && i + n <= words.length && words[i + n - 1] !== '|'; n++) {
      key = n === 1 ? words[i] : `${key} ${words[i + n - 1]}`;
      if (!index.starts.has(key)) break;
      const sets = index.exact.get(key);
      if (sets) for (const s of sets) used.add(s);
    }
    for (const p of index.prefixed) if (startsPhrase(words, i, p.words)) used.add(p.set);
  }
  return used;
}

/** Whether the words at i are the phrase's, its last word a prefix. */
function startsPhrase(words: readonly string[], i: number, phrase: readonly string[]): boolean {
  const last = phrase.length - 1;
  for (let k = 0; k < last; k++) if (words[i + k] !== phrase[k]) return false;
  return words[i + last]?.startsWith(phrase[last]) ?? false;
}

/** Each label's probability for a message. */
export function classify(model: ClassifierModel, text: string, lexicon: CompiledLexicon): number[] {
  // The safety step reads a message before retrieval and, when the documents do not answer it, again after.
  if (last?.model !== model || last.lexicon !== lexicon || last.text !== text) last = { model, lexicon, text, p: softmax(scores(model, text, lexicon)) };
  return last.p.slice();
}

let last: { model: ClassifierModel; lexicon: CompiledLexicon; text: string; p: number[] } | undefined;

/**
 * Each label's score: the weights of `classifierFeatures`' features, added in the same order with the
 * same values (so bit for bit the same), found without building the features' names or their map.
 */
function scores(model: ClassifierModel, text: string, lexicon: CompiledLexicon): number[] {
  const L = model.labels.length;
  const table = weightTable(model);
  const s = model.bias.slice(0, L);
  const nfkc = text.normalize('NFKC');
  const lower = normalize(nfkc);
  const folded = fold(lower).replace(/[^a-z0-9]+/g, ' ').trim();
  if (!folded) return s;
  const words: string[] = [];
  // each kind of feature in turn, as classifierFeatures orders them, each scaled by its own count
  const wordRows: Float64Array[] = [];
  const pairRows: Float64Array[] = [];
  const seenWords = new Set<string>();
  const seenPairs = new Set<string>();
  const see = (seen: Set<string>, weights: ReadonlyMap<string, Float64Array>, key: string, rows: Float64Array[]) => {
    if (seen.has(key)) return;
    seen.add(key);
    const w = weights.get(key);
    if (w) rows.push(w);
  };
  for (const sentence of tokensOf(nfkc, lexicon.aliases)) {
    const first = sentence.flatMap((t) => t.folded[0]?.split(' ') ?? []).filter(Boolean);
    for (const t of sentence) for (const f of t.folded) see(seenWords, table.words, f, wordRows);
    for (let i = 0; i + 1 < first.length; i++) see(seenPairs, table.pairs, `${first[i]} ${first[i + 1]}`, pairRows);
    words.push(...first, '|');
  }
  add(s, wordRows, 1 / Math.sqrt(seenWords.size));
  add(s, pairRows, 1 / Math.sqrt(seenPairs.size));
  const gramRows: Float64Array[] = [];
  add(s, gramRows, 1 / Math.sqrt(letterGrams(` ${folded} `, table.grams, gramRows)));
  if (lower !== fold(lower)) {
    const accentedRows: Float64Array[] = [];
    const seenAccented = new Set<string>();
    for (const w of lower.split(/[^\p{L}\p{N}]+/u)) if (w && w !== fold(w)) see(seenAccented, table.accented, w, accentedRows);
    add(s, accentedRows, 1 / Math.sqrt(seenAccented.size));
  }
  const named = namedFeatures(words, text, lexicon);
  const namedRows: Float64Array[] = [];
  for (const f of named) {
    const w = table.named.get(f);
    if (w) namedRows.push(w);
  }
  add(s, namedRows, 1 / Math.sqrt(named.length));
  return s;
}

/** Adds each row times x to the scores: label by label, rows in order (the same sums as row by row). */
function add(s: number[], rows: readonly Float64Array[], x: number): void {
  for (let k = 0; k < s.length; k++) {
    let sum = s[k];
    for (let r = 0; r < rows.length; r++) sum += rows[r][k] * x;
    s[k] = sum;
  }
}

/** The sentences' tokens: those the lexicon's matcher just made of the same text, when it did. */
function tokensOf(text: string, aliases: CompiledLexicon['aliases']) {
  return lastTokens(text, aliases) ?? tokenize(text, aliases);
}

// Letters of the folded text: ' ' 0, a–z 1–26, 0–9 27–36; a 3-gram's code is below 37³, a 4-gram's above.
const LETTERS = 37;
const GRAM4 = LETTERS ** 3;
const letterCodes = new Int8Array(128).fill(-1);
letterCodes[32] = 0;
for (let c = 97; c <= 122; c++) letterCodes[c] = c - 96;
for (let c = 48; c <= 57; c++) letterCodes[c] = c - 21;
const seenGrams = new Set<number>();

/** The 3- and 4-grams' weights (first occurrences, 3-grams first) pushed on rows; returns how many distinct grams. */
function letterGrams(padded: string, grams: ReadonlyMap<number, Float64Array>, rows: Float64Array[]): number {
  seenGrams.clear();
  const n = padded.length;
  const codes = new Int8Array(n);
  for (let i = 0; i < n; i++) codes[i] = letterCodes[padded.charCodeAt(i)];
  for (let i = 0; i + 3 <= n; i++) see((codes[i] * LETTERS + codes[i + 1]) * LETTERS + codes[i + 2]);
  for (let i = 0; i + 4 <= n; i++) see(GRAM4 + ((codes[i] * LETTERS + codes[i + 1]) * LETTERS + codes[i + 2]) * LETTERS + codes[i + 3]);
  return seenGrams.size;
  function see(code: number) {
    if (seenGrams.has(code)) return;
    seenGrams.add(code);
    const w = grams.get(code);
    if (w) rows.push(w);
  }
}

/** A `c:` feature's code (undefined for a letter the folded text never has). */
function gramCode(gram: string): number | undefined {
  let code = 0;
  for (let i = 0; i < gram.length; i++) {
    const c = letterCodes[gram.charCodeAt(i)] ?? -1;
    if (c < 0) return undefined;
    code = code * LETTERS + c;
  }
  return gram.length === 3 ? code : gram.length === 4 ? GRAM4 + code : undefined;
}

/** The model's weights, by kind of feature (`w:`, `b:`, `c:` by code, `a:`, and `s:`/`p:` by full name). */
interface WeightTable {
  words: Map<string, Float64Array>;
  pairs: Map<string, Float64Array>;
  grams: Map<number, Float64Array>;
  accented: Map<string, Float64Array>;
  named: Map<string, Float64Array>;
}

const weightTables = new WeakMap<ClassifierModel, WeightTable>();

/** Makes the model's weight table now (at start) rather than on the first message. */
export function prepareClassifier(model: ClassifierModel): ClassifierModel {
  weightTable(model);
  return model;
}

function weightTable(model: ClassifierModel): WeightTable {
  let table = weightTables.get(model);
  if (table) return table;
  table = { words: new Map(), pairs: new Map(), grams: new Map(), accented: new Map(), named: new Map() };
  for (const [f, w] of Object.entries(model.weights)) {
    const weights = Float64Array.from(w);
    const name = f.slice(2);
    if (f.startsWith('w:')) table.words.set(name, weights);
    else if (f.startsWith('b:')) table.pairs.set(name, weights);
    else if (f.startsWith('a:')) table.accented.set(name, weights);
    else if (f.startsWith('c:')) {
      const code = gramCode(name);
      if (code !== undefined) table.grams.set(code, weights);
    } else table.named.set(f, weights);
  }
  weightTables.set(model, table);
  return table;
}

function softmax(s: number[]): number[] {
  const max = Math.max(...s);
  const e = s.map((x) => Math.exp(x - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

export interface TrainingExample {
  text: string;
  label: string;
  /** How much the example counts (hard near-misses more than plain questions); 1 by default. */
  weight?: number;
  /** Variants of one message share it: a feature counts once for them towards `minCount`. */
  origin?: number;
}

export interface TrainOptions {
  epochs?: number;
  rate?: number;
  l2?: number;
  /** Features seen in fewer examples (variants of one message counting once) are left out. */
  minCount?: number;
  seed?: number;
}

/** Softmax regression by stochastic gradient descent in a seeded order: the same examples give the same model. */
export function trainClassifier(examples: readonly TrainingExample[], labels: readonly string[], lexicon: CompiledLexicon, options: TrainOptions = {}) {
  const { epochs = 25, rate = 0.5, l2 = 1e-4, minCount = 2, seed = 9 } = options;
  const featureMaps = examples.map((e) => classifierFeatures(e.text, lexicon));
  const byOrigin = new Map<number, Set<string>>();
  featureMaps.forEach((m, i) => {
    const origin = examples[i].origin ?? -1 - i;
    const features = byOrigin.get(origin) ?? byOrigin.set(origin, new Set()).get(origin)!;
    for (const f of m.keys()) features.add(f);
  });
  const counts = new Map<string, number>();
  for (const features of byOrigin.values()) for (const f of features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts].filter(([, c]) => c >= minCount).map(([f]) => f).sort();
  const id = new Map(names.map((f, i) => [f, i]));
  const rows = featureMaps.map((m) => {
    const kept = [...m].filter(([f]) => id.has(f));
    return { ids: Int32Array.from(kept, ([f]) => id.get(f)!), values: Float64Array.from(kept, ([, x]) => x) };
  });
  const L = labels.length;
  const w = new Float64Array(names.length * L);
  const bias = new Array<number>(L).fill(0);
  const target = examples.map((e) => labels.indexOf(e.label));
  if (target.includes(-1)) throw new Error('a training example has a label outside the list');
  const order = examples.map((_, i) => i);
  const random = seededRandom(seed);
  const s = new Array<number>(L);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const lr = rate / (1 + epoch * 0.2);
    for (const i of order) {
      const { ids, values } = rows[i];
      for (let k = 0; k < L; k++) {
        let x = bias[k];
        for (let n = 0; n < ids.length; n++) x += w[ids[n] * L + k] * values[n];
        s[k] = x;
      }
      const p = softmax(s);
      const weight = examples[i].weight ?? 1;
      for (let k = 0; k < L; k++) {
        const g = (p[k] - (k === target[i] ? 1 : 0)) * weight;
        bias[k] -= lr * g * 0.1;
        for (let n = 0; n < ids.length; n++) {
          const at = ids[n] * L + k;
          w[at] -= lr * (g * values[n] + l2 * w[at]);
        }
      }
    }
  }
  const weights: Record<string, number[]> = {};
  names.forEach((f, i) => (weights[f] = Array.from(w.subarray(i * L, (i + 1) * L))));
  return { labels: [...labels], bias, weights };
}

/**
 * Rounds weights to 2 decimals and drops features whose every weight is below `least`: a small,
 * stable file (the cross-validation measures models compacted the same way).
 */
export function compactWeights(weights: Record<string, number[]>, least = 0.15): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [f, w] of Object.entries(weights)) {
    if (w.every((x) => Math.abs(x) < least)) continue;
    out[f] = w.map((x) => Math.round(x * 100) / 100 || 0);
  }
  return out;
}

