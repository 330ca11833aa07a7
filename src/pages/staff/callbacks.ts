import type { Handoff } from '../console/api-types.js';
import { append, button, el } from '../console/dom.js';
import { formatDateTime } from '../console/format.js';
import type { BadgeKind } from '../console/widgets.js';
import { closeHandoff } from './chats.js';
import type { Desk } from './desk.js';
import { handoffItem, shortId, showConversation, type ItemParts } from './view.js';

/**
 * Call-backs: phone numbers citizens left when no one could chat with them, with the conversation
 * before, and "Đã gọi lại xong, kết thúc" once the conversation is over.
 */

export interface CallbackNode extends ItemParts {
  id: string;
  phoneText: string;
  phone: HTMLAnchorElement;
  time: HTMLElement;
  status: HTMLElement;
  doneBtn: HTMLButtonElement;
  sig?: string;
}

/** Where the citizen's request stands, for the call-back's hint line. */
export function callbackStatus(h: Pick<Handoff, 'state' | 'takenBy' | 'closedBy'>): string {
  if (h.state === 'waiting') return 'vẫn đang chờ trò chuyện với cán bộ';
  if (h.state === 'taken') return `đang được ${h.takenBy || 'cán bộ'} hỗ trợ`;
  if (h.closedBy === 'timeout') return 'chưa có cán bộ nhận kịp, cần gọi lại';
  if (h.closedBy === 'system') return 'gửi ngoài giờ làm việc, cần gọi lại';
  return 'trò chuyện đã kết thúc, cần gọi lại';
}

/** The call-back's state in two words, for its badge: who has to act now. */
export function callbackBadge(h: Pick<Handoff, 'state'>): [BadgeKind, string] {
  if (h.state === 'waiting') return ['neutral', 'Đang chờ trò chuyện'];
  if (h.state === 'taken') return ['good', 'Đang được hỗ trợ'];
  return ['bad', 'Cần gọi lại'];
}

/** The `tel:` address of a phone number as the citizen typed it ("0987.654.321" → "tel:0987654321"), or null. */
export function telHref(phone: string): string | null {
  const tel = phone.replace(/[^0-9+]/g, '');
  return tel ? `tel:${tel}` : null;
}

export function createCallbackItem(desk: Desk): (h: Handoff) => CallbackNode {
  return (h) => {
    const phone = el('a', 'phone');
    const time = el('span', 'muted');
    const status = el('span');
    const doneBtn = button('btn btn-secondary btn-small', 'Đã gọi lại xong, kết thúc', () =>
      closeHandoff(desk, node, `Đánh dấu đã gọi lại cho số ${node.phoneText} và kết thúc yêu cầu này?`),
    );
    const parts = handoffItem('item callback', [phone, status], ['Cuộc trò chuyện trước khi để lại số', 'Xem cuộc trò chuyện', false], doneBtn);
    parts.hint.before(append(el('p', 'when'), time));
    const node: CallbackNode = { ...parts, id: h.id, phoneText: '', phone, time, status, doneBtn };
    return node;
  };
}

export function updateCallbackItem(node: CallbackNode, h: Handoff): void {
  node.id = h.id;
  node.phoneText = String(h.callbackPhone ?? '');
  node.phone.textContent = node.phoneText || '(không có số)';
  const href = telHref(node.phoneText);
  if (href) node.phone.href = href;
  else node.phone.removeAttribute('href');
  node.time.textContent = `Để lại số lúc ${formatDateTime(h.callbackAt || h.createdAt)}`;
  const [kind, label] = callbackBadge(h);
  node.status.className = `badge ${kind}`;
  node.status.textContent = label;
  node.hint.textContent = `Người dân ${shortId(h)} · ${callbackStatus(h)}`;
  // While the citizen is still in the queue or in a chat, the desk answers there; the call back is
  // marked done once the conversation has ended.
  node.doneBtn.hidden = h.state !== 'closed';
  showConversation(node, h, h.transcript ?? []);
}
