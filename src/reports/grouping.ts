import { contentTokens } from '../text/vietnamese.js';

export interface QuestionGroup<T> {
  example: string;
  count: number;
  items: T[];
}

/**
 * Groups similar questions (Jaccard overlap of their folded content words ≥ `threshold`),
 * greedily in the given order; the biggest groups first. Enough to show admins which
 * guidance is missing without a model.
 */
export function groupSimilar<T>(items: T[], text: (item: T) => string, threshold = 0.5): Array<QuestionGroup<T>> {
  const groups: Array<{ tokens: Set<string>; group: QuestionGroup<T> }> = [];
  for (const item of items) {
    const tokens = new Set(contentTokens(text(item)));
    let best: (typeof groups)[number] | undefined;
    let bestScore = 0;
    for (const g of groups) {
      const score = jaccard(tokens, g.tokens);
      if (score > bestScore) {
        best = g;
        bestScore = score;
      }
    }
    if (best && bestScore >= threshold) {
      best.group.items.push(item);
      best.group.count++;
    } else {
      groups.push({ tokens, group: { example: text(item), count: 1, items: [item] } });
    }
  }
  return groups.map((g) => g.group).sort((a, b) => b.count - a.count);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}
