import { ANSWER_STATUSES } from '../answer/statuses.js';
import type { HandoffDesk } from '../handoff/desk.js';
import { utcOffsetMinutes } from '../lib/time-zone.js';
import type { Store } from '../store/store.js';
import { feedbackMonths } from './feedback-stats.js';
import { groupSimilar } from './grouping.js';
import { rateStat } from './rates.js';

const WEEKS = 12;
const DAY_MS = 86_400_000;

/**
 * The admin console's overview: satisfaction and thumbs-up by week (honest rates: see rates.ts),
 * answers by status over 30 days (refusals and emergencies included), top and unanswered questions,
 * downvoted answers (grouped so missing guidance stands out), handoff waiting times, and the
 * feedback queue (open, overdue, by month).
 */
export async function adminOverview(deps: {
  store: Pick<Store, 'reports' | 'handoffs' | 'feedbackQueue'>;
  desk: Pick<HandoffDesk, 'summary'>;
  timeZone: string;
  now: number;
  /** The minimum sample for a rate (STATS_MIN_N). */
  minN: number;
}) {
  const { store, desk, timeZone, now, minN } = deps;
  const { reports } = store;
  const since = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const weeks = (await reports.weeklyStats(WEEKS, utcOffsetMinutes(new Date(now), timeZone))).map((w) => {
    const satisfaction = rateStat(w.satisfied, w.surveys, minN);
    const thumbsUp = rateStat(w.up, w.feedback, minN);
    // satisfactionRate / thumbsUpRate: the same rates (null below the minimum sample), kept for older pages.
    return { ...w, satisfaction, thumbsUp, satisfactionRate: satisfaction.rate, thumbsUpRate: thumbsUp.rate };
  });
  const open = await store.feedbackQueue.list({ status: ['new', 'in_progress'] }, 10_000);
  const feedbackQueue = {
    new: open.filter((i) => i.status === 'new').length,
    inProgress: open.filter((i) => i.status === 'in_progress').length,
    overdue: open.filter((i) => Date.parse(i.dueAt) < now).length,
    months: await feedbackMonths(store, { timeZone, now, months: 6, minN }),
  };
  const topQuestions = groupSimilar(await reports.recentQuestions(since(30), 2000), (r) => r.question, 0.6)
    .slice(0, 15)
    .map((g) => ({ question: g.example, count: g.count }));
  const unanswered = groupSimilar(await reports.unanswered(since(90), 2000), (r) => r.question)
    .slice(0, 30)
    .map((g) => ({ example: g.example, count: g.count, questions: g.items.slice(0, 10).map((i) => i.question) }));
  const downvoted = groupSimilar(await reports.downvoted(since(90), 2000), (r) => r.question)
    .slice(0, 30)
    .map((g) => ({ example: g.example, count: g.count, comments: g.items.map((i) => i.comment).filter((c): c is string => Boolean(c)).slice(0, 10) }));
  const handoffs = (await store.handoffs.list(['waiting', 'taken', 'closed'], 5000)).filter((h) => h.reason !== 'callback');
  const waits = handoffs.filter((h) => h.takenAt).map((h) => (Date.parse(h.takenAt!) - Date.parse(h.createdAt)) / 1000);
  const counted = await reports.statusCounts(since(30));
  // Every status, so refusals and emergencies show even when there were none.
  const statuses = Object.fromEntries(ANSWER_STATUSES.map((s) => [s, counted[s] ?? 0]));
  return {
    minSampleSize: minN,
    weeks,
    feedbackQueue,
    statuses,
    topQuestions,
    unanswered,
    downvoted,
    handoffs: {
      total: handoffs.length,
      waiting: handoffs.filter((h) => h.state === 'waiting').length,
      taken: handoffs.filter((h) => h.state === 'taken').length,
      closed: handoffs.filter((h) => h.state === 'closed').length,
      timedOut: handoffs.filter((h) => h.closedBy === 'timeout').length,
      avgWaitSeconds: waits.length ? Math.round(waits.reduce((a, b) => a + b, 0) / waits.length) : null,
      maxWaitSeconds: waits.length ? Math.round(Math.max(...waits)) : null,
    },
    recentHandoffs: handoffs
      .slice(-50)
      .reverse()
      .map((h) => desk.summary(h)),
  };
}
