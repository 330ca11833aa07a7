import type { FeedbackItemKind, FeedbackItemStatus, FeedbackQueueItem, StaffUser } from '../console/api-types.js';
import { pad } from '../console/format.js';

/**
 * The feedback queue's rules as the desk and the console show them, without DOM: names of kinds and
 * statuses, the list filters, what the signed-in person may do with an item, and due dates between the
 * API (ISO times) and a date field (the local calendar day).
 */

export const KIND_LABEL: Record<FeedbackItemKind, string> = {
  suggestion: 'Góp ý',
  complaint: 'Phản ánh',
  rating: 'Chê câu trả lời',
  survey: 'Phiếu đánh giá',
  callback: 'Yêu cầu gọi lại',
};

export const STATUS_LABEL: Record<FeedbackItemStatus, string> = { new: 'Mới', in_progress: 'Đang xử lý', answered: 'Đã trả lời' };

export interface QueueFilter {
  value: string;
  label: string;
  status: FeedbackItemStatus[];
}

/** The status filters, the first being the default (what still needs an answer). */
export const FILTERS: QueueFilter[] = [
  { value: 'open', label: 'Chưa trả lời (mới và đang xử lý)', status: ['new', 'in_progress'] },
  { value: 'new', label: 'Mới', status: ['new'] },
  { value: 'in_progress', label: 'Đang xử lý', status: ['in_progress'] },
  { value: 'answered', label: 'Đã trả lời', status: ['answered'] },
  { value: 'all', label: 'Tất cả', status: [] },
];

/** GET /api/staff/feedback with the chosen status filter, and only the given assignee's items if set. */
export function listUrl(filter: string, assignee?: string | null): string {
  const status = (FILTERS.find((f) => f.value === filter) ?? FILTERS[0]).status;
  const params = new URLSearchParams();
  if (status.length) params.set('status', status.join(','));
  if (assignee) params.set('assignee', assignee);
  const query = params.toString().replace(/%2C/g, ',');
  return `/api/staff/feedback${query ? `?${query}` : ''}`;
}

export interface ItemRights {
  /** Take it for oneself (and mark it in progress). */
  take: boolean;
  /** Give it back (nobody assigned). */
  giveBack: boolean;
  /** Assign it to anyone (admins). */
  assign: boolean;
  /** Change its due date (admins). */
  redate: boolean;
  /** Answer it, or correct the answer. */
  reply: boolean;
}

/** What `user` may do with `item` (the server enforces the same rules: docs/staff-api.md). */
export function itemRights(item: Pick<FeedbackQueueItem, 'assignee' | 'status'>, user: StaffUser | null): ItemRights {
  if (!user) return { take: false, giveBack: false, assign: false, redate: false, reply: false };
  const admin = user.role === 'admin';
  const mine = item.assignee === user.username;
  const free = item.assignee === null;
  return {
    take: !mine && (free || admin) && item.status !== 'answered',
    giveBack: mine,
    assign: admin,
    redate: admin,
    reply: free || mine || admin,
  };
}

/** An ISO time as the local calendar day a date field shows ("2026-12-06"), '' for none. */
export function dateInputValue(iso: string | null | undefined): string {
  const t = Date.parse(String(iso ?? ''));
  if (Number.isNaN(t)) return '';
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A date field's day ("2026-12-06") as the due time: the end of that local day; null when not a date. */
export function dueAtFromDateInput(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59, 0);
  return Number.isNaN(d.getTime()) || d.getDate() !== Number(m[3]) ? null : d.toISOString();
}

/** What the citizen sent, in one line for the card: the text, or the score of a survey without one. */
export function itemText(item: Pick<FeedbackQueueItem, 'kind' | 'text' | 'score'>): string {
  const text = item.text.trim();
  if (item.kind === 'survey' && item.score !== null) return `Chấm ${item.score}/5 sao${text ? `: ${text}` : ''}`;
  return text || '(không có nội dung)';
}
