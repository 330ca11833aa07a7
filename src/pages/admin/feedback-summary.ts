import type { Overview } from '../console/api-types.js';
import { $ } from '../console/dom.js';
import { num } from '../console/format.js';
import { kpi } from '../console/widgets.js';
import { renderMonthsTable } from '../feedback/months.js';

/** The feedback queue's figures on /admin: open, in progress, overdue, and the last months. */
export function renderFeedbackSummary(data: Pick<Overview, 'feedbackQueue'>): void {
  const q = data.feedbackQueue;
  $('fq-kpis').replaceChildren(
    kpi('Mới, chưa ai nhận', num(q?.new)),
    kpi('Đang xử lý', num(q?.inProgress)),
    kpi('Quá hạn trả lời', num(q?.overdue), 'chưa trả lời và đã quá hạn'),
  );
  renderMonthsTable($<HTMLTableElement>('fq-months'), q?.months ?? []);
}
