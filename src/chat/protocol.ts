import { z } from 'zod';
import type { AnswerStatus } from '../answer/statuses.js';
import { redact } from '../privacy/redact.js';

/** Free text a citizen types: redacted of personal data as soon as it is parsed. */
const citizenText = (max: number) => z.string().max(max).transform(redact);

/**
 * The citizen websocket protocol (`/ws`, JSON text frames; README "Websocket protocol"), shared by
 * the server and the widget. The widget imports types only (`import type`), so zod stays out of its
 * bundle; the server validates client frames with the schema below.
 */

export type { AnswerStatus };

/** A Vietnamese phone number as a citizen types it (8–15 digits, spaces, dots, dashes, a leading +). */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9 .-]{8,20}$/)
  .refine((p) => p.replace(/\D/g, '').length >= 8 && p.replace(/\D/g, '').length <= 15);

/** How a citizen who sends a góp ý may be reached: a phone number or an email address. */
export const contactSchema = z.union([phoneSchema, z.string().trim().max(100).pipe(z.email())]);

/** A góp ý (suggestion) or phản ánh (complaint) a citizen sends to the desk (widget frame and HTTP body). */
export const feedbackRequestFields = {
  kind: z.enum(['suggestion', 'complaint']),
  text: z.string().trim().min(5).max(2000).transform(redact),
  /** Given on purpose so the desk can answer: kept, like a call-back number. */
  contact: contactSchema.optional(),
};

/**
 * A short checked fact of an answer (fee, processing time, deadline, place, online), shown by the widget
 * as a small answer card. `validUntil` (ISO date) is the last day a temporary figure holds.
 */
export const answerFactSchema = z.strictObject({
  kind: z.enum(['fee', 'time', 'deadline', 'where', 'online']),
  text: z.string().min(1).max(240),
  validUntil: z.iso.date().optional(),
});

export type AnswerFrameFact = z.infer<typeof answerFactSchema>;

/** Client → server. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  /** `lang`: the language the citizen reads (a catalogue code such as `vi`, `en`); unknown ones get Vietnamese. */
  z.strictObject({ type: z.literal('hello'), sessionId: z.uuid().optional(), lang: z.string().max(20).optional() }),
  z.strictObject({ type: z.literal('ask'), id: z.string().min(1).max(64), text: z.string() }),
  z.strictObject({
    type: z.literal('feedback'),
    answerId: z.uuid(),
    rating: z.enum(['up', 'down']),
    comment: citizenText(500).optional(),
  }),
  z.strictObject({ type: z.literal('handoff'), reason: citizenText(500).optional() }),
  z.strictObject({ type: z.literal('survey'), score: z.number().int().min(1).max(5), comment: citizenText(500).optional() }),
  z.strictObject({ type: z.literal('callback'), phone: phoneSchema }),
  z.strictObject({ type: z.literal('feedback_request'), ...feedbackRequestFields }),
  z.strictObject({ type: z.literal('feedback_lookup'), code: z.string().max(40) }),
  /** The citizen ends the conversation: an open request for a person is closed. */
  z.strictObject({ type: z.literal('end') }),
  z.strictObject({ type: z.literal('ping') }),
]);

export type ClientFrame = z.infer<typeof clientFrameSchema>;

/** A document an answer is based on, as the citizen sees it. */
export interface FrameSource {
  id: string;
  title: string;
  url: string;
  section: string;
}

export type HandoffState = 'waiting' | 'taken' | 'closed' | 'unavailable';

/** How to reach a person, for the widget to show: the hotline and the desk's hours in words. */
export interface SupportInfo {
  hotline: string;
  hours: string;
}

/** What the citizen's widget receives about a request for a person. */
export interface HandoffFrame {
  type: 'handoff';
  state: HandoffState;
  message: string;
  staffName?: string;
  /** The widget should offer to leave a phone number for a call back. */
  callback?: boolean;
  /** While waiting: the place in the queue (1 = next) and, when it can be estimated, the expected wait. */
  position?: number;
  waitMinutes?: number;
  /** The hotline to offer as a tap-to-call link when nobody can chat. */
  hotline?: string;
}

/** A message from the person at the one-stop desk who has the chat (stored, so it arrives even after a reconnect). */
export interface StaffMessageFrame {
  type: 'staff';
  /** Increases with each message; each id is delivered once. */
  id?: number;
  name: string;
  text: string;
  /** When the staff member sent it (ISO 8601); it may reach the citizen later. */
  at?: string;
}

export type AckKind = 'ask' | 'feedback' | 'survey' | 'callback' | 'feedback_request' | 'end';

/** What anyone holding a tracking code may read about a feedback item (no personal data). */
export interface PublicFeedback {
  code: string;
  kind: 'suggestion' | 'complaint' | 'rating' | 'survey' | 'callback';
  status: 'new' | 'in_progress' | 'answered';
  receivedAt: string;
  dueAt: string;
  answeredAt: string | null;
  reply: string | null;
}

export type ErrorCode =
  | 'bad_frame'
  | 'unknown_type'
  | 'binary_not_supported'
  | 'too_long'
  | 'rate_limited'
  | 'not_ready'
  | 'busy'
  | 'unknown_answer'
  | 'not_stored'
  | 'unknown_code'
  | 'internal';

/** Server → client. */
export type ServerFrame =
  /**
   * `lang`: the language the server speaks on this socket; `languages`: every catalogue, to choose
   * from; `strings`: the widget's strings in `lang` when it is not Vietnamese (which the widget bundles).
   */
  | { type: 'ready'; sessionId: string; suggestions: string[]; support?: SupportInfo; lang: string; languages: Array<{ code: string; name: string }>; strings?: Record<string, unknown> }
  | { type: 'delta'; id: string; text: string }
  | {
      type: 'answer';
      id: string;
      answerId: string;
      text: string;
      status: AnswerStatus;
      grounded: boolean;
      sources: FrameSource[];
      followUps: string[];
      facts: AnswerFrameFact[];
    }
  /**
   * The question (ref = ask id), rating (ref = answerId), survey, call-back number or góp ý is stored;
   * `code` is the tracking code when it entered the feedback queue.
   */
  | { type: 'ack'; kind: AckKind; ref: string; code?: string }
  /** The answer to a `feedback_lookup`. */
  | { type: 'feedback_status'; item: PublicFeedback }
  | { type: 'error'; id?: string; code: ErrorCode; message: string }
  | StaffMessageFrame
  | HandoffFrame
  | { type: 'pong' };

const KNOWN_TYPES = new Set(['hello', 'ask', 'feedback', 'handoff', 'survey', 'callback', 'feedback_request', 'feedback_lookup', 'end', 'ping']);

export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; code: ErrorCode; id?: string };

/** Parses and validates one text frame. */
export function parseClientFrame(raw: string, maxQuestionChars: number): ParsedFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'bad_frame' };
  }
  const type = (data as { type?: unknown } | null)?.type;
  const id = typeof (data as { id?: unknown })?.id === 'string' ? (data as { id: string }).id.slice(0, 64) : undefined;
  if (typeof type === 'string' && !KNOWN_TYPES.has(type)) return { ok: false, code: 'unknown_type', id };
  const parsed = clientFrameSchema.safeParse(data);
  if (!parsed.success) return { ok: false, code: 'bad_frame', id };
  if (parsed.data.type === 'ask' && [...parsed.data.text].length > maxQuestionChars) return { ok: false, code: 'too_long', id };
  return { ok: true, frame: parsed.data };
}
