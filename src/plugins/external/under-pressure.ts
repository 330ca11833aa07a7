import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';

/**
 * When the process is overloaded (event-loop delay over MAX_EVENT_LOOP_DELAY_MS, or heap over
 * MAX_HEAP_MB) every request is answered at once with `503 overloaded` and Retry-After (app.ts turns
 * the plugin's error into that body) instead of queueing behind the work that overloads it.
 * `/health` opts out with `config: ignorePressure`, so a busy process is not taken for a dead one.
 * @see {@link https://github.com/fastify/under-pressure}
 */
export default fp(
  async (app) => {
    const { MAX_EVENT_LOOP_DELAY_MS, MAX_HEAP_MB } = app.config;
    await app.register(underPressure, {
      maxEventLoopDelay: MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: MAX_HEAP_MB * 1024 * 1024,
      retryAfter: 5,
    });
  },
  { name: 'under-pressure' },
);

/** Route config that lets a request through even under pressure. */
export const ignorePressure = { pressureHandler: () => undefined };

/** The error the plugin raises for a refused request. */
export const isOverloadError = (err: { code?: string }) => err.code === 'FST_UNDER_PRESSURE';
