import { z } from 'zod';
import type { CitizenHandoffFrame } from '../handoff/desk.js';

/** Websocket frames, client → server (see README "Websocket protocol"). */
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

export interface FrameSource {
  id: string;
  title: string;
  url: string;
  section: string;
}

/** Server → client frames. */
export type ServerFrame =
  | { type: 'ready'; sessionId: string; suggestions: string[] }
  | { type: 'delta'; id: string; text: string }
  | {
      type: 'answer';
      id: string;
      answerId: string;
      text: string;
      status: string;
      grounded: boolean;
      sources: FrameSource[];
      followUps: string[];
    }
  | { type: 'ack'; kind: 'ask' | 'feedback' | 'survey' | 'callback'; ref: string }
  | { type: 'error'; id?: string; code: ErrorCode; message: string }
  | { type: 'staff'; name: string; text: string }
  | CitizenHandoffFrame
  | { type: 'pong' };

export type ErrorCode =
  | 'bad_frame'
  | 'unknown_type'
  | 'binary_not_supported'
  | 'too_long'
  | 'rate_limited'
  | 'not_ready'
  | 'busy'
  | 'unknown_answer'
  | 'internal';

/** The Vietnamese message shown for each error code. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  bad_frame: 'Tin nhắn không đúng định dạng.',
  unknown_type: 'Loại tin nhắn không được hỗ trợ.',
  binary_not_supported: 'Chỉ nhận tin nhắn dạng chữ.',
  too_long: 'Câu hỏi dài quá, bà con viết ngắn lại giúp nhé.',
  rate_limited: 'Bà con gửi nhanh quá, vui lòng chờ một chút rồi gửi tiếp.',
  not_ready: 'Hệ thống đang khởi động, bà con thử lại sau ít giây.',
  busy: 'Tôi đang trả lời câu trước, bà con chờ một chút nhé.',
  unknown_answer: 'Không tìm thấy câu trả lời để đánh giá.',
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
  const id = typeof (data as { id?: unknown })?.id === 'string' ? ((data as { id: string }).id.slice(0, 64)) : undefined;
  if (typeof type === 'string' && !KNOWN_TYPES.has(type)) return { ok: false, code: 'unknown_type', id };
  const parsed = clientFrameSchema.safeParse(data);
  if (!parsed.success) return { ok: false, code: 'bad_frame', id };
  if (parsed.data.type === 'ask' && [...parsed.data.text].length > maxQuestionChars) return { ok: false, code: 'too_long', id };
  return { ok: true, frame: parsed.data };
}
