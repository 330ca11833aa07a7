import type { RateStat } from './api-types.js';
import { num, percent } from './format.js';

/**
 * How a published share is shown (docs/staff-api.md "Rate"): the rate only when the API says
 * `enoughData` (n ≥ STATS_MIN_N), otherwise "chưa đủ số liệu (n = …)"; always n and the 95% interval.
 */

/** "92,5%", or "chưa đủ số liệu (n = 4)" below the minimum sample. */
export function rateValue(s: RateStat): string {
  return s.enoughData && s.rate !== null ? percent(s.rate) : `chưa đủ số liệu (n = ${num(s.n)})`;
}

/** "74–97%" (whole percents), or '' without data. */
export function intervalText(s: Pick<RateStat, 'interval'>): string {
  return s.interval ? `${Math.round(s.interval.low * 100)}–${Math.round(s.interval.high * 100)}%` : '';
}

/** "n = 120; khoảng tin cậy 95%: 86–96%" ("n = 0" without data): what goes with every rate. */
export function rateDetail(s: RateStat): string {
  const interval = intervalText(s);
  return `n = ${num(s.n)}${interval ? `; khoảng tin cậy 95%: ${interval}` : ''}`;
}

/** The rate to draw a bar or judge a target with: only a rate the API gives (enough data). */
export function shownRate(s: RateStat | undefined): number | null {
  return s?.enoughData && s.rate !== null ? s.rate : null;
}
