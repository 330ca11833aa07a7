import fp from 'fastify-plugin';

const DAY_MS = 86_400_000;

/** Deletes conversations older than RETENTION_DAYS once the app is ready, then daily. */
export default fp(
  async (app) => {
    const { store, clock, config, log } = app;
    const purge = () => {
      const removed = store.purgeOlderThan(config.RETENTION_DAYS);
      if (removed) log.info({ removed, retentionDays: config.RETENTION_DAYS }, 'old conversations deleted');
    };
    let stop = () => {};
    app.addHook('onReady', async () => {
      purge();
      stop = clock.every(DAY_MS, purge);
    });
    app.addHook('onClose', async () => stop());
  },
  { name: 'retention', dependencies: ['store', 'clock'] },
);
