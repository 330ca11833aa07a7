import { z } from 'zod';
import { answerFactSchema } from '../chat/protocol.js';

/**
 * Request and response schemas of the public HTTP API (README "HTTP API"). Routes declare them in
 * `schema`, so fastify-type-provider-zod validates requests, types handlers and checks replies.
 */

/** A document an answer or passage comes from, with its relevance score. */
export const scoredSourceSchema = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  section: z.string(),
  score: z.number(),
});

export const askBodySchema = z.strictObject({
  question: z.string(),
  sessionId: z.uuid().optional(),
  /** The language of the canned replies (a catalogue code such as `vi`, `en`; unknown ones get Vietnamese). */
  lang: z.string().max(20).optional(),
});

export const askReplySchema = z.object({
  answer: z.string(),
  /** An answer status (answer/statuses.ts), or `forwarded_to_staff` while a person has the chat. */
  status: z.string(),
  grounded: z.boolean(),
  sources: z.array(scoredSourceSchema),
  followUps: z.array(z.string()),
  /** Short checked facts (fee, time, place…), also shown as an answer card. */
  facts: z.array(answerFactSchema),
  sessionId: z.string(),
  answerId: z.string().nullable(),
});

export const searchQuerySchema = z.object({
  q: z.string().trim().min(1).max(1000),
  k: z.coerce.number().int().min(1).max(50).default(5),
});

export const searchReplySchema = z.object({
  grounded: z.boolean(),
  coverage: z.number(),
  passages: z.array(scoredSourceSchema.extend({ text: z.string() })),
});

/** A published share (reports/rates.ts): a rate only with enough data, always n and a 95% Wilson interval. */
export const rateStatSchema = z.object({
  n: z.number(),
  successes: z.number(),
  enoughData: z.boolean(),
  rate: z.number().nullable(),
  interval: z.object({ low: z.number(), high: z.number() }).nullable(),
  text: z.string(),
});

export const feedbackMonthSchema = z.object({
  month: z.string(),
  received: z.number(),
  answered: z.number(),
  answeredOnTime: z.number(),
  medianHoursToAnswer: z.number().nullable(),
  handled: rateStatSchema,
  onTime: rateStatSchema,
});

export const publicStatsReplySchema = z.object({
  month: z.string(),
  minSampleSize: z.number(),
  questionsTotal: z.number(),
  questionsAnswered: z.number(),
  surveys: z.number(),
  satisfaction: rateStatSchema,
  thumbsUp: rateStatSchema,
  satisfactionRate: z.number().nullable(),
  feedbackUpRate: z.number().nullable(),
  topTopics: z.array(z.object({ id: z.string(), title: z.string(), count: z.number() })),
  feedbackQueue: z.array(feedbackMonthSchema),
});

export const errorReplySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
