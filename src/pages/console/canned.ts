import { api } from './api.js';
import type { CannedReply } from './api-types.js';
import { append, button, el } from './dom.js';

/**
 * The admins' canned replies as the desk uses them: loaded once per sign-in (and again when the console
 * edits them), and a picker ("Câu trả lời mẫu" + "Chèn") beside a reply box that puts the chosen text
 * into it.
 */
export class CannedReplies {
  private replies: CannedReply[] = [];
  /** The pickers' refills; a picker no longer in the page is dropped at the next change. */
  private readonly fills = new Set<{ select: HTMLSelectElement; fill(): void }>();

  get list(): CannedReply[] {
    return this.replies;
  }

  /** New replies: every picker in the page shows them at once. */
  set list(replies: CannedReply[]) {
    this.replies = replies;
    for (const f of this.fills) {
      if (f.select.isConnected) f.fill();
      else this.fills.delete(f);
    }
  }

  async load(): Promise<void> {
    this.list = (await api<{ replies: CannedReply[] }>('GET', '/api/staff/canned-replies')).replies ?? [];
  }

  /** A labelled select of the replies (kept up to date) and a button that inserts the chosen one. */
  picker(idPrefix: string, insert: (text: string) => void): HTMLDivElement {
    const wrap = el('div', 'canned');
    const select = el('select');
    select.id = `${idPrefix}-canned`;
    const label = el('label', null, 'Câu trả lời mẫu');
    label.htmlFor = select.id;
    const fill = () => {
      const chosen = select.value;
      const options = this.list.map((r) => {
        const o = el('option', null, r.title);
        o.value = r.id;
        return o;
      });
      const none = el('option', null, this.list.length ? '— Chọn câu mẫu —' : '(chưa có câu mẫu: quản trị viên thêm ở trang quản trị)');
      none.value = '';
      select.replaceChildren(none, ...options);
      select.value = this.list.some((r) => r.id === chosen) ? chosen : '';
    };
    fill();
    this.fills.add({ select, fill });
    const insertBtn = button('btn btn-secondary btn-small', 'Chèn', () => {
      const reply = this.list.find((r) => r.id === select.value);
      if (reply) insert(reply.text);
      else select.focus();
    });
    insertBtn.setAttribute('aria-label', 'Chèn câu trả lời mẫu đã chọn vào ô trả lời');
    return append(wrap, label, append(el('div', 'canned-row'), select, insertBtn));
  }
}

/** A reply box's text with `addition` added below what is typed, cut to `max` characters. */
export function appendToReply(current: string, addition: string, max: number): string {
  const typed = current.trim();
  return ((typed ? `${typed}\n\n` : '') + addition).slice(0, max);
}
