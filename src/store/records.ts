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
  role: MessageRole;
  name?: string;
  text: string;
  at: string;
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
