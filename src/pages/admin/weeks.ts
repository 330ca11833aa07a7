import { rateStat } from '../../reports/rates.js';
import type { Overview, RateStat } from '../console/api-types.js';
import { $, append, el } from '../console/dom.js';
import { num, pad } from '../console/format.js';
import { intervalText, rateDetail, rateValue, shownRate } from '../console/rates.js';
import { badge, bar, cell, kpi, TARGET } from '../console/widgets.js';

/** "Mức độ hài lòng theo tuần": the satisfaction KPIs against the 90% target and the table of weeks. */

type Week = Overview['weeks'][number];

/** "2026-W48" → "Tuần 48/2026 (23/11–29/11)" (ISO weeks, Monday to Sunday). */
export function weekLabel(week: string): string {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(String(week ?? ''));
  if (!m) return String(week ?? '');
  const year = Number(m[1]);
  const w = Number(m[2]);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const dow = jan4.getUTCDay() || 7;
  const monday = new Date(jan4.getTime() + ((w - 1) * 7 - (dow - 1)) * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  const dm = (d: Date) => `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}`;
  return `Tuần ${w}/${year} (${dm(monday)}–${dm(sunday)})`;
}

/** The totals over the weeks as honest rates, and the latest week with surveys (weeks newest first). */
export function weekTotals(weeks: Week[], minN: number) {
  let surveys = 0;
  let satisfied = 0;
  let feedback = 0;
  let up = 0;
  for (const w of weeks) {
    surveys += Number(w.surveys) || 0;
    satisfied += Number(w.satisfied) || 0;
    feedback += Number(w.feedback) || 0;
    up += Number(w.up) || 0;
  }
  const latest = weeks.find((w) => w.surveys > 0) ?? null;
  return { latest, satisfaction: rateStat(satisfied, surveys, minN), thumbsUp: rateStat(up, feedback, minN) };
}

/** "Đạt mục tiêu 90%" or not, only for a rate given (enough data). */
function targetBadge(s: RateStat, suffix: string): HTMLElement | null {
  const rate = shownRate(s);
  if (rate === null) return null;
  return rate >= TARGET ? badge('good', `Đạt mục tiêu${suffix}`) : badge('bad', `Chưa đạt mục tiêu${suffix}`);
}

function renderKpis(weeks: Week[], minN: number): void {
  const { latest, satisfaction, thumbsUp } = weekTotals(weeks, minN);
  const latestItem = latest
    ? kpi('Tuần gần nhất có đánh giá', rateValue(latest.satisfaction), `${weekLabel(latest.week)} · ${rateDetail(latest.satisfaction)}`, !latest.satisfaction.enoughData)
    : kpi('Tuần gần nhất có đánh giá', '—', 'Chưa có phiếu đánh giá');
  append(latestItem, latest && targetBadge(latest.satisfaction, ' 90%'));
  const overallItem = kpi('Hài lòng cả giai đoạn', rateValue(satisfaction), `${num(satisfaction.successes)}/${num(satisfaction.n)} phiếu chấm 4–5 sao · ${rateDetail(satisfaction)}`, !satisfaction.enoughData);
  append(overallItem, targetBadge(satisfaction, ''));
  const upItem = kpi('Tỉ lệ thích (câu trả lời hữu ích)', rateValue(thumbsUp), `${num(thumbsUp.successes)}/${num(thumbsUp.n)} lượt phản hồi · ${rateDetail(thumbsUp)}`, !thumbsUp.enoughData);
  $('sat-kpis').replaceChildren(latestItem, overallItem, upItem);
}

/** A table cell with a rate (or "chưa đủ số liệu"), its n and interval, and a bar only for a rate given. */
function rateCell(tr: HTMLTableRowElement, s: RateStat, kind: 'satisfaction' | 'up'): void {
  const rate = shownRate(s);
  const met = rate !== null && rate >= TARGET;
  append(
    cell(tr, null, 'bar-cell'),
    el('span', null, rateValue(s)),
    kind === 'satisfaction' && rate !== null && el('span', 'sr-only', met ? ' (đạt mục tiêu)' : ' (chưa đạt mục tiêu)'),
    s.interval && el('span', 'sub', `khoảng tin cậy 95%: ${intervalText(s)}`),
    rate !== null && (kind === 'satisfaction' ? bar(rate, met ? 'met' : '', true) : bar(rate, 'up', false)),
  );
}

function weekRow(w: Week): HTMLTableRowElement {
  const tr = el('tr');
  const th = el('th', null, weekLabel(w.week));
  th.scope = 'row';
  tr.appendChild(th);
  cell(tr, num(w.surveys), 'num');
  cell(tr, num(w.satisfied), 'num');
  rateCell(tr, w.satisfaction, 'satisfaction');
  cell(tr, `${num(w.up)} / ${num((Number(w.feedback) || 0) - (Number(w.up) || 0))}`, 'num');
  rateCell(tr, w.thumbsUp, 'up');
  return tr;
}

/** The overview's weeks, newest first. */
export function renderSatisfaction(data: Pick<Overview, 'weeks' | 'minSampleSize'>): void {
  const weeks = [...(data.weeks ?? [])].sort((a, b) => String(b.week).localeCompare(String(a.week)));
  $('min-n').textContent = num(data.minSampleSize);
  renderKpis(weeks, data.minSampleSize);
  $('weeks').replaceChildren(...weeks.map(weekRow));
  $('weeks-empty').hidden = weeks.length > 0;
}
