import { z } from 'zod';

/** Request schemas of the staff and admin API (docs/staff-api.md). */

export const loginBodySchema = z.strictObject({ username: z.string().min(1).max(40), password: z.string().min(1).max(200) });

export const staffUserSchema = z.object({ username: z.string(), name: z.string(), role: z.enum(['staff', 'admin']) });

export const sessionReplySchema = z.object({ user: staffUserSchema, csrf: z.string() });

export const handoffParamsSchema = z.object({ id: z.string() });

export const staffMessageBodySchema = z.strictObject({ text: z.string().trim().min(1).max(2000) });

/** Frames a staff member's page sends over `/staff/ws`. */
export const staffFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('take'), handoffId: z.uuid() }),
  z.strictObject({ type: z.literal('message'), handoffId: z.uuid(), text: z.string().trim().min(1).max(2000) }),
  z.strictObject({ type: z.literal('close'), handoffId: z.uuid() }),
]);
