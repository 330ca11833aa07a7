import { monthRange } from '../lib/time-zone.js';
import type { Store } from '../store/store.js';

/**
 * This month's results in the province's time zone, published as the provincial plan requires
 * (satisfaction, questions answered, most asked topics). Counts only, no personal data.
 */
export async function publicStats(store: Pick<Store, 'reports'>, timeZone: string, now: number) {
  const { start, end, month } = monthRange(new Date(now), timeZone);
  const c = await store.reports.periodCounts(start, end);
  return {
    month,
    questionsTotal: c.questionsTotal,
    questionsAnswered: c.questionsAnswered,
    surveys: c.surveys,
    satisfactionRate: c.surveys ? c.satisfied / c.surveys : null,
    feedbackUpRate: c.feedback ? c.up / c.feedback : null,
    topTopics: c.topDocs.map((d) => ({ id: d.id, title: d.title, count: d.count })),
  };
}
