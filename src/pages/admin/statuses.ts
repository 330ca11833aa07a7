import type { AnswerStatus } from '../../answer/statuses.js';
import type { Overview } from '../console/api-types.js';
import { $ } from '../console/dom.js';
import { num } from '../console/format.js';
import { kpi } from '../console/widgets.js';

/** "Kết quả trả lời trong 30 ngày": how many questions ended with each status, refusals and emergencies included. */

// [label, hint] per status: every status must have one (a new status fails the type check); an unknown one is shown as it is.
const LABELS: Record<AnswerStatus, [string, string?]> = {
  answered: ['Trả lời từ hướng dẫn'],
  partial: ['Trả lời một phần', 'hỏi hai việc, hướng dẫn chỉ nói một'],
  not_covered: ['Hướng dẫn chưa nói về điều được hỏi', 'đã tìm đúng thủ tục'],
  needs_personal_data: ['Hỏi về hồ sơ riêng', 'đã hướng dẫn tự tra cứu'],
  clarification: ['Hỏi lại cho rõ'],
  greeting: ['Chào hỏi, cảm ơn'],
  out_of_scope: ['Ngoài phạm vi'],
  unanswerable_no_content: ['Chưa có hướng dẫn'],
  emergency: ['Khẩn cấp', 'đã đưa số 111–115'],
  emergency_answered: ['Khẩn cấp, kèm hướng dẫn', 'số khẩn cấp ở dòng đầu, rồi trả lời từ tài liệu'],
  refused_harmful: ['Từ chối: vi phạm pháp luật', 'làm giả, mạo danh, vũ khí, ma túy…'],
  refused_personal_data: ['Từ chối: thông tin người khác'],
  refused_political: ['Từ chối: chính trị, tôn giáo'],
  refused_abusive: ['Xúc phạm, đe dọa cán bộ', 'đã hướng dẫn phản ánh, khiếu nại'],
  guard_input_injection: ['Từ chối: lệnh điều khiển trợ lý'],
  guard_input_empty: ['Câu hỏi trống'],
  guard_input_too_long: ['Câu hỏi quá dài'],
  guard_input_hidden_chars: ['Ký tự ẩn'],
  error_answer_service: ['Lỗi hệ thống'],
  error_non_specific: ['Lỗi hệ thống'],
};

export function statusLabel(status: string): [string, string?] {
  return LABELS[status as AnswerStatus] ?? [status];
}

export function renderStatuses(data: Pick<Overview, 'statuses'>): void {
  const statuses = data.statuses ?? {};
  $('status-kpis').replaceChildren(
    ...Object.entries(statuses).map(([status, count]) => {
      const [label, hint] = statusLabel(status);
      return kpi(label, num(count), hint);
    }),
  );
}
