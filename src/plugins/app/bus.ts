import { randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { localBus, type EventBus } from '../../cluster/events.js';
import { postgresBus } from '../../cluster/postgres-bus.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Events to every instance: PostgreSQL LISTEN/NOTIFY with DATABASE_URL, else in memory. */
    bus: EventBus;
    /** This instance's id in cluster events. */
    instanceId: string;
  }
}

/**
 * `app.bus`. It needs the store first: the store's migrations create what the PostgreSQL bus uses.
 * A reindex announced by another instance makes this one rebuild from its own knowledge folder.
 */
export default fp(
  async (app) => {
    const { config, knowledge } = app;
    const log = app.log as Logger;
    const bus = config.DATABASE_URL ? await postgresBus(config.DATABASE_URL, log) : localBus();
    const instanceId = randomUUID();
    app.decorate('bus', bus);
    app.decorate('instanceId', instanceId);
    bus.subscribe(async (e) => {
      if (e.type !== 'reindexed' || e.origin === instanceId) return;
      const report = await knowledge.refresh();
      log.info({ event: 'reindex_announced', from: e.origin, docs: report.docs }, 'knowledge rebuilt after a reindex on another instance');
    });
    app.addHook('onClose', async () => bus.close());
  },
  { name: 'bus', dependencies: ['config', 'store', 'knowledge'] },
);
