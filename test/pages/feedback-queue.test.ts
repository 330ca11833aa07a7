import { describe, expect, it } from 'vitest';
import { preview } from '../../src/pages/console/canned.js';
import { dateInputValue, dueAtFromDateInput, itemRights, itemText, listUrl } from '../../src/pages/feedback/model.js';
import { formatHours, monthLabel, monthsWithData } from '../../src/pages/feedback/months.js';
import { feedbackSummary } from '../../src/pages/thong-ke/month.js';
import { rateStat } from '../../src/reports/rates.js';

const STAFF = { username: 'canbo', name: 'Lò Thị Hoa', role: 'staff' as const };
const ADMIN = { username: 'quantri', name: 'Quản trị viên', role: 'admin' as const };

describe('feedback queue rules on the page', () => {
  it('asks the API for the chosen status and, if asked, only my items', () => {
    expect(listUrl('open')).toBe('/api/staff/feedback?status=new,in_progress');
    expect(listUrl('answered', 'canbo')).toBe('/api/staff/feedback?status=answered&assignee=canbo');
    expect(listUrl('all')).toBe('/api/staff/feedback');
    expect(listUrl('no-such-filter')).toBe('/api/staff/feedback?status=new,in_progress');
  });

  it("lets staff take a free item, give back their own, and answer free or own items; not a colleague's", () => {
    expect(itemRights({ assignee: null, status: 'new' }, STAFF)).toEqual({ take: true, giveBack: false, assign: false, redate: false, reply: true });
    expect(itemRights({ assignee: 'canbo', status: 'in_progress' }, STAFF)).toEqual({ take: false, giveBack: true, assign: false, redate: false, reply: true });
    expect(itemRights({ assignee: 'thu', status: 'in_progress' }, STAFF)).toEqual({ take: false, giveBack: false, assign: false, redate: false, reply: false });
    expect(itemRights({ assignee: null, status: 'answered' }, STAFF).take).toBe(false);
  });

  it('lets admins take over, assign, re-date and answer anything; nobody signed out does anything', () => {
    expect(itemRights({ assignee: 'thu', status: 'in_progress' }, ADMIN)).toEqual({ take: true, giveBack: false, assign: true, redate: true, reply: true });
    expect(Object.values(itemRights({ assignee: null, status: 'new' }, null)).some(Boolean)).toBe(false);
  });

  it('turns a due time into the local day of a date field and a chosen day into the end of that day', () => {
    const due = dueAtFromDateInput('2026-12-06')!;
    const d = new Date(due);
    expect([d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()]).toEqual([2026, 12, 6, 23, 59]);
    expect(dateInputValue(due)).toBe('2026-12-06');
    expect(dueAtFromDateInput('2026-02-30')).toBeNull();
    expect(dueAtFromDateInput('')).toBeNull();
    expect(dateInputValue(null)).toBe('');
  });

  it('shows a survey without a comment by its score', () => {
    expect(itemText({ kind: 'survey', text: '', score: 2 })).toBe('Chấm 2/5 sao');
    expect(itemText({ kind: 'survey', text: 'chậm', score: 2 })).toBe('Chấm 2/5 sao: chậm');
    expect(itemText({ kind: 'complaint', text: '  ', score: null })).toBe('(không có nội dung)');
  });

  it('previews a long canned reply at a word', () => {
    expect(preview('ngắn')).toBe('ngắn');
    const long = preview('chữ '.repeat(60), 30);
    expect(long.endsWith('…')).toBe(true);
    expect(long.length).toBeLessThanOrEqual(31);
  });
});

describe('feedback by month', () => {
  const month = (m: string, received: number, answered: number, onTime: number, hours: number | null) => ({
    month: m,
    received,
    answered,
    answeredOnTime: onTime,
    medianHoursToAnswer: hours,
    handled: rateStat(answered, received, 30),
    onTime: rateStat(onTime, answered, 30),
  });

  it('writes months and times to answer in words', () => {
    expect(monthLabel('2026-11')).toBe('11/2026');
    expect(formatHours(0.25)).toBe('15 phút');
    expect(formatHours(5.5)).toBe('5,5 giờ');
    expect(formatHours(72)).toBe('3 ngày');
    expect(formatHours(null)).toBe('—');
  });

  it('lists months down to the oldest one with feedback, at least the current one', () => {
    const months = [month('2026-11', 3, 1, 1, 4), month('2026-10', 0, 0, 0, null), month('2026-09', 2, 2, 1, 30), month('2026-08', 0, 0, 0, null)];
    expect(monthsWithData(months).map((m) => m.month)).toEqual(['2026-11', '2026-10', '2026-09']);
    expect(monthsWithData([month('2026-11', 0, 0, 0, null), month('2026-10', 0, 0, 0, null)]).map((m) => m.month)).toEqual(['2026-11']);
  });

  it('sums up the month without a rate from too few items, and with it from enough', () => {
    expect(feedbackSummary(month('2026-11', 0, 0, 0, null))).toBe('Tháng này chưa nhận góp ý, phản ánh nào.');
    const few = feedbackSummary(month('2026-11', 3, 1, 1, 4));
    expect(few).toMatch('đã nhận 3 góp ý, phản ánh; đã trả lời 1, trong đó 1 đúng hạn');
    expect(few).toMatch('chưa đủ số liệu (n = 3)');
    expect(few).not.toMatch(/\d%/);
    const many = feedbackSummary(month('2026-11', 40, 36, 30, 20));
    expect(many).toMatch(/^Tháng này đã nhận 40 .* 90% đã được trả lời \(n = 40; khoảng tin cậy 95%: \d+–\d+%\)\. Thời gian trả lời \(trung vị\): 20 giờ\.$/);
  });
});
