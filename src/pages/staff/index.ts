import { session } from '../console/api.js';
import type { StaffUser } from '../console/api-types.js';
import { bootConsole, enterApp } from '../console/boot.js';
import { $, clear } from '../console/dom.js';
import { mountFeedbackQueue, type FeedbackQueueView } from '../feedback/queue-view.js';
import { createCallbackItem, updateCallbackItem } from './callbacks.js';
import { createChat, createOther, updateChat, updateOther } from './chats.js';
import { Desk } from './desk.js';
import { LiveDesk } from './live.js';
import { createQueueItem, tickQueue, updateQueueItem } from './queue.js';
import { DeskSearch } from './search.js';
import { setCount, syncList } from './view.js';

/**
 * Bàn hỗ trợ trực tuyến (/staff): the queue, call-backs, live chats with canned replies, the knowledge
 * search and the feedback queue of the one-stop desk. Contract: docs/staff-api.md.
 */

const TITLE = 'Bàn hỗ trợ trực tuyến – Trợ lý Dịch vụ công';

const desk = new Desk();
const live = new LiveDesk(desk);
const search = new DeskSearch(desk);
let feedback: FeedbackQueueView | undefined;

function render(): void {
  const { state, nodes } = desk;
  const mine = state.taken.filter((h) => state.mine(h));
  const others = state.taken.filter((h) => !state.mine(h));
  syncList($('queue'), nodes.queue, state.waiting, createQueueItem(desk), updateQueueItem(desk));
  syncList($('callbacks'), nodes.callbacks, state.callbacks, createCallbackItem(desk), updateCallbackItem);
  syncList($('chats'), nodes.chats, mine, createChat(desk), updateChat(desk));
  syncList($('others'), nodes.others, others, createOther, updateOther(desk));
  setCount('queue-count', state.waiting.length);
  setCount('callbacks-count', state.callbacks.length);
  setCount('chats-count', mine.length);
  $('queue-empty').hidden = state.waiting.length > 0;
  $('callbacks-empty').hidden = state.callbacks.length > 0;
  $('chats-empty').hidden = mine.length > 0;
  $('others-wrap').hidden = others.length === 0;
  document.title = (state.waiting.length ? `(${state.waiting.length} chờ) ` : '') + TITLE;
  search.updateInsertButtons();
}

function start(user: StaffUser): void {
  enterApp();
  desk.state.reset();
  $('to-admin').hidden = user.role !== 'admin';
  $('noi-dung').focus();
  void desk.loadHandoffs();
  live.connect();
  desk.canned.load().catch(() => undefined); // the pickers say there is none until it arrives
  void (feedback ??= mountFeedbackQueue('fq', desk.canned)).load();
}

function stop(): void {
  live.disconnect();
  desk.state.reset();
  for (const id of ['queue', 'callbacks', 'chats', 'others', 'passages']) clear($(id));
  desk.nodes = Desk.emptyNodes();
  feedback?.clear();
}

function init(): void {
  $('search-form').addEventListener('submit', (ev) => void search.onSubmit(ev));
  window.setInterval(() => session.running && tickQueue(desk), 1000);
  window.addEventListener('online', () => live.reconnectNow());
  document.addEventListener('visibilitychange', () => {
    if (!document.hidden) live.reconnectNow();
  });
}

desk.render = render;

bootConsole({
  title: TITLE,
  screens: ['boot', 'login', 'app'],
  disabledText: 'Trang dành cho cán bộ chưa được bật: chưa có tài khoản nào được cấu hình.',
  init,
  start,
  stop,
});
