import { api, session } from '../console/api.js';
import type { CitizenMessageFrame, Handoff } from '../console/api-types.js';
import { $, append, button, el } from '../console/dom.js';
import { formatDuration, formatTime } from '../console/format.js';
import type { Desk } from './desk.js';
import { actions, announce, folded, inlineError, presenceText, shortId, showConversation, showError, transcriptList, type ConversationNode } from './view.js';
import { appendToReply } from '../console/canned.js';

/**
 * Live chat: the conversations this officer has taken (reply box, Enter to send, "Kết thúc"), the
 * citizens' messages arriving over /staff/ws, and the colleagues' conversations (read only).
 */

export const MAX_STAFF_MESSAGE = 2000;

export interface ChatNode extends ConversationNode {
  id: string;
  label: string;
  title: HTMLHeadingElement;
  since: HTMLElement;
  presence: HTMLParagraphElement;
  textarea: HTMLTextAreaElement;
  sendBtn: HTMLButtonElement;
  closeBtn: HTMLButtonElement;
  sending: boolean;
}

export interface OtherNode extends ConversationNode {
  head: HTMLParagraphElement;
}

/** A handoff id made safe for an element id. */
function domId(h: Pick<Handoff, 'id'>): string {
  return String(h.id).replace(/[^0-9a-zA-Z_-]/g, '');
}

export function createChat(desk: Desk): (h: Handoff) => ChatNode {
  return (h) => {
    const root = el('article', 'chat');
    root.tabIndex = -1;
    const title = el('h3');
    title.id = `chat-title-${domId(h)}`;
    root.setAttribute('aria-labelledby', title.id);
    const since = el('span', 'muted');
    const list = transcriptList('Tin nhắn');
    list.setAttribute('aria-live', 'off');
    const closeBtn = button('btn btn-secondary', 'Kết thúc', () =>
      closeHandoff(desk, node, `Kết thúc hỗ trợ người dân ${node.label}? Người dân sẽ quay lại trò chuyện với Trợ lý.`),
    );
    const node: ChatNode = {
      root,
      id: h.id,
      label: '',
      title,
      since,
      presence: el('p', 'presence'),
      reason: el('div'),
      list,
      error: inlineError(),
      textarea: el('textarea'),
      sendBtn: el('button', 'btn', 'Gửi'),
      closeBtn,
      sending: false,
    };
    node.presence.hidden = true;
    append(root, append(el('div', 'item-head'), title, since), node.presence, node.reason, list, node.error, replyForm(desk, node, h), actions(closeBtn));
    return node;
  };
}

function replyForm(desk: Desk, node: ChatNode, h: Handoff): HTMLFormElement {
  const form = el('form', 'send');
  const taId = `reply-${domId(h)}`;
  const label = el('label', null, 'Trả lời người dân');
  label.htmlFor = taId;
  const { textarea, sendBtn } = node;
  textarea.id = taId;
  textarea.rows = 2;
  textarea.maxLength = MAX_STAFF_MESSAGE;
  textarea.placeholder = 'Nhập tin nhắn, bấm Enter để gửi (Shift+Enter để xuống dòng)';
  sendBtn.type = 'submit';
  const canned = desk.canned.picker(`reply-${domId(h)}`, (text) => {
    textarea.value = appendToReply(textarea.value, text, MAX_STAFF_MESSAGE);
    textarea.focus();
  });
  append(form, label, append(el('div', 'send-row'), textarea, sendBtn), canned);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void sendMessage(desk, node);
  });
  textarea.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing && ev.keyCode !== 229) {
      ev.preventDefault();
      void sendMessage(desk, node);
    }
  });
  textarea.addEventListener('focus', () => {
    desk.state.lastChatId = node.id;
    node.root.classList.remove('unread');
  });
  return form;
}

export function updateChat(desk: Desk): (node: ChatNode, h: Handoff) => void {
  return (node, h) => {
    node.id = h.id;
    node.label = shortId(h);
    node.title.textContent = `Người dân ${node.label}`;
    node.closeBtn.setAttribute('aria-label', `Kết thúc hỗ trợ người dân ${node.label}`);
    node.since.textContent =
      `Nhận lúc ${formatTime(h.takenAt)}` + (typeof h.waitingSeconds === 'number' ? ` · đã chờ ${formatDuration(h.waitingSeconds, Math.floor)}` : '');
    const presence = presenceText(h);
    node.presence.textContent = presence;
    node.presence.className = `presence ${h.citizenOnline ? 'online' : 'offline'}`;
    node.presence.hidden = !presence;
    showConversation(node, h, desk.state.transcriptOf(h));
  };
}

export function createOther(): OtherNode {
  const list = transcriptList('Tin nhắn');
  const node: OtherNode = { root: el('li', 'item other'), head: el('p', 'reason'), reason: el('div'), list, error: inlineError() };
  append(node.root, node.head, node.reason, folded(list, 'Xem cuộc trò chuyện', false));
  return node;
}

export function updateOther(desk: Desk): (node: OtherNode, h: Handoff) => void {
  return (node, h) => {
    node.head.textContent = `Người dân ${shortId(h)}: đang được ${h.takenBy || 'cán bộ khác'} hỗ trợ từ ${formatTime(h.takenAt)}`;
    showConversation(node, h, desk.state.transcriptOf(h));
  };
}

async function sendMessage(desk: Desk, node: ChatNode): Promise<void> {
  const text = node.textarea.value.trim();
  if (!text || node.sending) return;
  node.sending = true;
  node.sendBtn.disabled = true;
  node.error.hidden = true;
  try {
    await api('POST', `/api/staff/handoffs/${encodeURIComponent(node.id)}/messages`, { text });
    if (node.textarea.value.trim() === text) node.textarea.value = '';
    desk.state.keep(node.id, { role: 'staff', text, at: new Date().toISOString(), name: session.user?.name ?? '' });
    desk.render();
  } catch (e) {
    showError(node, `Chưa gửi được: ${(e as Error).message}`);
  } finally {
    node.sending = false;
    node.sendBtn.disabled = false;
  }
}

/** Ends a conversation or a call-back after asking question. */
export function closeHandoff(desk: Desk, node: { id: string; error: HTMLElement; closeBtn?: HTMLButtonElement; doneBtn?: HTMLButtonElement }, question: string): void {
  if (!window.confirm(question)) return;
  const btn = (node.closeBtn ?? node.doneBtn)!;
  btn.disabled = true;
  node.error.hidden = true;
  desk.handoffAction(node.id, 'close').then(
    () => {
      announce('Đã kết thúc hỗ trợ.');
      const title = $('chats-title');
      title.tabIndex = -1;
      title.focus();
    },
    (e: Error) => {
      showError(node, `Chưa kết thúc được: ${e.message}`);
      btn.disabled = false;
    },
  );
}

/** A `citizen` frame from /staff/ws: shown at once, marked unread unless its reply box has the focus. */
export function onCitizenMessage(desk: Desk, frame: CitizenMessageFrame): void {
  const id = frame.handoffId;
  if (id === undefined || id === null) return;
  const text = String(frame.text ?? '');
  desk.state.keep(id, { role: 'citizen', text, at: frame.at || new Date().toISOString() });
  desk.render();
  const node = desk.nodes.chats.get(id);
  if (node) {
    if (document.activeElement !== node.textarea) node.root.classList.add('unread');
    announce(`Người dân ${node.label} vừa nhắn: ${text}`);
  }
}
