import type { FastifyInstance } from 'fastify';
import type { AnswerResult } from '../answer/answer-service.js';

/** Counters for `/metrics` (Prometheus text format): answers by status, time per pipeline step. */
export class Metrics {
  private readonly answers = new Map<string, number>();
  private readonly stepMs = new Map<string, { sum: number; count: number }>();
  private readonly errors = new Map<string, number>();
  openSockets = 0;

  recordAnswer(result: AnswerResult): void {
    this.answers.set(result.status, (this.answers.get(result.status) ?? 0) + 1);
    for (const [step, ms] of Object.entries(result.metrics)) {
      const s = this.stepMs.get(step) ?? { sum: 0, count: 0 };
      s.sum += ms;
      s.count += 1;
      this.stepMs.set(step, s);
    }
  }

  recordFrameError(code: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  render(): string {
    const lines = [
      '# TYPE dvc_answers_total counter',
      ...[...this.answers].map(([status, n]) => `dvc_answers_total{status="${status}"} ${n}`),
      '# TYPE dvc_step_ms_sum counter',
      ...[...this.stepMs].map(([step, s]) => `dvc_step_ms_sum{step="${step}"} ${s.sum.toFixed(2)}`),
      '# TYPE dvc_step_ms_count counter',
      ...[...this.stepMs].map(([step, s]) => `dvc_step_ms_count{step="${step}"} ${s.count}`),
      '# TYPE dvc_ws_frame_errors_total counter',
      ...[...this.errors].map(([code, n]) => `dvc_ws_frame_errors_total{code="${code}"} ${n}`),
      '# TYPE dvc_ws_open_sockets gauge',
      `dvc_ws_open_sockets ${this.openSockets}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}

export async function metricsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4').send(app.services.metrics.render()));
}
