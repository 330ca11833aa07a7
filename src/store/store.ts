/**
 * Everything the service keeps: conversations, answers, ratings, surveys, handoffs, staff
 * sessions and the audit log. SQLite implements it (sqlite-store.ts); a PostgreSQL store for
 * several instances would implement the same interface.
 */
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

export interface Store {
  /** Returns `sessionId` if known, else creates a new session (with that id if it is a valid UUID). */
  openSession(sessionId?: string): string;
  history(sessionId: string, turns: number): HistoryTurn[];
  addMessage(m: { sessionId: string; role: MessageRole; text: string; name?: string }): number;
  /** The answer and its bot message, in one transaction. */
  addAnswer(a: AnswerRecord): void;
  answerExists(answerId: string, sessionId?: string): boolean;
  addFeedback(f: { answerId: string; sessionId: string; rating: 'up' | 'down'; comment?: string }): void;
  addSurvey(s: { sessionId: string; score: number; comment?: string }): void;
  transcript(sessionId: string, limit?: number): TranscriptEntry[];

  createHandoff(h: { id: string; sessionId: string; reason?: string }): HandoffRecord;
  getHandoff(id: string): HandoffRecord | undefined;
  /** The waiting or taken handoff of a session, if any. */
  openHandoff(sessionId: string): HandoffRecord | undefined;
  /** Moves waiting → taken; undefined if it was not waiting. */
  takeHandoff(id: string, staff: string): HandoffRecord | undefined;
  closeHandoff(id: string, by: string): HandoffRecord | undefined;
  setCallback(sessionId: string, phone: string): HandoffRecord;
  listHandoffs(states: HandoffState[], limit?: number): HandoffRecord[];
  /** Closed handoffs with a callback number that nobody has called back. */
  pendingCallbacks(limit?: number): HandoffRecord[];

  createStaffSession(s: StaffSessionRecord): void;
  getStaffSession(tokenHash: string): StaffSessionRecord | undefined;
  deleteStaffSession(tokenHash: string): void;

  audit(actor: string, action: string, detail?: string): void;
  auditEntries(limit?: number): AuditEntry[];

  /** ISO weeks (`2026-W48`) in local time `utcOffsetMinutes` east of UTC. */
  weeklyStats(weeks: number, utcOffsetMinutes: number): WeekStats[];
  periodCounts(fromIso: string, toIso: string): PeriodCounts;
  recentQuestions(sinceIso: string, limit: number): Array<{ question: string; status: string; grounded: boolean }>;
  unanswered(sinceIso: string, limit: number): Array<{ question: string; status: string; at: string }>;
  downvoted(sinceIso: string, limit: number): Array<{ question: string; answer: string; comment: string | null; at: string }>;
  feedbackRows(sinceIso: string): Array<{ at: string; rating: string; comment: string | null; question: string; status: string; sources: string }>;

  /** Deletes conversations (and their ratings, surveys, handoffs) older than `days`. Returns sessions deleted. */
  purgeOlderThan(days: number): number;
  close(): void;
}
