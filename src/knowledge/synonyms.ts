import { asQuestion, type Question } from '../text/question.js';
import { foldedTokens } from '../text/vietnamese.js';

/**
 * Domain synonyms from `knowledge/_synonyms.yaml`: groups of terms a citizen uses for the same thing
 * ("cccd" ↔ "căn cước"). A query that contains one term of a group is expanded with the others.
 */
export type SynonymGroups = readonly (readonly string[])[];

export interface SynonymIndex {
  /** The other terms of every group whose term occurs in the text, as one string. */
  expand(text: Question | string): string;
  /** The other terms of each group whose term occurs in the text, one list per group (shared: do not change it). */
  alternatives(text: Question | string): readonly (readonly string[])[];
  /** Query syllables that belong to a synonym whose alternative is wholly among `docTerms`. */
  coveredTokens(text: Question | string, docTerms: { has(term: string): boolean }): ReadonlySet<string>;
  readonly groupCount: number;
}

type Folded = readonly (readonly string[])[];

export function createSynonymIndex(groups: SynonymGroups): SynonymIndex {
  const folded = groups.map((group) => group.map((term) => foldedTokens(term)).filter((t) => t.length > 0));
  // The terms starting with each syllable (group and position in it): a question is checked only
  // against the terms its own syllables can start (scanning every group per question was most of a
  // retrieval's CPU, and every term of a group one of whose terms it starts still a large share).
  const byFirst = new Map<string, Array<{ group: number; term: number }>>();
  folded.forEach((group, g) => {
    group.forEach((term, t) => (byFirst.get(term[0]) ?? byFirst.set(term[0], []).get(term[0])!).push({ group: g, term: t }));
  });
  // The groups a question mentions, in group order, found once per question object: an answer ranks
  // every part of a document against the same question (coveredTokens per part) and expands it twice.
  const mentionedBy = new WeakMap<Question, Array<{ group: Folded; present: Folded }>>();
  const mentioned = (text: Question | string) => {
    const q = asQuestion(text);
    let found = mentionedBy.get(q);
    if (!found) {
      // group → the positions in it of the terms the question contains, each tried where its first syllable is
      const present = new Map<number, Set<number>>();
      const syllables = q.foldedSyllables;
      for (let i = 0; i < syllables.length; i++) {
        for (const { group, term } of byFirst.get(syllables[i]) ?? []) {
          if (!startsAt(syllables, i, folded[group][term])) continue;
          const terms = present.get(group);
          if (terms) terms.add(term);
          else present.set(group, new Set([term]));
        }
      }
      found = [...present.keys()]
        .sort((a, b) => a - b)
        .map((g) => ({ group: folded[g], present: [...present.get(g)!].sort((a, b) => a - b).map((t) => folded[g][t]) }));
      mentionedBy.set(q, found);
    }
    return found;
  };
  // Whether a document (or a part of one) has a whole term of a group, remembered per term set: the
  // same parts are ranked for many questions, and their term sets do not change once loaded.
  const alternativesOf = new WeakMap<Question, string[][]>();
  const hasTermOf = new WeakMap<object, Map<Folded, boolean>>();
  const hasSomeTerm = (docTerms: { has(term: string): boolean }, group: Folded) => {
    let known = hasTermOf.get(docTerms);
    if (!known) hasTermOf.set(docTerms, (known = new Map()));
    let has = known.get(group);
    if (has === undefined) known.set(group, (has = group.some((term) => term.every((t) => docTerms.has(t)))));
    return has;
  };
  return {
    groupCount: folded.length,
    expand(text) {
      return this.alternatives(text).flat().join(' ; ');
    },
    alternatives(text) {
      const q = asQuestion(text);
      let found = alternativesOf.get(q);
      if (!found) {
        found = mentioned(q).map(({ group, present }) => group.filter((term) => !present.includes(term)).map((term) => term.join(' ')));
        alternativesOf.set(q, found);
      }
      return found;
    },
    coveredTokens(text, docTerms) {
      const groups = mentioned(text);
      // Most questions mention no group, and every part of a document is ranked against them.
      if (groups.length === 0) return NONE;
      const covered = new Set<string>();
      for (const { group, present } of groups) {
        if (hasSomeTerm(docTerms, group)) for (const term of present) term.forEach((t) => covered.add(t));
      }
      return covered;
    },
  };
}

const NONE: ReadonlySet<string> = new Set();

/** Whether `seq` occurs in `tokens` at position i. */
function startsAt(tokens: readonly string[], i: number, seq: readonly string[]): boolean {
  if (i + seq.length > tokens.length) return false;
  for (let j = 0; j < seq.length; j++) if (tokens[i + j] !== seq[j]) return false;
  return true;
}
