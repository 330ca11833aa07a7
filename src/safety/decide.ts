import vi from '../../locales/vi.json' with { type: 'json' };
import type { EmergencyNumber } from './emergency-numbers.js';
import type { SafetyStatus } from './lexicon-schema.js';
import type { SafetyMatch } from './matcher.js';

export interface SafetyDecision {
  status: SafetyStatus;
  reply: string;
  categories: string[];
  /** The classifier behind the lexicon decided (no rule matched). */
  byClassifier?: true;
  /** Emergency: the first line of the reply (the numbers). */
  line?: string;
  /** Emergency whose categories all allow it: the documents may answer after the numbers line. */
  thenAnswer?: boolean;
}

/**
 * The words of the safety replies in one language (the language catalogue's `server.safety`): the
 * emergency numbers line, and for a language other than Vietnamese the replies said instead of the
 * lexicon's Vietnamese ones: one per category where the language has it (an emergency's own advice,
 * a refusal's own lawful path), else one per status (a category an admin added to the lexicon).
 */
export interface SafetyWords {
  callNow: string;
  number: string;
  numberSeparator: string;
  numbers: Record<EmergencyNumber, string>;
  replies?: Partial<Record<SafetyStatus, string>>;
  categories?: Record<string, string>;
}

/** Vietnamese: the numbers line from the catalogue, the replies the lexicon's own. */
export const VIETNAMESE_SAFETY_WORDS: SafetyWords = { ...vi.server.safety, replies: undefined, categories: undefined };

/** When several categories match, the one whose status comes first decides. */
const PRIORITY: readonly SafetyStatus[] = [
  'emergency',
  'refused_harmful',
  'refused_personal_data',
  'refused_abusive',
  'refused_political',
  'guard_input_injection',
];

/**
 * What to answer when the lexicon matched. Someone in danger comes first: every matching
 * emergency adds its numbers to the first line (so "cháy nhà, có người bất tỉnh" gives 114 and 115
 * at once) and its advice below. Otherwise the reply of the most serious refusal.
 */
export function decide(matches: readonly SafetyMatch[], hotline: string, words: SafetyWords = VIETNAMESE_SAFETY_WORDS): SafetyDecision | undefined {
  if (matches.length === 0) return undefined;
  const status = PRIORITY.find((s) => matches.some((m) => m.category.status === s))!;
  const chosen = matches.filter((m) => m.category.status === status);
  const fill = (text: string) => text.replaceAll('{hotline}', hotline).trim();
  const say = (m: SafetyMatch) => fill(words.categories?.[m.category.id] ?? words.replies?.[status] ?? m.category.reply);
  if (status !== 'emergency') return { status, reply: say(chosen[0]), categories: matches.map((m) => m.category.id) };
  const numbers = [...new Set(chosen.flatMap((m) => m.category.numbers))] as EmergencyNumber[];
  const byClassifier = matches.every((m) => m.byClassifier) ? { byClassifier: true as const } : {};
  const named = numbers.map((n) => words.number.replace('{number}', n).replace('{name}', words.numbers[n]));
  const first = words.callNow.replace('{numbers}', named.join(words.numberSeparator));
  return {
    status,
    // each emergency's advice once (two untranslated categories share the status's reply)
    reply: [first, ...new Set(chosen.map(say))].join('\n\n'),
    categories: matches.map((m) => m.category.id),
    line: first,
    thenAnswer: chosen.every((m) => m.category.thenAnswer),
    ...byClassifier,
  };
}
