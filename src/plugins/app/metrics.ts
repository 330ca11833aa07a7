import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AnswerResult } from '../../answer/answer-service.js';
import { ANSWER_STATUSES } from '../../answer/statuses.js';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics;
  }
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * What `/metrics` exports (Prometheus text): answers by status, a histogram per answer pipeline
 * step, websocket frame errors and open sockets, plus Node's process metrics. One registry per app,
 * so two apps in one test process do not share counters.
 * @see {@link https://github.com/siimon/prom-client}
 */
export function createMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const answers = new Counter({ name: 'dvc_answers_total', help: 'Answers sent, by status', labelNames: ['status'], registers });
  // Every status from the start (0), so a dashboard sees refusals and emergencies before the first one.
  for (const status of ANSWER_STATUSES) answers.inc({ status }, 0);
  const steps = new Histogram({
    name: 'dvc_pipeline_step_seconds',
    help: 'Time spent in each answer pipeline step ("total" is the whole pipeline)',
    labelNames: ['step'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const composers = new Counter({
    name: 'dvc_answers_by_composer_total',
    help: 'Answers by composer: llm, extractive, or extractive_after_llm:<reason> when the model was abandoned',
    labelNames: ['composer'],
    registers,
  });
  const frameErrors = new Counter({ name: 'dvc_ws_frame_errors_total', help: 'Error frames sent to citizens, by code', labelNames: ['code'], registers });
  const openSockets = new Gauge({ name: 'dvc_ws_open_sockets', help: 'Citizen websockets open now', registers });
  const refused = new Counter({ name: 'dvc_connections_refused_total', help: 'TCP connections and websockets refused over a cap, by cap', labelNames: ['cap'], registers });

  return {
    contentType: registry.contentType,
    render: () => registry.metrics(),
    /** Process metrics (CPU, memory, event loop lag, GC); started once the app is ready. */
    collectProcessMetrics: () => collectDefaultMetrics({ register: registry }),
    recordAnswer(result: Pick<AnswerResult, 'status' | 'metrics' | 'composer'>): void {
      answers.inc({ status: result.status });
      if (result.composer) composers.inc({ composer: result.composer });
      for (const [step, ms] of Object.entries(result.metrics)) steps.observe({ step }, ms / 1000);
    },
    frameError: (code: string) => frameErrors.inc({ code }),
    socketOpened: () => openSockets.inc(),
    socketClosed: () => openSockets.dec(),
    connectionRefused: (cap: string) => refused.inc({ cap }),
  };
}

/** `app.metrics`. */
export default fp(
  async (app) => {
    const metrics = createMetrics();
    app.decorate('metrics', metrics);
    app.addHook('onReady', async () => metrics.collectProcessMetrics());
  },
  { name: 'metrics' },
);
