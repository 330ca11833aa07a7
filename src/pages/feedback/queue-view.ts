import { api, session, type ApiError } from '../console/api.js';
import type { FeedbackQueueItem, TranscriptEntry } from '../console/api-types.js';
import { appendToReply, type CannedReplies } from '../console/canned.js';
import { $, append, button, el } from '../console/dom.js';
import { formatDate, formatDateTime, num } from '../console/format.js';
import { renderTranscript, transcriptList } from '../console/transcript.js';
import { badge } from '../console/widgets.js';
import { telHref } from '../staff/callbacks.js';
import { dateInputValue, dueAtFromDateInput, FILTERS, itemRights, itemText, KIND_LABEL, listUrl, STATUS_LABEL } from './model.js';

/**
 * The feedback queue on /staff and /admin: góp ý, phản ánh, thumbs-down and survey comments and
 * call-backs, filtered by status (and "only mine"), each with its tracking code, dates, assignee and
 * reply; take it, give it back, assign it and move its due date (admins), answer it (the citizen reads
 * the answer by code). API: docs/staff-api.md "Feedback queue".
 */

const MAX_REPLY = 4000;

interface ItemNode {
  root: HTMLLIElement;
  error: HTMLParagraphElement;
  heading: HTMLHeadingElement;
}

export class FeedbackQueueView {
  private filter = FILTERS[0].value;
  private mineOnly = false;
  private items: FeedbackQueueItem[] = [];
  /** Replies being written, kept across reloads of the list. */
  private readonly drafts = new Map<string, string>();
  private readonly list = el('ul', 'items fq-list');
  private readonly empty = el('p', 'empty', 'Không có góp ý nào ở mục này.');
  private readonly status = el('p', 'hint');
  private readonly counts = el('span', 'count zero', '0');

  /** `root` is the section's body; `countsId` the heading's counter. */
  constructor(
    private readonly root: HTMLElement,
    private readonly canned: CannedReplies,
    private readonly idPrefix = 'fq',
  ) {}

  /** The counter to put in the section heading. */
  get counter(): HTMLElement {
    return this.counts;
  }

  mount(): void {
    const filter = el('select');
    filter.id = `${this.idPrefix}-filter`;
    for (const f of FILTERS) {
      const o = el('option', null, f.label);
      o.value = f.value;
      filter.appendChild(o);
    }
    filter.addEventListener('change', () => {
      this.filter = filter.value;
      void this.load();
    });
    const filterLabel = el('label', null, 'Trạng thái');
    filterLabel.htmlFor = filter.id;
    const mine = el('input');
    mine.type = 'checkbox';
    mine.id = `${this.idPrefix}-mine`;
    mine.addEventListener('change', () => {
      this.mineOnly = mine.checked;
      void this.load();
    });
    const mineLabel = el('label', 'check', 'Chỉ việc của tôi');
    mineLabel.htmlFor = mine.id;
    const refresh = button('btn btn-secondary btn-small', 'Làm mới', () => void this.load());
    this.status.setAttribute('role', 'status');
    this.empty.hidden = true;
    const controls = append(el('div', 'fq-controls'), append(el('div', 'field'), filterLabel, filter), append(el('div', 'check-row'), mine, mineLabel), refresh);
    this.root.replaceChildren(controls, this.status, this.empty, this.list);
  }

  async load(): Promise<void> {
    this.status.textContent = 'Đang tải…';
    try {
      const url = listUrl(this.filter, this.mineOnly ? session.user?.username : null);
      this.items = (await api<{ items: FeedbackQueueItem[] }>('GET', url)).items ?? [];
      this.render();
      const overdue = this.items.filter((i) => i.overdue).length;
      this.status.textContent = `${num(this.items.length)} góp ý${overdue ? `, ${num(overdue)} quá hạn trả lời` : ''}.`;
    } catch (e) {
      this.status.textContent = `Không tải được danh sách góp ý: ${(e as Error).message}`;
    }
  }

  /** Forgets the list (on logout). */
  clear(): void {
    this.items = [];
    this.drafts.clear();
    this.list.replaceChildren();
  }

  private render(): void {
    const nodes = this.items.map((item) => this.itemNode(item));
    this.list.replaceChildren(...nodes.map((n) => n.root));
    this.empty.hidden = this.items.length > 0;
    const open = this.items.filter((i) => i.status !== 'answered').length;
    this.counts.textContent = String(open);
    this.counts.className = `count${open ? '' : ' zero'}`;
  }

