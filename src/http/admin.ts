import type { FastifyInstance } from 'fastify';
import { groupSimilar } from '../admin/grouping.js';
import { toCsv } from '../admin/csv.js';
import { utcOffsetMinutes } from './public-stats.js';

const WEEKS = 12;
const DAY_MS = 86_400_000;

/**
 * The admin console's data: satisfaction and thumbs-up by week, top and unanswered questions,
 * downvoted answers (grouped so missing guidance stands out), handoff waiting times, the
 * documents and their freshness, load errors, reindex, CSV exports and the audit log.
 */
export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const { auth, store, kb, desk, config } = app.services;
  const adminOnly = { preHandler: auth.require('admin') };
  const since = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

  app.get('/api/admin/overview', adminOnly, async () => {
    const weeks = store.weeklyStats(WEEKS, utcOffsetMinutes(new Date(), config.TIMEZONE)).map((w) => ({
      ...w,
      satisfactionRate: w.surveys ? w.satisfied / w.surveys : null,
      thumbsUpRate: w.feedback ? w.up / w.feedback : null,
    }));
    const recent = store.recentQuestions(since(30), 2000);
    const top = groupSimilar(recent, (r) => r.question, 0.6)
      .slice(0, 15)
      .map((g) => ({ question: g.example, count: g.count }));
    const unanswered = groupSimilar(store.unanswered(since(90), 2000), (r) => r.question)
      .slice(0, 30)
      .map((g) => ({ example: g.example, count: g.count, questions: g.items.slice(0, 10).map((i) => i.question) }));
    const downvoted = groupSimilar(store.downvoted(since(90), 2000), (r) => r.question)
      .slice(0, 30)
      .map((g) => ({ example: g.example, count: g.count, comments: g.items.map((i) => i.comment).filter((c): c is string => Boolean(c)).slice(0, 10) }));
    const handoffs = store.listHandoffs(['waiting', 'taken', 'closed'], 5000).filter((h) => h.reason !== 'callback');
    const waits = handoffs.filter((h) => h.takenAt).map((h) => (Date.parse(h.takenAt!) - Date.parse(h.createdAt)) / 1000);
    return {
      weeks,
      topQuestions: top,
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
      recentHandoffs: handoffs.slice(-50).reverse().map((h) => {
        const { transcript: _t, ...rest } = desk.view(h);
        return rest;
      }),
    };
  });

  app.get('/api/admin/documents', adminOnly, async () => {
    const s = kb.snapshot;
    const today = Date.now();
    return {
      documents: s.docs
        .map((d) => {
          const ageDays = Math.floor((today - Date.parse(d.verified)) / DAY_MS);
          const expiredFacts = Object.entries(d.facts ?? {})
            .filter(([, f]) => f?.valid_until && Date.parse(f.valid_until) + DAY_MS <= today)
            .map(([kind, f]) => ({ kind, validUntil: f!.valid_until! }));
          return { id: d.id, title: d.title, kind: d.kind, file: d.file, verified: d.verified, ageDays, stale: ageDays > config.STALE_AFTER_DAYS, expiredFacts };
        })
        .sort((a, b) => b.ageDays - a.ageDays),
      errors: s.errors,
      index: { key: s.key, builtAt: s.builtAt, documents: s.docs.length },
      staleAfterDays: config.STALE_AFTER_DAYS,
    };
  });

  app.post('/api/admin/reindex', adminOnly, async (req) => {
    const report = await kb.refresh();
    store.audit(req.staff!.user.username, 'reindex', `${report.source} ${report.key} docs=${report.docs} errors=${report.errors.length}`);
    return { report };
  });

  app.get('/api/admin/export/feedback.csv', adminOnly, async (req, reply) => {
    const rows = store.feedbackRows(since(config.RETENTION_DAYS));
    store.audit(req.staff!.user.username, 'export', `feedback.csv rows=${rows.length}`);
    const csv = toCsv(
      ['thời gian', 'đánh giá', 'góp ý', 'câu hỏi', 'kết quả', 'tài liệu'],
      rows.map((r) => [r.at, r.rating, r.comment, r.question, r.status, (JSON.parse(r.sources) as Array<{ id: string }>).map((x) => x.id).join(' ')]),
    );
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="feedback.csv"').send(csv);
  });

  app.get('/api/admin/export/unanswered.csv', adminOnly, async (req, reply) => {
    const rows = store.unanswered(since(config.RETENTION_DAYS), 100_000);
    store.audit(req.staff!.user.username, 'export', `unanswered.csv rows=${rows.length}`);
    const csv = toCsv(['thời gian', 'câu hỏi', 'kết quả'], rows.map((r) => [r.at, r.question, r.status]));
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="unanswered.csv"').send(csv);
  });

  app.get('/api/admin/audit', adminOnly, async () => ({ entries: store.auditEntries(300) }));
}
