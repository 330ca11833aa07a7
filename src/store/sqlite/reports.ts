import type Database from 'better-sqlite3';
import type { Clock } from '../../lib/clock.js';
import type { PeriodCounts, WeekStats } from '../records.js';
import type { ReportStore } from '../store.js';

const DAY_MS = 86_400_000;

export function sqliteReports(db: Database.Database, clock: Clock): ReportStore {
  const weekly = db.prepare(
    `SELECT week, SUM(surveys) AS surveys, SUM(satisfied) AS satisfied, SUM(feedback) AS feedback, SUM(up) AS up FROM (
       SELECT strftime('%G-W%V', created_at, @shift) AS week, 1 AS surveys, (score >= 4) AS satisfied, 0 AS feedback, 0 AS up FROM surveys WHERE created_at >= @since
       UNION ALL
       SELECT strftime('%G-W%V', created_at, @shift), 0, 0, 1, (rating = 'up') FROM feedback WHERE created_at >= @since
     ) GROUP BY week ORDER BY week`,
  );
  const counts = {
    answers: db.prepare('SELECT COUNT(*) AS total, COALESCE(SUM(grounded), 0) AS answered FROM answers WHERE created_at >= @from AND created_at < @to'),
    surveys: db.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(score >= 4), 0) AS ok FROM surveys WHERE created_at >= @from AND created_at < @to'),
    feedback: db.prepare("SELECT COUNT(*) AS n, COALESCE(SUM(rating = 'up'), 0) AS up FROM feedback WHERE created_at >= @from AND created_at < @to"),
    topDocs: db.prepare(
      `SELECT top_doc AS id, json_extract(sources, '$[0].title') AS title, COUNT(*) AS count FROM answers
       WHERE grounded = 1 AND top_doc IS NOT NULL AND created_at >= @from AND created_at < @to
       GROUP BY top_doc ORDER BY count DESC LIMIT 10`,
    ),
  };
  const q = {
    statusCounts: db.prepare('SELECT status, COUNT(*) AS n FROM answers WHERE created_at >= ? GROUP BY status'),
    recent: db.prepare("SELECT question, status, grounded FROM answers WHERE created_at >= ? AND status != 'greeting' ORDER BY created_at DESC LIMIT ?"),
    unanswered: db.prepare(
      `SELECT question, status, created_at AS at FROM answers WHERE created_at >= ? AND grounded = 0
       AND status IN ('unanswerable_no_content','out_of_scope','clarification') ORDER BY created_at DESC LIMIT ?`,
    ),
    downvoted: db.prepare(
      `SELECT a.question, a.text AS answer, f.comment, f.created_at AS at FROM feedback f JOIN answers a ON a.id = f.answer_id
       WHERE f.rating = 'down' AND f.created_at >= ? ORDER BY f.created_at DESC LIMIT ?`,
    ),
    feedbackRows: db.prepare(
      `SELECT f.created_at AS at, f.rating, f.comment, a.question, a.status, a.sources FROM feedback f JOIN answers a ON a.id = f.answer_id
       WHERE f.created_at >= ? ORDER BY f.created_at`,
    ),
  };

  return {
    async weeklyStats(weeks, utcOffsetMinutes) {
      const since = new Date(clock.now() - weeks * 7 * DAY_MS).toISOString();
      const shift = `${utcOffsetMinutes >= 0 ? '+' : ''}${Math.trunc(utcOffsetMinutes)} minutes`;
      return weekly.all({ since, shift }) as WeekStats[];
    },
    async periodCounts(fromIso, toIso): Promise<PeriodCounts> {
      const range = { from: fromIso, to: toIso };
      const answers = counts.answers.get(range) as { total: number; answered: number };
      const surveys = counts.surveys.get(range) as { n: number; ok: number };
      const feedback = counts.feedback.get(range) as { n: number; up: number };
      return {
        questionsTotal: answers.total,
        questionsAnswered: answers.answered,
        surveys: surveys.n,
        satisfied: surveys.ok,
        feedback: feedback.n,
        up: feedback.up,
        topDocs: counts.topDocs.all(range) as PeriodCounts['topDocs'],
      };
    },
    recentQuestions: async (sinceIso, limit) =>
      (q.recent.all(sinceIso, limit) as Array<{ question: string; status: string; grounded: number }>).map((r) => ({ ...r, grounded: r.grounded === 1 })),
    statusCounts: async (sinceIso) =>
      Object.fromEntries((q.statusCounts.all(sinceIso) as Array<{ status: string; n: number }>).map((r) => [r.status, r.n])),
    unanswered: async (sinceIso, limit) => q.unanswered.all(sinceIso, limit) as Awaited<ReturnType<ReportStore['unanswered']>>,
    downvoted: async (sinceIso, limit) => q.downvoted.all(sinceIso, limit) as Awaited<ReturnType<ReportStore['downvoted']>>,
    feedbackRows: async (sinceIso) => q.feedbackRows.all(sinceIso) as Awaited<ReturnType<ReportStore['feedbackRows']>>,
  };
}
