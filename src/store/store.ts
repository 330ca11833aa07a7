import type {
  AnswerRecord,
  AuditEntry,
  CannedReply,
  FeedbackItem,
  FeedbackItemFilter,
  FeedbackItemStatus,
  FeedbackItemTimes,
  HandoffRecord,
  HandoffState,
  HistoryTurn,
  MessageRole,
  NewFeedbackItem,
  PendingStaffMessage,
  PeriodCounts,
  PurgeResult,
  StaffSessionRecord,
  TranscriptEntry,
  WeekStats,
} from './records.js';

export type * from './records.js';

/**
 * Everything the service keeps, split by concern. Every method is asynchronous and resolves only
 * once its write is committed (durable against a crash of the process): callers acknowledge to the
 * citizen after that, never before. SQLite implements it (sqlite/); any other implementation must
 * pass the same contract tests (test/store/contract.ts).
 */
export interface Store {
  conversations: ConversationStore;
  feedback: FeedbackStore;
  feedbackQueue: FeedbackQueueStore;
  handoffs: HandoffStore;
  staffSessions: StaffSessionStore;
  loginFailures: LoginFailureStore;
  audit: AuditStore;
  cannedReplies: CannedReplyStore;
  reports: ReportStore;
  /**
   * Only in a store several instances share (PostgreSQL): request counts for the rate limits. A
   * single process (SQLite) counts in its own memory and has none.
   */
  rateLimits?: RateLimitStore;
  /** Only in a store several instances share: which instance has which citizen's chat open. */
  presence?: PresenceStore;
  /** A small committed write; rejects when the store cannot write (disk full, read-only, gone). */
  probe(): Promise<void>;
  close(): Promise<void>;
}

/** Sessions, their messages (citizen, bot, staff, system) and the bot's answers. */
export interface ConversationStore {
  /**
   * Returns `sessionId` if it is a known session, else creates a new one with an id the store chooses
   * (never one a client asked for: a client cannot pick or guess its way into a session).
   */
  openSession(sessionId?: string): Promise<string>;
  /** The last `turns` answered questions of a session, oldest first (greetings left out). */
  history(sessionId: string, turns: number): Promise<HistoryTurn[]>;
  /** Returns the message id. A staff message is pending delivery until `markDelivered`. */
  addMessage(m: { sessionId: string; role: MessageRole; text: string; name?: string }): Promise<number>;
  /** The session's staff messages not yet delivered, oldest first. */
  pendingStaffMessages(sessionId: string): Promise<PendingStaffMessage[]>;
  /** Claims a pending staff message for delivery; false if it was already delivered (or claimed). */
  markDelivered(messageId: number): Promise<boolean>;
  /** Undoes a claim whose delivery failed, so the message is delivered later. */
  releaseDelivery(messageId: number): Promise<void>;
  /**
   * The answer and its bot message, together; with `citizenText`, the citizen's message it answers
   * first, in the same transaction (one write per turn: the question is acknowledged after it).
   */
  addAnswer(a: AnswerRecord, opts?: { citizenText?: string }): Promise<void>;
  answerExists(answerId: string, sessionId?: string): Promise<boolean>;
  /** The last `limit` messages of a session, oldest first. */
  transcript(sessionId: string, limit?: number): Promise<TranscriptEntry[]>;
  /**
   * Retention: deletes sessions not seen for `days` with everything attached, and inside sessions
   * still in use every message, answer, rating, survey and handled handoff older than that. A
   * call-back number nobody has handled is kept (with its session) however old. Deleted data must
   * not stay readable in the store's files.
   */
  purgeOlderThan(days: number): Promise<PurgeResult>;
}

/** Ratings of answers and end-of-conversation surveys. */
export interface FeedbackStore {
  addRating(f: { answerId: string; sessionId: string; rating: 'up' | 'down'; comment?: string }): Promise<void>;
  addSurvey(s: { sessionId: string; score: number; comment?: string }): Promise<void>;
}

