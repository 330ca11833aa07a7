import type { FeedbackMonth } from '../console/api-types.js';
import { append, el } from '../console/dom.js';
import { num } from '../console/format.js';
import { intervalText, rateValue } from '../console/rates.js';
import { cell } from '../console/widgets.js';

/**
 * The feedback queue by month, as /thong-ke publishes it and /admin shows it: received, answered
 * (with the honest share), answered on time (share of the answered), the median time to answer.
 */

/** "2026-11" → "11/2026". */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ''));
  return m ? `${Number(m[2])}/${m[1]}` : String(month ?? '');
}

/** Median hours to answer in words: "45 phút", "5,5 giờ", "3,2 ngày"; '—' when nothing was answered. */
export function formatHours(hours: number | null | undefined): string {
  if (typeof hours !== 'number' || !Number.isFinite(hours)) return '—';
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} phút`;
  const one = (x: number) => String(Math.round(x * 10) / 10).replace('.', ',');
  return hours < 48 ? `${one(hours)} giờ` : `${one(hours / 24)} ngày`;
}

/** Newest first, down to the oldest month that received anything (at least the newest month). */
export function monthsWithData(months: FeedbackMonth[]): FeedbackMonth[] {
  let last = 0;
  months.forEach((m, i) => {
    if (m.received > 0) last = i;
  });
  return months.slice(0, last + 1);
}

/** A cell with "n/N" and the honest share under it (rate or "chưa đủ số liệu", always n and the interval). */
function shareCell(tr: HTMLTableRowElement, count: number, stat: FeedbackMonth['handled']): void {
  append(
    cell(tr, null, 'num'),
    el('span', null, num(count)),
    el('span', 'sub', rateValue(stat)),
    stat.interval && el('span', 'sub', `khoảng tin cậy 95%: ${intervalText(stat)}`),
  );
}

export function monthRow(m: FeedbackMonth): HTMLTableRowElement {
  const tr = el('tr');
  const th = el('th', null, `Tháng ${monthLabel(m.month)}`);
  th.scope = 'row';
  tr.appendChild(th);
  cell(tr, num(m.received), 'num');
  shareCell(tr, m.answered, m.handled);
  shareCell(tr, m.answeredOnTime, m.onTime);
  cell(tr, formatHours(m.medianHoursToAnswer), 'num');
  return tr;
}

/** The table head, the same on both pages. */
export function monthsHead(): HTMLTableSectionElement {
  const tr = el('tr');
  for (const [text, num] of [
    ['Tháng', false],
    ['Đã nhận', true],
    ['Đã trả lời (tỉ lệ trên số đã nhận)', true],
    ['Trả lời đúng hạn (tỉ lệ trên số đã trả lời)', true],
    ['Thời gian trả lời (trung vị)', true],
  ] as const) {
    const th = el('th', num ? 'num' : null, text);
    th.scope = 'col';
    tr.appendChild(th);
  }
  return append(el('thead'), tr);
}

/** Fills a <table> (caption kept) with the months. */
export function renderMonthsTable(table: HTMLTableElement, months: FeedbackMonth[]): void {
  const caption = table.caption;
  table.replaceChildren(...(caption ? [caption] : []), monthsHead(), append(el('tbody'), ...monthsWithData(months).map(monthRow)));
}
