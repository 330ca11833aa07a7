import { describe, expect, it } from 'vitest';
import { redact, redactPersonalData } from '../../src/privacy/redact.js';

describe('redactPersonalData', () => {
  it('removes 12-digit căn cước numbers, phone numbers and emails', () => {
    const r = redactPersonalData('CCCD của tôi 034195001234, sđt 0912 345 678, mail ba.nguyen@gmail.com');
    expect(r.text).not.toMatch(/034195001234|0912|345 678|gmail/);
    expect(r.text).toContain('[số định danh]');
    expect(r.text).toContain('[số điện thoại]');
    expect(r.text).toContain('[email]');
    expect(r.found.sort()).toEqual(['email', 'id_number', 'phone']);
  });

  it('handles +84 and dotted phone numbers and old 9-digit ID numbers', () => {
    expect(redact('gọi +84 912.345.678 nhé')).toBe('gọi [số điện thoại] nhé');
    expect(redact('số 0203.123.4567')).toBe('số [số điện thoại]');
    expect(redact('cmnd 050123456')).toBe('cmnd [số định danh]');
  });

  it('leaves ordinary numbers alone', () => {
    expect(redact('trẻ dưới 6 tuổi, nộp trong 60 ngày, lệ phí 20.000 đồng, năm 2025')).toBe(
      'trẻ dưới 6 tuổi, nộp trong 60 ngày, lệ phí 20.000 đồng, năm 2025',
    );
    expect(redactPersonalData('tổng đài 18001096').found).toEqual([]);
  });
});
