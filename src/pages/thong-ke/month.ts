import type { FeedbackMonth } from '../console/api-types.js';
import { num } from '../console/format.js';
import { rateDetail, rateValue } from '../console/rates.js';
import { formatHours } from '../feedback/months.js';

/** "2026-11" → "Tháng 11/2026" ("Tháng này" for anything else). */
export function monthTitle(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ''));
  return m ? `Tháng ${Number(m[2])}/${m[1]}` : 'Tháng này';
}

/** This month's feedback in one sentence: received, answered (honest share), on time, median time. */
export function feedbackSummary(m: FeedbackMonth | undefined): string {
  if (!m || m.received === 0) return 'Tháng này chưa nhận góp ý, phản ánh nào.';
  const handled = m.handled.enoughData ? `${rateValue(m.handled)} đã được trả lời (${rateDetail(m.handled)})` : `tỉ lệ đã trả lời ${rateValue(m.handled)}`;
  return (
    `Tháng này đã nhận ${num(m.received)} góp ý, phản ánh; đã trả lời ${num(m.answered)}, trong đó ${num(m.answeredOnTime)} đúng hạn; ${handled}.` +
    (m.medianHoursToAnswer !== null ? ` Thời gian trả lời (trung vị): ${formatHours(m.medianHoursToAnswer)}.` : '')
  );
}
