import { api } from '../console/api.js';
import type { AuditEntry } from '../console/api-types.js';
import { $, append, el } from '../console/dom.js';
import { formatDateTime } from '../console/format.js';
import { cell } from '../console/widgets.js';

/** "Nhật ký thao tác": who did what and when, each action named in Vietnamese next to its code. */

const ACTIONS: Record<string, string> = {
  reindex: 'Dựng lại chỉ mục',
  export: 'Xuất dữ liệu CSV',
  handoff_taken: 'Nhận hỗ trợ người dân',
  handoff_closed: 'Kết thúc hỗ trợ',
  callback_done: 'Đã gọi lại cho người dân',
  feedback_status: 'Đổi trạng thái góp ý',
  feedback_assigned: 'Giao góp ý',
  feedback_due: 'Đổi hạn trả lời góp ý',
  feedback_replied: 'Trả lời góp ý',
  feedback_reply_corrected: 'Sửa câu trả lời góp ý',
  canned_reply_created: 'Thêm câu trả lời mẫu',
  canned_reply_updated: 'Sửa câu trả lời mẫu',
  canned_reply_deleted: 'Xoá câu trả lời mẫu',
};

/** The Vietnamese name of an audited action ('' when unknown: the code alone is shown). */
export function actionLabel(action: string): string {
  const a = String(action ?? '').toLowerCase();
  if (Object.prototype.hasOwnProperty.call(ACTIONS, a)) return ACTIONS[a];
  if (a.includes('callback')) return 'Gọi lại cho người dân';
  if (a.includes('reindex')) return 'Dựng lại chỉ mục';
  if (a.includes('export')) return 'Xuất dữ liệu CSV';
  if (a.includes('take')) return 'Nhận hỗ trợ người dân';
  if (a.includes('close')) return 'Kết thúc hỗ trợ';
  if (a.includes('logout')) return 'Đăng xuất';
  if (a.includes('login')) return 'Đăng nhập';
  return '';
}

/** An entry's detail as one line: a string as it is, an object as "key: value, …", '—' when empty. */
export function detailText(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '—';
  if (typeof detail === 'string') return detail;
  if (typeof detail !== 'object') return String(detail);
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

function auditRow(e: AuditEntry): HTMLTableRowElement {
  const tr = el('tr');
  cell(tr, formatDateTime(e.at));
  cell(tr, String(e.actor || '—'));
  const label = actionLabel(e.action);
  append(cell(tr, null), label && `${label} `, el('code', 'muted', String(e.action ?? '')));
  cell(tr, detailText(e.detail));
  return tr;
}

export async function loadAudit(): Promise<void> {
  const data = await api<{ entries: AuditEntry[] }>('GET', '/api/admin/audit');
  const entries = data?.entries ?? [];
  $('audit').replaceChildren(...entries.map(auditRow));
  $('audit-empty').hidden = entries.length > 0;
}
