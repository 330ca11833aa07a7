import { monthRange } from '../lib/time-zone.js';
import type { Store } from '../store/store.js';
import { feedbackMonths } from './feedback-stats.js';
import { rateStat } from './rates.js';

const FEEDBACK_MONTHS = 12;

/**
 * This month's results in the province's time zone, published as the provincial plan requires
 * (satisfaction, questions answered, most asked topics) and the feedback queue by month (received,
 * answered, on time, median time to answer). Counts only, no personal data. Every share follows the
 * rules of rates.ts: a rate only from `minN` on, always n and a 95% interval.
 */
export async function publicStats(store: Pick<Store, 'reports' | 'feedbackQueue'>, o: { timeZone: string; now: number; minN: number }) {
  const { start, end, month } = monthRange(new Date(o.now), o.timeZone);
  const c = await store.reports.periodCounts(start, end);
  const satisfaction = rateStat(c.satisfied, c.surveys, o.minN);
  const thumbsUp = rateStat(c.up, c.feedback, o.minN);
  return {
    month,
    minSampleSize: o.minN,
    questionsTotal: c.questionsTotal,
    questionsAnswered: c.questionsAnswered,
    surveys: c.surveys,
    satisfaction,
    thumbsUp,
    /** Same as `satisfaction.rate` (null below the minimum sample), kept for older pages. */
    satisfactionRate: satisfaction.rate,
    /** Same as `thumbsUp.rate`. */
    feedbackUpRate: thumbsUp.rate,
    topTopics: c.topDocs.map((d) => ({ id: d.id, title: d.title, count: d.count })),
    feedbackQueue: await feedbackMonths(store, { ...o, months: FEEDBACK_MONTHS }),
  };
}
