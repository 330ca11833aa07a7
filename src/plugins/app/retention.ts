import fp from 'fastify-plugin';

const DAY_MS = 86_400_000;

/** Deletes conversations older than RETENTION_DAYS once the app is ready, then daily. */
export default fp(
  async (app) => {
    const { store, clock, config, log } = app;
    const purge = async () => {
      try {
        const removed = await store.conversations.purgeOlderThan(config.RETENTION_DAYS);
        if (removed) log.info({ removed, retentionDays: config.RETENTION_DAYS }, 'old conversations deleted');
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
