import type { Overview } from '../console/api-types.js';
import { $, el } from '../console/dom.js';
import { formatDateTime, formatDuration, num } from '../console/format.js';
import { badge, cell, kpi, type BadgeKind } from '../console/widgets.js';

/** "Chuyển cho cán bộ và thời gian chờ": handoff counts and waiting times, and recent requests with their outcome. */

type RecentHandoff = Overview['recentHandoffs'][number];

const STATES: Record<string, [BadgeKind, string]> = { waiting: ['neutral', 'Đang chờ'], taken: ['good', 'Đang hỗ trợ'], closed: ['neutral', 'Đã kết thúc'] };

/** [badge kind, label] of a request's state; closed without anyone taking it is bad news. */
export function handoffStateLabel(x: Pick<RecentHandoff, 'state' | 'closedBy'>): [BadgeKind, string] {
  if (x.state === 'closed' && x.closedBy === 'timeout') return ['bad', 'Không ai nhận kịp'];
  if (x.state === 'closed' && x.closedBy === 'system') return ['bad', 'Ngoài giờ làm việc'];
  return STATES[x.state] ?? ['neutral', String(x.state ?? '')];
}

function handoffRow(x: RecentHandoff): HTMLTableRowElement {
  const tr = el('tr');
  cell(tr, formatDateTime(x.createdAt));
  const [kind, label] = handoffStateLabel(x);
  const stateCell = cell(tr, badge(kind, label));
  cell(tr, x.reason ? String(x.reason) : '—');
  cell(tr, formatDuration(x.waitingSeconds), 'num');
  cell(tr, x.takenBy ? String(x.takenBy) : '—');
  const by = x.closedBy === 'timeout' || x.closedBy === 'system' ? '' : x.closedBy;
  cell(tr, x.closedAt ? formatDateTime(x.closedAt) + (by ? ` (${by})` : '') : '—');
  if (x.callbackPhone !== undefined && x.callbackPhone !== null) stateCell.appendChild(el('span', 'hint', ' · có yêu cầu gọi lại'));
  return tr;
}

export function renderHandoffs(data: Pick<Overview, 'handoffs' | 'recentHandoffs'>): void {
  const h = data.handoffs;
  $('handoff-kpis').replaceChildren(
    kpi('Tổng số yêu cầu', num(h?.total)),
    kpi('Đang chờ', num(h?.waiting)),
    kpi('Đang hỗ trợ', num(h?.taken)),
    kpi('Đã kết thúc', num(h?.closed)),
    kpi('Không có người nhận kịp', num(h?.timedOut), 'quá thời gian chờ hoặc ngoài giờ'),
    kpi('Thời gian chờ trung bình', formatDuration(h?.avgWaitSeconds)),
    kpi('Chờ lâu nhất', formatDuration(h?.maxWaitSeconds)),
  );
  const recent = data.recentHandoffs ?? [];
  $('recent-handoffs').replaceChildren(...recent.map(handoffRow));
  $('handoffs-empty').hidden = recent.length > 0;
}
