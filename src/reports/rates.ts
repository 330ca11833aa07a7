/**
 * Honest rates for published figures: a share is shown only from a sample of at least `minN`
 * (STATS_MIN_N, 30 by default), always with its n and a 95% Wilson score interval, so one happy
 * citizen never reads as "100% satisfied".
 */
export interface RateStat {
  /** How many were counted. */
  n: number;
  /** How many of them count as a success (satisfied, thumbs up, answered…). */
  successes: number;
  /** n ≥ the minimum sample size: only then is `rate` given. */
  enoughData: boolean;
  rate: number | null;
  /** 95% Wilson score interval; null when n = 0. */
  interval: { low: number; high: number } | null;
  /** How to show it, in Vietnamese: "92% (n = 120; khoảng tin cậy 95%: 86–96%)" or "chưa đủ số liệu (n = 4)". */
  text: string;
}

const Z95 = 1.959964;

/** The Wilson score interval of `successes` out of `n` (95% by default). */
export function wilsonInterval(successes: number, n: number, z = Z95): { low: number; high: number } | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function rateStat(successes: number, n: number, minN: number): RateStat {
  const interval = wilsonInterval(successes, n);
  const enoughData = n > 0 && n >= minN;
  const rate = enoughData ? successes / n : null;
  const text =
    rate !== null && interval
      ? `${percent(rate)} (n = ${n}; khoảng tin cậy 95%: ${percent(interval.low, false)}–${percent(interval.high)})`
      : `chưa đủ số liệu (n = ${n})`;
  return { n, successes, enoughData, rate, interval, text };
}

function percent(x: number, sign = true): string {
  return `${Math.round(x * 100)}${sign ? '%' : ''}`;
}

/** The median of `values` (undefined when empty). */
export function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
