/**
 * The corpus word closest to an unknown folded syllable, within one edit (Damerau–Levenshtein),
 * so that "nghiep" ← "ngiep" and "khai sinh" ← "khai sin" still match. Short words are left alone.
 */
export function closestTerm(term: string, vocabulary: readonly string[]): string | undefined {
  if (term.length < 3 || /\d/.test(term)) return undefined;
  let best: string | undefined;
  for (const word of vocabulary) {
    if (Math.abs(word.length - term.length) > 1 || word.length < 3) continue;
    if (withinOneEdit(term, word) && (best === undefined || word.length > best.length)) best = word;
  }
  return best;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === b.length) {
    const diffs: number[] = [];
    for (let i = 0; i < a.length && diffs.length <= 2; i++) if (a[i] !== b[i]) diffs.push(i);
    if (diffs.length === 1) return true;
    // one transposition of neighbours
    return diffs.length === 2 && diffs[1] === diffs[0] + 1 && a[diffs[0]] === b[diffs[1]] && a[diffs[1]] === b[diffs[0]];
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}
