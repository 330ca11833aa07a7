import { describe, expect, it } from 'vitest';
import { rateStat } from '../../src/reports/rates.js';
import { actionLabel, detailText } from '../../src/pages/admin/audit.js';
import { documentOrder, indexInfoText, reindexText } from '../../src/pages/admin/documents.js';
import { handoffStateLabel } from '../../src/pages/admin/handoffs.js';
import { statusLabel } from '../../src/pages/admin/statuses.js';
import { ANSWER_STATUSES } from '../../src/answer/statuses.js';
import { weekLabel, weekTotals } from '../../src/pages/admin/weeks.js';
import { monthTitle } from '../../src/pages/thong-ke/month.js';

const week = (w: string, surveys: number, satisfied: number, feedback = 0, up = 0) => {
  const satisfaction = rateStat(satisfied, surveys, 30);
  const thumbsUp = rateStat(up, feedback, 30);
  return { week: w, surveys, satisfied, feedback, up, satisfaction, thumbsUp, satisfactionRate: satisfaction.rate, thumbsUpRate: thumbsUp.rate };
};

describe('admin console texts', () => {
  it('names ISO weeks with their Monday and Sunday, across a year boundary too', () => {
    expect(weekLabel('2026-W48')).toBe('Tuần 48/2026 (23/11–29/11)');
    expect(weekLabel('2026-W01')).toBe('Tuần 1/2026 (29/12–04/01)');
    expect(weekLabel('tuần lạ')).toBe('tuần lạ');
  });

  it('totals the weeks as honest rates and finds the latest week with surveys (weeks newest first)', () => {
    const weeks = [week('2026-W48', 0, 0, 4, 3), week('2026-W47', 10, 9), week('2026-W46', 10, 7)];
    const t = weekTotals(weeks, 20);
    expect(t.latest?.week).toBe('2026-W47');
    expect(t.satisfaction).toMatchObject({ n: 20, successes: 16, enoughData: true, rate: 0.8 });
    expect(t.thumbsUp).toMatchObject({ n: 4, enoughData: false, rate: null });
    // one sample short of the minimum: no rate
    expect(weekTotals(weeks, 21).satisfaction).toMatchObject({ n: 20, enoughData: false, rate: null });
    expect(weekTotals([], 30).satisfaction.rate).toBeNull();
  });

  it('names audited actions in Vietnamese, falling back on parts of unknown codes', () => {
    expect(actionLabel('handoff_taken')).toBe('Nhận hỗ trợ người dân');
    expect(actionLabel('callback_done')).toBe('Đã gọi lại cho người dân');
    expect(actionLabel('staff_login')).toBe('Đăng nhập');
    expect(actionLabel('something_else')).toBe('');
    expect(detailText('feedback.csv rows=3')).toBe('feedback.csv rows=3');
    expect(detailText({ file: 'a.md', n: 2, o: { x: 1 } })).toBe('file: a.md, n: 2, o: {"x":1}');
    expect(detailText('')).toBe('—');
  });

  it('labels a handoff that nobody took in time, or that came outside office hours, as bad news', () => {
    expect(handoffStateLabel({ state: 'closed', closedBy: 'timeout' })).toEqual(['bad', 'Không ai nhận kịp']);
    expect(handoffStateLabel({ state: 'closed', closedBy: 'system' })).toEqual(['bad', 'Ngoài giờ làm việc']);
    expect(handoffStateLabel({ state: 'closed', closedBy: 'canbo.lan' })).toEqual(['neutral', 'Đã kết thúc']);
    expect(handoffStateLabel({ state: 'taken', closedBy: null })).toEqual(['good', 'Đang hỗ trợ']);
  });

  it('puts stale documents first, then the oldest', () => {
    const docs = [
      { id: 'a', stale: false, ageDays: 100 },
      { id: 'b', stale: true, ageDays: 200 },
      { id: 'c', stale: false, ageDays: 150 },
      { id: 'd', stale: true, ageDays: 400 },
    ];
    expect(docs.sort(documentOrder).map((d) => d.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('reports a reindex and the index in use in one sentence', () => {
    expect(reindexText({ docs: 42, errors: [], source: 'built', ms: 1234, key: 'abcdef1234567890' })).toEqual({
      text: 'Đã dựng lại chỉ mục: 42 tài liệu, 0 lỗi, nguồn: built, mất 1.234 ms (mã abcdef123456).',
      hasErrors: false,
    });
    const withErrors = reindexText({ docs: 41, errors: [{ file: 'x.md', field: 'title', reason: 'thiếu' }] });
    expect(withErrors.hasErrors).toBe(true);
    expect(withErrors.text).toMatch('1 lỗi');
    expect(withErrors.text).toMatch('Xem bảng lỗi');
    expect(indexInfoText({ documents: 42, key: 'k1' }, 180)).toBe('Chỉ mục đang dùng: 42 tài liệu (mã k1). Tài liệu quá 180 ngày chưa cập nhật được đánh dấu “cũ”.');
  });

  it('names the month of the public page', () => {
    expect(monthTitle('2026-11')).toBe('Tháng 11/2026');
    expect(monthTitle('')).toBe('Tháng này');
  });
});

describe('answers by status', () => {
  it('names every status in Vietnamese; one the page does not know is shown as it is', () => {
    for (const status of ANSWER_STATUSES) expect(statusLabel(status)[0], status).not.toBe(status);
    expect(statusLabel('refused_harmful')[0]).toBe('Từ chối: vi phạm pháp luật');
    expect(statusLabel('something_new')).toEqual(['something_new']);
  });
});