/**
 * The feedback queue: góp ý and phản ánh sent by citizens, comments on thumbs-down ratings and
 * surveys, and call-back requests, each with a tracking code, a status, an assignee, a due date and
 * the reply. Items outlive the conversation they came from (their session becomes null), so the
 * published monthly figures stay; the citizen's contact is erased after the retention period.
 */
export interface FeedbackQueueStore {
  /** Adds an item with status `new`; rejects if the code is already taken. */
  add(item: NewFeedbackItem): Promise<FeedbackItem>;
  get(id: string): Promise<FeedbackItem | undefined>;
  /** By tracking code (exactly as stored: callers normalise it). */
  byCode(code: string): Promise<FeedbackItem | undefined>;
  /** Matching items, the earliest due first. */
  list(filter?: FeedbackItemFilter, limit?: number): Promise<FeedbackItem[]>;
  /** Changes status (not to `answered`: that is `reply`), assignee (null = nobody) or due date; undefined if there is no such item. */
  update(id: string, change: { status?: Exclude<FeedbackItemStatus, 'answered'>; assignee?: string | null; dueAt?: string }): Promise<FeedbackItem | undefined>;
  /** Records the reply and marks the item answered; the first answer's time and author are kept when the reply is corrected. */
  reply(id: string, reply: { text: string; by: string }): Promise<FeedbackItem | undefined>;
  /** Times of the items received from `fromIso` (included) to `toIso` (excluded), oldest first. */
  times(fromIso: string, toIso: string): Promise<FeedbackItemTimes[]>;
  /** Erases the contact of items received before `beforeIso`; returns how many were erased. */
  eraseContactsBefore(beforeIso: string): Promise<number>;
}

/** Requests for a person and call-back numbers. */
export interface HandoffStore {
  create(h: { id: string; sessionId: string; reason?: string }): Promise<HandoffRecord>;
  get(id: string): Promise<HandoffRecord | undefined>;
  /** The waiting or taken handoff of a session, if any. */
  openFor(sessionId: string): Promise<HandoffRecord | undefined>;
  /** Moves waiting → taken; undefined if it was not waiting (someone else took it first). */
  take(id: string, staff: string): Promise<HandoffRecord | undefined>;
  /** Closes it (once: the first closer and time are kept); on a closed one with a call-back number, marks the call-back done. */
  close(id: string, by: string): Promise<HandoffRecord | undefined>;
  /**
   * Closes, as `by`, every request still waiting that was made at or before `beforeIso`, in one statement,
   * and returns those this call closed (oldest first): of several instances sweeping at once, each
   * request is returned to exactly one, and one taken meanwhile is left alone.
   */
  expireWaiting(beforeIso: string, by: string): Promise<HandoffRecord[]>;
  /**
   * Records a call-back number on the session's latest handoff if it has none yet, else on a new
   * closed one: a second number never replaces the first. The same number still pending is not added twice.
   */
  setCallback(sessionId: string, phone: string): Promise<HandoffRecord>;
  /** Oldest first. */
  list(states: HandoffState[], limit?: number): Promise<HandoffRecord[]>;
  /** Seconds from request to taken of the latest `limit` requests taken (by any instance), the latest first. */
  recentWaits(limit: number): Promise<number[]>;
  /** Handoffs with a call-back number that nobody has marked done, oldest first. */
  pendingCallbacks(limit?: number): Promise<HandoffRecord[]>;
}

/** Signed-in staff (the token itself is never stored, only its hash). */
export interface StaffSessionStore {
  create(s: StaffSessionRecord): Promise<void>;
  /** The session if it exists and has not expired. */
  get(tokenHash: string): Promise<StaffSessionRecord | undefined>;
  delete(tokenHash: string): Promise<void>;
}

/**
 * Failed staff logins per user name, for the lock-out (auth/login-lockout.ts): in the database, so
 * every instance sharing it counts the same failures, and a restart does not unlock a name. Names
 * are kept as a hash only (a password typed into the name field must not be stored).
 */
