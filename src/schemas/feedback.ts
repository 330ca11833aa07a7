import { z } from 'zod';
import { feedbackRequestFields } from '../chat/protocol.js';

/** Schemas of the feedback queue's HTTP API (README "Feedback queue", docs/staff-api.md). */

export const feedbackRequestBodySchema = z.strictObject({ ...feedbackRequestFields, sessionId: z.uuid().optional() });

export const publicFeedbackSchema = z.object({
  code: z.string(),
  kind: z.enum(['suggestion', 'complaint', 'rating', 'survey', 'callback']),
  status: z.enum(['new', 'in_progress', 'answered']),
  receivedAt: z.string(),
  dueAt: z.string(),
  answeredAt: z.string().nullable(),
  reply: z.string().nullable(),
});

export const feedbackRequestReplySchema = z.object({ code: z.string(), status: z.literal('new'), dueAt: z.string() });

export const feedbackCodeParamsSchema = z.object({ code: z.string().max(40) });

const csv = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)));

export const feedbackListQuerySchema = z.object({
  /** Comma-separated: `new,in_progress`. */
  status: csv(['new', 'in_progress', 'answered']).optional(),
  kind: csv(['suggestion', 'complaint', 'rating', 'survey', 'callback']).optional(),
  assignee: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const feedbackItemParamsSchema = z.object({ id: z.uuid() });

export const feedbackChangeBodySchema = z
  .strictObject({
    status: z.enum(['new', 'in_progress']).optional(),
    /** A username, or null to unassign. */
    assignee: z.string().max(40).nullable().optional(),
    dueAt: z.iso.datetime().optional(),
  })
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.dueAt !== undefined, 'status, assignee or dueAt');

export const feedbackReplyBodySchema = z.strictObject({ text: z.string().trim().min(1).max(4000) });
