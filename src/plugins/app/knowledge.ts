import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import { knowledgeLimits } from '../../knowledge/loader.js';
import { embedderFromConfig } from '../../retrieval/index-store.js';

declare module 'fastify' {
  interface FastifyInstance {
    knowledge: KnowledgeBase;
  }
}

/**
 * `app.knowledge`: the knowledge base over KNOWLEDGE_DIR (index cached in DATA_DIR), or one a test
 * passes to buildApp. Nothing is loaded here: the server calls `refresh()` after it listens (so
 * `/ready` says 503 meanwhile) and `watch()` for live edits.
 */
export default fp<{ knowledge?: KnowledgeBase }>(
  async (app, opts) => {
    const { config, log } = app;
    const kb =
      opts.knowledge ??
      new KnowledgeBase({
        knowledgeDir: config.KNOWLEDGE_DIR,
        dataDir: config.DATA_DIR,
        embedder: embedderFromConfig(config),
        logger: log as Logger,
        limits: knowledgeLimits(config),
        worker: config.INDEX_WORKER === 'on',
      });
    app.decorate('knowledge', kb);
    app.addHook('onClose', async () => kb.close());
  },
  { name: 'knowledge', dependencies: ['config'] },
);
