import fp from 'fastify-plugin';

const DAY_MS = 86_400_000;

/**
 * Deletes conversations idle longer than RETENTION_DAYS and older messages inside conversations
 * still in use (see ConversationStore.purgeOlderThan), and erases the contacts left with older
 * feedback items (the items stay, for the published figures), once the app is ready, then daily.
 */
export default fp(
  async (app) => {
    const { store, clock, config, log } = app;
    const purge = async () => {
      try {
        const removed = await store.conversations.purgeOlderThan(config.RETENTION_DAYS);
        if (removed.sessions || removed.rows) log.info({ removed, retentionDays: config.RETENTION_DAYS }, 'old conversations deleted');
        const erased = await store.feedbackQueue.eraseContactsBefore(new Date(clock.now() - config.RETENTION_DAYS * DAY_MS).toISOString());
        if (erased) log.info({ erased, retentionDays: config.RETENTION_DAYS }, 'old feedback contacts erased');
      } catch (err) {
        log.error({ err }, 'deleting old conversations failed');
      }
    };
    let stop = () => {};
    app.addHook('onReady', async () => {
      await purge();
      stop = clock.every(DAY_MS, purge);
    });
    app.addHook('onClose', async () => stop());
  },
  { name: 'retention', dependencies: ['config', 'store', 'clock'] },
);
