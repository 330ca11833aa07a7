import type { ApiError } from '../console/api.js';
import type { Handoff } from '../console/api-types.js';
import { button, el } from '../console/dom.js';
import { formatDuration, formatTime } from '../console/format.js';
import type { Desk } from './desk.js';
import { announce, handoffItem, shortId, showConversation, showError, type ItemParts } from './view.js';

/**
 * The queue: citizens waiting for a person, longest wait first, with their conversation with the bot
 * so far, a live waiting time and the "Nhận hỗ trợ" (take) button.
 */

const LONG_WAIT_SECONDS = 180;

export interface QueueNode extends ItemParts {
  id: string;
  h: Handoff;
  title: HTMLElement;
  wait: HTMLElement;
  takeBtn: HTMLButtonElement;
  sig?: string;
}

export function createQueueItem(desk: Desk): (h: Handoff) => QueueNode {
  return (h) => {
    const title = el('strong');
    const wait = el('span', 'wait');
    const takeBtn = button('btn', 'Nhận hỗ trợ', () => void take(desk, node));
    const parts = handoffItem('item', [title, wait], ['Cuộc trò chuyện đến lúc này', 'Cuộc trò chuyện với Trợ lý', true], takeBtn);
    const node: QueueNode = { ...parts, id: h.id, h, title, wait, takeBtn };
    return node;
  };
}

export function updateQueueItem(desk: Desk): (node: QueueNode, h: Handoff) => void {
  return (node, h) => {
    node.id = h.id;
    node.h = h;
    node.title.textContent = `Người dân ${shortId(h)}`;
    node.takeBtn.setAttribute('aria-label', `Nhận hỗ trợ người dân ${shortId(h)}`);
    node.hint.textContent = `Yêu cầu lúc ${formatTime(h.createdAt)}${h.callbackPhone ? ' · đã để lại số điện thoại' : ''}`;
    showConversation(node, h, desk.state.transcriptOf(h));
    updateWait(desk, node);
  };
}

function updateWait(desk: Desk, node: QueueNode): void {
  const s = desk.state.waitSeconds(node.h, Date.now());
  node.wait.textContent = `Đã chờ ${formatDuration(s, Math.floor)}`;
  node.wait.className = `wait${s >= LONG_WAIT_SECONDS ? ' long' : ''}`;
}

/** Every second: the waiting times go on. */
export function tickQueue(desk: Desk): void {
  for (const node of desk.nodes.queue.values()) updateWait(desk, node);
}

async function take(desk: Desk, node: QueueNode): Promise<void> {
  const { id } = node;
  node.takeBtn.disabled = true;
  node.error.hidden = true;
  try {
    await desk.handoffAction(id, 'take');
    const chat = desk.nodes.chats.get(id);
    if (chat) {
      chat.textarea.focus();
      announce(`Đã nhận hỗ trợ người dân ${chat.label}.`);
    }
  } catch (e) {
    const err = e as ApiError;
    if (!desk.nodes.queue.has(id)) return;
    showError(node, err.status === 409 ? 'Cán bộ khác vừa nhận cuộc trò chuyện này.' : err.message);
    node.takeBtn.disabled = false;
    if (err.status === 409 || err.status === 404) void desk.loadHandoffs();
  }
}
