import type { TranscriptEntry } from './api-types.js';
import { clear, el } from './dom.js';
import { formatTime } from './format.js';
import { richText } from './rich-text.js';

/**
 * A conversation as the desk and the console show it: one list item per message with who and when;
 * citizen and staff text stays literal, the bot's answers go through the markdown renderer, events
 * ("yêu cầu gặp cán bộ", "đã nhận hỗ trợ") are one compact line. A staff message says whether the
 * citizen has received it when the server tells (`delivered`, store-and-forward).
 */

const ROLE_LABEL: Record<TranscriptEntry['role'], string> = { citizen: 'Người dân', bot: 'Trợ lý', staff: 'Cán bộ', system: 'Hệ thống' };

/** An empty, focusable transcript list (filled by renderTranscript). */
export function transcriptList(label: string): HTMLOListElement {
  const list = el('ol', 'transcript');
  list.setAttribute('aria-label', label);
  list.tabIndex = 0;
  return list;
}

/** "Người dân đã nhận" / "Chưa tới người dân…" for a staff message, '' when the server does not say. */
export function deliveryText(m: Pick<TranscriptEntry, 'role' | 'delivered'>): string {
  if (m.role !== 'staff' || typeof m.delivered !== 'boolean') return '';
  return m.delivered ? 'Người dân đã nhận' : 'Chưa tới người dân: sẽ gửi khi người dân mở lại trò chuyện';
}

export function renderTranscript(list: HTMLOListElement, messages: TranscriptEntry[]): void {
  const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
  clear(list);
  if (!messages.length) list.appendChild(el('li', 'msg system', 'Chưa có tin nhắn.'));
  for (const m of messages) {
    const role = m.role in ROLE_LABEL ? m.role : 'system';
    const li = el('li', `msg ${role}`);
    if (role === 'system') {
      li.textContent = (m.at ? `${formatTime(m.at)} · ` : '') + String(m.text ?? '');
    } else {
      const who = ROLE_LABEL[role] + (role === 'staff' && m.name ? ` ${m.name}` : '');
      li.appendChild(el('span', 'meta', who + (m.at ? ` · ${formatTime(m.at)}` : '')));
      if (role === 'bot') li.appendChild(richText(m.text));
      else li.appendChild(document.createTextNode(String(m.text ?? '')));
      const delivery = deliveryText(m);
      if (delivery) li.appendChild(el('span', `delivery ${m.delivered ? 'done' : 'pending'}`, delivery));
    }
    list.appendChild(li);
  }
  if (nearBottom || !list.dataset.filled) {
    list.scrollTop = list.scrollHeight;
    // A list built before it is in the page has no height yet: scroll once it is laid out.
    window.requestAnimationFrame(() => {
      list.scrollTop = list.scrollHeight;
    });
  }
  list.dataset.filled = '1';
}
