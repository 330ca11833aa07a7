import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/privacy/normalise.js';
import { redact, redactPersonalData } from '../../src/privacy/redact.js';
import { PII_SAMPLES } from './samples.js';

describe('normaliseText', () => {
  it('turns full-width characters into plain ones and removes invisible format characters', () => {
    expect(normaliseText('０９１２\u200B３４５\u2060６７８')).toBe('0912345678');
    expect(normaliseText('ba\u00ADnguyen＠gmail．com')).toBe('banguyen@gmail.com');
    expect(normaliseText('0912\u00A0345\u2013678\u3002')).toBe('0912 345-678.');
  });

  it('keeps Vietnamese letters and the tag characters guard-input refuses', () => {
    expect(normaliseText('Đăng ký khai sinh cho con')).toBe('Đăng ký khai sinh cho con');
    expect(normaliseText('a\u{E0041}')).toBe('a\u{E0041}');
  });
});

describe('redactPersonalData', () => {
  it.each(PII_SAMPLES)('%s: %s', (kind, sample) => {
    const r = redactPersonalData(`Của tôi đây: ${sample} nhé`);
    expect(r.found).toContain(kind);
    expect(r.text).toMatch(/^Của tôi đây: (\[[^\]]+\] ?)+ nhé$/);
  });

  it('names each kind it found, and placeholders redacted earlier', () => {
    const r = redactPersonalData('CCCD của tôi 034195001234, sđt 0912 345 678, mail ba.nguyen@gmail.com, nhà số 12 ngõ 4');
    expect(r.text).toBe('CCCD của tôi [số định danh], sđt [số điện thoại], mail [email], [địa chỉ] [địa chỉ]');
    expect(r.found.sort()).toEqual(['address', 'email', 'id_number', 'phone']);
    expect(redactPersonalData(r.text).found.sort()).toEqual(['address', 'email', 'id_number', 'phone']);
  });

  it('splits numbers written next to each other', () => {
    expect(redact('0912345678 0987654321')).toBe('[số điện thoại] [số điện thoại]');
    expect(redact('năm 2025 0912 345 678')).toBe('năm 2025 [số điện thoại]');
    expect(redact('0912 345 678 034 195 001 234')).toBe('[số điện thoại] [số định danh]');
  });

  it.each([
    'trẻ dưới 6 tuổi, nộp trong 60 ngày, lệ phí 20.000 đồng, năm 2025',
    'vay 200.000.000 đồng để làm nhà',
    'tổng đài 1800 1096 hoặc 113',
    'mã hồ sơ 000.00.25.H53-250101-0001',
    'hẹn ngày 12-05-2025 lúc 8.30',
    'Nghị định 13/2023/NĐ-CP, điều 12',
    'giấy CT07 và mẫu TK01',
    'lệ phí 500k hay 1,5 triệu',
    'nộp năm 2024. 15 ngày sau có kết quả, phí 200 . 000 đồng',
    'xem tại dichvucong.gov.vn. Com pa và thước mang theo',
  ])('leaves ordinary numbers alone: %s', (text) => {
    expect(redactPersonalData(text)).toEqual({ text, found: [] });
  });
});
