import { createHash } from 'node:crypto';
import type { FeedbackItem, FeedbackItemKind, FeedbackItemStatus, HandoffRecord, HandoffState } from './records.js';

/** Row → record mappers shared by the SQLite and PostgreSQL stores (their tables have the same columns). */

export function toFeedbackItem(row: unknown): FeedbackItem | undefined {
  if (!row) return undefined;
  const r = row as Record<string, string | number | null>;
  const s = (v: string | number | null) => (v === null ? null : String(v));
  return {
    id: String(r.id),
    code: String(r.code),
    kind: r.kind as FeedbackItemKind,
    status: r.status as FeedbackItemStatus,
    text: String(r.text),
    contact: s(r.contact_any),
    sessionId: s(r.session_id),
    answerId: s(r.answer_id),
    handoffId: s(r.handoff_id),
    score: r.score === null ? null : Number(r.score),
    assignee: s(r.assignee),
    createdAt: String(r.created_at),
    dueAt: String(r.due_at),
    updatedAt: String(r.updated_at),
    reply: s(r.reply),
    answeredAt: s(r.answered_at),
    answeredBy: s(r.answered_by),
  };
}

export function toHandoff(row: unknown): HandoffRecord | undefined {
  if (!row) return undefined;
  const r = row as Record<string, string | null>;
  return {
    id: r.id!,
    sessionId: r.session_id!,
    state: r.state as HandoffState,
    reason: r.reason,
    createdAt: r.created_at!,
    takenAt: r.taken_at,
    takenBy: r.taken_by,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    callbackPhone: r.callback_phone,
    callbackAt: r.callback_at,
  };
}

/** How both stores key failed logins: a password typed into the name field must not be stored as typed. */
export const loginNameHash = (username: string): string => createHash('sha256').update(username).digest('hex');

/** Seconds from request to taken of handoff rows. */
export const waitSeconds = (rows: Array<{ created_at: string; taken_at: string }>): number[] =>
  rows.map((r) => (Date.parse(r.taken_at) - Date.parse(r.created_at)) / 1000);
