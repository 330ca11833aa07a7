import { describe, expect, it } from 'vitest';
import { neutralise, toCsv } from '../../src/reports/csv.js';
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

  it.each([
    ['=1+1'],
    ['+1+1'],
    ['-1+1'],
    ['@SUM(A1:A2)'],
    ['\t=1+1'],
    ['\r=1+1'],
    [' =HYPERLINK("http://x")'],
    ['\n=cmd|" /C calc"!A0'],
    ['\u200B=1+1'],
    ['\uFEFF+1'],
    ['\u00A0-1'],
    ['\u202E@SUM(1)'],
    ['\u2060 \u200D=1'],
    ['\uFF1D1+1'],
  ])('neutralises the formula payload %j', (payload) => {
    expect(neutralise(payload)).toBe(`'${payload}`);
    expect(toCsv(['x'], [[payload]])).toContain(`"'${payload.replace(/"/g, '""')}"`);
  });

  it.each([['làm căn cước ở đâu'], ['gọi 1900-1234'], ['a = b'], ['email@ví dụ'], [''], ['  khai sinh']])('leaves ordinary text %j as it is', (text) => {
    expect(neutralise(text)).toBe(text);
  });

  it('computes the month in the province’s time zone', () => {
    // 30 Nov 2026 20:00 UTC is already 1 Dec in Vietnam (UTC+7)
    const r = monthRange(new Date('2026-11-30T20:00:00Z'), 'Asia/Ho_Chi_Minh');
    expect(r).toEqual({ month: '2026-12', start: '2026-11-30T17:00:00.000Z', end: '2026-12-31T17:00:00.000Z' });
  });
});
