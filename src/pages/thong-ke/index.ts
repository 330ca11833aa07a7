import type { FeedbackMonth, PublicStats } from '../console/api-types.js';
import { $, el, ready } from '../console/dom.js';
import { barWidth, num, pad, percent } from '../console/format.js';
import { rateDetail, rateValue, shownRate } from '../console/rates.js';
import { renderMonthsTable } from '../feedback/months.js';
import { feedbackSummary, monthTitle } from './month.js';

/** Trang công khai kết quả (/thong-ke): this month's results from /api/public/stats, no login. */

const TARGET = 0.9;

function render(s: PublicStats): void {
  const title = monthTitle(s.month);
  $('month-title').textContent = title;
  document.title = `${title}: kết quả hỗ trợ người dân – Trợ lý Dịch vụ công tỉnh Sơn La`;

  // A rate only with enough ratings (the API says enoughData), always with n and the 95% interval.
  const sat = s.satisfaction;
  const rate = shownRate(sat);
  $('sat-value').textContent = rate !== null ? percent(rate) : 'Chưa đủ số liệu';
  $('sat-value').classList.toggle('note', rate === null);
  $('sat-sub').textContent =
    rate !== null
      ? `Từ ${num(sat.n)} phiếu đánh giá của người dân (${rateDetail(sat)})${rate >= TARGET ? ', đạt mục tiêu 90%.' : ', chưa đạt mục tiêu 90%.'}`
      : `Mới có ${num(sat.n)} phiếu đánh giá trong tháng: ${rateValue(sat)}; cần từ ${num(s.minSampleSize)} phiếu mới tính tỉ lệ.`;
  $('sat-fill').className = `bar-fill w-${barWidth(rate)}${rate !== null && rate >= TARGET ? ' met' : ''}`;
  $('sat-bar').hidden = rate === null;

  $('answered-value').textContent = num(s.questionsAnswered);
  $('answered-sub').textContent = typeof s.questionsTotal === 'number' ? `Trên tổng số ${num(s.questionsTotal)} câu hỏi người dân gửi trong tháng.` : '';

  const up = shownRate(s.thumbsUp);
  $('up-value').textContent = up !== null ? percent(up) : 'Chưa đủ số liệu';
  $('up-value').classList.toggle('note', up === null);
  $('up-detail').textContent = up !== null ? `${rateDetail(s.thumbsUp)}.` : `${rateValue(s.thumbsUp)}.`;

  renderFeedback(s.feedbackQueue ?? []);

  const topics = s.topTopics ?? [];
  $('topics').replaceChildren(...topics.map((t) => el('li', null, String(t.title || t.id || '') + (typeof t.count === 'number' ? ` (${num(t.count)} lượt hỏi)` : ''))));
  $('topics-empty').hidden = topics.length > 0;

  const now = new Date();
  $('stats-updated').textContent = `Cập nhật lúc ${pad(now.getHours())}:${pad(now.getMinutes())} ngày ${now.getDate()}/${now.getMonth() + 1}/${now.getFullYear()}.`;
  $('stats-status').hidden = true;
  $('stats').hidden = false;
}

/** This month's handled share in one sentence, and the table of months. */
function renderFeedback(months: FeedbackMonth[]): void {
  $('fq-summary').textContent = feedbackSummary(months[0]);
  renderMonthsTable($<HTMLTableElement>('fq-months'), months);
}

async function load(): Promise<void> {
  try {
    const res = await fetch('/api/public/stats', { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) throw new Error(String(res.status));
    render((await res.json()) as PublicStats);
  } catch {
    const status = $('stats-status');
    status.textContent = 'Chưa tải được số liệu. Vui lòng tải lại trang sau ít phút.';
    status.className = 'error';
  }
}

ready(() => void load());
