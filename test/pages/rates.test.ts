import { describe, expect, it } from 'vitest';
import { intervalText, rateDetail, rateValue, shownRate } from '../../src/pages/console/rates.js';
import { rateStat } from '../../src/reports/rates.js';

describe('how a published share is shown', () => {
  it('gives no rate below the minimum sample, only n, and the interval beside it', () => {
    const one = rateStat(1, 1, 30); // one happy citizen is not "100%"
    expect(rateValue(one)).toBe('chưa đủ số liệu (n = 1)');
    expect(shownRate(one)).toBeNull();
    expect(rateDetail(one)).toMatch(/^n = 1; khoảng tin cậy 95%: \d+–100%$/);
  });

  it('gives the rate from the minimum sample on, always with n and the 95% interval', () => {
    const s = rateStat(27, 30, 30);
    expect(rateValue(s)).toBe('90%');
    expect(shownRate(s)).toBeCloseTo(0.9);
    expect(rateDetail(s)).toBe('n = 30; khoảng tin cậy 95%: 74–97%');
    expect(intervalText(s)).toBe('74–97%');
  });

  it('says n = 0 and no interval when nothing was counted', () => {
    const none = rateStat(0, 0, 30);
    expect(rateValue(none)).toBe('chưa đủ số liệu (n = 0)');
    expect(rateDetail(none)).toBe('n = 0');
    expect(shownRate(undefined)).toBeNull();
  });

  it('never shows a rate the API withholds, even if a number is present', () => {
    const withheld = { ...rateStat(29, 29, 30), rate: 1 };
    expect(withheld.enoughData).toBe(false);
    expect(rateValue(withheld)).toBe('chưa đủ số liệu (n = 29)');
    expect(shownRate(withheld)).toBeNull();
  });
});