  private itemNode(item: FeedbackQueueItem): ItemNode {
    const rights = itemRights(item, session.user);
    const root = el('li', `item fq ${item.status}${item.overdue ? ' overdue' : ''}`);
    const heading = el('h3', null, `${KIND_LABEL[item.kind] ?? item.kind} · mã ${item.code}`);
    heading.tabIndex = -1;
    heading.id = `${this.idPrefix}-item-${item.id}`;
    root.setAttribute('aria-labelledby', heading.id);
    const badges = append(
      el('div', 'badges'),
      badge(item.status === 'answered' ? 'good' : item.status === 'new' ? 'stale' : 'neutral', STATUS_LABEL[item.status]),
      item.overdue && ' ',
      item.overdue && badge('bad', 'Quá hạn'),
    );
    const dates = el(
      'p',
      'hint',
      `Nhận lúc ${formatDateTime(item.createdAt)} · Hạn trả lời ${formatDate(dateInputValue(item.dueAt))} · ` +
        (item.assignee ? `Người xử lý: ${item.assignee}` : 'Chưa có người xử lý') +
        (item.answeredAt ? ` · Trả lời lúc ${formatDateTime(item.answeredAt)}${item.answeredBy ? ` (${item.answeredBy})` : ''}` : ''),
    );
    const text = el('p', 'fq-text', itemText(item));
    const contact = this.contactLine(item);
    const error = el('p', 'error');
    error.setAttribute('role', 'alert');
    error.hidden = true;
    const node: ItemNode = { root, error, heading };
    append(root, append(el('div', 'item-head'), heading, badges), dates, text, contact, item.sessionId && this.conversation(item), this.actions(item, rights, node), error);
    if (rights.reply) root.appendChild(this.replyForm(item, node));
    else if (item.reply) root.appendChild(append(el('div', 'fq-reply'), el('b', null, 'Đã trả lời: '), item.reply));
    return node;
  }

  private contactLine(item: FeedbackQueueItem): HTMLElement | null {
    if (!item.contact) return null;
    const p = append(el('p', 'fq-contact'), el('b', null, 'Liên hệ: '));
    const href = /@/.test(item.contact) ? null : telHref(item.contact);
    if (href) {
      const a = el('a', 'phone', item.contact);
      a.href = href;
      p.appendChild(a);
    } else p.appendChild(document.createTextNode(item.contact));
    return p;
  }

  /** The conversation the item came from, fetched when first opened. */
  private conversation(item: FeedbackQueueItem): HTMLDetailsElement {
    const list = transcriptList('Cuộc trò chuyện trước đó');
    const details = append(el('details'), el('summary', null, 'Xem cuộc trò chuyện trước đó'), list);
    details.addEventListener('toggle', () => {
      if (!details.open || list.dataset.filled) return;
      api<{ transcript: TranscriptEntry[] }>('GET', `/api/staff/feedback/${encodeURIComponent(item.id)}`).then(
        (data) => renderTranscript(list, data.transcript ?? []),
        (e: Error) => list.replaceChildren(el('li', 'msg system', `Không tải được: ${e.message}`)),
      );
    });
    return details;
  }

  private actions(item: FeedbackQueueItem, rights: ReturnType<typeof itemRights>, node: ItemNode): HTMLDivElement | null {
    const buttons: HTMLElement[] = [];
    const me = session.user?.username;
    if (rights.take && me) {
      const b = button('btn btn-small', 'Nhận xử lý', () => void this.change(item, { assignee: me, ...(item.status === 'new' ? { status: 'in_progress' } : {}) }, node, 'Đã nhận xử lý.'));
      b.setAttribute('aria-label', `Nhận xử lý góp ý mã ${item.code}`);
      buttons.push(b);
    }
    if (rights.giveBack) {
      buttons.push(button('btn btn-secondary btn-small', 'Trả lại (bỏ nhận)', () => void this.change(item, { assignee: null }, node, 'Đã trả lại góp ý.')));
    }
    if (rights.assign) buttons.push(this.assignForm(item, node));
    if (rights.redate) buttons.push(this.dueForm(item, node));
    return buttons.length ? append(el('div', 'actions'), ...buttons) : null;
  }

