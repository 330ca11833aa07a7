import { z } from 'zod';

/** Schemas of the canned replies API (docs/staff-api.md "Canned replies"). */

/** A reply goes into a chat message, so it is no longer than one (2000 characters). */
export const cannedReplyBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(80),
  text: z.string().trim().min(1).max(2000),
});

export const cannedReplyParamsSchema = z.object({ id: z.uuid() });

export const cannedReplySchema = z.object({ id: z.string(), title: z.string(), text: z.string(), updatedAt: z.string(), updatedBy: z.string() });

export const cannedReplyListSchema = z.object({ replies: z.array(cannedReplySchema) });