export interface LoginFailureStore {
  /**
   * Counts a failure now, atomically (failures on several instances at once are all counted); a name
   * quiet for longer than `forgetAfterMs` starts again at 1, and such quiet names are deleted.
   */
  add(username: string, forgetAfterMs: number): Promise<LoginFailures>;
  /** The name's failures, if any are kept. */
  get(username: string): Promise<LoginFailures | undefined>;
  clear(username: string): Promise<void>;
}

export interface LoginFailures {
  count: number;
  /** Milliseconds since the epoch of the latest failure. */
  lastAt: number;
}

/** Requests per key (a route and a client address) in fixed windows, counted by every instance together. */
export interface RateLimitStore {
  /**
   * Counts a request now, atomically; a window of `windowMs` starts with the first request after the
   * key's last window ended. Returns the requests in the window, this one included, and the
   * milliseconds it has left.
   */
  hit(key: string, windowMs: number): Promise<{ count: number; ttlMs: number }>;
  /** Deletes the windows that have ended; returns how many. */
  purgeEnded(): Promise<number>;
}

/**
 * Which citizen sessions have a socket open on which instance, for the desk's "online" on every
 * instance. Instances say they are alive every few seconds: the sockets of one that stopped saying
 * so (killed) no longer count, and it is forgotten after a while.
 */
export interface PresenceStore {
  /**
   * The instance is alive now; instances quiet for longer than `forgetAfterMs` are deleted with their
   * sockets. Returns false when this instance had itself been forgotten (its sockets must be told again).
   */
  heartbeat(instanceId: string, forgetAfterMs: number): Promise<boolean>;
  /** The session has a socket on this instance now (`true`), or none any more. */
  set(instanceId: string, sessionId: string, connected: boolean): Promise<void>;
  /** Whether the session has a socket on an instance alive within the last `aliveMs`. */
  online(sessionId: string, aliveMs: number): Promise<boolean>;
  /** The instance stops: it and its sockets are deleted. */
  remove(instanceId: string): Promise<void>;
}

/** Who did what and when: reindex, exports, taking and closing handoffs. */
export interface AuditStore {
  record(actor: string, action: string, detail?: string): Promise<void>;
  /** Newest first. */
  entries(limit?: number): Promise<AuditEntry[]>;
}

/** Ready-made replies for the desk, written by admins. */
export interface CannedReplyStore {
  /** All of them, by title in Vietnamese order. */
  list(): Promise<CannedReply[]>;
  create(r: { title: string; text: string; by: string }): Promise<CannedReply>;
  /** Rewrites one; undefined if there is no such reply. */
  update(id: string, r: { title: string; text: string; by: string }): Promise<CannedReply | undefined>;
  /** False if there was no such reply. */
  delete(id: string): Promise<boolean>;
}

/** Read-only aggregates for the admin console and the public statistics. */
export interface ReportStore {
  /** ISO weeks (`2026-W48`) in local time `utcOffsetMinutes` east of UTC, over the last `weeks` weeks. */
  weeklyStats(weeks: number, utcOffsetMinutes: number): Promise<WeekStats[]>;
  periodCounts(fromIso: string, toIso: string): Promise<PeriodCounts>;
  recentQuestions(sinceIso: string, limit: number): Promise<Array<{ question: string; status: string; grounded: boolean }>>;
  /** How many answers ended with each status since then. */
  statusCounts(sinceIso: string): Promise<Record<string, number>>;
  unanswered(sinceIso: string, limit: number): Promise<Array<{ question: string; status: string; at: string }>>;
  downvoted(sinceIso: string, limit: number): Promise<Array<{ question: string; answer: string; comment: string | null; at: string }>>;
  feedbackRows(sinceIso: string): Promise<Array<{ at: string; rating: string; comment: string | null; question: string; status: string; sources: string }>>;
}
