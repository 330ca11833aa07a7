import type { FastifyPluginAsync } from 'fastify';
import { documentsReport } from '../reports/documents.js';
import { feedbackCsv, unansweredCsv } from '../reports/exports.js';
import { adminOverview } from '../reports/overview.js';

const DAY_MS = 86_400_000;

/** The admin console's data (see reports/): overview, documents, reindex, CSV exports, audit log. */
const adminRoutes: FastifyPluginAsync = async (app) => {
  const { staffAuth, store, knowledge, desk, config, clock, bus, instanceId } = app;
  const adminOnly = { preHandler: staffAuth.require('admin') };
  const retentionStart = () => new Date(clock.now() - config.RETENTION_DAYS * DAY_MS).toISOString();

  app.get('/api/admin/overview', adminOnly, async () => adminOverview({ store, desk, timeZone: config.TIMEZONE, now: clock.now(), minN: config.STATS_MIN_N }));

  app.get('/api/admin/documents', adminOnly, async () => {
    const report = documentsReport(knowledge.snapshot, config.STALE_AFTER_DAYS, clock.now());
    app.safety.current(); // picks up an edited lexicon file
    return { ...report, errors: [...report.errors, ...app.safety.errors] };
  });

  app.post('/api/admin/reindex', adminOnly, async (req) => {
    const report = await knowledge.refresh();
    await store.audit.record(req.staff!.user.username, 'reindex', `${report.source} ${report.key} docs=${report.docs} errors=${report.errors.length}`);
    await bus.publish({ type: 'reindexed', origin: instanceId }); // the other instances rebuild too
    return { report };
  });

  for (const [name, build] of [
    ['feedback.csv', feedbackCsv],
    ['unanswered.csv', unansweredCsv],
  ] as const) {
    app.get(`/api/admin/export/${name}`, adminOnly, async (req, reply) => {
      const { csv, rows } = await build(store, retentionStart());
      await store.audit.record(req.staff!.user.username, 'export', `${name} rows=${rows}`);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(csv);
    });
  }

  app.get('/api/admin/audit', adminOnly, async () => ({ entries: await store.audit.entries(300) }));
};

export default adminRoutes;
