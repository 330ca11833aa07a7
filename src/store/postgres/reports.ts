import type pg from 'pg';
import type { Clock } from '../../lib/clock.js';
import type { PeriodCounts, WeekStats } from '../records.js';
import type { ReportStore } from '../store.js';
import { one, rows } from './db.js';

const DAY_MS = 86_400_000;

export function pgReports(pool: pg.Pool, clock: Clock): ReportStore {
  return {
    async weeklyStats(weeks, utcOffsetMinutes) {
      const since = new Date(clock.now() - weeks * 7 * DAY_MS).toISOString();
      // ISO week of the local time: shift the UTC instant, then format (IYYY/IW as SQLite's %G/%V).
      const week = `to_char((created_at::timestamptz AT TIME ZONE 'UTC') + make_interval(mins => $2), 'IYYY-"W"IW')`;
      return rows<WeekStats>(
        pool,
        `SELECT week, SUM(surveys)::int AS surveys, SUM(satisfied)::int AS satisfied, SUM(feedback)::int AS feedback, SUM(up)::int AS up FROM (
           SELECT ${week} AS week, 1 AS surveys, (score >= 4)::int AS satisfied, 0 AS feedback, 0 AS up FROM surveys WHERE created_at >= $1
           UNION ALL
           SELECT ${week}, 0, 0, 1, (rating = 'up')::int FROM feedback WHERE created_at >= $1
         ) t GROUP BY week ORDER BY week`,
        [since, Math.trunc(utcOffsetMinutes)],
      );
    },
    async periodCounts(fromIso, toIso): Promise<PeriodCounts> {
      const range = [fromIso, toIso];
      const [answers, surveys, feedback, topDocs] = await Promise.all([
        one<{ total: number; answered: number }>(pool, 'SELECT COUNT(*)::int AS total, COUNT(*) FILTER (WHERE grounded)::int AS answered FROM answers WHERE created_at >= $1 AND created_at < $2', range),
        one<{ n: number; ok: number }>(pool, 'SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE score >= 4)::int AS ok FROM surveys WHERE created_at >= $1 AND created_at < $2', range),
        one<{ n: number; up: number }>(pool, "SELECT COUNT(*)::int AS n, COUNT(*) FILTER (WHERE rating = 'up')::int AS up FROM feedback WHERE created_at >= $1 AND created_at < $2", range),
        rows<PeriodCounts['topDocs'][number]>(
          pool,
          `SELECT top_doc AS id, MIN(sources->0->>'title') AS title, COUNT(*)::int AS count FROM answers
           WHERE grounded AND top_doc IS NOT NULL AND created_at >= $1 AND created_at < $2
           GROUP BY top_doc ORDER BY count DESC LIMIT 10`,
          range,
        ),
      ]);
      return {
        questionsTotal: answers!.total,
        questionsAnswered: answers!.answered,
        surveys: surveys!.n,
        satisfied: surveys!.ok,
        feedback: feedback!.n,
        up: feedback!.up,
        topDocs,
      };
    },
    recentQuestions: (sinceIso, limit) =>
      rows(pool, "SELECT question, status, grounded FROM answers WHERE created_at >= $1 AND status != 'greeting' ORDER BY created_at DESC, seq DESC LIMIT $2", [sinceIso, limit]),
    statusCounts: async (sinceIso) =>
      Object.fromEntries(
        (await rows<{ status: string; n: number }>(pool, 'SELECT status, COUNT(*)::int AS n FROM answers WHERE created_at >= $1 GROUP BY status', [sinceIso])).map((r) => [r.status, r.n]),
      ),
    unanswered: (sinceIso, limit) =>
      rows(
        pool,
        `SELECT question, status, created_at AS at FROM answers WHERE created_at >= $1 AND NOT grounded
         AND status IN ('unanswerable_no_content','out_of_scope','clarification') ORDER BY created_at DESC, seq DESC LIMIT $2`,
        [sinceIso, limit],
      ),
    downvoted: (sinceIso, limit) =>
      rows(
        pool,
        `SELECT a.question, a.text AS answer, f.comment, f.created_at AS at FROM feedback f JOIN answers a ON a.id = f.answer_id
         WHERE f.rating = 'down' AND f.created_at >= $1 ORDER BY f.created_at DESC, f.id DESC LIMIT $2`,
        [sinceIso, limit],
      ),
    feedbackRows: (sinceIso) =>
      rows(
        pool,
        `SELECT f.created_at AS at, f.rating, f.comment, a.question, a.status, a.sources::text AS sources FROM feedback f JOIN answers a ON a.id = f.answer_id
         WHERE f.created_at >= $1 ORDER BY f.created_at, f.id`,
        [sinceIso],
      ),
  };
}
