import { fold, foldSyllable, normalize } from '../text/vietnamese.js';
import { END, PERSON_NAME, type SafetyFile, type SafetyRuleSpec, type SafetyStatus } from './lexicon-schema.js';
import { withoutPlaceholders } from '../privacy/redact.js';

/**
 * Matches a citizen's message against the safety lexicon, word by word.
 * - Diacritics count where the citizen typed them: in a message with any diacritic, "bảo hành"
 *   never matches "bạo hành" and "từ từ" never matches "tự tử". Only a message typed entirely
 *   without diacritics is compared unaccented, and then never with phrases marked "=".
 * - Whole words only ("danh" in "định danh" is not "đánh"); rules look within one sentence.
 * - Teencode and disguise are undone first: aliases from the lexicon ("ck" → "chồng"), letters
 *   for letters ("jả" → "giả", "fải" → "phải"), digits for letters inside words ("h4ck", "l@m"),
 *   and spaced-out letters ("l à m g i ả", "h.a.c.k") joined back into one word.
 */
export interface CompiledLexicon {
  categories: CompiledCategory[];
  aliases: Map<string, string[]>;
  /** The phrases starting with each word form as typed, and with each folded form. */
  openers: { typed: Map<string, Phrase[]>; folded: Map<string, Phrase[]> };
  /** Phrases that may start at any word ("hack*"). */
  anywhere: Phrase[];
  /** "Without" words that keep the next phrase from excusing a rule ("không cần [giấy phép]"). */
  negations: Phrase[];
  /** Words after which a refusal rule's words are done to the citizen ("bị kẻ gian [mạo danh]"). */
  victimVoice: Phrase[];
  /**
   * Each rule's groups numbered (its slots), and the slots each phrase is in: a rule is only tried on a
   * sentence where every one of its groups has a phrase that may occur (most rules have none).
   */
  slotsOf: Map<Phrase, number[]>;
  slotCount: number;
  /** The file's named phrase lists as written (the classifier reads which of them a message uses). */
  sets: Readonly<Record<string, readonly string[]>>;
}

export interface CompiledCategory {
  id: string;
  status: SafetyStatus;
  numbers: string[];
  reply: string;
  thenAnswer: boolean;
  rules: CompiledRule[];
}

interface CompiledRule {
  groups: Phrase[][];
  /** Each group's slot (see CompiledLexicon.slotsOf). */
  slots: number[];
  within: number;
  ordered: boolean;
  /** A refusal: its words after the victim's voice do not count. */
  refusal: boolean;
  followedBy?: Phrase[];
  endOfSentence: boolean;
  unless: Phrase[];
}

interface Phrase {
  words: Array<{ lower: string; folded: string; prefix: boolean }>;
  accentOnly: boolean;
  /** The words run together, for a word spelled out letter by letter. */
  compact: { lower: string; folded: string };
  /** The first word as typed and folded, the keys of `openers` (undefined: it may start at any word). */
  firstKeys: [string, string] | undefined;
  /** `$person_name`: a personal name with its title ("bà Lường Thị Hoa"), found by its shape. */
  personName?: boolean;
}

interface Token {
  /** Forms this word may stand for (as typed, teencode readings), lower case, one tone style. */
  forms: string[];
  folded: string[];
  /** Spelled out letter by letter and joined back: may hold several words. */
  joined: boolean;
  /** Written with digits for letters ("h4ck"): a disguise, so compared unaccented too. */
  disguised?: boolean;
  /** Starts a personal name with its title: how many words it covers. */
  name?: number;
  /** Which comma-separated part of the sentence the word is in. */
  clause?: number;
}

export interface SafetyMatch {
  category: CompiledCategory;
  /** Read by the classifier behind the lexicon, not matched by a rule. */
  byClassifier?: true;
}

