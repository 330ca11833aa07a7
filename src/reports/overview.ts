import type { HandoffDesk } from '../handoff/desk.js';
import { utcOffsetMinutes } from '../lib/time-zone.js';
import type { Store } from '../store/store.js';
import { groupSimilar } from './grouping.js';

const WEEKS = 12;
const DAY_MS = 86_400_000;

/**
 * The admin console's overview: satisfaction and thumbs-up by week, top and unanswered questions,
 * downvoted answers (grouped so missing guidance stands out), and handoff waiting times.
 */
export async function adminOverview(deps: { store: Pick<Store, 'reports' | 'handoffs'>; desk: Pick<HandoffDesk, 'summary'>; timeZone: string; now: number }) {
  const { store, desk, timeZone, now } = deps;
  const { reports } = store;
  const since = (days: number) => new Date(now - days * DAY_MS).toISOString();
  const weeks = (await reports.weeklyStats(WEEKS, utcOffsetMinutes(new Date(now), timeZone))).map((w) => ({
    ...w,
    satisfactionRate: w.surveys ? w.satisfied / w.surveys : null,
    thumbsUpRate: w.feedback ? w.up / w.feedback : null,
  }));
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
  return {
    weeks,
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
