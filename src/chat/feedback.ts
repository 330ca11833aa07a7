import type { Logger } from 'pino';
import { HOTLINE_LINE } from '../answer/canned.js';
import { redact } from '../privacy/redact.js';

export interface FeedbackInput {
  sessionId: string;
  answerId: string;
  rating: 'up' | 'down';
  comment?: string;
}

export interface HandoffInput {
  sessionId: string;
  reason?: string;
}

/** Where ratings and requests for a person go. */
export interface FeedbackDesk {
  record(input: FeedbackInput): Promise<void>;
  /** Returns the message to show the citizen. */
  handoff(input: HandoffInput): Promise<string>;
}

/** Without a staff desk configured: ratings are logged (redacted), a person is reached by phone or in person. */
export function createLoggingFeedbackDesk(logger: Logger): FeedbackDesk {
  return {
    async record(input) {
      logger.info({ event: 'feedback', ...input, comment: input.comment && redact(input.comment) }, 'feedback');
    },
    async handoff(input) {
      logger.info({ event: 'handoff', sessionId: input.sessionId, reason: input.reason && redact(input.reason) }, 'handoff requested');
      return `Hiện chưa có cán bộ trực trò chuyện trên trang này. ${HOTLINE_LINE}`;
    },
  };
}
