import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/reports/csv.js';
import { groupSimilar } from '../../src/reports/grouping.js';
import { monthRange } from '../../src/lib/time-zone.js';

describe('admin helpers', () => {
  it('groups similar unanswered questions, biggest group first', () => {
    const groups = groupSimilar(
      ['giá vé xe khách sơn la hà nội', 'gia ve xe khach son la ha noi bao nhieu', 'giá vé xe khách Sơn La đi Hà Nội', 'lịch thi tốt nghiệp'],
      (q) => q,
    );
    expect(groups.map((g) => g.count)).toEqual([3, 1]);
    expect(groups[1].example).toBe('lịch thi tốt nghiệp');
  });

  it('writes CSV for Excel: BOM, quotes, no formula injection', () => {
    const csv = toCsv(['câu hỏi', 'góp ý'], [['a "b"', '=HYPERLINK("x")'], ['dòng\nmới', null]]);
    expect(csv.startsWith('\uFEFF"câu hỏi","góp ý"\r\n')).toBe(true);
    expect(csv).toContain('"a ""b"""');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain('"dòng\nmới",""');
  });

  it('computes the month in the province’s time zone', () => {
    // 30 Nov 2026 20:00 UTC is already 1 Dec in Vietnam (UTC+7)
    const r = monthRange(new Date('2026-11-30T20:00:00Z'), 'Asia/Ho_Chi_Minh');
    expect(r).toEqual({ month: '2026-12', start: '2026-11-30T17:00:00.000Z', end: '2026-12-31T17:00:00.000Z' });
  });
});
