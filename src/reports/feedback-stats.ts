import { monthRange } from '../lib/time-zone.js';
import type { Store } from '../store/store.js';
import { median, rateStat, type RateStat } from './rates.js';

export interface FeedbackMonth {
  /** `YYYY-MM` in the province's time zone; items count in the month they were received. */
  month: string;
  received: number;
  answered: number;
  /** Answered by their due date. */
  answeredOnTime: number;
  /** Median hours from receipt to the first answer, over the answered items (null when none). */
  medianHoursToAnswer: number | null;
  /** answered / received. */
  handled: RateStat;
  /** answeredOnTime / answered. */
  onTime: RateStat;
}

/**
 * The feedback queue by month, newest first, over the last `months` months: received, answered,
 * answered on time, the median time to answer, and the honest shares (see rates.ts).
 */
export async function feedbackMonths(store: Pick<Store, 'feedbackQueue'>, o: { timeZone: string; now: number; months: number; minN: number }): Promise<FeedbackMonth[]> {
  const out: FeedbackMonth[] = [];
  let at = new Date(o.now);
  for (let i = 0; i < o.months; i++) {
    const { start, end, month } = monthRange(at, o.timeZone);
    const items = await store.feedbackQueue.times(start, end);
    const answered = items.filter((t) => t.answeredAt);
    const onTime = answered.filter((t) => t.answeredAt! <= t.dueAt).length;
    const hours = median(answered.map((t) => (Date.parse(t.answeredAt!) - Date.parse(t.createdAt)) / 3_600_000));
    out.push({
      month,
      received: items.length,
      answered: answered.length,
      answeredOnTime: onTime,
      medianHoursToAnswer: hours === undefined ? null : Math.round(hours * 10) / 10,
      handled: rateStat(answered.length, items.length, o.minN),
      onTime: rateStat(onTime, answered.length, o.minN),
    });
    at = new Date(Date.parse(start) - 1);
  }
  return out;
}