export function compileLexicon(file: SafetyFile): CompiledLexicon {
  // One Phrase per distinct text, so a phrase used by many rules is looked for once per message.
  const phrases = new Map<string, Phrase>();
  const phrase = (text: string) => phrases.get(text) ?? phrases.set(text, compilePhrase(text)).get(text)!;
  const expand = (list: readonly string[]): Phrase[] => [
    ...new Set(list.flatMap((p) => (p === END ? [] : p.startsWith('$') && p !== PERSON_NAME ? file.sets[p.slice(1)] : [p])).map(phrase)),
  ];
  const categories: CompiledCategory[] = file.categories.map((c) => ({
      id: c.id,
      status: c.status,
      numbers: c.numbers ?? [],
      reply: c.reply,
      thenAnswer: c.then_answer,
      rules: c.rules.map((r: SafetyRuleSpec) => ({
        groups: r.any ? [expand(r.any)] : r.near!.map(expand),
        slots: [],
        within: r.within,
        ordered: r.ordered,
        refusal: c.status !== 'emergency',
        followedBy: r.followed_by ? expand(r.followed_by) : undefined,
        endOfSentence: (r.followed_by ?? []).includes(END),
        unless: expand(r.unless ?? []),
      })),
  }));
  const slotsOf = new Map<Phrase, number[]>();
  let slotCount = 0;
  for (const rule of categories.flatMap((c) => c.rules)) {
    rule.slots = rule.groups.map((group) => {
      const slot = slotCount++;
      for (const p of group) (slotsOf.get(p) ?? slotsOf.set(p, []).get(p)!).push(slot);
      return slot;
    });
  }
  const openers = { typed: new Map<string, Phrase[]>(), folded: new Map<string, Phrase[]>() };
  const anywhere: Phrase[] = [];
  for (const p of phrases.values()) {
    if (!p.firstKeys) anywhere.push(p);
    else {
      (openers.typed.get(p.firstKeys[0]) ?? openers.typed.set(p.firstKeys[0], []).get(p.firstKeys[0])!).push(p);
      (openers.folded.get(p.firstKeys[1]) ?? openers.folded.set(p.firstKeys[1], []).get(p.firstKeys[1])!).push(p);
    }
  }
  return {
    aliases: new Map(Object.entries(file.aliases).map(([k, v]) => [normalize(k), normalize(v).split(/\s+/)])),
    categories,
    openers,
    anywhere,
    negations: file.negations.map(compilePhrase),
    victimVoice: file.victim_voice.map(compilePhrase),
    slotsOf,
    slotCount,
    sets: file.sets,
  };
}

