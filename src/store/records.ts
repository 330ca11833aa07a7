/** The rows the store keeps and returns, shared by every implementation. Times are ISO 8601 strings. */

export type MessageRole = 'citizen' | 'bot' | 'staff' | 'system';
export type HandoffState = 'waiting' | 'taken' | 'closed';

export interface StoredSource {
  id: string;
  title: string;
  url: string;
  section: string;
  score: number;
}

export interface AnswerRecord {
  id: string;
  sessionId: string;
  question: string;
  text: string;
  status: string;
  grounded: boolean;
  sources: StoredSource[];
  composer?: string;
  totalMs?: number;
}

export interface HistoryTurn {
  question: string;
  answer: string;
  docId?: string;
}

export interface TranscriptEntry {
  /** Increases with every message of the store (always set by the store; a page's own unsent copy has none). */
  id?: number;
  role: MessageRole;
  name?: string;
  text: string;
  at: string;
  /** Staff messages only: whether it has reached the citizen's widget (store-and-forward). */
  delivered?: boolean;
}

/** A staff message waiting for the citizen to come back. */
export interface PendingStaffMessage {
  id: number;
  name: string;
  text: string;
  at: string;
}

/** What a retention run deleted. */
export interface PurgeResult {
  /** Whole sessions, idle longer than the limit. */
  sessions: number;
  /** Messages, answers, ratings, surveys and handled handoffs older than the limit inside sessions still in use. */
  rows: number;
}

export interface HandoffRecord {
  id: string;
  sessionId: string;
  state: HandoffState;
  reason: string | null;
  createdAt: string;
  takenAt: string | null;
  takenBy: string | null;
  closedAt: string | null;
  closedBy: string | null;
  callbackPhone: string | null;
  callbackAt: string | null;
}

export interface StaffSessionRecord {
  tokenHash: string;
  username: string;
  csrf: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  detail: string;
}

export interface WeekStats {
  week: string;
  surveys: number;
  satisfied: number;
  feedback: number;
  up: number;
}

export interface PeriodCounts {
  questionsTotal: number;
  questionsAnswered: number;
  surveys: number;
  satisfied: number;
  feedback: number;
  up: number;
  topDocs: Array<{ id: string; title: string; count: number }>;
}

/** Kinds of items in the feedback queue: what the citizen sent, or where it came from. */
export type FeedbackItemKind = 'suggestion' | 'complaint' | 'rating' | 'survey' | 'callback';
/** mới → đang xử lý → đã trả lời. */
export type FeedbackItemStatus = 'new' | 'in_progress' | 'answered';

/** One item of the feedback queue (góp ý, phản ánh, a thumbs-down or survey comment, a call-back request). */
export interface FeedbackItem {
  id: string;
  /** The tracking code the citizen holds (unguessable, unique). */
  code: string;
  kind: FeedbackItemKind;
  status: FeedbackItemStatus;
  /** What the citizen wrote, redacted. */
  text: string;
  /** How to reach the citizen (phone or email they chose to give; for a call-back, its number); erased after the retention period. */
  contact: string | null;
  sessionId: string | null;
  /** The rated answer (kind `rating`). */
  answerId: string | null;
  /** The handoff holding the call-back number (kind `callback`). */
  handoffId: string | null;
  /** 1–5 (kind `survey`). */
  score: number | null;
  assignee: string | null;
  createdAt: string;
  dueAt: string;
  updatedAt: string;
  reply: string | null;
  /** When it was first answered (kept when the reply is corrected later). */
  answeredAt: string | null;
  answeredBy: string | null;
}

export interface NewFeedbackItem {
  id: string;
  code: string;
  kind: FeedbackItemKind;
  text: string;
  dueAt: string;
  contact?: string;
  sessionId?: string;
  answerId?: string;
  handoffId?: string;
  score?: number;
}

export interface FeedbackItemFilter {
  status?: FeedbackItemStatus[];
  kind?: FeedbackItemKind[];
  assignee?: string;
}

/** The times of one item, for the monthly figures. */
export interface FeedbackItemTimes {
  createdAt: string;
  dueAt: string;
  answeredAt: string | null;
}

/** A ready-made reply the desk can put into a chat or a feedback answer (written by admins). */
export interface CannedReply {
  id: string;
  /** Short name shown in the desk's list. */
  title: string;
  text: string;
  updatedAt: string;
  /** Username of the admin who last wrote it. */
  updatedBy: string;
}
