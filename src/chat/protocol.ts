import { z } from 'zod';
import type { AnswerStatus } from '../answer/statuses.js';

/**
 * The citizen websocket protocol (`/ws`, JSON text frames; README "Websocket protocol"), shared by
 * the server and the widget. The widget imports types only (`import type`), so zod stays out of its
 * bundle; the server validates client frames with the schema below.
 */

export type { AnswerStatus };

/** Client → server. */
export const clientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('hello'), sessionId: z.uuid().optional() }),
  z.strictObject({ type: z.literal('ask'), id: z.string().min(1).max(64), text: z.string() }),
  z.strictObject({
    type: z.literal('feedback'),
    answerId: z.uuid(),
    rating: z.enum(['up', 'down']),
    comment: z.string().max(500).optional(),
  }),
  z.strictObject({ type: z.literal('handoff'), reason: z.string().max(500).optional() }),
  z.strictObject({ type: z.literal('survey'), score: z.number().int().min(1).max(5), comment: z.string().max(500).optional() }),
  z.strictObject({
    type: z.literal('callback'),
    phone: z.string().regex(/^\+?[0-9 .-]{8,20}$/).refine((p) => p.replace(/\D/g, '').length >= 8 && p.replace(/\D/g, '').length <= 15),
  }),
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

/** What the citizen's widget receives about a request for a person. */
export interface HandoffFrame {
  type: 'handoff';
  state: HandoffState;
  message: string;
  staffName?: string;
  /** The widget should offer to leave a phone number for a call back. */
  callback?: boolean;
}

/** A message from the person at the one-stop desk who has the chat. */
export interface StaffMessageFrame {
  type: 'staff';
  name: string;
  text: string;
}

export type AckKind = 'ask' | 'feedback' | 'survey' | 'callback';

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
  | 'internal';

/** Server → client. */
export type ServerFrame =
  | { type: 'ready'; sessionId: string; suggestions: string[] }
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
    }
  /** The question (ref = ask id), rating (ref = answerId), survey or call-back number is stored. */
  | { type: 'ack'; kind: AckKind; ref: string }
  | { type: 'error'; id?: string; code: ErrorCode; message: string }
  | StaffMessageFrame
  | HandoffFrame
  | { type: 'pong' };

/** The Vietnamese message the server sends with each error code. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  bad_frame: 'Tin nhắn không đúng định dạng.',
  unknown_type: 'Loại tin nhắn không được hỗ trợ.',
  binary_not_supported: 'Chỉ nhận tin nhắn dạng chữ.',
  too_long: 'Câu hỏi dài quá, bà con viết ngắn lại giúp nhé.',
  rate_limited: 'Bà con gửi nhanh quá, vui lòng chờ một chút rồi gửi tiếp.',
  not_ready: 'Hệ thống đang khởi động, bà con thử lại sau ít giây.',
  busy: 'Tôi đang trả lời câu trước, bà con chờ một chút nhé.',
  unknown_answer: 'Không tìm thấy câu trả lời để đánh giá.',
  not_stored: 'Hệ thống chưa lưu được tin nhắn này, bà con gửi lại sau ít phút nhé.',
  internal: 'Hệ thống đang trục trặc, bà con thử lại sau ít phút.',
};

const KNOWN_TYPES = new Set(['hello', 'ask', 'feedback', 'handoff', 'survey', 'callback', 'ping']);

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
