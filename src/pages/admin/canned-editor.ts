import { api, type ApiError } from '../console/api.js';
import { preview, type CannedReplies } from '../console/canned.js';
import type { CannedReply } from '../console/api-types.js';
import { $, append, button, el } from '../console/dom.js';
import { formatDateTime } from '../console/format.js';
import { cell } from '../console/widgets.js';

/** "Câu trả lời mẫu cho cán bộ": the list, and one form that adds a reply or edits the chosen one. */

export class CannedEditor {
  /** `shared`: the list the page's reply boxes pick from, kept in step with the editor. */
  constructor(private readonly shared: CannedReplies) {}

  private replies: CannedReply[] = [];
  /** The reply being edited; null = the form adds a new one. */
  private editing: CannedReply | null = null;

  init(): void {
    $('canned-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.save();
    });
    $('canned-cancel').addEventListener('click', () => this.edit(null));
  }

  async load(): Promise<void> {
    this.replies = (await api<{ replies: CannedReply[] }>('GET', '/api/staff/canned-replies')).replies ?? [];
    this.shared.list = this.replies;
    $('canned-list').replaceChildren(...this.replies.map((r) => this.row(r)));
    $('canned-empty').hidden = this.replies.length > 0;
  }

  private row(r: CannedReply): HTMLTableRowElement {
    const tr = el('tr');
    const th = el('th', null, r.title);
    th.scope = 'row';
    tr.appendChild(th);
    cell(tr, preview(r.text));
    cell(tr, `${formatDateTime(r.updatedAt)} (${r.updatedBy})`);
    const edit = button('btn btn-secondary btn-small', 'Sửa', () => this.edit(r));
    edit.setAttribute('aria-label', `Sửa câu mẫu “${r.title}”`);
    const remove = button('btn btn-secondary btn-small', 'Xoá', () => void this.remove(r));
    remove.setAttribute('aria-label', `Xoá câu mẫu “${r.title}”`);
    append(cell(tr, null), append(el('div', 'actions'), edit, remove));
    return tr;
  }

  private edit(r: CannedReply | null): void {
    this.editing = r;
    $<HTMLInputElement>('canned-name').value = r?.title ?? '';
    $<HTMLTextAreaElement>('canned-text').value = r?.text ?? '';
    $('canned-form-title').textContent = r ? `Sửa câu trả lời mẫu “${r.title}”` : 'Thêm câu trả lời mẫu';
    $('canned-save').textContent = r ? 'Lưu thay đổi' : 'Thêm';
    $('canned-cancel').hidden = !r;
    $('canned-error').hidden = true;
    $('canned-name').focus();
  }

  private async save(): Promise<void> {
    const title = $<HTMLInputElement>('canned-name').value.trim();
    const text = $<HTMLTextAreaElement>('canned-text').value.trim();
    const err = $('canned-error');
    if (!title || !text) {
      err.textContent = 'Cần nhập cả tên và nội dung.';
      err.hidden = false;
      $(title ? 'canned-text' : 'canned-name').focus();
      return;
    }
    const save = $<HTMLButtonElement>('canned-save');
    save.disabled = true;
    try {
      const editing = this.editing;
      if (editing) await api('PUT', `/api/admin/canned-replies/${encodeURIComponent(editing.id)}`, { title, text });
      else await api('POST', '/api/admin/canned-replies', { title, text });
      this.edit(null);
      $('canned-status').textContent = editing ? `Đã lưu câu mẫu “${title}”.` : `Đã thêm câu mẫu “${title}”.`;
      await this.load();
    } catch (e) {
      err.textContent = `Chưa lưu được: ${(e as ApiError).message}`;
      err.hidden = false;
    } finally {
      save.disabled = false;
    }
  }

  private async remove(r: CannedReply): Promise<void> {
    if (!window.confirm(`Xoá câu trả lời mẫu “${r.title}”?`)) return;
    try {
      await api('DELETE', `/api/admin/canned-replies/${encodeURIComponent(r.id)}`);
      if (this.editing?.id === r.id) this.edit(null);
      $('canned-status').textContent = `Đã xoá câu mẫu “${r.title}”.`;
    } catch (e) {
      $('canned-status').textContent = `Chưa xoá được: ${(e as ApiError).message}`;
    }
    await this.load();
  }
}
