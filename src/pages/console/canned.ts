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

  /**
   * A labelled select of the replies (kept up to date), a preview of the chosen one and a button that
   * inserts it; with no reply yet, only a line saying where admins add them.
   */
  picker(idPrefix: string, insert: (text: string) => void): HTMLDivElement {
    const wrap = el('div', 'canned');
    const select = el('select');
    select.id = `${idPrefix}-canned`;
    const label = el('label', null, 'Câu trả lời mẫu');
    label.htmlFor = select.id;
    const row = el('div', 'canned-row');
    const shown = el('p', 'canned-preview muted');
    shown.id = `${idPrefix}-canned-preview`;
    const none = el('p', 'canned-none muted', NO_CANNED_REPLY);
    const showChosen = () => {
      shown.textContent = pickerPreview(this.list, select.value);
      shown.hidden = !shown.textContent;
    };
    const fill = () => {
      const chosen = select.value;
      const options = this.list.map((r) => {
        const o = el('option', null, r.title);
        o.value = r.id;
        return o;
      });
      const prompt = el('option', null, '— Chọn câu mẫu —');
      prompt.value = '';
      select.replaceChildren(prompt, ...options);
      select.value = this.list.some((r) => r.id === chosen) ? chosen : '';
      const empty = this.list.length === 0;
      label.hidden = row.hidden = empty;
      none.hidden = !empty;
      showChosen();
    };
    select.addEventListener('change', showChosen);
    const insertBtn = button('btn btn-secondary btn-small', 'Chèn', () => {
      const reply = this.list.find((r) => r.id === select.value);
      if (reply) insert(reply.text);
      else select.focus();
    });
    insertBtn.setAttribute('aria-label', 'Chèn câu trả lời mẫu đã chọn vào ô trả lời');
    insertBtn.setAttribute('aria-describedby', shown.id);
    fill();
    this.fills.add({ select, fill });
    return append(wrap, label, append(row, select, insertBtn), shown, none);
  }
}

/** What a reply box's picker says when admins have written no canned reply yet. */
export const NO_CANNED_REPLY = 'Chưa có câu trả lời mẫu: quản trị viên thêm ở trang quản trị.';

/** The start of the chosen reply under the picker, so staff see what "Chèn" adds; '' when none is chosen. */
export function pickerPreview(replies: readonly CannedReply[], chosenId: string): string {
  const reply = replies.find((r) => r.id === chosenId);
  return reply ? preview(reply.text) : '';
}

/** The first `max` characters of a reply, cut at a word. */
export function preview(text: string, max = 140): string {
  const t = text.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max - 20))}…`;
}

/** A reply box's text with `addition` added below what is typed, cut to `max` characters. */
export function appendToReply(current: string, addition: string, max: number): string {
  const typed = current.trim();
  return ((typed ? `${typed}\n\n` : '') + addition).slice(0, max);
}