  private assignForm(item: FeedbackQueueItem, node: ItemNode): HTMLFormElement {
    const form = el('form', 'inline-form');
    const input = el('input');
    input.type = 'text';
    input.id = `${this.idPrefix}-assign-${item.id}`;
    input.value = item.assignee ?? '';
    input.autocomplete = 'off';
    input.spellcheck = false;
    const label = el('label', null, 'Giao cho (tên đăng nhập)');
    label.htmlFor = input.id;
    const submit = el('button', 'btn btn-secondary btn-small', 'Giao việc');
    submit.type = 'submit';
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const assignee = input.value.trim();
      void this.change(item, { assignee: assignee || null }, node, assignee ? `Đã giao cho ${assignee}.` : 'Đã bỏ giao việc.');
    });
    return append(form, label, append(el('div', 'canned-row'), input, submit));
  }

  private dueForm(item: FeedbackQueueItem, node: ItemNode): HTMLFormElement {
    const form = el('form', 'inline-form');
    const input = el('input');
    input.type = 'date';
    input.id = `${this.idPrefix}-due-${item.id}`;
    input.value = dateInputValue(item.dueAt);
    const label = el('label', null, 'Hạn trả lời');
    label.htmlFor = input.id;
    const submit = el('button', 'btn btn-secondary btn-small', 'Đổi hạn');
    submit.type = 'submit';
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const dueAt = dueAtFromDateInput(input.value);
      if (!dueAt) return this.showError(node, 'Chọn một ngày hợp lệ.');
      void this.change(item, { dueAt }, node, `Đã đổi hạn trả lời sang ${formatDate(input.value)}.`);
    });
    return append(form, label, append(el('div', 'canned-row'), input, submit));
  }

  private replyForm(item: FeedbackQueueItem, node: ItemNode): HTMLFormElement {
    const form = el('form', 'send fq-reply-form');
    const textarea = el('textarea');
    textarea.id = `${this.idPrefix}-reply-${item.id}`;
    textarea.rows = 3;
    textarea.maxLength = MAX_REPLY;
    textarea.value = this.drafts.get(item.id) ?? item.reply ?? '';
    textarea.addEventListener('input', () => this.drafts.set(item.id, textarea.value));
    const label = el('label', null, item.reply ? 'Câu trả lời (sửa rồi gửi lại nếu cần)' : 'Trả lời người dân');
    label.htmlFor = textarea.id;
    const hint = el('p', 'hint', 'Người dân đọc câu trả lời này bằng mã theo dõi: không ghi thông tin cá nhân.');
    const submit = el('button', 'btn', item.reply ? 'Gửi lại câu trả lời' : 'Gửi trả lời');
    submit.type = 'submit';
    const canned = this.canned.picker(`${this.idPrefix}-${item.id}`, (text) => {
      textarea.value = appendToReply(textarea.value, text, MAX_REPLY);
      this.drafts.set(item.id, textarea.value);
      textarea.focus();
    });
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const text = textarea.value.trim();
      if (!text) return this.showError(node, 'Nhập câu trả lời trước khi gửi.');
      submit.disabled = true;
      void this.send(item, text, node).finally(() => {
        submit.disabled = false;
      });
    });
    return append(form, label, hint, textarea, canned, append(el('div', 'actions'), submit));
  }

  private async change(item: FeedbackQueueItem, body: Record<string, unknown>, node: ItemNode, done: string): Promise<void> {
    node.error.hidden = true;
    try {
      await api('PATCH', `/api/staff/feedback/${encodeURIComponent(item.id)}`, body);
      await this.reloadKeeping(item.id, done);
    } catch (e) {
      this.showError(node, (e as ApiError).message);
    }
  }

  private async send(item: FeedbackQueueItem, text: string, node: ItemNode): Promise<void> {
    node.error.hidden = true;
    try {
      await api('POST', `/api/staff/feedback/${encodeURIComponent(item.id)}/reply`, { text });
      this.drafts.delete(item.id);
      await this.reloadKeeping(item.id, `Đã gửi trả lời cho mã ${item.code}. Người dân xem được bằng mã này.`);
    } catch (e) {
      this.showError(node, `Chưa gửi được: ${(e as ApiError).message}`);
    }
  }

  /** Reloads the list, says what was done, and puts the focus back on the item if it is still listed. */
  private async reloadKeeping(id: string, done: string): Promise<void> {
    await this.load();
    this.status.textContent = `${done} ${this.status.textContent ?? ''}`;
    const heading = document.getElementById(`${this.idPrefix}-item-${id}`);
    (heading ?? this.status).focus?.();
  }

  private showError(node: ItemNode, message: string): void {
    node.error.textContent = message;
    node.error.hidden = false;
  }
}

/** Mounts the queue into the page's `#<id>` section body and its heading counter `#<id>-count`. */
export function mountFeedbackQueue(id: string, canned: CannedReplies): FeedbackQueueView {
  const view = new FeedbackQueueView($(id), canned, id);
  $(`${id}-count`).replaceWith(view.counter);
  view.counter.id = `${id}-count`;
  view.mount();
  return view;
}
