import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.js';
import { parseOfficeHours } from '../../src/handoff/office-hours.js';

describe('office hours', () => {
  const hours = parseOfficeHours('Mon-Fri 07:30-11:30,13:30-17:00; Sat 07:30-11:30', 'Asia/Ho_Chi_Minh');

  it('is open on weekday office hours in Vietnam time and closed otherwise', () => {
    // Monday 30 Nov 2026: 08:00 in Vietnam is 01:00 UTC
    expect(hours.isOpen(new Date('2026-11-30T01:00:00Z'))).toBe(true);
    expect(hours.isOpen(new Date('2026-11-30T05:00:00Z'))).toBe(false); // 12:00 lunch
    expect(hours.isOpen(new Date('2026-11-30T06:30:00Z'))).toBe(true); // 13:30
    expect(hours.isOpen(new Date('2026-11-30T10:00:00Z'))).toBe(false); // 17:00 closes
    expect(hours.isOpen(new Date('2026-11-28T02:00:00Z'))).toBe(true); // Saturday 09:00
    expect(hours.isOpen(new Date('2026-11-29T02:00:00Z'))).toBe(false); // Sunday
  });

  it('"always" is always open; bad values name OFFICE_HOURS or TIMEZONE', () => {
    expect(parseOfficeHours('always', 'UTC').isOpen()).toBe(true);
    for (const bad of ['sometimes', 'Mon-Fri 9-17', 'Mon 17:00-08:00', 'Xyz 07:00-08:00']) {
      expect(() => parseOfficeHours(bad, 'UTC')).toThrow(ConfigError);
      expect(() => parseOfficeHours(bad, 'UTC')).toThrow(/OFFICE_HOURS/);
    }
    expect(() => parseOfficeHours('always', 'Mars/Base')).toThrow(/TIMEZONE/);
  });

  it('says the hours in Vietnamese words, grouping days with the same hours, never the raw setting', () => {
    expect(parseOfficeHours('Mon-Fri 07:30-11:30,13:30-17:00', 'Asia/Ho_Chi_Minh').words).toBe(
      'thứ Hai đến thứ Sáu: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ',
    );
    expect(hours.words).toBe('thứ Hai đến thứ Sáu: sáng từ 7 giờ 30 đến 11 giờ 30, chiều từ 13 giờ 30 đến 17 giờ; thứ Bảy: sáng từ 7 giờ 30 đến 11 giờ 30');
    // Days that are not next to each other are not merged, even with the same hours; evening hours say so.
    expect(parseOfficeHours('Mon 08:00-11:00; Wed 08:00-11:00; Sun 18:30-20:00', 'UTC').words).toBe(
      'thứ Hai: sáng từ 8 giờ đến 11 giờ; thứ Tư: sáng từ 8 giờ đến 11 giờ; Chủ nhật: tối từ 18 giờ 30 đến 20 giờ',
    );
    expect(parseOfficeHours('always', 'UTC').words).toBe('cả ngày, mọi ngày trong tuần');
    expect(hours.words).not.toMatch(/Mon|Fri|07:30/);
  });
});
