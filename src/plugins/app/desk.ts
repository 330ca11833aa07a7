import fp from 'fastify-plugin';
import type { Logger } from 'pino';
import { HandoffDesk } from '../../handoff/desk.js';
import { parseOfficeHours } from '../../handoff/office-hours.js';
import { memoryPresence, sharedPresence } from '../../handoff/presence.js';

declare module 'fastify' {
  interface FastifyInstance {
    desk: HandoffDesk;
  }
}

/**
 * `app.desk`: the handoff queue to the one-stop desk; its time-out sweep runs while the app is up.
 * Which citizens are online is known across instances when the store is shared (PostgreSQL).
 */
export default fp(
  async (app) => {
    const { config, store, clock, staffAuth, feedbackQueue, bus } = app;
    const logger = app.log as Logger;
    const presence = store.presence ? sharedPresence(store.presence, { instanceId: app.instanceId, clock, logger }) : memoryPresence();
    const desk = new HandoffDesk({
      store,
      queue: feedbackQueue,
      clock,
      logger,
      get enabled() {
        return staffAuth.enabled; // accounts can appear or go while the server runs
      },
      officeHours: parseOfficeHours(config.OFFICE_HOURS, config.TIMEZONE),
      waitSeconds: config.HANDOFF_WAIT_SECONDS,
      hotline: config.SUPPORT_HOTLINE,
      nameOf: staffAuth.displayName,
      bus,
      presence,
    });
    app.decorate('desk', desk);
    app.addHook('onReady', async () => {
      await presence.start?.();
      desk.start();
    });
    app.addHook('onClose', async () => {
      desk.stop();
      await presence.stop?.();
    });
  },
  { name: 'desk', dependencies: ['config', 'store', 'clock', 'staff-auth', 'feedback-queue', 'bus'] },
);
