import { api } from '../console/api.js';
import type { DocumentsReply, ReindexReply } from '../console/api-types.js';
import { $, append, clear, el } from '../console/dom.js';
import { formatDate, formatDateTime, num } from '../console/format.js';
import { loadAudit } from './audit.js';
import { badge, cell } from '../console/widgets.js';

/**
 * "Tài liệu hướng dẫn": the index in use, the documents that failed to load, the documents (stale ones
 * first) and "Dựng lại chỉ mục" (reindex) with its report.
 */

type Doc = DocumentsReply['documents'][number];

export function indexInfoText(index: Partial<DocumentsReply['index']>, staleDays: number | undefined): string {
  let info = `Chỉ mục đang dùng: ${num(index.documents)} tài liệu`;
  if (index.builtAt) info += `, dựng lúc ${formatDateTime(index.builtAt)}`;
  if (index.key) info += ` (mã ${String(index.key).slice(0, 12)})`;
  info += '.';
  if (typeof staleDays === 'number') info += ` Tài liệu quá ${staleDays} ngày chưa cập nhật được đánh dấu “cũ”.`;
  return info;
}

/** The table of load errors; returns the files that have one. */
function renderErrors(errors: DocumentsReply['errors']): Set<string> {
  $('doc-errors').replaceChildren(
    ...errors.map((e) => {
      const tr = el('tr', 'is-error');
      cell(tr, el('code', null, String(e.file ?? '')));
      cell(tr, e.field ? el('code', null, String(e.field)) : '—');
      cell(tr, String(e.reason ?? ''));
      return tr;
    }),
  );
  $('doc-errors-box').hidden = errors.length === 0;
  $('doc-errors-title').textContent = `${errors.length} lỗi khi nạp tài liệu. Tài liệu lỗi không được nạp; nếu đã có bản hợp lệ trước đó thì bản đó vẫn đang được dùng.`;
  return new Set(errors.map((e) => String(e.file)));
}

const KIND_LABEL: Record<string, string> = { 'thu-tuc': 'Thủ tục', 'huong-dan': 'Hướng dẫn' };

function documentRow(d: Doc, staleDays: number | undefined, hasError: boolean): HTMLTableRowElement {
  const tr = el('tr', d.stale ? 'is-stale' : null);
  const th = el('th');
  th.scope = 'row';
  append(th, String(d.title || d.id || ''), el('br'), el('code', 'muted', String(d.id ?? '')));
  tr.appendChild(th);
  cell(tr, KIND_LABEL[d.kind] ?? String(d.kind ?? ''));
  cell(tr, el('code', null, String(d.file ?? '')));
  cell(tr, formatDate(d.verified));
  cell(tr, num(d.ageDays), 'num');
  const status = cell(tr, null);
  if (d.stale) {
    const b = badge('stale', 'cũ');
    b.title = `Quá ${typeof staleDays === 'number' ? staleDays : ''} ngày chưa cập nhật`;
    append(status, b, el('span', 'sr-only', ' – cần rà soát, cập nhật'));
  } else status.appendChild(badge('good', 'còn mới'));
  for (const f of d.expiredFacts ?? []) append(status, ' ', badge('bad', `hết hạn ${String(f.kind)} ${formatDate(f.validUntil)}`));
  if (hasError) append(status, ' ', badge('bad', 'lỗi, đang dùng bản cũ'));
  return tr;
}

/** Stale documents first, then the oldest. */
export function documentOrder(a: Pick<Doc, 'stale' | 'ageDays'>, b: Pick<Doc, 'stale' | 'ageDays'>): number {
  if (!!b.stale !== !!a.stale) return b.stale ? 1 : -1;
  return (Number(b.ageDays) || 0) - (Number(a.ageDays) || 0);
}

function renderDocuments(data: DocumentsReply): void {
  const docs = [...(data.documents ?? [])].sort(documentOrder);
  const staleDays = data.staleAfterDays;
  $('index-info').textContent = indexInfoText(data.index ?? {}, staleDays);
  const errFiles = renderErrors(data.errors ?? []);
  $('documents').replaceChildren(...docs.map((d) => documentRow(d, staleDays, errFiles.has(String(d.file)))));
  const staleCount = docs.filter((d) => d.stale).length;
  $('docs-caption').textContent = `Danh sách ${docs.length} tài liệu${staleCount ? `, trong đó ${staleCount} tài liệu cũ cần rà soát (xếp lên đầu)` : ''}`;
}

export async function loadDocuments(): Promise<void> {
  renderDocuments(await api<DocumentsReply>('GET', '/api/admin/documents'));
}

/** The reindex report as one sentence, and whether it had errors. */
export function reindexText(r: Partial<ReindexReply['report']>): { text: string; hasErrors: boolean } {
  const errs = Array.isArray(r.errors) ? r.errors.length : Number(r.errors) || 0;
  const text =
    `Đã dựng lại chỉ mục: ${num(Number(r.docs))} tài liệu, ${num(errs)} lỗi` +
    (r.source ? `, nguồn: ${String(r.source)}` : '') +
    (typeof r.ms === 'number' ? `, mất ${num(r.ms)} ms` : '') +
    (r.key ? ` (mã ${String(r.key).slice(0, 12)})` : '') +
    '.' +
    (errs ? ' Xem bảng lỗi bên dưới.' : '');
  return { text, hasErrors: errs > 0 };
}

export async function onReindex(): Promise<void> {
  const btn = $<HTMLButtonElement>('reindex');
  const box = $('reindex-result');
  btn.disabled = true;
  btn.textContent = 'Đang dựng lại…';
  clear(box);
  box.appendChild(el('p', 'hint', 'Đang dựng lại chỉ mục, Trợ lý vẫn trả lời người dân trong lúc này…'));
  try {
    const data = await api<ReindexReply>('POST', '/api/admin/reindex');
    const { text, hasErrors } = reindexText(data?.report ?? {});
    box.replaceChildren(el('p', hasErrors ? 'warnbox' : 'ok', text));
    // The result is shown; the lists refresh on the next load if this fails.
    await Promise.all([loadDocuments(), loadAudit()]).catch(() => undefined);
  } catch (e) {
    box.replaceChildren(el('p', 'error', `Không dựng lại được chỉ mục: ${(e as Error).message}`));
  } finally {
    btn.disabled = false;
    btn.textContent = 'Dựng lại chỉ mục';
  }
}
