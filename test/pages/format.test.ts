import { describe, expect, it } from 'vitest';
import { barWidth, formatDate, formatDateTime, formatDuration, formatTime, num, percent } from '../../src/pages/console/format.js';

describe('console formatting (Vietnamese conventions)', () => {
  it('writes thousands with dots and rates with a decimal comma; unknown is a dash', () => {
    expect(num(1234567)).toBe('1.234.567');
    expect(num(999)).toBe('999');
    expect(num(null)).toBe('—');
    expect(num(Number.NaN)).toBe('—');
    expect(percent(0.925)).toBe('92,5%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(percent(null)).toBe('—');
  });

  it('turns a rate into a bar width class number, clamped to 0–100', () => {
    expect(barWidth(0.456)).toBe(46);
    expect(barWidth(1.7)).toBe(100);
    expect(barWidth(-0.2)).toBe(0);
    expect(barWidth(null)).toBe(0);
  });

  it('writes durations in giây, phút and giờ, rounding or flooring as asked', () => {
    expect(formatDuration(45)).toBe('45 giây');
    expect(formatDuration(59.6)).toBe('1 phút 00 giây');
    expect(formatDuration(59.6, Math.floor)).toBe('59 giây');
    expect(formatDuration(185)).toBe('3 phút 05 giây');
    expect(formatDuration(3720)).toBe('1 giờ 02 phút');
    expect(formatDuration(-4)).toBe('0 giây');
    expect(formatDuration(undefined)).toBe('—');
  });

  it('writes calendar dates without a time-zone shift and times as hh:mm dd/mm/yyyy', () => {
    expect(formatDate('2026-03-01')).toBe('01/03/2026');
    expect(formatDate('')).toBe('—');
    expect(formatDate('không rõ')).toBe('không rõ');
    const local = new Date(2026, 10, 3, 14, 5);
    expect(formatDateTime(local.toISOString())).toBe('14:05 03/11/2026');
    expect(formatDateTime('garbage')).toBe('garbage');
    expect(formatDateTime(null)).toBe('—');
  });

  it('shows only the time for today and adds the day otherwise', () => {
    const now = new Date(2026, 10, 29, 16, 0);
    expect(formatTime(new Date(2026, 10, 29, 9, 7).toISOString(), now)).toBe('09:07');
    expect(formatTime(new Date(2026, 10, 28, 9, 7).toISOString(), now)).toBe('09:07 28/11');
    expect(formatTime('not a time', now)).toBe('');
  });
});