function compilePhrase(raw: string): Phrase {
  if (raw === PERSON_NAME) return { words: [], accentOnly: false, compact: { lower: '', folded: '' }, firstKeys: undefined, personName: true };
  const accentOnly = raw.startsWith('=');
  const words = normalize(raw.replace(/^=/, ''))
    .split(/[\s'’]+/)
    .filter(Boolean)
    .map((w) => {
      const prefix = w.endsWith('*');
      const lower = mergeYI(w.replace(/\*$/, ''));
      return { lower, folded: foldSyllable(lower), prefix };
    });
  const first = words[0];
  return {
    words,
    accentOnly,
    firstKeys: first && !first.prefix ? [first.lower, first.folded] : undefined,
    compact: { lower: words.map((w) => w.lower).join(''), folded: words.map((w) => w.folded).join('') },
  };
}

/** Every category the message matches, in lexicon order. */
export function matchLexicon(lexicon: CompiledLexicon, text: string): SafetyMatch[] {
  const { tokens, sentences } = sentencesOf(lexicon, text);
  lastTokenized = { text, aliases: lexicon.aliases, tokens, lexicon, sentences };
  const out: SafetyMatch[] = [];
  for (const category of lexicon.categories) {
    if (category.rules.some((rule) => sentences.some((s) => mayMatch(rule.slots, s) && ruleMatches(rule, s)))) out.push({ category });
  }
  return out;
}

let lastTokenized: { text: string; aliases: ReadonlyMap<string, string[]>; tokens: readonly Token[][]; lexicon: CompiledLexicon; sentences: Sentence[] } | undefined;

/** The tokens `matchLexicon` made of the message it read last, when that is `text` (the classifier reads them too). */
export function lastTokens(text: string, aliases: ReadonlyMap<string, string[]>): readonly Token[][] | undefined {
  return lastTokenized?.text === text && lastTokenized.aliases === aliases ? lastTokenized.tokens : undefined;
}

interface Sentence {
  tokens: Token[];
  accented: boolean;
  /**
   * Occurrences of each phrase. In a sentence without a spelled-out word, every phrase that occurs is
   * found at once, word by word through the phrases each word starts (most of the lexicon is in no given
   * sentence); otherwise each phrase is looked for when a rule asks.
   */
  hits: Map<Phrase, Array<[number, number]>>;
  negations: Phrase[];
  victimVoice: Phrase[];
  /** Spelled-out runs and words a phrase may only start with ("hack*"): always looked at. */
  joined: number[];
  /** With a spelled-out run: where each word form occurs, as typed and folded, to look a phrase up by its first word. */
  at?: { typed: Map<string, number[]>; folded: Map<string, number[]> };
  /** Without one: 1 for each rule group (slot) one of whose phrases occurs, and the occurrences of each slot's phrases. */
  liveSlots?: Uint8Array;
  slotHits?: Array<Array<[number, number]> | undefined>;
}

const NO_HITS: Array<[number, number]> = [];

function sentence(tokens: Token[], accented: boolean, lexicon: CompiledLexicon): Sentence {
  const joined: number[] = [];
  for (let i = 0; i < tokens.length; i++) if (tokens[i].joined) joined.push(i);
  const s: Sentence = { tokens, accented, hits: new Map(), negations: lexicon.negations, victimVoice: lexicon.victimVoice, joined };
  if (joined.length > 0) {
    const at = { typed: new Map<string, number[]>(), folded: new Map<string, number[]>() };
    const add = (map: Map<string, number[]>, key: string, i: number) => {
      const list = map.get(key);
      if (!list) map.set(key, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    };
    tokens.forEach((t, i) => {
      if (t.joined) return;
      for (const f of t.forms) add(at.typed, f, i);
      for (const f of t.folded) add(at.folded, f, i);
    });
    s.at = at;
    return s;
  }
  const { hits } = s;
  const look = (p: Phrase, i: number) => {
    const list = hits.get(p);
    if (list && list[list.length - 1][0] === i) return; // reached by another form of the same word
    const n = matchAt(p, s, i);
    if (n === 0) return;
    if (list) list.push([i, i + n]);
    else hits.set(p, [[i, i + n]]);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // `matchAt` compares a word as typed in a message with diacritics (unless it is disguised), else folded:
    // a phrase whose first word matches only in the other form cannot start here.
    if (accented) for (const f of t.forms) for (const p of lexicon.openers.typed.get(f) ?? NO_PHRASES) look(p, i);
    if (!accented || t.disguised) for (const f of t.folded) for (const p of lexicon.openers.folded.get(f) ?? NO_PHRASES) look(p, i);
    for (const p of lexicon.anywhere) look(p, i);
  }
  const liveSlots = new Uint8Array(lexicon.slotCount);
  const slotHits: Array<Array<[number, number]> | undefined> = [];
  for (const [p, found] of hits) {
    for (const slot of lexicon.slotsOf.get(p) ?? NO_SLOTS) {
      liveSlots[slot] = 1;
      const list = slotHits[slot];
      if (list) list.push(...found);
      else slotHits[slot] = found.slice();
    }
  }
  s.liveSlots = liveSlots;
  s.slotHits = slotHits;
  return s;
}

const NO_PHRASES: Phrase[] = [];
const NO_SLOTS: number[] = [];

/** False when a group of the rule (by its slots) has no phrase that occurs in the sentence: `ruleMatches` would find nothing. */
function mayMatch(slots: readonly number[], s: Sentence): boolean {
  if (!s.liveSlots) return true;
  for (const slot of slots) if (s.liveSlots[slot] === 0) return false;
  return true;
}

function ruleMatches(rule: CompiledRule, s: Sentence): boolean {
  const hits: Array<Array<[number, number]>> = [];
  for (let g = 0; g < rule.groups.length; g++) {
    let found = s.slotHits ? (s.slotHits[rule.slots[g]] ?? NO_HITS) : rule.groups[g].flatMap((p) => findPhrase(p, s));
    if (rule.refusal) found = found.filter(([start]) => !inVictimVoice(start, s));
    if (found.length === 0) return false;
    hits.push(found);
  }
  // Benign context counts only as typed: a spelled-out run ("f.a.k.e…") is never read as context,
  // nor a word inside a longer phrase of the rule itself ("giấy tờ" in "không cần giấy tờ").
  const own = hits.flat();
  const inOwnPhrase = ([a, b]: [number, number]) => own.some(([x, y]) => x <= a && b <= y && y - x > b - a);
  const excuses = (span: [number, number]) => !s.tokens[span[0]].joined && !inOwnPhrase(span) && !negated(span[0], s);
  if (rule.unless.some((p) => findPhrase(p, s).some(excuses))) return false;
  return someCombination(hits, rule, new Set(s.joined), (end) => followedOk(rule, s, end));
}

/** Whether a "without" word ends at the word before `start`, or one word earlier ("không cần có giấy phép"). */
function negated(start: number, s: Sentence): boolean {
  return endsRightBefore(s.negations, start, s, 1);
}

/** Whether word `start` is told in the victim's voice: a few words after "bị", "bị kẻ gian"…, in the same clause. */
function inVictimVoice(start: number, s: Sentence): boolean {
  return endsRightBefore(s.victimVoice, start, s, VICTIM_VOICE_REACH, true);
}

/** Whether one of `phrases` ends right before word `start`, or at most `gap` words earlier (within one clause if asked). */
function endsRightBefore(phrases: Phrase[], start: number, s: Sentence, gap: number, sameClause = false): boolean {
  for (const p of phrases) {
    for (let g = 0; g <= gap; g++) {
      const at = start - g - p.words.length;
      if (at < 0) break;
      if (sameClause && s.tokens[at].clause !== s.tokens[start].clause) break;
      if (matchAt(p, s, at) === p.words.length) return true;
    }
  }
  return false;
}

/** Whether one hit per group can be picked within the rule's window, with an end `accept` takes. */
function someCombination(
  hits: Array<Array<[number, number]>>,
  rule: CompiledRule,
  joined: ReadonlySet<number>,
  accept: (end: number) => boolean,
): boolean {
  let found = false;
  const pick = (g: number, chosen: Array<[number, number]>) => {
    if (found) return;
    if (g === hits.length) {
      if (wordsBetween(chosen) <= rule.within && accept(chosen[chosen.length - 1][1])) found = true;
      return;
    }
    for (const hit of hits[g]) {
      const prev = chosen[chosen.length - 1];
      if (rule.ordered && prev && hit[0] < prev[1]) continue;
      // Too far from the first pick to ever fit in the window.
      if (chosen.length > 0 && Math.abs(hit[0] - chosen[0][0]) > rule.within + MAX_SPAN * hits.length) continue;
      // One word serves one group, unless it is a spelled-out run holding several words ("f.a.k.e c.c.c.d").
      if (chosen.some(([s, e]) => s === hit[0] && e === hit[1]) && !joined.has(hit[0])) continue;
      pick(g + 1, [...chosen, hit]);
    }
  };
  pick(0, []);
  return found;
}

/** How many words stand between the chosen matches ("làm giả [giấy xác nhận] [độc thân] giả": 0 between the last two). */
function wordsBetween(spans: Array<[number, number]>): number {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  let between = 0;
  for (let i = 1; i < sorted.length; i++) between += Math.max(0, sorted[i][0] - Math.max(...sorted.slice(0, i).map(([, e]) => e)));
  return between;
}

function followedOk(rule: CompiledRule, s: Sentence, end: number): boolean {
  if (!rule.followedBy && !rule.endOfSentence) return true;
  if (rule.endOfSentence && end >= s.tokens.length) return true;
  return (rule.followedBy ?? []).some((p) => matchAt(p, s, end) > 0);
}

/** [start, end) of every occurrence of a phrase in the sentence. */
function findPhrase(p: Phrase, s: Sentence): Array<[number, number]> {
  if (!s.at) return s.hits.get(p) ?? NO_HITS;
  let found = s.hits.get(p);
  if (!found) {
    found = [];
    for (const i of candidates(p, s)) {
      const n = matchAt(p, s, i);
      if (n > 0) found.push([i, i + n]);
    }
    s.hits.set(p, found);
  }
  return found;
}

/** Positions where a phrase may start: where its first word occurs (in either form), and spelled-out runs. */
function candidates(p: Phrase, s: Sentence): number[] {
  if (!p.firstKeys || !s.at) return s.tokens.map((_, i) => i);
  const starts = [...(s.at.typed.get(p.firstKeys[0]) ?? []), ...(s.at.folded.get(p.firstKeys[1]) ?? []), ...s.joined];
  return [...new Set(starts)].sort((a, b) => a - b);
}

/** How many tokens the phrase covers at position i (0 = no match). */
function matchAt(p: Phrase, s: Sentence, i: number): number {
  if (p.accentOnly && !s.accented) return 0;
  const first = s.tokens[i];
  if (!first) return 0;
  if (p.personName) return first.name ?? 0;
  if (first.joined) {
    // A word spelled out letter by letter is a deliberate disguise: its unaccented form counts too.
    if (p.compact.folded.length < MIN_JOINED_MATCH) return 0;
    const plain = first.forms[0] === first.folded[0];
    const [forms, needle] = s.accented && !(plain && !p.accentOnly) ? [first.forms, p.compact.lower] : [first.folded, p.compact.folded];
    return forms.some((f) => f.includes(needle)) ? 1 : 0;
  }
  for (let k = 0; k < p.words.length; k++) {
    const t = s.tokens[i + k];
    if (!t || t.joined) return 0;
    const w = p.words[k];
    const unaccented = !s.accented || (t.disguised && !p.accentOnly);
    const forms = unaccented ? t.folded : t.forms;
    const target = unaccented ? w.folded : w.lower;
    let ok = false;
    for (const f of forms) if (w.prefix ? f.startsWith(target) : f === target) ok = true;
    if (!ok) return 0;
  }
  return p.words.length;
}

// Letters swapped in teencode, read back as the usual spelling (a word keeps its own form too).
const TEENCODE: Array<[RegExp, string]> = [
  [/^f/, 'ph'],
  [/^w/, 'qu'],
  [/^j/, 'gi'],
  [/^z/, 'd'],
  [/^z/, 'gi'],
  [/^k(?=[aăâoôơuưy])/, 'c'],
  [/^dz/, 'd'],
];
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', $: 's' };
const MIN_SPELLED = 3;
/** How many words after the victim's voice are still told in it ("bị rủ [hút cần sa]", "bị bắt vì [tàng trữ ma túy]"). */
const VICTIM_VOICE_REACH = 4;
/** Longer than any phrase, in words: bounds how far apart picks of one rule can start. */
const MAX_SPAN = 8;
/** Shorter phrases ("ke", "đá") are not looked for inside spelled-out words: too many false hits. */
const MIN_JOINED_MATCH = 4;

const TITLES = ['ông', 'bà', 'anh', 'chị', 'cô', 'chú', 'bác', 'cậu', 'dì', 'thím', 'em', 'cháu', 'thằng', 'mụ', 'lão', 'mr', 'mrs', 'ms', 'miss'];
/** A title in either case ("bà", "Bà"); the name after it must be capitalised as typed. */
const TITLE = TITLES.map((t) => `[${t[0]}${t[0].toUpperCase()}]${t.slice(1)}`).join('|');
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}\p{M}]*`;
/** Lower-case "x văn y" / "x thị y" that are not names ("ở thị trấn", "ơi văn phòng"). */
const NOT_BEFORE_MIDDLE = 'ở|ơi|đi|về|tại|là|có|ra|vào|làm|nói|cho|bên|trong|nhà|của|với|và|thì|mà|này|đó';
const NOT_AFTER_MIDDLE = 'bản|phòng|hóa|hoá|thư|học|kiện|nghệ|chương|hiến|bằng|minh|trấn|xã|trường|thực|sát|lực|giác|ủy|uỷ|phạm|chính|thể|tế|cảnh|hiện|thị|hoá|mẫu';
const NAME_PATTERNS = [
  new RegExp(String.raw`(?<![\p{L}\p{M}])(?:${TITLE})\s+${NAME_WORD}(?:\s+${NAME_WORD}){0,3}(?![\p{L}\p{M}])`, 'gu'),
  new RegExp(
    String.raw`(?<![\p{L}\p{M}])(?:${TITLE})\s+(?!(?:${NOT_BEFORE_MIDDLE})\s)[\p{L}\p{M}]+\s+[vVtT](?:ăn|hị)\s+(?!(?:${NOT_AFTER_MIDDLE})(?![\p{L}\p{M}]))[\p{L}\p{M}]+(?![\p{L}\p{M}])`,
    'gu',
  ),
  new RegExp(String.raw`(?<![\p{L}\p{M}])${NAME_WORD}\s+(?:Văn|Thị)(?:\s+${NAME_WORD}){1,2}(?![\p{L}\p{M}])`, 'gu'),
];
const TITLE_WORDS = new Set(TITLES);

/**
 * Personal names, by their shape in the message as typed: a title and capitalised words ("bà Lường
 * Thị Hoa", "anh Tuấn"), a title and a name with a Văn/Thị middle typed in lower case ("ông hà văn
 * thắng"), or three or four capitalised words with a Văn/Thị middle ("Hà Văn Thắng"). Each is
 * returned as its words, lower case; a title starts the name, so the title words lead.
 */
export function personNames(text: string): string[][] {
  const nfc = text.normalize('NFC');
  const out: string[][] = [];
  // Most messages have neither a capital after the first letter nor a Văn/Thị middle: no name to look for.
  if (!/\p{Lu}/u.test(nfc.slice(1)) && !/[vVtT](?:ăn|hị)/u.test(nfc)) return out;
  for (const re of NAME_PATTERNS) {
    for (const m of nfc.matchAll(re)) {
      const words = normalize(m[0]).split(/\s+/).map(mergeYI);
      // "Anh Chị cho hỏi": titles are not names
      if (words.slice(1).every((w) => TITLE_WORDS.has(w))) continue;
      out.push(words);
    }
  }
  return out;
}

function markNames(tokens: Token[], names: string[][]): Token[] {
  for (const name of names) {
    for (let i = 0; i + name.length <= tokens.length; i++) {
      if (name.every((w, k) => !tokens[i + k].joined && tokens[i + k].forms[0] === w)) {
        tokens[i].name = Math.max(tokens[i].name ?? 0, name.length);
      }
    }
  }
  return tokens;
}

/** Sentences of tokens, with teencode and disguise undone. */
export function tokenize(text: string, aliases: ReadonlyMap<string, string[]>): Token[][] {
  const lower = normalize(text).replace(/(?<=\p{L})[@$](?=\p{L})/gu, (c) => LEET[c]);
  return lower
    .split(/[.!?;\n…]+(?=\s|$)|[!?;\n…]+/u)
    .map((sentence) =>
      sentence.split(/,/).flatMap((part, clause) =>
        joinSpelled(part).flatMap((w) => (w.joined ? [w] : readWord(w.forms[0], aliases))).map((t) => Object.assign(t, { clause })),
      ),
    )
    .filter((s) => s.length > 0);
}

/** Words of a sentence; single letters spelled out one by one ("l à m g i ả") become one joined token. */
function joinSpelled(sentence: string): Token[] {
  const raw = sentence.match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  const out: Token[] = [];
  for (let i = 0; i < raw.length; ) {
    let j = i;
    while (j < raw.length && [...raw[j]].length === 1 && /\p{L}/u.test(raw[j])) j++;
    if (j - i >= MIN_SPELLED) {
      const word = raw.slice(i, j).join('');
      out.push({ forms: [word], folded: [fold(word)], joined: true });
      i = j;
    } else {
      out.push({ forms: [raw[i]], folded: [], joined: false });
      i++;
    }
  }
  return out;
}

function readWord(word: string, aliases: ReadonlyMap<string, string[]>): Token[] {
  const alias = aliases.get(word);
  // A one-word alias keeps the word itself too: "a" is "anh" in chat, and "a" in English.
  if (alias) return alias.length === 1 ? [token([alias[0], word])] : alias.map((w) => token([w]));
  const forms = new Set([word]);
  const disguised = /\p{L}/u.test(word) && /\d/.test(word);
  if (disguised) forms.add(word.replace(/\d/g, (d) => LEET[d] ?? d));
  if (/^[fwjzkd]/.test(word)) for (const f of [...forms]) for (const [re, to] of TEENCODE) if (re.test(f)) forms.add(f.replace(re, to));
  return [token([...forms], disguised)];
}

function token(forms: string[], disguised = false): Token {
  const lower = forms.map(mergeYI);
  return { forms: lower, folded: lower.map(foldSyllable), joined: false, disguised };
}

/** "ký"/"kí", "lý"/"lí": the same word with either vowel. */
function mergeYI(word: string): string {
  if (!/[yýỳỷỹỵ]$/.test(word)) return word;
  return word.normalize('NFD').replace(/^([bcdghklmnprstvx]+)y(\p{M}*)$/u, '$1i$2').normalize('NFC');
}

export interface NearMatches {
  window: string[];
  excused: string[];
  partial: string[];
}

function sentencesOf(lexicon: CompiledLexicon, text: string): { tokens: Token[][]; sentences: Sentence[] } {
  // Only a message typed without any diacritic is compared unaccented; the redaction's placeholders
  // ("[số điện thoại]") are not the citizen's typing.
  const lower = normalize(withoutPlaceholders(text));
  const accented = lower !== fold(lower);
  const names = personNames(text);
  const tokens = tokenize(text, lexicon.aliases);
  return { tokens, sentences: tokens.map((t) => sentence(markNames(t, names), accented, lexicon)) };
}

/**
 * Rules a message nearly matches, by category, which the classifier reads as features:
 * `window`: a rule (not matched) has a phrase of every group in one sentence but failed on its window,
 * order or `followed_by`; `excused`: … but an `unless` phrase or the victim's voice excused it;
 * `partial`: a rule of three or more groups has all but one, and no excuse.
 */
export function nearMatches(lexicon: CompiledLexicon, text: string): NearMatches {
  // the sentences `matchLexicon` just made of the same text, with the phrases it already found
  const sentences = lastTokenized?.text === text && lastTokenized.lexicon === lexicon ? lastTokenized.sentences : sentencesOf(lexicon, text).sentences;
  const out = { window: new Set<string>(), excused: new Set<string>(), partial: new Set<string>() };
  for (const category of lexicon.categories) {
    for (const rule of category.rules) {
      const slots = rule.slots;
      for (const s of sentences) {
        let live = 0;
        if (s.liveSlots) for (const slot of slots) live += s.liveSlots[slot];
        else live = slots.length;
        if (live < slots.length - 1 || (live < slots.length && slots.length < 3)) continue;
        let found = 0;
        let voiced = 0;
        for (const group of rule.groups) {
          const hits = group.flatMap((p) => findPhrase(p, s));
          if (hits.length > 0) found++;
          if (rule.refusal && hits.length > 0 && hits.every(([start]) => inVictimVoice(start, s))) voiced++;
        }
        if (found < slots.length - 1 || (found < slots.length && slots.length < 3)) continue;
        if (found === slots.length && ruleMatches(rule, s)) continue;
        const excused = voiced > 0 || rule.unless.some((p) => findPhrase(p, s).length > 0);
        if (excused) out.excused.add(category.id);
        else if (found === slots.length) out.window.add(category.id);
        else out.partial.add(category.id);
      }
    }
  }
  return { window: [...out.window], excused: [...out.excused], partial: [...out.partial] };
}
