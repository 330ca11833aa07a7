/**
 * The shapes of the staff, admin and public API as the pages receive them (docs/staff-api.md), taken
 * from the server's own types and schemas with type-only imports: nothing of the server (and no zod)
 * reaches a browser bundle.
 */
import type { z } from 'zod';
import type { HandoffView, StaffFrame } from '../../handoff/desk.js';
import type { RefreshReport } from '../../knowledge/knowledge-base.js';
import type { documentsReport } from '../../reports/documents.js';
import type { adminOverview } from '../../reports/overview.js';
import type { feedbackMonthSchema, publicStatsReplySchema, rateStatSchema, searchReplySchema } from '../../schemas/api.js';
import type { sessionReplySchema, staffUserSchema } from '../../schemas/staff.js';
import type { AuditEntry, CannedReply, FeedbackItem, FeedbackItemKind, FeedbackItemStatus, TranscriptEntry as StoredTranscriptEntry } from '../../store/records.js';

export type StaffUser = z.infer<typeof staffUserSchema>;
export type SessionReply = z.infer<typeof sessionReplySchema>;
/** A handoff as the desk gets it: `citizenOnline`, and `delivered` on each staff message (store-and-forward, docs/staff-api.md). */
export type Handoff = HandoffView;
export type TranscriptEntry = StoredTranscriptEntry;
export type { AuditEntry, CannedReply, FeedbackItemKind, FeedbackItemStatus, StaffFrame };
/** An item of the feedback queue as the staff API sends it. */
export type FeedbackQueueItem = FeedbackItem & { overdue: boolean };
export type QueueFrame = { type: 'queue'; waiting: Handoff[]; taken: Handoff[]; callbacks: Handoff[] };
export type CitizenMessageFrame = Extract<StaffFrame, { type: 'citizen' }>;
export type HandoffLists = Omit<QueueFrame, 'type'>;
export type SearchReply = z.infer<typeof searchReplySchema>;
export type Passage = SearchReply['passages'][number];
export type PublicStats = z.infer<typeof publicStatsReplySchema>;
/** A published share: a rate only with enough data, always n and a 95% interval (reports/rates.ts). */
export type RateStat = z.infer<typeof rateStatSchema>;
export type FeedbackMonth = z.infer<typeof feedbackMonthSchema>;
export type Overview = Awaited<ReturnType<typeof adminOverview>>;
export type DocumentsReply = ReturnType<typeof documentsReport>;
export type ReindexReply = { report: RefreshReport };
