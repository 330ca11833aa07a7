import { newTabLink } from '../../widget/links.js';
import { parseMarkdown, safeHref, type Inline, type ListBlock } from '../../widget/markdown.js';
import { api } from '../console/api.js';
import { appendToReply } from '../console/canned.js';
import type { Passage, SearchReply } from '../console/api-types.js';
import { $, append, button, clear, el } from '../console/dom.js';
import { NEW_TAB_HINT, richText } from '../console/rich-text.js';
import { MAX_STAFF_MESSAGE } from './chats.js';
import type { Desk } from './desk.js';
import { actions } from './view.js';

/**
 * Knowledge search for the desk: finds guidance passages (/api/search) and puts one, as plain text with
 * its source, into the reply box of the current chat.
 */

/** A passage as plain text for a reply: markup dropped, list items as "• " or "1. " lines, then its source. */
export function passageAsReply(p: Pick<Passage, 'text' | 'title' | 'url'>): string {
  const inline = (nodes: Inline[]): string => nodes.map((n) => (n.t === 'text' ? n.v : n.t === 'br' ? '\n' : inline(n.c))).join('');
  const list = (b: ListBlock, indent: string): string[] =>
    b.items.flatMap((item, k) => [`${indent}${b.t === 'ol' ? `${b.start + k}. ` : '• '}${inline(item.c)}`, ...(item.sub ? list(item.sub, `${indent}  `) : [])]);
  const body = parseMarkdown(String(p.text ?? ''))
    .map((b) => (b.t === 'p' ? inline(b.c) : list(b, '').join('\n')))
    .join('\n')
    .trim();
  const href = safeHref(String(p.url ?? ''));
  return `${body}\nNguồn: ${String(p.title ?? '')}${href ? ` – ${href}` : ''}`;
}


export function searchStatusText(q: string, data: Pick<SearchReply, 'grounded' | 'passages'>): string {
  const n = data.passages.length;
  if (!n) return `Không tìm thấy đoạn hướng dẫn nào cho “${q}”.`;
  return `Tìm thấy ${n} đoạn hướng dẫn.${data.grounded === false ? ' Không có đoạn nào khớp rõ với câu hỏi, anh/chị kiểm tra kỹ trước khi dùng.' : ''}`;
}

export class DeskSearch {
  constructor(private readonly desk: Desk) {}

  async onSubmit(ev: Event): Promise<void> {
    ev.preventDefault();
    const input = $<HTMLInputElement>('search-q');
    const q = input.value.trim();
    const status = $('search-status');
    if (!q) {
      status.textContent = 'Nhập từ khóa cần tìm, ví dụ “đổi bằng lái xe”.';
      input.focus();
      return;
    }
    const btn = $<HTMLButtonElement>('search-submit');
    btn.disabled = true;
    status.textContent = 'Đang tìm…';
    try {
      const data = await api<SearchReply>('GET', `/api/search?q=${encodeURIComponent(q)}&k=5`);
      const passages = data?.passages ?? [];
      this.render(passages);
      status.textContent = searchStatusText(q, { grounded: data.grounded, passages });
    } catch (e) {
      status.textContent = `Không tìm được: ${(e as Error).message}`;
    } finally {
      btn.disabled = false;
    }
  }

  private render(passages: Passage[]): void {
    const list = $('passages');
    clear(list);
    for (const p of passages) {
      const score = typeof p.score === 'number' ? p.score.toFixed(2) : String(p.score ?? '');
      const badge = el('span', 'score', `điểm ${score}`);
      badge.title = 'Độ liên quan';
      const title = String(p.title || p.id || 'Hướng dẫn');
      const h = el('h3');
      const href = safeHref(String(p.url ?? ''));
      if (href) h.appendChild(newTabLink(document, href, (a) => (a.textContent = title), NEW_TAB_HINT));
      else h.textContent = title;
      const section = el('p', 'section', p.section ? `Mục: ${p.section}` : '');
      const text = append(el('div', 'text'), richText(p.text));
      const insert = button('btn btn-secondary btn-small insert', 'Đưa vào ô trả lời', () => this.insert(p));
      insert.setAttribute('aria-label', `Đưa đoạn “${String(p.title ?? '')}” vào ô trả lời`);
      list.appendChild(append(el('li', 'passage'), badge, h, section, text, actions(insert)));
    }
    this.updateInsertButtons();
  }

  /** "Đưa vào ô trả lời" is shown only while there is a chat to put the passage in. */
  updateInsertButtons(): void {
    const has = !!this.desk.targetChat();
    for (const b of $('passages').querySelectorAll<HTMLButtonElement>('button.insert')) b.hidden = !has;
  }

  private insert(p: Passage): void {
    const chat = this.desk.targetChat();
    if (!chat) return;
    chat.textarea.value = appendToReply(chat.textarea.value, passageAsReply(p), MAX_STAFF_MESSAGE);
    chat.textarea.focus();
  }
}
